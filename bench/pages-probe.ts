/**
 * The probe of bench/browser-pages.ts, injected next to the real content.js into the same isolated
 * world of a tab (the extension's world, where Decant's content script runs). It times, side by side
 * in one page:
 *  - plain Readability 0.6.0 on a clone of the page: `new Readability(document.cloneNode(true)).parse()`;
 *  - Decant's full click path: the real content script's `run()` as the service worker calls it
 *    (capture for the hash, copy, marks from computed style, the core pipeline, the hash), up to the
 *    answer the popup shows; and, as its own run, the ledger's HTML the service worker asks for
 *    right after (`ledgerHtml`), which only "show again" needs.
 * Each run is its own `executeScript` call, so bench/browser-pages.ts can read the renderer main
 * thread's CPU time around it (CDP Performance `ThreadTime`) as well as the wall time measured here.
 * Not shipped: built by bench/browser-pages.ts only.
 */
import { Readability } from '@mozilla/readability';
import type { ContentReply } from '../src/platform/protocol';

interface DecantRun {
  ms: number;
  state: string;
  words: number | null;
  removed: number;
  timings: Record<string, number> | null;
}

function readability(): { ms: number; ok: boolean } {
  const t = performance.now();
  let ok = false;
  try {
    ok = !!new Readability(document.cloneNode(true) as Document).parse();
  } catch {
    ok = false;
  }
  return { ms: performance.now() - t, ok };
}

async function decant(): Promise<DecantRun> {
  const api = globalThis.__decantContent;
  if (!api) throw new Error('content.js is not in this world');
  const t = performance.now();
  const reply: ContentReply = await api.run({ ledgerHtml: 'later' });
  const ms = performance.now() - t;
  lastToken = reply.state === 'article' || reply.state === 'no-article' ? (reply.ledgerPending ?? null) : null;
  const withCapture = reply.state === 'article' || reply.state === 'no-article' ? reply : null;
  return {
    ms,
    state: reply.state === 'error' ? `error: ${reply.message}` : reply.state,
    words: reply.state === 'article' ? reply.article.wordCount : null,
    removed: withCapture ? withCapture.removed.length : 0,
    timings: withCapture ? { ...withCapture.capture.timings, ...Object.fromEntries((withCapture.capture.steps ?? []).filter((s) => s.name !== 'total').map((s) => [`core.${s.name}`, s.ms])) } : null,
  };
}

let lastToken: string | null = null;

/** The ledger's HTML of the last `decant()` run, as the service worker fetches it after the answer. */
function ledger(): { ms: number; ok: boolean } {
  const api = globalThis.__decantContent;
  const t = performance.now();
  const html = lastToken && api ? api.ledgerHtml(lastToken) : null;
  lastToken = null;
  return { ms: performance.now() - t, ok: !!html };
}

function info(): { elements: number; bytes: number } {
  return { elements: document.getElementsByTagName('*').length, bytes: document.documentElement.outerHTML.length };
}

(globalThis as { __decantBench?: unknown }).__decantBench = { readability, decant, ledger, info, noop: () => 0 };
