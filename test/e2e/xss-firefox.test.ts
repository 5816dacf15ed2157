// Script injection in real Firefox (Debian's firefox-esr over WebDriver BiDi, BROWSER-TESTING.md §4):
// the render path of xss.test.ts for EVERY vector of ../shared/xss. DOMPurify sanitises with the
// parser of the browser it runs in, and mutation XSS differs between engines, so what Chromium proves
// says nothing about Firefox's. Each vector is handed to the popup page's and the reader view's
// rendering (the real pages of dist/firefox) as the article's HTML AND as a removed block's HTML
// (every block shown again), and the reader's standalone export is opened; every view gets the
// checks of the Chromium suite (xss-lib.ts: sentinel calls and dialogs, CSP violation events,
// script-capable markup anywhere, the strict audit over the page-derived HTML per vector, network
// requests but images). Counts go to .reports/xss-firefox.json.
//
// How the crafted outcome gets in, and why not as in Chromium: Firefox runs no preload script
// (Puppeteer's evaluateOnNewDocument, BiDi script.addPreloadScript) in moz-extension pages — it runs
// in http pages, never in the views (tried on firefox-esr 153) — so nothing can be installed before
// a view's own scripts. Instead each view is opened for a tab that does not exist: its real clean
// fails ("That tab is no longer open") and it offers "Try again". Then the sentinels go in, the
// service worker's answer to "clean this tab" is replaced by the crafted outcome (craftedAnswer), and
// a click on "Try again" has the view's own code render it. No vector is in the page before the
// sentinels are.
//
// Network: Puppeteer's request events do work over BiDi for what a moz-extension page fetches from the
// network (not for the extension's own files, which never reach it), but BiDi gives no resource type
// (resourceType() throws UnsupportedOperation): an image is told by the Accept header Firefox sends
// for image loads (`image/avif,image/webp,…`). A fetch the view's CSP blocks never starts, so it
// shows as a CSP violation instead, as in Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchFirefox, openExtensionPage, requestHostAccess, settled, type FirefoxSession } from './firefox-pages';
import { SAMPLE_PATH, startServer, type TestServer } from './server';
import {
  RENDER_PAGES, VECTORS, craftOutcome, craftedAnswer, parsedViolations, recordDialogs, renderPathTests, restored, scan, sentinel, showAgainEverywhere, tableTests, vectorTests, writeSummary,
  type Item, type KeptOutcome, type ViewReport,
} from './xss-lib';

const UUID = '8c2d6f1e-47a9-4b3c-9e05-1d7a6b2c3f48';
/** A tab id no tab has: the views' own clean answers "That tab is no longer open" with "Try again". */
const NO_TAB = 999_999;

let server: TestServer;
let firefox: FirefoxSession;
/** One tab for the extension's views, one for the exported pages (each view is a new load). */
let views: Page;
let exported: Page;
const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decant-xss-firefox-export-'));
const reports = new Map<number, ViewReport[]>();
/** Per view, the vectors whose region still held an element after sanitising. */
const withMarkup = new Map<string, Set<number>>();
let renderMs = 0;
/** Image loads the views made (allowed; counted to show the request events do reach the suite). */
let images = 0;

/** What a tab fetches and which dialogs open, per view (reset at each view). */
interface Watch {
  requests: string[];
  dialogs: string[];
  /** The export being opened: its own load is not a request of the view. */
  file?: string;
}

function watch(page: Page): Watch {
  const w: Watch = { requests: [], dialogs: recordDialogs(page) };
  page.on('request', (r: HTTPRequest) => {
    const url = r.url();
    const accept = r.headers().accept ?? '';
    if (url.startsWith(`${firefox.base}/`) || url.startsWith('data:') || url.startsWith('blob:')) return;
    if (url === w.file) return;
    if (/^image\//.test(accept) && /^(?:https?|file):/.test(url)) {
      images++;
      return;
    }
    w.requests.push(`${accept.split(',')[0] || 'no Accept'} ${url.slice(0, 100)}`);
  });
  return w;
}

