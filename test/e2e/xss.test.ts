// Script injection in real Chromium (issue 7): EVERY vector of ../shared/xss (728: DOMPurify's fixtures
// and test suite, H5SC, OWASP) on two paths, batched many vectors per page and one browser session.
//
// - Full path: the vectors planted in paragraphs of article pages served on 127.0.0.1 (under a policy
//   that runs none of the page's own scripts: we test Decant's views, not the page), cleaned with the
//   real toolbar click, rendered in the real action popup, in the popup page in a tab and in the
//   reader view (every removed block shown again), and exported as a standalone HTML page that is
//   then opened. The suite counts how many vectors still had markup in the article HTML the views
//   received (the rest were removed earlier — by the parser, Readability or the core's sanitiser —
//   which proves nothing about the renderer) and writes it to .reports/xss-chromium.json.
// - Render path: each vector handed to the popup's and the reader view's rendering as the article's
//   HTML AND as a removed block's HTML (shown again), through the one sanitising module
//   (core/html.ts), so every vector reaches the views; the reader's standalone export is opened too.
//
// Each view is checked for: sentinel calls (alert/confirm/prompt/print overridden before any script,
// and the browser's dialog events), `securitypolicyviolation` events (a surviving inline handler or
// script would be blocked by the extension's CSP and reported), script-capable markup anywhere in the
// document (on* attributes, javascript:/data:text/html links and frames, <base>, <meta http-equiv>,
// frames and plugins), the strict audit of test/security/audit.ts over the page-derived HTML (the
// same file the jsdom layer uses, bundled into the views), and every network request the view makes
// (Playwright's request events) — only images may be fetched (CONTRACT §3).
//
// The render path runs in Firefox too (xss-firefox.test.ts); what both suites share — the vectors'
// pages, the sentinels, the scan and the checks of a view — is in xss-lib.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickToolbarIcon, launch, settled, tabIdOf, type Session } from './chromium';
import { startImageHost, type ImageHost } from './image-host';
import { startServer, type TestServer } from './server';
import {
  END, PROSE, RENDER_PAGES, START, VECTORS, begin, craftOutcome, craftedAnswer, end, expectClean, group, parsedViolations, recordDialogs, renderPathTests, restored, scan, sentinel, showAgainEverywhere, tableTests, vectorTests, writeSummary,
  type Item, type KeptOutcome, type ViewReport,
} from './xss-lib';

declare const chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } } };

/** Full path: the vector inside a paragraph, between two plain paragraphs that mark its region. */
function articleItem({ v, i }: Item): string {
  return `<p>${begin(i)}</p>\n<p>A resident's letter was read aloud: ${START(i)} ${v.payload} ${END(i)} and the room fell quiet before the vote.</p>\n<p>${end(i)}</p>`;
}

function articlePage(items: Item[], n: number): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Crafted page ${n}: cycle lanes</title></head><body><header><nav><a href="/">Home</a></nav></header><main><article><h1>Crafted page ${n}: cycle lanes and the high street</h1><p>${PROSE}</p>\n<figure><img src="/img/lanes-${n}.jpg" alt="The high street" width="800" height="500"></figure>\n${items.map(articleItem).join('\n')}\n<p>${PROSE}</p></article></main><footer><p>© Gazette</p></footer></body></html>`;
}

const FULL_PAGES = group(VECTORS, (items) => items.map(articleItem).join('\n'));

/** Record what a view fetches; only images may go to the network (CONTRACT §3). */
function recordRequests(page: Page, extensionId: string): string[] {
  const bad: string[] = [];
  page.on('request', (r: Request) => {
    const url = r.url();
    if (url.startsWith(`chrome-extension://${extensionId}/`) || url.startsWith('data:') || url.startsWith('blob:')) return;
    if (url.startsWith('file:') && r.resourceType() === 'document') return; // the export itself
    if (r.resourceType() === 'image' && /^(?:https?|file):/.test(url)) return;
    bad.push(`${r.resourceType()} ${url.slice(0, 100)}`);
  });
  return bad;
}


/**
 * Show every removed block again (the ledger's "Show again"), in the page's own handlers, and wait
 * until all are in the article (their HTML may arrive after the article: views/ledger-html.ts).
 */
async function showEveryBlock(view: Page): Promise<number> {
  const n = await view.evaluate(showAgainEverywhere);
  await view.waitForFunction(restored, n, { timeout: 10_000 });
  return n;
}

let server: TestServer;
let images: ImageHost;
let session: Session;
const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decant-xss-export-'));

