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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../helpers';
import { EXPECTED_VECTORS, loadVectors, type Vector } from '../security/vectors';
import { clickToolbarIcon, launch, settled, tabIdOf, type Session } from './chromium';
import { startImageHost, type ImageHost } from './image-host';
import { startServer, type TestServer } from './server';

declare const chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } } };

// XSS_ONLY=<regexp> runs the vectors whose id matches (debugging); CI runs them all.
const VECTORS = loadVectors().filter((v) => !process.env.XSS_ONLY || new RegExp(process.env.XSS_ONLY).test(v.id));
const PER_PAGE = 40;

const PROSE =
  'The council met on Tuesday evening to discuss the new cycle lanes on the high street, which residents say have changed the way they shop, walk and meet their neighbours in the centre of town.';
const begin = (i: number): string => `Vector ${i} begins here. ${PROSE}`;
const end = (i: number): string => `Vector ${i} ends here. ${PROSE}`;
const START = (i: number): string => `XSS-${i}-START`;
const END = (i: number): string => `XSS-${i}-END`;

interface Item {
  v: Vector;
  i: number;
}

/** Full path: the vector inside a paragraph, between two plain paragraphs that mark its region. */
function articleItem({ v, i }: Item): string {
  return `<p>${begin(i)}</p>\n<p>A resident's letter was read aloud: ${START(i)} ${v.payload} ${END(i)} and the room fell quiet before the vote.</p>\n<p>${end(i)}</p>`;
}

