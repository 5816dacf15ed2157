// Per page, in Chromium with the built extension: every page of ../shared/corpus/scrapinghub is served
// on 127.0.0.1 and, in the content script's own isolated world, plain Readability (clone + parse) and
// Decant's whole click path (the real content.js `run()` as the service worker calls it: capture,
// copy, computed-style marks, pipeline, hash; then, timed apart, the ledger HTML it asks for after
// the answer) are timed side by side in the same page: the first run of each (cold
// code in a fresh world), then BENCH_WARM warm pairs (default 5; their median is kept), alternating
// which goes first. Each run is its own call, so the renderer main thread's CPU time is read around it
// (CDP Performance ThreadTime) next to the wall time measured in the page: on a busy machine a run
// that outlasts a scheduler time slice waits for a core, and wall time then penalises the longer run.
// BENCH_PAGES=N (first N pages), BENCH_FILTER=<id prefix>; 60 pages per browser session.
// BENCH_JS_FLAGS passes V8 flags to Chromium: all pages come from one origin, so one renderer's V8
// caches compiled scripts and regexps from page to page, which a reader's first click on a site does
// not have; `BENCH_JS_FLAGS=--no-compilation-cache` measures that first click.
// Writes .bench/browser/pages.json; returns the summary and its Markdown table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import type { CDPSession } from 'playwright-core';
import { ROOT, SHARED } from '../test/helpers';
import { CHROMIUM, launch, tabIdOf, type Session } from '../test/e2e/chromium';
import { corpusPath, startServer } from '../test/e2e/server';

// The extension APIs inside `sw.evaluate` callbacks (they run in the service worker, not in Node).
declare const chrome: {
  scripting: {
    executeScript(injection: object): Promise<{ result?: unknown; error?: { message?: string } }[]>;
  };
};

const WARM = Number(process.env.BENCH_WARM ?? 5);
const PAGES = Number(process.env.BENCH_PAGES ?? Infinity);
const FILTER = process.env.BENCH_FILTER ?? null;
const PAGES_PER_SESSION = 60;

interface Run {
  ms: number;
  cpu: number;
  ok?: boolean;
  state?: string;
  words?: number | null;
  removed?: number;
  timings?: Record<string, number> | null;
  elements?: number;
  bytes?: number;
}

interface PageResult {
  id: string;
  elements: number;
  bytes: number;
  state: string;
  words: number | null;
  removed: number;
  readabilityFound: boolean;
  first: { readability: number; decant: number };
  warm: { readability: number; decant: number };
  firstCpu: { readability: number; decant: number };
  warmCpu: { readability: number; decant: number };
  overheadCpu: number;
  parts: Record<string, { first: number; warm: number }>;
}

const quantile = (xs: number[], q: number): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const median = (xs: number[]): number => quantile(xs, 0.5);
const stats = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? NaN, n: s.length };
};
const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/** A copy of dist/chrome that may inject on 127.0.0.1 without a click per page, plus the probe. */
async function benchExtension(): Promise<string> {
  const dir = path.join(ROOT, '.bench', 'browser', 'ext');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'dist', 'chrome'), dir, { recursive: true });
  // BROWSER-TESTING.md, "a host_permissions test build": the code that runs is the same.
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['http://127.0.0.1/*'];
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await esbuild.build({
    entryPoints: { 'pages-probe': path.join(ROOT, 'bench', 'pages-probe.ts') },
    outdir: dir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome116'],
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  return dir;
}

/** Call `__decantBench[fn]()` in the tab's extension world (where content.js and the probe live). */
async function inTab(session: Session, tabId: number, fn: string): Promise<Run> {
  return session.sw.evaluate(
    async ({ tabId, fn }) => {
      const [frame] = await chrome.scripting.executeScript({
        target: { tabId },
        func: (f: string) => (globalThis as unknown as { __decantBench: Record<string, () => unknown> }).__decantBench[f](),
        args: [fn],
      });
      if (!frame) throw new Error('no frame answered');
      if (frame.error) throw new Error(String(frame.error.message ?? frame.error));
      return frame.result as Run;
    },
    { tabId, fn },
  );
}

/** One run with the main thread's CPU time around it, an empty call's cost (`overhead`) taken off. */
async function timed(session: Session, cdp: CDPSession, tabId: number, fn: string, overhead = 0): Promise<Run> {
  const thread = async (): Promise<number> => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return metrics.find((m) => m.name === 'ThreadTime')!.value * 1000;
  };
  const a = await thread();
  const result = await inTab(session, tabId, fn);
  const b = await thread();
  return { ...result, cpu: Math.max(0, b - a - overhead) };
}

