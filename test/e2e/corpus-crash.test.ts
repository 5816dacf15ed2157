// Zero crashes in the browser (issue 7): every page of ../shared/corpus/scrapinghub (181) and of
// ../shared/nags, served on 127.0.0.1, cleaned by the real content script through the service worker's
// own click handler (`cleanTab`, what the toolbar click calls) in one Chromium session. Each page must
// end as an article or a clear "no article" answer — never the error state, never a hang.
// The extension is a copy of dist/chrome whose manifest may inject on 127.0.0.1 without a click per
// page (BROWSER-TESTING.md, "a host_permissions test build"); the code that runs is the same. The real
// click itself is covered by chromium.test.ts and the XSS suite.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SHARED } from '../helpers';
import { hostPermissionBuild, launch, tabIdOf, type Session } from './chromium';
import { corpusPath, startServer, type TestServer } from './server';

declare const globalThis: { __decantTest: { cleanTab(tabId: number): Promise<{ state: string; message?: string; reason?: string; article?: { wordCount: number } }> } };

const CORPUS = fs.readdirSync(path.join(SHARED, 'corpus', 'scrapinghub')).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
const NAGS = fs.readdirSync(path.join(SHARED, 'nags')).filter((f) => f.endsWith('.html')).sort();

interface Outcome {
  state: string;
  detail: string;
}

let server: TestServer;
let session: Session;
const extDir = hostPermissionBuild('decant-crash-ext-');
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  server = await startServer();
  session = await launch({ extDir });
  const tab = await session.context.newPage();
  await tab.goto('about:blank');
  const tabId = await tabIdOf(session, tab);
  const pages = [...CORPUS.map((id) => [`corpus ${id}`, server.origin + corpusPath(id)]), ...NAGS.map((f) => [`nags ${f}`, `${server.origin}/nags/${f}`])];
  for (const [name, url] of pages) {
    try {
      await tab.goto(url, { waitUntil: 'load', timeout: 30_000 });
      const o = await Promise.race([
        session.sw.evaluate((id) => globalThis.__decantTest.cleanTab(id), tabId),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 60 s (hang)')), 60_000)),
      ]);
      outcomes.set(name, { state: o.state, detail: o.message ?? o.reason ?? `${o.article?.wordCount ?? 0} words` });
    } catch (e) {
      outcomes.set(name, { state: 'threw', detail: String((e as Error)?.message ?? e).split('\n')[0] });
    }
  }
}, 1_200_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
  fs.rmSync(extDir, { recursive: true, force: true });
  const states: Record<string, number> = {};
  for (const o of outcomes.values()) states[o.state] = (states[o.state] ?? 0) + 1;
  console.log(`Corpus in Chromium: ${outcomes.size} pages, ${JSON.stringify(states)}`);
});

describe('every corpus and nag page through the content script in Chromium', () => {
  test('all pages were visited', () => {
    expect(outcomes.size).toBe(CORPUS.length + NAGS.length);
    expect(CORPUS.length).toBe(181);
  });

  test.each([...CORPUS.map((id) => `corpus ${id}`), ...NAGS.map((f) => `nags ${f}`)])('%s: an article or a clear answer, no crash', (name) => {
    const o = outcomes.get(name)!;
    expect(o, 'visited').toBeDefined();
    expect(['article', 'no-article'], `${o.state}: ${o.detail}`).toContain(o.state);
    // Every nag page is an article (../shared/nags/*.json describe one each).
    if (name.startsWith('nags ')) expect(o.state, o.detail).toBe('article');
  });
});