function reset(w: Watch): void {
  w.requests.length = 0;
  w.dialogs.length = 0;
}

/**
 * Click a button of a view in the page (its own handler runs). Not Puppeteer's click: over BiDi that
 * takes ~0.9 s a click here, and the suite makes four a page (nothing here needs a user gesture).
 */
async function press(page: Page, selector: string): Promise<void> {
  await page.$eval(selector, (b) => (b as HTMLElement).click());
}

let viewWatch: Watch;
let exportWatch: Watch;

/**
 * Open a view for the missing tab, put the sentinels and the crafted answer in, and have the view's
 * own "Try again" render the outcome; then show every removed block again.
 */
async function renderCrafted(url: string, outcome: unknown, blocks: number): Promise<void> {
  reset(viewWatch);
  await openExtensionPage(views, url);
  expect(await settled(views), `${url}: the clean of a missing tab fails`).toBe('error');
  await views.evaluate(sentinel);
  await views.evaluate(craftedAnswer, outcome);
  await press(views, '[data-state-card="error"] .state-actions button');
  await views.waitForFunction(() => document.body.dataset.state !== 'error', { timeout: 20_000 });
  expect(await settled(views), `${url}: the crafted outcome rendered`).toBe('article');
  expect(await views.evaluate(showAgainEverywhere)).toBe(blocks);
  await views.waitForFunction(restored, { timeout: 10_000 }, blocks);
}

async function scanOne(page: Page, name: string, w: Watch, containers?: string, standalone?: boolean): Promise<ViewReport> {
  const r = await scan(page, name, w.requests, w.dialogs, containers, standalone);
  const view = name.replace(/ \(render-\d+\)$/, '');
  withMarkup.set(view, new Set([...(withMarkup.get(view) ?? []), ...r.marked]));
  return r;
}

/** Export the reader's article as a standalone HTML page (the real Download button), open it, scan it. */
async function exportAndOpen(name: string): Promise<ViewReport> {
  await press(views, '[data-action="export"]');
  const before = await views.evaluate(() => (window as unknown as { __decantBlobs: Blob[] }).__decantBlobs.length);
  await press(views, '[data-export="html"][data-how="download"]');
  await views.waitForFunction((n: number) => (window as unknown as { __decantBlobs: Blob[] }).__decantBlobs.length > n, { timeout: 20_000 }, before);
  const html = await views.evaluate(() => (window as unknown as { __decantBlobs: Blob[] }).__decantBlobs.at(-1)!.text());
  expect(html).toMatch(/^<!DOCTYPE html>/i);
  const file = path.join(exportDir, `${name}.html`);
  fs.writeFileSync(file, html);
  reset(exportWatch);
  exportWatch.file = pathToFileURL(file).href;
  await exported.goto(exportWatch.file, { waitUntil: 'load' });
  return scanOne(exported, `exported HTML (${name})`, exportWatch, 'body', true);
}

/**
 * A view that could not be rendered or checked (a vector that breaks it, a timeout) fails its page and
 * every vector on it with the reason, and the suite goes on to the next view and page.
 */
async function checked(name: string, items: Item[], w: Watch, run: () => Promise<ViewReport>): Promise<ViewReport> {
  try {
    return await run();
  } catch (e) {
    const why = `${name} could not be checked: ${(e as Error).message.split('\n')[0]}`;
    const perVector = Object.fromEntries(items.map(({ i }) => [i, [why]]));
    return { view: name, calls: [...w.dialogs], csp: [], problems: [why], perVector, present: [], marked: [], requests: [...w.requests], parsed: 0 };
  }
}

