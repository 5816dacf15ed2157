// The script-injection suites' shared pieces (test/e2e/xss.test.ts in Chromium, xss-firefox.test.ts in
// Firefox): the vectors and their grouping into pages, the sentinels installed in each view, the scan
// of a view (test/security/audit.ts bundled into it), the crafted outcome of the render path and the
// checks of a view's report. The drivers differ (Playwright for Chromium, Puppeteer over WebDriver BiDi
// for Firefox); what runs in the page and what is asserted is the same code.
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../helpers';
import { EXPECTED_VECTORS, loadVectors, type Vector } from '../security/vectors';

// XSS_ONLY=<regexp> runs the vectors whose id matches (debugging); CI runs them all.
export const VECTORS = loadVectors().filter((v) => !process.env.XSS_ONLY || new RegExp(process.env.XSS_ONLY).test(v.id));
export const PER_PAGE = 40;

export const PROSE =
  'The council met on Tuesday evening to discuss the new cycle lanes on the high street, which residents say have changed the way they shop, walk and meet their neighbours in the centre of town.';
export const begin = (i: number): string => `Vector ${i} begins here. ${PROSE}`;
export const end = (i: number): string => `Vector ${i} ends here. ${PROSE}`;
export const START = (i: number): string => `XSS-${i}-START`;
export const END = (i: number): string => `XSS-${i}-END`;

export interface Item {
  v: Vector;
  i: number;
}

/** Render path: the vector alone between its region's paragraphs. */
export function renderItem({ v, i }: Item): string {
  return `<p>${begin(i)}</p>\n${v.payload}\n<p>${end(i)}</p>`;
}

/**
 * Group vectors into pages of at most PER_PAGE whose region markers all survive parsing (jsdom's
 * parser is the browsers' algorithm). A vector that swallows what follows it (an open comment,
 * `<plaintext>`, an unclosed `<textarea>`) goes last on its page, which then closes.
 */