async function measurePage(session: Session, cdp: CDPSession, tabId: number, id: string, i: number): Promise<PageResult> {
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' } as never);
  await session.sw.evaluate(
    (tabId) => chrome.scripting.executeScript({ target: { tabId }, files: ['content.js', 'pages-probe.js'], injectImmediately: true }),
    tabId,
  );
  const info = await inTab(session, tabId, 'info');
  const empty: number[] = [];
  for (let n = 0; n < 3; n++) empty.push((await timed(session, cdp, tabId, 'noop')).cpu);
  const overhead = median(empty);
  // The first run of each in this world, then warm pairs; alternate which goes first.
  const runs: { readability: Run; decant: Run; ledger: Run }[] = [];
  for (let n = 0; n <= WARM; n++) {
    const order = (i + n) % 2 === 0 ? (['readability', 'decant'] as const) : (['decant', 'readability'] as const);
    const pair = {} as { readability: Run; decant: Run; ledger: Run };
    for (const fn of order) {
      pair[fn] = await timed(session, cdp, tabId, fn, overhead);
      // The service worker asks for the ledger's HTML right after the answer: its own run.
      if (fn === 'decant') pair.ledger = await timed(session, cdp, tabId, 'ledger', overhead);
    }
    runs.push(pair);
  }
  const [first, ...warm] = runs;
  const warmOf = (fn: 'readability' | 'decant', key: 'ms' | 'cpu'): number => median(warm.map((w) => w[fn][key]));
  const parts: PageResult['parts'] = {};
  for (const key of Object.keys(first.decant.timings ?? {})) {
    parts[key] = { first: first.decant.timings![key], warm: median(warm.map((w) => w.decant.timings?.[key] ?? NaN)) };
  }
  parts['ledger after'] = { first: first.ledger.ms, warm: median(warm.map((w) => w.ledger.ms)) };
  parts['ledger after, CPU'] = { first: first.ledger.cpu, warm: median(warm.map((w) => w.ledger.cpu)) };
  return {
    id,
    elements: info.elements ?? NaN,
    bytes: info.bytes ?? NaN,
    state: first.decant.state ?? '',
    words: first.decant.words ?? null,
    removed: first.decant.removed ?? 0,
    readabilityFound: !!first.readability.ok,
    first: { readability: first.readability.ms, decant: first.decant.ms },
    warm: { readability: warmOf('readability', 'ms'), decant: warmOf('decant', 'ms') },
    firstCpu: { readability: first.readability.cpu, decant: first.decant.cpu },
    warmCpu: { readability: warmOf('readability', 'cpu'), decant: warmOf('decant', 'cpu') },
    overheadCpu: overhead,
    parts,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const extDir = await benchExtension();
  const corpus = path.join(SHARED, 'corpus', 'scrapinghub');
  let ids = fs.readdirSync(corpus).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
  if (FILTER) ids = ids.filter((id) => FILTER.split(',').some((f) => id.startsWith(f)));
  ids = ids.slice(0, PAGES);
  const load = (): string => os.loadavg().map((x) => x.toFixed(1)).join(' ');
  const loadAtStart = load();
  const started = Date.now();
  const server = await startServer();
  const pages: PageResult[] = [];
  const failures: { id: string; error: string }[] = [];
  try {
    for (let s = 0; s < ids.length; s += PAGES_PER_SESSION) {
      const session = await launch({ extDir, ...(process.env.BENCH_JS_FLAGS ? { args: [`--js-flags=${process.env.BENCH_JS_FLAGS}`] } : {}) });
      try {
        const page = await session.context.newPage();
        await page.goto('about:blank');
        const tabId = await tabIdOf(session, page);
        const cdp = await session.context.newCDPSession(page);
        for (const [k, id] of ids.slice(s, s + PAGES_PER_SESSION).entries()) {
          try {
            await page.goto(server.origin + corpusPath(id), { waitUntil: 'load', timeout: 30_000 });
            const p = await measurePage(session, cdp, tabId, id, s + k);
            pages.push(p);
            process.stderr.write(`\r${s + k + 1}/${ids.length} ${id.slice(0, 8)} CPU R ${fmt(p.firstCpu.readability, 0)}/${fmt(p.warmCpu.readability, 0)} D ${fmt(p.firstCpu.decant, 0)}/${fmt(p.warmCpu.decant, 0)} ms   `);
          } catch (e) {
            failures.push({ id, error: String((e as Error)?.message ?? e).split('\n')[0] });
            process.stderr.write(`\n${id.slice(0, 8)}: ${failures[failures.length - 1].error}\n`);
          }
        }
      } finally {
        await session.close();
      }
    }
  } finally {
    await server.close();
  }
  process.stderr.write('\n');

  const summary: Record<string, { readability: ReturnType<typeof stats>; decant: ReturnType<typeof stats>; ratioMedian: number; ratioP95: number; perPageRatio: ReturnType<typeof stats> }> = {};
  for (const run of ['first', 'warm', 'firstCpu', 'warmCpu'] as const) {
    const r = stats(pages.map((p) => p[run].readability));
    const d = stats(pages.map((p) => p[run].decant));
    summary[run] = { readability: r, decant: d, ratioMedian: d.median / r.median, ratioP95: d.p95 / r.p95, perPageRatio: stats(pages.map((p) => p[run].decant / p[run].readability)) };
  }
  const partNames = Object.keys(pages.find((p) => Object.keys(p.parts).length)?.parts ?? {});
  const parts = Object.fromEntries(partNames.map((k) => [k, { first: stats(pages.map((p) => p.parts[k]?.first)), warm: stats(pages.map((p) => p.parts[k]?.warm)) }]));
  const slowest = [...pages].sort((a, b) => b.firstCpu.decant - a.firstCpu.decant).slice(0, 8);
  const chromium = (() => {
    try {
      return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'Chromium (version unknown)';
    }
  })();
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  const LABELS = { first: 'first run, wall', warm: `warm (median of ${WARM}), wall`, firstCpu: 'first run, CPU', warmCpu: `warm (median of ${WARM}), CPU` } as const;
  const main = ['capture', 'mark', 'clean', 'ledger', 'hash', 'ledger after', 'ledger after, CPU'].filter((k) => parts[k]);
  const core = partNames.filter((k) => k.startsWith('core.'));
  const span = (k: string): string => `${k.replace(/^core\./, '')} ${fmt(parts[k].first.median)} / ${fmt(parts[k].first.p95)} → ${fmt(parts[k].warm.median)} / ${fmt(parts[k].warm.p95)}`;
  const lines = [
    `Per page — ${date}, ${chromium} (headless), ${machine}; ${pages.length} pages of scrapinghub${failures.length ? ` (${failures.length} failed)` : ''}, ${WARM} warm pairs per page; load average ${loadAtStart} → ${load()}.`,
    '',
    "Readability = `new Readability(document.cloneNode(true)).parse()`; Decant = the click path in content.js up to the answer the popup shows (`run()`: copy, computed-style marks, pipeline, hash); the ledger's HTML, which the service worker asks for after that answer and only \"show again\" needs, is timed apart (`ledger after`). Both run in the content script's isolated world of the same page, one after the other. Wall = `performance.now()` in the page; CPU = the renderer main thread's CPU time around the call (CDP `ThreadTime`, an empty call's cost taken off). Times in ms.",
    '',
    '| run | Readability median | p95 | max | Decant median | p95 | max | ratio median | ratio p95 |',
    '|---|---|---|---|---|---|---|---|---|',
    ...(['first', 'warm', 'firstCpu', 'warmCpu'] as const).map((run) => {
      const x = summary[run];
      return `| ${LABELS[run]} | ${fmt(x.readability.median)} | ${fmt(x.readability.p95)} | ${fmt(x.readability.max)} | ${fmt(x.decant.median)} | ${fmt(x.decant.p95)} | ${fmt(x.decant.max)} | **${fmt(x.ratioMedian, 2)}** | **${fmt(x.ratioP95, 2)}** |`;
    }),
    '',
    `Decant's click path part by part (wall ms, median / p95 over pages, first run → warm): ${main.map(span).join('; ')}.`,
    `Inside \`clean\`, the core's steps: ${core.map(span).join('; ')}.`,
    '',
    '| slowest pages (first run, CPU) | elements | KB | Readability CPU ms | Decant CPU ms | ratio | wall: mark | clean | ledger |',
    '|---|---|---|---|---|---|---|---|---|',
    ...slowest.map((p) => `| ${p.id.slice(0, 12)} | ${p.elements} | ${Math.round(p.bytes / 1024)} | ${fmt(p.firstCpu.readability)} | ${fmt(p.firstCpu.decant)} | ${fmt(p.firstCpu.decant / p.firstCpu.readability, 2)} | ${fmt(p.parts.mark?.first)} | ${fmt(p.parts.clean?.first)} | ${fmt(p.parts.ledger?.first)} |`),
  ];
  const markdown = lines.join('\n');
  const result = { date, chromium, machine, loadAverage: { start: loadAtStart, end: load() }, warmRuns: WARM, seconds: (Date.now() - started) / 1000, summary, parts, failures, pages };
  fs.mkdirSync(path.join(ROOT, '.bench', 'browser'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, '.bench', 'browser', 'pages.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${markdown}\n`);
  return { date, chromium, machine, pages: pages.length, failures: failures.length, summary, markdown };
}
