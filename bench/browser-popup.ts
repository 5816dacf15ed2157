// Time from the toolbar click to the cleaned article visible in the real popup, on the sample page in
// Chromium, median of 10 (a fresh page load before each click, so every run injects the content
// script as a reader's first click does), next to plain Readability (clone + parse) on the same page
// in the same browser. "Visible" is the popup's `decant:article-visible` mark, taken after the frame
// that paints the article.
// Two setups, each in its own fresh profile: the headline one as a fresh profile has it, Decant's icon
// not pinned (Chromium slides the icon out of the extensions menu into the toolbar and opens the popup
// when that animation ends, ~100-150 ms that no extension code can shorten), and then with the icon
// pinned to the toolbar, where the popup opens at once.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../test/helpers';
import { clickToolbarIcon, launch, settled, type Session } from '../test/e2e/chromium';
import { SAMPLE_PATH, startServer } from '../test/e2e/server';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;

async function readabilityBundle(): Promise<string> {
  const r = await esbuild.build({
    stdin: { contents: "import { Readability } from '@mozilla/readability'; globalThis.__Readability = Readability;", resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  });
  return r.outputFiles[0].text;
}

/** The popup's own marks, in order (ms from the popup page's start). */
const MARKS = ['decant:clean-requested', 'decant:settings-loaded', 'decant:clean-answered', 'decant:article-rendered', 'decant:article-visible'] as const;

interface Clicks {
  total: number[];
  open: number[];
  content: number[];
  /** Per run: each of MARKS, and the end of DOMContentLoaded, from the popup page's start. */
  marks: Record<string, number>[];
  cold: number;
}

/** RUNS clicks (after one that warms the session up), each on a freshly loaded sample page. */
async function clicks(session: Session, url: string): Promise<Clicks> {
  const page = await session.context.newPage();
  const out: Clicks = { total: [], open: [], content: [], marks: [], cold: 0 };
  for (let i = 0; i <= RUNS; i++) {
    await page.goto(url, { waitUntil: 'load' });
    const popup = await clickToolbarIcon(session, page);
    if ((await settled(popup.page)) !== 'article') throw new Error('the popup did not show the article');
    await popup.page.waitForFunction(() => performance.getEntriesByName('decant:article-visible').length > 0);
    const t = await popup.page.evaluate((names) => ({
      origin: performance.timeOrigin,
      visible: performance.getEntriesByName('decant:article-visible')[0].startTime,
      cleaned: Number(/Cleaned in (\d+)/.exec(document.querySelector('.footer-note')?.textContent ?? '')?.[1] ?? NaN),
      marks: {
        ...Object.fromEntries(names.map((n) => [n.replace('decant:', ''), performance.getEntriesByName(n)[0]?.startTime ?? NaN])),
        ...(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return { 'popup.html fetched': nav?.responseEnd ?? NaN, 'DOMContentLoaded end': nav?.domContentLoadedEventEnd ?? NaN };
        })(),
      },
    }), [...MARKS]);
    await popup.close();
    const clickToVisible = t.origin + t.visible - popup.clickedAt;
    if (i === 0) {
      out.cold = clickToVisible; // the browser's first popup of the session; reported, not in the median
      continue;
    }
    out.total.push(clickToVisible);
    out.open.push(t.origin - popup.clickedAt);
    out.content.push(t.cleaned);
    out.marks.push(t.marks);
  }
  await page.close();
  return out;
}

/** The median of each mark over the runs, in the order the popup reaches them. */
function marksOf(runs: Record<string, number>[]): Record<string, number> {
  const names = Object.keys(runs[0] ?? {});
  return Object.fromEntries(names.map((n) => [n, median(runs.map((r) => r[n]))] as const).sort((a, b) => a[1] - b[1]));
}

export async function run(): Promise<Record<string, unknown>> {
  const server = await startServer();
  const url = server.origin + SAMPLE_PATH;
  let session: Session | null = null;
  try {
    session = await launch();
    const { total, open, content, marks, cold } = await clicks(session, url);
    const browserVersion = session.context.browser()?.version() ?? 'chromium';
    const page = await session.context.newPage();

    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: await readabilityBundle() });
    const readability = await page.evaluate((runs: number) => {
      const R = (globalThis as unknown as { __Readability: new (d: Document) => { parse(): unknown } }).__Readability;
      const out: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        new R(document.cloneNode(true) as Document).parse();
        if (i > 0) out.push(performance.now() - t0); // the first run warms the JIT
      }
      return out;
    }, RUNS);
    await session.close();
    session = await launch({ pinned: true });
    const pinned = await clicks(session, url);

    const result = {
      page: 'sample/moscow-times-venezuela.html',
      runs: RUNS,
      clickToVisibleMs: { median: median(total), min: Math.min(...total), max: Math.max(...total), firstOfSession: cold },
      popupOpenMs: median(open),
      contentScriptMs: median(content),
      readabilityMs: median(readability),
      ratioContentScriptToReadability: median(content) / median(readability),
      ratioClickToVisibleToReadability: median(total) / median(readability),
      pinned: { clickToVisibleMs: { median: median(pinned.total), min: Math.min(...pinned.total), max: Math.max(...pinned.total), firstOfSession: pinned.cold }, popupOpenMs: median(pinned.open), popupMarksMs: marksOf(pinned.marks) },
      popupMarksMs: marksOf(marks),
      browser: browserVersion,
    };
    console.log(`\n== click → article visible in the popup (Chromium ${result.browser}, ${path.basename(result.page)}, median of ${RUNS}) ==`);
    console.log(`click → article visible     ${ms(result.clickToVisibleMs.median)}  (min ${ms(result.clickToVisibleMs.min)}, max ${ms(result.clickToVisibleMs.max)}; first popup of the session ${ms(cold)})`);
    console.log(`  click → popup page starts ${ms(result.popupOpenMs)}`);
    console.log(`  content script            ${ms(result.contentScriptMs)}  (capture, copy, marks, pipeline, hash)`);
    console.log(`icon pinned to the toolbar  ${ms(result.pinned.clickToVisibleMs.median)}  (min ${ms(result.pinned.clickToVisibleMs.min)}, max ${ms(result.pinned.clickToVisibleMs.max)}; click → popup page starts ${ms(result.pinned.popupOpenMs)})`);
    console.log(`  in the popup (median ms from its page's start, pinned): ${Object.entries(result.pinned.popupMarksMs).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
    console.log(`plain Readability           ${ms(result.readabilityMs)}  (clone + parse, same page, same browser)`);
    console.log(`ratios to Readability       content script ${result.ratioContentScriptToReadability.toFixed(1)}×, click → visible ${result.ratioClickToVisibleToReadability.toFixed(1)}×`);
    fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    return result;
  } finally {
    await session?.close();
    await server.close();
  }
}
