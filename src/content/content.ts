/**
 * The content script, injected on the reader's click (activeTab) by the service worker. It reads the
 * live page and never changes it: it captures the DOM (time and SHA-256, for exports) and runs the
 * pure core on the page, which works on its own copy; on that copy, before the core reads it, this
 * script marks what the live page hides or floats over it (computed style, mark.ts). It answers with
 * plain data through `scripting.executeScript`. The core runs without DOMPurify here (deferred.ts):
 * the answer's `contentHtml` and ledger `html` are page markup, which the views sanitise where they
 * show, store or export it, as they always did.
 *
 * A classic script (IIFE). It defines one function in the extension's isolated world, so a second
 * click does not evaluate the bundle again. No webextension-polyfill, no Markdown here.
 */
import { cleanDeferred } from '../core/deferred';
import type { LedgerEntry } from '../core/types';
import type { ContentOptions, ContentReply } from '../platform/protocol';
import { CONTENT_API_VERSION } from '../platform/protocol';
import { markCopy } from './mark';
import { safeDom, unclobberForms } from '../core/safe-dom';
import { sha256HexOf } from './hash';
import { closedShadowReader } from '../platform/content-ext';
import { composedCopier } from './composed';

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml|application\/xml|text\/xml|image\/svg\+xml)$/i;

/** The last run's ledger, when its HTML was asked for later (detached blocks, freed once read). */
let pending: { token: string; entries: readonly LedgerEntry[] } | null = null;

async function run(options: ContentOptions = {}): Promise<ContentReply> {
  try {
    const dom = safeDom(window);
    if (dom.readyState(document) === 'loading') return { state: 'loading' };
    const type = dom.contentType(document) || 'text/html';
    if (type === 'application/pdf') return { state: 'restricted', kind: 'pdf' };
    const root = dom.documentElement(document);
    if (!HTML_TYPES.test(type) || !root) return { state: 'restricted', kind: 'not-html' };

    const t0 = performance.now();
    const capturedAt = new Date().toISOString();
    const url = location.href;
    const hashing = sha256HexOf(dom.outerHTML(root));
    const t1 = performance.now();
    // The core copies the page once (per attempt) and lets us mark its copy from the live page.
    let mark = 0;
    const result = cleanDeferred(document, {
      url: /^https?:/i.test(url) ? url : undefined,
      window,
      ...(options.categories ? { categories: options.categories } : {}),
      prepareCopy: (copy) => {
        const m = performance.now();
        unclobberForms(copy, window, dom);
        markCopy(document, copy, window, dom, undefined, composedCopier(copy, window, dom, closedShadowReader() ?? dom.shadowRoot));
        mark += performance.now() - m;
      },
    });
    const t2 = performance.now();
    // Plain objects. Reading each entry's `html` serialises every removed block; only "show again"
    // needs it, so by request it waits for ledgerHtml(), after the popup has the article.
    const later = options.ledgerHtml === 'later' && result.removed.length > 0;
    const removed = result.removed.map((e) => ({ id: e.id, rule: e.rule, category: e.category, reason: e.reason, preview: e.preview, path: e.path, html: later ? '' : e.html, after: e.after }));
    const ledgerPending = later ? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` : undefined;
    pending = ledgerPending ? { token: ledgerPending, entries: result.removed } : null;
    const t3 = performance.now();
    const sha256Html = await hashing;
    const t4 = performance.now();
    const timings = { capture: t1 - t0, mark, clean: t2 - t1 - mark, ledger: t3 - t2, hash: t4 - t3, total: t4 - t0 };
    const capture = { capturedAt, sha256Html, url, timings, steps: result.debug?.steps ?? [] };
    const deferred = ledgerPending ? { ledgerPending } : {};
    if (!result.article) {
      return { state: 'no-article', reason: result.reason ?? 'No article was found on this page.', removed, warnings: result.warnings, capture, ...deferred };
    }
    return { state: 'article', article: { ...result.article }, removed, warnings: result.warnings, capture, citation: result.citation ?? null, ...deferred };
  } catch (e) {
    return { state: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

function ledgerHtml(token: string): string[] | null {
  if (!pending || pending.token !== token) return null;
  const { entries } = pending;
  pending = null;
  try {
    return entries.map((e) => e.html);
  } catch {
    return null;
  }
}

if (globalThis.__decantContent?.version !== CONTENT_API_VERSION) {
  globalThis.__decantContent = { version: CONTENT_API_VERSION, run, ledgerHtml };
}
// The service worker's call may have arrived before this script (it sends both at once): answer it.
for (const answer of globalThis.__decantContentWaiting?.splice(0) ?? []) answer();
