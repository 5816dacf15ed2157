// The saved library in real Chromium (issue 6 §4): save two articles from the real popup, export the
// library as ZIP from the library page, read the ZIP back in Node, and import it into a fresh
// profile — which then holds exactly what was saved. One session per profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { schemaErrors } from '../schema';
import { clickToolbarIcon, launch, settled, type Session } from './chromium';
import { SAMPLE_PATH, startServer, type TestServer } from './server';

let server: TestServer;
let first: Session;
let second: Session | null = null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decant-library-'));

beforeAll(async () => {
  server = await startServer();
  first = await launch();
}, 120_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything in the library's IndexedDB, read in the extension's own page. */
function storedEntries(page: Page): Promise<{ id: string; record: { title: string }; tags: string[]; savedAt: string }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('decant-library');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('articles').objectStore('articles').getAll();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Wait for a finished download in `folder` whose name matches. */
async function downloaded(folder: string, name: RegExp): Promise<string> {
  const deadline = Date.now() + 30_000;
  let found: string | undefined;
  while (Date.now() < deadline && !(found = fs.readdirSync(folder).find((f) => name.test(f)))) await new Promise((r) => setTimeout(r, 100));
  if (!found) throw new Error(`no download matching ${name} in ${folder}`);
  return path.join(folder, found);
}

/** The popup's Export menu: the JSON record validates, the citation names the site, text is the body. */
async function exportsFromPopup(popup: Page): Promise<void> {
  const folder = fs.mkdtempSync(path.join(dir, 'popup-'));
  const cdp = await popup.context().newCDPSession(popup);
  await cdp.send('Browser.setDownloadBehavior' as never, { behavior: 'allow', downloadPath: folder } as never);
  await popup.click('[data-action="export"]');
  for (const format of ['json', 'bib', 'csl', 'md', 'html', 'txt']) await popup.click(`[data-export="${format}"][data-how="download"]`);
  const record = JSON.parse(fs.readFileSync(await downloaded(folder, /^2019-03-30-u-s-warns-russia-over-troops-in-venezuela-threatens-sanctions-[0-9a-f]{7}\.json$/), 'utf8'));
  expect(schemaErrors(record)).toEqual([]);
  expect(record.provenance.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(record.provenance.sha256Html).toMatch(/^[0-9a-f]{64}$/);
  expect(fs.readFileSync(await downloaded(folder, /\.bib$/), 'utf8')).toMatch(/journal = \{The Moscow Times\}/);
  expect(JSON.parse(fs.readFileSync(await downloaded(folder, /\.csl\.json$/), 'utf8'))[0]).toMatchObject({ type: 'article-newspaper', title: record.title });
  expect(parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(fs.readFileSync(await downloaded(folder, /\.md$/), 'utf8'))![1]).title).toBe(record.title);
  expect(fs.readFileSync(await downloaded(folder, /\.html$/), 'utf8')).not.toMatch(/<script/i);
  expect(fs.readFileSync(await downloaded(folder, /\.txt$/), 'utf8')).toBe(record.text); // exactly the text, so its SHA-256 is sha256Text
  await cdp.detach();
}

async function openLibrary(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/library.html`);
  expect(await settled(page)).toBe('ready');
  return page;
}

describe('the library in real Chromium', () => {
  let zipPath: string;
  let saved: Awaited<ReturnType<typeof storedEntries>>;

  test('the popup exports every format (JSON validates); Save stores two articles; a second Save says it is there already', async () => {
    const tab = await first.context.newPage();
    for (const url of [server.origin + SAMPLE_PATH, `${server.origin}/nags/it-pasta-e-ceci.html`]) {
      await tab.goto(url, { waitUntil: 'load' });
      const popup = await clickToolbarIcon(first, tab);
      try {
        expect(await settled(popup.page)).toBe('article');
        await popup.page.click('[data-action="save"]');
        await popup.page.waitForFunction(() => document.getElementById('toast')?.textContent === 'Saved to your library');
        await popup.page.click('[data-action="save"]');
        await popup.page.waitForFunction(() => document.getElementById('toast')?.textContent === 'Already in your library');
        if (url.endsWith(SAMPLE_PATH)) await exportsFromPopup(popup.page);
      } finally {
        await popup.close();
      }
    }
  }, 120_000);

  test('the library page lists them, exports a ZIP with a .md and a .json per article and a manifest, and Read opens the saved copy', async () => {
    const lib = await openLibrary(first);
    expect(await lib.locator('tbody tr').count()).toBe(2);
    expect(await lib.locator('[data-field="count"]').innerText()).toBe('2 saved');
    await lib.locator('tbody tr').first().locator('[data-field="tags"]').fill('kept, test');
    await lib.locator('tbody tr').first().locator('[data-field="tags"]').press('Enter');
    await lib.waitForFunction(() => /Tags saved/.test(document.querySelector('.lib-status')?.textContent ?? ''));
    await lib.fill('[data-action="search"]', 'Venezuela');
    expect(await lib.locator('tbody tr').count()).toBe(1);
    await lib.fill('[data-action="search"]', '');
    saved = await storedEntries(lib);
    expect(saved).toHaveLength(2);
    // Playwright's download capture does not reach extension pages: point Chromium's own download
    // behaviour at a folder of ours and wait for the finished file.
    const cdp = await first.context.newCDPSession(lib);
    await cdp.send('Browser.setDownloadBehavior' as never, { behavior: 'allow', downloadPath: dir } as never);
    await lib.click('[data-action="export-zip"]');
    const deadline = Date.now() + 30_000;
    let name: string | undefined;
    while (Date.now() < deadline && !(name = fs.readdirSync(dir).find((f) => /^decant-library-.*\.zip$/.test(f)))) await new Promise((r) => setTimeout(r, 100));
    expect(name).toBeDefined();
    zipPath = path.join(dir, name!);
    const files = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
    const manifest = JSON.parse(strFromU8(files['manifest.json']));
    expect(manifest.count).toBe(2);
    expect(Object.keys(files)).toHaveLength(5);
    for (const a of manifest.articles) {
      const record = JSON.parse(strFromU8(files[a.json]));
      expect(schemaErrors(record)).toEqual([]);
      expect(record.provenance.capturedAt).toMatch(/^\d{4}-/);
      const md = strFromU8(files[a.markdown]);
      expect(parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(md)![1]).title).toBe(record.title);
    }
    expect(manifest.articles.map((a: { tags: string[] }) => a.tags)).toContainEqual(['kept', 'test']);
    // Read: the saved copy opens in the reader view, from the library alone.
    const row = lib.locator('tbody tr').first();
    const title = await row.locator('[data-field="title"]').innerText();
    const opened = first.context.waitForEvent('page', { predicate: (p) => p.url().includes('/reader.html?saved='), timeout: 20_000 });
    await row.locator('[data-action="read"]').click();
    const reader = await opened;
    expect(await settled(reader)).toBe('article');
    expect(await reader.locator('h1[data-field="title"]').innerText()).toBe(title);
    await reader.close();
    await lib.close();
  }, 120_000);

  test('importing the ZIP into a fresh profile gives back exactly what was saved; again, only duplicates', async () => {
    second = await launch();
    const lib = await openLibrary(second);
    expect(await lib.locator('tbody tr').count()).toBe(0);
    await lib.setInputFiles('[data-action="import-file"]', zipPath);
    await lib.waitForFunction(() => /^Imported 2 article/.test(document.querySelector('.lib-status')?.textContent ?? ''));
    expect(await lib.locator('tbody tr').count()).toBe(2);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect((await storedEntries(lib)).sort(byId)).toEqual([...saved].sort(byId));
    await lib.setInputFiles('[data-action="import-file"]', zipPath);
    await lib.waitForFunction(() => /^Imported 0 article.*2 already in your library/.test(document.querySelector('.lib-status')?.textContent ?? ''));
    expect(await lib.locator('tbody tr').count()).toBe(2);
  }, 120_000);

  test('"Delete selected" asks once more, and shows its own label again when the selection changes and after deleting', async () => {
    const lib = await openLibrary(second!);
    const button = lib.locator('.lib-top [data-action="delete"]');
    const rows = lib.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    await rows.nth(0).locator('input[type="checkbox"]').check();
    await button.click();
    expect(await button.innerText()).toBe('Delete 1? Click again');
    // The selection changes while it asks: the question no longer counts what would go.
    await rows.nth(1).locator('input[type="checkbox"]').check();
    expect(await button.innerText()).toBe('Delete selected');
    await button.click();
    expect(await button.innerText()).toBe('Delete 2? Click again');
    await button.click();
    await lib.waitForFunction(() => document.querySelector('.lib-status')?.textContent === 'Deleted 2 article(s).');
    expect(await rows.count()).toBe(0);
    expect(await button.innerText()).toBe('Delete selected');
    await lib.close();
  }, 120_000);
});