export function group(vectors: Vector[], html: (items: Item[]) => string): Item[][] {
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

export const RENDER_PAGES = group(VECTORS, (items) => items.map(renderItem).join('\n'));

/** test/security/audit.ts bundled for the browser: `globalThis.__decantAudit.auditDom`. */
export const AUDIT_JS = `${buildSync({ entryPoints: [path.join(ROOT, 'test', 'security', 'audit.ts')], bundle: true, format: 'iife', globalName: '__decantAudit', write: false, platform: 'browser' }).outputFiles[0].text};globalThis.__decantAudit = __decantAudit;`;

/**
 * The sentinels. Chromium installs them in every page before its own scripts (an init script);
 * Firefox runs no preload script in moz-extension pages, so there they go in before the vectors do
 * (xss-firefox.test.ts).
 */
export function sentinel(): void {
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
  // counted apart (the CSP seeing them is the second layer), not as executions. Firefox reports none
  // of them (its DOMParser documents are not under the view's policy), so there every violation counts.
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

/**
 * Render path: the service worker's answer to "clean this tab" replaced by a crafted outcome. In
 * Firefox `chrome.runtime` is the same object as `browser.runtime`, which the views call.
 */
export function craftedAnswer(outcome: unknown): void {
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

export interface ViewReport {
  view: string;
  calls: string[];
  csp: string[];
  /** Problems anywhere in the document. */
  problems: string[];
  /** Problems per vector index, in its region. */
  perVector: Record<number, string[]>;
  /** Vectors whose region is in the view (the paragraph the vector follows). */
  present: number[];
  /** Vectors whose region still holds an element (what the sanitiser let through, restyled or not). */
  marked: number[];
  requests: string[];
  /** Violations reported while the sanitiser parsed raw markup in its inert document (see sentinel). */
  parsed: number;
}

/** Runs in a view: audit the page-derived HTML and the whole document. */
export function scanView(args: { view: string; containers: string; standalone: boolean }): Omit<ViewReport, 'requests'> {
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
  const marked: number[] = [];
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
      const region = range.cloneContents();
      if (region.querySelector('*') && !marked.includes(i)) marked.push(i);
      perVector[i] = [...(perVector[i] ?? []), ...auditDom(region)];
    }
  }
  const parsed = (window as unknown as { __decantParse?: string[] }).__decantParse?.length ?? 0;
  return { view: args.view, calls: [...(w.__decantXss?.calls ?? ['no sentinel installed'])], csp: [...(w.__decantXss?.csp ?? [])], problems, perVector, present, marked, parsed };
}

/** A real clean's outcome as the service worker kept it (storage.session): the render path's start. */
export type KeptOutcome = Record<string, unknown> & { article: Record<string, unknown>; removed: Record<string, unknown>[] };

/** A kept outcome of a real clean, with the vectors as its article HTML and as removed blocks. */
export function craftOutcome(base: KeptOutcome, items: Item[], n: number): Record<string, unknown> {
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

type ScanArgs = Parameters<typeof scanView>[0];

/** What the suites ask of a view's page; Playwright's and Puppeteer's pages both answer it. */
export interface ViewPage {
  evaluate(expression: string): Promise<unknown>;
  evaluate(fn: typeof scanView, args: ScanArgs): Promise<Omit<ViewReport, 'requests'>>;
}

/** Scan a view once late handlers had their chance (image errors, animations, focus). */
export async function scan(page: ViewPage, view: string, requests: string[], dialogs: string[], containers = '.article-body', standalone = false): Promise<ViewReport> {
  await new Promise((r) => setTimeout(r, 300));
  await page.evaluate(AUDIT_JS);
  const r = await page.evaluate(scanView, { view, containers, standalone });
  return { ...r, calls: [...r.calls, ...dialogs], requests: [...requests] };
}

/** Runs in a view: every removed block shown again (the ledger's "Show again", in the page's own handlers); returns how many. */
export function showAgainEverywhere(): number {
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
}

/** Runs in a view: are `count` removed blocks in the article (their HTML may arrive after it: views/ledger-html.ts)? */
export function restored(count: number): boolean {
  return document.querySelectorAll('.article-body [data-restored]').length >= count;
}

/** Dialogs that still open (a frame the sentinel missed) are recorded and dismissed. */
export function recordDialogs(page: { on(event: 'dialog', listener: (d: { type(): string; message(): string; dismiss(): Promise<void> }) => void): unknown }): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  return seen;
}

/** The suite's counts, for CI: `.reports/<name>.json`, and one line in the log. */
export function writeSummary(name: string, label: string, summary: Record<string, unknown>): void {
  fs.mkdirSync(path.join(ROOT, '.reports'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, '.reports', `${name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`${label}: ${JSON.stringify(summary)}`);
}

/** Violations reported while the sanitiser parsed raw markup in its inert document, over all views. */
export function parsedViolations(reports: Map<number, ViewReport[]>): number {
  return [...reports.values()].flat().reduce((n, v) => n + v.parsed, 0);
}

export const RENDER_VIEWS = ['popup page (render path)', 'reader view (render path)', 'exported HTML'];

export function expectClean(views: ViewReport[]): void {
  for (const v of views) {
    expect(v.calls, `${v.view}: sentinel calls and dialogs`).toEqual([]);
    expect(v.csp, `${v.view}: CSP violations`).toEqual([]);
    expect(v.problems, `${v.view}: script-capable markup`).toEqual([]);
    expect(v.requests, `${v.view}: network requests other than images`).toEqual([]);
  }
}

/** Every vector on exactly one page of each path. */
export function tableTests(paths: Item[][][]): void {
  describe('the table', () => {
    test(`all ${EXPECTED_VECTORS} vectors, each on one page of each path`, () => {
      if (!process.env.XSS_ONLY) expect(VECTORS).toHaveLength(EXPECTED_VECTORS);
      for (const pages of paths) expect(pages.flat().map((it) => it.i)).toEqual(VECTORS.map((_, i) => i));
    });
  });
}

export function renderPathTests(reports: Map<number, ViewReport[]>): void {
  describe('render path: vectors as the article HTML and as removed blocks → popup, reader view, exported HTML', () => {
    test.each(RENDER_PAGES.map((items, n) => [n, items.length] as const))('page %i (%i vectors): nothing runs, nothing script-capable, no request but images', (n) => {
      const views = reports.get(n)!;
      expect(views.map((v) => v.view.replace(/ \(render-\d+\)$/, ''))).toEqual(RENDER_VIEWS);
      expectClean(views);
      // Every vector of the page reached the views: its region is there, in the popup and the reader.
      const expected = RENDER_PAGES[n].map((it) => it.i);
      for (const v of views.slice(0, 2)) expect(expected.filter((i) => !v.present.includes(i)), `${v.view}: vectors whose region is missing`).toEqual([]);
    });
  });
}

/** Per vector, over each path's pages and reports: nothing ran, and its region audits clean in every view. */
export function vectorTests(paths: [Item[][], Map<number, ViewReport[]>][]): void {
  describe('each vector', () => {
    const pageOf = (pages: Item[][], i: number): number => pages.findIndex((items) => items.some((it) => it.i === i));
    test.each(VECTORS.map((v, i) => [v.id, i] as const))('%s: no view shows anything that can run from it (%i)', (_id, i) => {
      for (const [pages, reports] of paths) {
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
}
