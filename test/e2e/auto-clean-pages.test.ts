// Auto-clean on real pages (issue 5), the live page itself through the registered content-auto.js with
// Chromium's real layout, on a site the reader switched auto-clean on for:
// - every page of ../shared/nags loads with each `must_drop` string out of sight and each `must_keep`
//   sentence and kept caption still on screen;
// - every page of ../shared/corpus/scrapinghub keeps its article on screen: of the words of its
//   ground-truth article text that the page shows without Decant, auto-clean hides at most 5 % (an
//   appeal inside the story is hidden on purpose; a hidden story is the worst thing auto-clean can do).
// The extension is a copy of dist/chrome whose manifest holds the host permission (BROWSER-TESTING.md,
// "a host_permissions test build"), so the service worker registers the script as soon as the
// settings name the site; the permission dialog itself is covered by auto-clean.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SHARED } from '../helpers';
import { hostPermissionBuild, launch, type Session } from './chromium';
import { corpusPath, startServer, type TestServer } from './server';
import type { Page } from 'playwright-core';

declare const chrome: {
  storage: { sync: { set(v: object): Promise<void> } };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
};

interface NagSpec {
  must_keep: string[];
  keep_captions?: string[];
  must_drop: string[];
}

const NAGS = fs.readdirSync(path.join(SHARED, 'nags')).filter((f) => f.endsWith('.html')).sort();
const CORPUS_DIR = path.join(SHARED, 'corpus', 'scrapinghub');
const CORPUS = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
const specOf = (f: string): NagSpec => JSON.parse(fs.readFileSync(path.join(SHARED, 'nags', f.replace(/\.html$/, '.json')), 'utf8'));
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

let server: TestServer;
let session: Session;
let page: Page;
const extDir = hostPermissionBuild('decant-nags-ext-');

beforeAll(async () => {
  server = await startServer();
  session = await launch({ extDir });
  // Auto-clean on for the test site, with its default categories (the options' own storage format).
  await session.sw.evaluate(() => chrome.storage.sync.set({ settings: { schemaVersion: 2, autoClean: { sites: { 'http://127.0.0.1': { enabledAt: new Date().toISOString() } } } } }));
  const deadline = Date.now() + 15_000;
  while (!(await session.sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).length) {
    if (Date.now() > deadline) throw new Error('content-auto.js was never registered for the test site');
    await new Promise((r) => setTimeout(r, 100));
  }
  page = await session.context.newPage();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
  fs.rmSync(extDir, { recursive: true, force: true });
});

/** The page's visible text once auto-clean has run (its first pass marks at least one thing on every nag page). */
async function visibleText(f: string): Promise<string> {
  await page.goto(`${server.origin}/nags/${f}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('[data-decant-hidden-by]') !== null, undefined, { timeout: 10_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  return norm(await page.evaluate(() => document.body.innerText));
}

describe('auto-clean on the nag pages of ../shared/nags, in Chromium', () => {
  test('there are nag pages to load', () => {
    expect(NAGS.length).toBeGreaterThanOrEqual(8);
  });

  test.each(NAGS)('%s: every nag out of sight, every sentence of the story and its captions on screen', async (f) => {
    const spec = specOf(f);
    const text = await visibleText(f);
    expect(spec.must_drop.filter((s) => text.includes(norm(s))), 'still visible').toEqual([]);
    expect([...spec.must_keep, ...(spec.keep_captions ?? [])].filter((s) => !text.includes(norm(s))), 'hidden or lost').toEqual([]);
  });
});

/** The words of `text`, lower-cased, with how often each occurs. */
function bag(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** How many of `truth`'s words (with repeats) `shown` holds. */
function covered(truth: string, shown: string): number {
  const have = bag(shown);
  let n = 0;
  for (const w of truth.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const c = have.get(w) ?? 0;
    if (c > 0) {
      n++;
      have.set(w, c - 1);
    }
  }
  return n;
}

describe('auto-clean on the 181 pages of ../shared/corpus/scrapinghub, in Chromium: the article stays on screen', () => {
  test.each(CORPUS)('%s', async (id) => {
    const truth = (JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, `${id}.json`), 'utf8')) as { articleBody: string }).articleBody;
    await page.goto(server.origin + corpusPath(id), { waitUntil: 'load' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
    // What auto-clean left on screen, and the same page with Decant's marks taken off for a moment.
    const seen = await page.evaluate(() => {
      const marked = Array.from(document.querySelectorAll('[data-decant-hidden-by]')).map((el) => [el, el.getAttribute('data-decant-hidden-by')!] as const);
      const after = document.body.innerText;
      for (const [el] of marked) el.removeAttribute('data-decant-hidden-by');
      const before = document.body.innerText;
      for (const [el, rule] of marked) el.setAttribute('data-decant-hidden-by', rule);
      return { after, before, hidden: marked.map(([el, rule]) => `${rule}: ${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)}`) };
    });
    const before = covered(truth, seen.before);
    const lost = before - covered(truth, seen.after);
    expect(lost / Math.max(1, before), `hid ${lost} of the ${before} article words on screen:\n${seen.hidden.join('\n')}`).toBeLessThanOrEqual(0.05);
  });
});