/** Export the view's article as a standalone HTML page (the real Download button), open it, scan it. */
async function exportAndOpen(view: Page, name: string): Promise<ViewReport> {
  await view.click('[data-action="export"]');
  const before = await view.evaluate(() => (window as unknown as { __decantBlobs: Blob[] }).__decantBlobs.length);
  await view.click('[data-export="html"][data-how="download"]');
  await view.waitForFunction((n) => (window as unknown as { __decantBlobs: Blob[] }).__decantBlobs.length > n, before, { timeout: 20_000 });
  const html = await view.evaluate(() => (window as unknown as { __decantBlobs: Blob[] }).__decantBlobs.at(-1)!.text());
  expect(html).toMatch(/^<!DOCTYPE html>/i);
  const file = path.join(exportDir, `${name}.html`);
  fs.writeFileSync(file, html);
  const page = await session.context.newPage();
  const requests = recordRequests(page, session.extensionId);
  const dialogs = recordDialogs(page);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const r = await scan(page, `exported HTML (${name})`, requests, dialogs, 'body', true);
  await page.close();
  return r;
}

const fullReports = new Map<number, ViewReport[]>();
const renderReports = new Map<number, ViewReport[]>();
/** Full path: vectors whose markup (any element) reached the views in contentHtml; vectors present. */
const reached = new Set<number>();
const inContent = new Set<number>();
const timing = { full: 0, render: 0 };

/** Is there an element between the text markers START(i) and END(i) of this HTML? */
function markupReached(html: string): Set<number> {
  const dom = new JSDOM(`<!DOCTYPE html><body>${html}`, { virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const out = new Set<number>();
  const walker = doc.createTreeWalker(doc.body, 0x1 | 0x4);
  let inside: number | null = null;
  for (let n: Node | null = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 3) {
      const t = (n as Text).data;
      const s = /XSS-(\d+)-START/.exec(t);
      if (s) inside = Number(s[1]);
      if (inside !== null && t.includes(END(inside)) && t.indexOf(END(inside)) > (s ? s.index : -1)) inside = null;
    } else if (inside !== null) out.add(inside);
  }
  dom.window.close();
  return out;
}

async function fullPath(tab: Page, items: Item[], n: number): Promise<ViewReport[]> {
  const url = server.page(`/xss/full-${n}.html`, articlePage(items, n), { 'content-security-policy': "script-src 'none'; object-src 'none'" });
  await tab.goto(url, { waitUntil: 'load' });
  const views: ViewReport[] = [];

  // 1. The real popup, opened by the toolbar click (it loads before anyone can attach: DOM and later requests).
  const popup = await clickToolbarIcon(session, tab);
  const popupRequests = recordRequests(popup.page, session.extensionId);
  const popupDialogs = recordDialogs(popup.page);
  expect(await settled(popup.page)).toBe('article');
  await showEveryBlock(popup.page);
  views.push({ ...(await scan(popup.page, 'real popup', popupRequests, popupDialogs)), calls: popupDialogs, csp: [] });
  await popup.close();

  // 2. The popup page in a tab, sentinels in place before its scripts.
  const tabId = await tabIdOf(session, tab);
  const popupTab = await session.context.newPage();
  const requests = recordRequests(popupTab, session.extensionId);
  const dialogs = recordDialogs(popupTab);
  await popupTab.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
  expect(await settled(popupTab)).toBe('article');
  await showEveryBlock(popupTab);
  views.push(await scan(popupTab, 'popup page', requests, dialogs));

  // What the views were handed: the kept outcome's contentHtml.
  const kept = await session.sw.evaluate(async () => Object.values(await chrome.storage.session.get(null)));
  const html = (kept as { state?: string; article?: { title?: string; contentHtml?: string } }[]).filter((o) => o.state === 'article' && o.article?.title?.startsWith(`Crafted page ${n}:`)).map((o) => o.article!.contentHtml!);
  expect(html.length, 'the popup kept its outcome').toBeGreaterThan(0);
  for (const i of markupReached(html[0])) reached.add(i);
  for (const { i } of items) if (html[0].includes(START(i))) inContent.add(i);

  // 3. The exported standalone HTML page, opened.
  views.push(await exportAndOpen(popupTab, `full-${n}`));

  // 4. The reader view, every removed block shown again.
  const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes('/reader.html') });
  await popupTab.click('[data-action="reader"]');
  const reader = await opened;
  // Listeners attach as soon as the page exists; the sentinel init script ran before its scripts.
  const readerRequests = recordRequests(reader, session.extensionId);
  const readerDialogs = recordDialogs(reader);
  expect(await settled(reader)).toBe('article');
  await showEveryBlock(reader);
  views.push(await scan(reader, 'reader view', readerRequests, readerDialogs));
  await reader.close();
  await popupTab.close();
  return views;
}