async function renderPath(base: KeptOutcome, items: Item[], n: number): Promise<ViewReport[]> {
  const outcome = craftOutcome(base, items, n);
  return [
    // 1. The popup page's rendering, handed the crafted outcome as the service worker's answer.
    await checked('popup page (render path)', items, viewWatch, async () => {
      await renderCrafted(`${firefox.base}/popup.html?tab=${NO_TAB}`, outcome, items.length);
      return scanOne(views, 'popup page (render path)', viewWatch);
    }),
    // 2. The reader view's, the same way (reader.html cleans its tab again when it has no kept result).
    await checked('reader view (render path)', items, viewWatch, async () => {
      await renderCrafted(`${firefox.base}/reader.html?tab=${NO_TAB}`, outcome, items.length);
      return scanOne(views, 'reader view (render path)', viewWatch);
    }),
    // 3. Its standalone export, opened.
    await checked(`exported HTML (render-${n})`, items, exportWatch, () => exportAndOpen(`render-${n}`)),
  ];
}

beforeAll(async () => {
  server = await startServer();
  firefox = await launchFirefox(UUID);
  const article = await firefox.browser.newPage();
  for (const p of await firefox.browser.pages()) if (p !== article) await p.close();
  await article.goto(server.origin + SAMPLE_PATH, { waitUntil: 'load' });
  views = await firefox.browser.newPage();
  viewWatch = watch(views);

  // The render path starts from a real kept outcome (its metadata and capture): the sample page
  // cleaned by the popup page once the site's access is granted (firefox.test.ts).
  await openExtensionPage(views, `${firefox.base}/options.html`);
  const tabId = await views.evaluate(async () => {
    const b = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id: number }[]>; getCurrent(): Promise<{ id: number }> } } }).browser;
    const me = await b.tabs.getCurrent();
    return (await b.tabs.query({})).filter((t) => t.id !== me.id)[0].id;
  });
  expect(await requestHostAccess(views, ['http://127.0.0.1/*'])).toBe(true);
  await openExtensionPage(views, `${firefox.base}/popup.html?tab=${tabId}`);
  expect(await settled(views)).toBe('article');
  // The popup shows the article as soon as the worker answers; the worker keeps it meanwhile.
  const kept = (): Promise<unknown> => views.evaluate(async () => {
    const b = (globalThis as unknown as { browser: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } } }).browser;
    return Object.values(await b.storage.session.get(null)).find((o) => (o as { state?: string }).state === 'article') ?? null;
  });
  let base = (await kept()) as KeptOutcome | null;
  for (const deadline = Date.now() + 10_000; !base && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) base = (await kept()) as KeptOutcome | null;
  if (!base) throw new Error('The popup page showed the sample article, but no outcome was kept for it.');
  await article.close();

  exported = await firefox.browser.newPage();
  // file: pages do run preload scripts: the export's sentinels are in before anything of it.
  await exported.evaluateOnNewDocument(sentinel);
  exportWatch = watch(exported);

  const t = Date.now();
  for (const [n, items] of RENDER_PAGES.entries()) reports.set(n, await renderPath(base, items, n));
  renderMs = Date.now() - t;
}, 600_000);

afterAll(async () => {
  await firefox?.close();
  await server?.close();
  fs.rmSync(exportDir, { recursive: true, force: true });
  if (reports.size === RENDER_PAGES.length) {
    const present = (k: number): Set<number> => new Set([...reports.values()].flatMap((v) => v[k].present));
    writeSummary('xss-firefox', 'XSS in Firefox', {
      vectors: VECTORS.length,
      renderPathPages: RENDER_PAGES.length,
      renderPathVectorsReachingThePopup: present(0).size,
      renderPathVectorsReachingTheReader: present(1).size,
      renderPathVectorsWithMarkupAfterSanitising: Object.fromEntries([...withMarkup].map(([view, s]) => [view, s.size])),
      renderPathViolationsInSanitiserParse: parsedViolations(reports),
      renderPathImageRequests: images,
      renderPathSeconds: Math.round(renderMs / 1000),
    });
  }
});

tableTests([RENDER_PAGES]);

renderPathTests(reports);

vectorTests([[RENDER_PAGES, reports]]);