function articlePage(items: Item[], n: number): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Crafted page ${n}: cycle lanes</title></head><body><header><nav><a href="/">Home</a></nav></header><main><article><h1>Crafted page ${n}: cycle lanes and the high street</h1><p>${PROSE}</p>\n<figure><img src="/img/lanes-${n}.jpg" alt="The high street" width="800" height="500"></figure>\n${items.map(articleItem).join('\n')}\n<p>${PROSE}</p></article></main><footer><p>© Gazette</p></footer></body></html>`;
}

/** Render path: the vector alone between its region's paragraphs. */
function renderItem({ v, i }: Item): string {
  return `<p>${begin(i)}</p>\n${v.payload}\n<p>${end(i)}</p>`;
}

/**
 * Group vectors into pages of at most PER_PAGE whose region markers all survive parsing (jsdom's
 * parser is the browsers' algorithm). A vector that swallows what follows it (an open comment,
 * `<plaintext>`, an unclosed `<textarea>`) goes last on its page, which then closes.
 */
function group(vectors: Vector[], html: (items: Item[]) => string): Item[][] {
  const intact = (items: Item[], last: boolean): boolean => {
    // A fragment in body context: the browsers' parsing algorithm, without a window per check.
    const texts = new Set(Array.from(JSDOM.fragment(html(items)).querySelectorAll('p')).map((p) => p.textContent));
    return items.every(({ i }, k) => texts.has(begin(i)) && (texts.has(end(i)) || (!last && k === items.length - 1)));
  };
  const pages: Item[][] = [];
  let current: Item[] = [];
  vectors.forEach((v, i) => {
    const item = { v, i };
    const whole = intact([item], true);
    if (current.length >= PER_PAGE || !intact([...current, item], false)) {
      if (current.length) pages.push(current);
      current = [];
    }
    current.push(item);
    if (!whole) {
      pages.push(current);
      current = [];
    }
  });
  if (current.length) pages.push(current);
  return pages;
}

const FULL_PAGES = group(VECTORS, (items) => items.map(articleItem).join('\n'));
const RENDER_PAGES = group(VECTORS, (items) => items.map(renderItem).join('\n'));

/** test/security/audit.ts bundled for the browser: `globalThis.__decantAudit.auditDom`. */
const AUDIT_JS = `${buildSync({ entryPoints: [path.join(ROOT, 'test', 'security', 'audit.ts')], bundle: true, format: 'iife', globalName: '__decantAudit', write: false, platform: 'browser' }).outputFiles[0].text};globalThis.__decantAudit = __decantAudit;`;

/** Installed in every page before its own scripts: the sentinels. */
function sentinel(): void {
  const w = window as unknown as Record<string, unknown> & { __decantXss: { calls: string[]; csp: string[] } };
  w.__decantXss = { calls: [], csp: [] };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    w[name] = (...args: unknown[]) => void w.__decantXss.calls.push(`${name}(${args.map(String).join(',')})`);
  }
  // A violation on a live element (or from anywhere but Decant's own code) is something of the page
  // that tried to run, load or style itself in the view: it fails the suite. While the sanitiser parses
  // raw page markup (the render path hands it raw vectors) Chromium also reports the inline handlers,
  // styles and <base> of the INERT document DOMPurify parses into — at the view's document, from
  // Decant's bundle; nothing there can run (no browsing context) and none of it survives. Those are
  // counted apart (the CSP seeing them is the second layer), not as executions.
  const parse = (w as unknown as { __decantParse: string[] }).__decantParse = [] as string[];
  document.addEventListener('securitypolicyviolation', (e) => {
    const t = e.target as Node | null;
    const line = `${e.violatedDirective} ${e.blockedURI} ${e.sample} (target ${t?.nodeName}, ${e.sourceFile}:${e.lineNumber})`;
    const inertParse = t?.nodeType === 9 && /^chrome-extension/.test(e.sourceFile) && ['script-src-attr', 'style-src-attr', 'style-src-elem', 'base-uri'].includes(e.violatedDirective);
    (inertParse ? parse : w.__decantXss.csp).push(line);
  }, true);
  // The export's Download hands a Blob to an object URL: keep it, so the suite can open the file.
  const create = URL.createObjectURL.bind(URL);
  const blobs: Blob[] = [];
  (w as Record<string, unknown>).__decantBlobs = blobs;
  URL.createObjectURL = (b: Blob | MediaSource) => {
    if (b instanceof Blob) blobs.push(b);
    return create(b);
  };
  // ...and no file is actually saved (a download bubble would keep the next toolbar popup from opening).
  document.addEventListener('click', (e) => {
    const a = e.target as Element | null;
    if (a && a.localName === 'a' && a.hasAttribute('download')) e.preventDefault();
  }, true);
}

/** Render path, popup: the service worker's answer to "clean this tab" replaced by a crafted outcome. */
function craftedAnswer(outcome: unknown): void {
  const c = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } } }).chrome;
  const runtime = c?.runtime;
  if (!runtime?.sendMessage) return;
  const real = runtime.sendMessage.bind(runtime);
  runtime.sendMessage = (...args: unknown[]) => {
    const message = args[0] as { decant?: string } | undefined;
    if (message?.decant !== 'clean-tab') return real(...args);
    const reply = { ok: true, value: outcome };
    const callback = args.find((a) => typeof a === 'function') as ((r: unknown) => void) | undefined;
    if (callback) {
      setTimeout(() => callback(reply), 0);
      return undefined;
    }
    return Promise.resolve(reply);
  };
}

interface ViewReport {
  view: string;
  calls: string[];
  csp: string[];
  /** Problems anywhere in the document. */
  problems: string[];
  /** Problems per vector index, in its region. */
  perVector: Record<number, string[]>;
  /** Vectors whose region is in the view (the paragraph the vector follows). */
  present: number[];
  requests: string[];
  /** Violations reported while the sanitiser parsed raw markup in its inert document (see sentinel). */
  parsed: number;
}

/** Runs in a view: audit the page-derived HTML and the whole document. */
function scanView(args: { view: string; containers: string; standalone: boolean }): Omit<ViewReport, 'requests'> {
  type Audit = (root: Node, options?: { allowIds?: boolean; root?: boolean }) => string[];
  const auditDom = (globalThis as unknown as { __decantAudit: { auditDom: Audit } }).__decantAudit.auditDom;
  const w = window as unknown as { __decantXss?: { calls: string[]; csp: string[] } };
  const problems: string[] = [];
  // Anywhere in the document, Decant's own interface included.
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.localName;
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'fencedframe', 'base'].includes(tag)) problems.push(`document: <${tag}>`);
    if (tag === 'meta' && el.hasAttribute('http-equiv')) {
      const ownCsp = args.standalone && el.parentElement === document.head && el.getAttribute('http-equiv') === 'Content-Security-Policy';
      if (!ownCsp) problems.push(`document: <meta http-equiv=${el.getAttribute('http-equiv')}>`);
    }
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) problems.push(`document: <${tag} ${a.name}>`);
      if (/^(?:href|src|action|formaction|xlink:href|data|srcdoc)$/i.test(a.name) || a.name.endsWith(':href')) {
        // eslint-disable-next-line no-control-regex
        const v = a.value.replace(/[\u0000-\u0020]+/g, '').toLowerCase();
        if (/^(?:javascript|vbscript):/.test(v) || /^data:(?:text\/html|application\/xhtml|image\/svg)/.test(v)) problems.push(`document: <${tag} ${a.name}=${a.value.slice(0, 60)}>`);
      }
    }
  }
  const containers = Array.from(document.querySelectorAll(args.containers));
  if (!containers.length) problems.push(`no ${args.containers} in the view`);
  for (const c of containers) problems.push(...auditDom(c, { root: false }).map((p) => `page HTML: ${p}`));
  // Regions: from "Vector i begins here." to "Vector i ends here." (or the end of the container).
  const perVector: Record<number, string[]> = {};
  const present: number[] = [];
  for (const c of containers) {
    const paras = Array.from(c.querySelectorAll('p'));
    const begins = new Map<number, Element>();
    const ends = new Map<number, Element>();
    for (const p of paras) {
      const t = p.textContent ?? '';
      const b = /^Vector (\d+) begins here\./.exec(t);
      if (b) begins.set(Number(b[1]), p);
      const e = /^Vector (\d+) ends here\./.exec(t);
      if (e) ends.set(Number(e[1]), p);
    }
    for (const [i, b] of begins) {
      const e = ends.get(i);
      present.push(i);
      const range = document.createRange();
      range.setStartAfter(b);
      if (e) range.setEndBefore(e);
      else range.setEndAfter(c.lastChild ?? b);
      perVector[i] = [...(perVector[i] ?? []), ...auditDom(range.cloneContents())];
    }
  }
  const parsed = (window as unknown as { __decantParse?: string[] }).__decantParse?.length ?? 0;
  return { view: args.view, calls: [...(w.__decantXss?.calls ?? ['no sentinel installed'])], csp: [...(w.__decantXss?.csp ?? [])], problems, perVector, present, parsed };
}

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

/** Dialogs that still open (a frame the sentinel missed) are recorded and dismissed. */
function recordDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  return seen;
}

async function scan(page: Page, view: string, requests: string[], dialogs: string[], containers = '.article-body', standalone = false): Promise<ViewReport> {
  await page.waitForTimeout(300); // late handlers: image errors, animations, focus
  await page.evaluate(AUDIT_JS);
  const r = await page.evaluate(scanView, { view, containers, standalone });
  return { ...r, calls: [...r.calls, ...dialogs], requests: [...requests] };
}

/**
 * Show every removed block again (the ledger's "Show again"), in the page's own handlers, and wait
 * until all are in the article (their HTML may arrive after the article: views/ledger-html.ts).
 */
async function showEveryBlock(view: Page): Promise<number> {
  const n = await view.evaluate(() => {
    let clicked = 0;
    for (const chip of Array.from(document.querySelectorAll<HTMLButtonElement>('.ledger .chip'))) {
      chip.click();
      for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.ledger-entry button.show-again'))) {
        if (b.textContent === 'Show again') {
          b.click();
          clicked++;
        }
      }
    }
    return clicked;
  });
  await view.waitForFunction((count) => document.querySelectorAll('.article-body [data-restored]').length >= count, n, { timeout: 10_000 });
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

/** A kept outcome of a real clean, with the vectors as its article HTML and as removed blocks. */
function craftOutcome(base: Record<string, unknown> & { article: Record<string, unknown>; removed: Record<string, unknown>[] }, items: Item[], n: number): Record<string, unknown> {
  const removed = items.map(({ v, i }, k) => ({
    id: `x${k + 1}`,
    rule: 'donation',
    category: 'donation',
    reason: 'crafted for the script-injection suite',
    preview: `Vector ${i}`,
    path: `body > div:nth-of-type(${k + 1})`,
    html: `<p>Vector ${i} begins here. ${PROSE}</p>${v.payload}<p>Vector ${i} ends here. ${PROSE}</p>`,
    after: null,
  }));
  const { ledgerPending: _pending, key: _key, ...rest } = base;
  return {
    ...rest,
    article: { ...base.article, title: `Render page ${n}`, contentHtml: items.map(renderItem).join('\n') },
    removed,
  };
}

async function renderPath(tabId: number, base: Parameters<typeof craftOutcome>[0], items: Item[], n: number): Promise<ViewReport[]> {
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
  const base = kept.find((o) => o.state === 'article') as Parameters<typeof craftOutcome>[0];
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
      renderPathViolationsInSanitiserParse: [...renderReports.values()].flat().reduce((n, v) => n + v.parsed, 0),
      fullPathViolationsInSanitiserParse: [...fullReports.values()].flat().reduce((n, v) => n + v.parsed, 0),
      fullPathSeconds: Math.round(timing.full / 1000),
      renderPathSeconds: Math.round(timing.render / 1000),
    };
    fs.mkdirSync(path.join(ROOT, '.reports'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, '.reports', 'xss-chromium.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`XSS in Chromium: ${JSON.stringify(summary)}`);
  }
});

const FULL_VIEWS = ['real popup', 'popup page', 'exported HTML', 'reader view'];
const RENDER_VIEWS = ['popup page (render path)', 'reader view (render path)', 'exported HTML'];

function expectClean(views: ViewReport[]): void {
  for (const v of views) {
    expect(v.calls, `${v.view}: sentinel calls and dialogs`).toEqual([]);
    expect(v.csp, `${v.view}: CSP violations`).toEqual([]);
    expect(v.problems, `${v.view}: script-capable markup`).toEqual([]);
    expect(v.requests, `${v.view}: network requests other than images`).toEqual([]);
  }
}

describe('the table', () => {
  test(`all ${EXPECTED_VECTORS} vectors, each on one page of each path`, () => {
    if (!process.env.XSS_ONLY) expect(VECTORS).toHaveLength(EXPECTED_VECTORS);
    expect(FULL_PAGES.flat().map((it) => it.i)).toEqual(VECTORS.map((_, i) => i));
    expect(RENDER_PAGES.flat().map((it) => it.i)).toEqual(VECTORS.map((_, i) => i));
  });
});

describe('full path: article page → toolbar click → popup, popup page, exported HTML, reader view', () => {
  test.each(FULL_PAGES.map((items, n) => [n, items.length] as const))('page %i (%i vectors): nothing runs, nothing script-capable, no request but images', (n) => {
    const views = fullReports.get(n)!;
    expect(views.map((v) => v.view.replace(/ \(.*\)$/, ''))).toEqual(FULL_VIEWS);
    expectClean(views);
  });
});

describe('render path: vectors as the article HTML and as removed blocks → popup, reader view, exported HTML', () => {
  test.each(RENDER_PAGES.map((items, n) => [n, items.length] as const))('page %i (%i vectors): nothing runs, nothing script-capable, no request but images', (n) => {
    const views = renderReports.get(n)!;
    expect(views.map((v) => v.view.replace(/ \(render-\d+\)$/, ''))).toEqual(RENDER_VIEWS);
    expectClean(views);
    // Every vector of the page reached the views: its region is there, in the popup and the reader.
    const expected = RENDER_PAGES[n].map((it) => it.i);
    for (const v of views.slice(0, 2)) expect(expected.filter((i) => !v.present.includes(i)), `${v.view}: vectors whose region is missing`).toEqual([]);
  });
});

describe('each vector', () => {
  const pageOf = (pages: Item[][], i: number): number => pages.findIndex((items) => items.some((it) => it.i === i));
  test.each(VECTORS.map((v, i) => [v.id, i] as const))('%s: no view shows anything that can run from it (%i)', (_id, i) => {
    for (const [pages, reports] of [[FULL_PAGES, fullReports], [RENDER_PAGES, renderReports]] as const) {
      const views = reports.get(pageOf(pages, i))!;
      expect(views).toBeDefined();
      for (const v of views) {
        expect(v.calls, `${v.view}: sentinel calls`).toEqual([]);
        expect(v.csp, `${v.view}: CSP violations`).toEqual([]);
        expect(v.perVector[i] ?? [], `${v.view}: in the vector's region`).toEqual([]);
      }
    }
  });
});