async function renderPath(tabId: number, base: KeptOutcome, items: Item[], n: number): Promise<ViewReport[]> {
  const outcome = craftOutcome(base, items, n);
  const views: ViewReport[] = [];

  // 1. The popup's rendering, handed the crafted outcome as the service worker's answer.
  const popupTab = await session.context.newPage();
  await popupTab.addInitScript(craftedAnswer, outcome);
  const requests = recordRequests(popupTab, session.extensionId);
  const dialogs = recordDialogs(popupTab);
  await popupTab.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
  expect(await settled(popupTab)).toBe('article');
  expect(await showEveryBlock(popupTab)).toBe(items.length);
  views.push(await scan(popupTab, 'popup page (render path)', requests, dialogs));
  await popupTab.close();

  // 2. The reader view, the crafted outcome kept in session storage under its own key.
  const key = `xss-render-${n}`;
  await session.sw.evaluate(async ([k, o]) => chrome.storage.session.set({ [`outcome:${k}`]: { ...(o as object), key: k } }), [key, outcome] as const);
  const reader = await session.context.newPage();
  const readerRequests = recordRequests(reader, session.extensionId);
  const readerDialogs = recordDialogs(reader);
  await reader.goto(`chrome-extension://${session.extensionId}/reader.html?id=${key}`);
  expect(await settled(reader)).toBe('article');
  expect(await showEveryBlock(reader)).toBe(items.length);
  views.push(await scan(reader, 'reader view (render path)', readerRequests, readerDialogs));

  // 3. Its standalone export, opened.
  views.push(await exportAndOpen(reader, `render-${n}`));
  await reader.close();
  return views;
}

beforeAll(async () => {
  [server, images] = await Promise.all([startServer(), startImageHost()]);
  session = await launch({ args: images.chromiumArgs });
  await session.context.addInitScript(sentinel);
  const tab = await session.context.newPage();
  let t = Date.now();
  for (const [n, items] of FULL_PAGES.entries()) fullReports.set(n, await fullPath(tab, items, n));
  timing.full = Date.now() - t;

  // The render path starts from a real kept outcome (its metadata and capture), with the vectors put in.
  t = Date.now();
  const kept = (await session.sw.evaluate(async () => Object.values(await chrome.storage.session.get(null)))) as { state?: string }[];
  const base = kept.find((o) => o.state === 'article') as KeptOutcome;
  const tabId = await tabIdOf(session, tab);
  for (const [n, items] of RENDER_PAGES.entries()) renderReports.set(n, await renderPath(tabId, base, items, n));
  timing.render = Date.now() - t;
}, 1_500_000);

afterAll(async () => {
  await session?.close();
  await Promise.all([server?.close(), images?.close()]);
  fs.rmSync(exportDir, { recursive: true, force: true });
  if (fullReports.size === FULL_PAGES.length && renderReports.size === RENDER_PAGES.length) {
    const summary = {
      vectors: VECTORS.length,
      fullPathPages: FULL_PAGES.length,
      renderPathPages: RENDER_PAGES.length,
      fullPathVectorsInContentHtml: inContent.size,
      fullPathVectorsWithMarkupReachingTheViews: reached.size,
      renderPathVectorsReachingTheViews: VECTORS.length,
      renderPathViolationsInSanitiserParse: parsedViolations(renderReports),
      fullPathViolationsInSanitiserParse: parsedViolations(fullReports),
      fullPathSeconds: Math.round(timing.full / 1000),
      renderPathSeconds: Math.round(timing.render / 1000),
    };
    writeSummary('xss-chromium', 'XSS in Chromium', summary);
  }
});

tableTests([FULL_PAGES, RENDER_PAGES]);

const FULL_VIEWS = ['real popup', 'popup page', 'exported HTML', 'reader view'];

describe('full path: article page → toolbar click → popup, popup page, exported HTML, reader view', () => {
  test.each(FULL_PAGES.map((items, n) => [n, items.length] as const))('page %i (%i vectors): nothing runs, nothing script-capable, no request but images', (n) => {
    const views = fullReports.get(n)!;
    expect(views.map((v) => v.view.replace(/ \(.*\)$/, ''))).toEqual(FULL_VIEWS);
    expectClean(views);
  });
});

renderPathTests(renderReports);

vectorTests([[FULL_PAGES, fullReports], [RENDER_PAGES, renderReports]]);
