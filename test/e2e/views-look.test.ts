// How the extension's pages look in real Chromium, where jsdom cannot tell. Long titles: a title
// made of one long word (a German compound, a pasted address) and a saved article with no title (the
// library shows its address) must wrap, not push the library, the reader view or the popup into
// sideways scrolling. The keyboard focus: "Import settings…" on the options page is a label for a
// hidden file input, so Tab lands on the input and the label must show that focus (before, nothing
// on the page looked focused while Enter would open the file picker). One browser session for the file.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { convert } from '../../src/cli/convert';
import { SAMPLE } from '../helpers';
import { clickToolbarIcon, launch, settled, type Session } from './chromium';
import { startServer, type TestServer } from './server';

const LONG_WORD = 'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft'.repeat(2);
const LONG_URL = `https://news.example.org/2024/03/${'a-very-long-slug-without-any-break'.repeat(6).replace(/-/g, '_')}`;
let session: Session;
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  session = await launch();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const record = (() => {
  const c = convert({ bytes: new Uint8Array(fs.readFileSync(SAMPLE)), url: 'https://www.themoscowtimes.com/2019/03/30/us-warns-russia-a64998', capturedAt: '2024-03-01T10:00:00.000Z' });
  c.close();
  return c.record;
})();

/** How far the page scrolls sideways (0 when it does not). */
const sideways = (page: Page): Promise<number> => page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);

/** Put library entries straight into the library's IndexedDB (`page`: the library page, open and settled). */
const putEntries = (page: Page, entries: object[]): Promise<void> =>
  page.evaluate(
    (list) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('decant-library');
        open.onsuccess = () => {
          const tx = open.result.transaction('articles', 'readwrite');
          for (const e of list) tx.objectStore('articles').put(e);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    entries,
  );

test('the library and the reader view wrap a long one-word title and a title-less article\'s address', async () => {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.goto(`chrome-extension://${session.extensionId}/library.html`);
  expect(await settled(page)).toBe('ready');
  const entries = [
    { id: 'long-title', record: { ...record, title: LONG_WORD, url: 'https://news.example.org/1', canonicalUrl: null }, citation: null, tags: [], savedAt: '2024-03-01T10:00:00.000Z' },
    { id: 'no-title', record: { ...record, title: null, url: LONG_URL, canonicalUrl: null }, citation: null, tags: [], savedAt: '2024-03-01T11:00:00.000Z' },
  ];
  await putEntries(page, entries);
  const widths: Record<string, number> = {};
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 800 });
    await page.reload();
    expect(await settled(page)).toBe('ready');
    expect(await page.locator('tbody tr').count()).toBe(2);
    widths[`library at ${width}`] = await sideways(page);
  }
  for (const width of [1280, 480]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`chrome-extension://${session.extensionId}/reader.html?saved=long-title`);
    expect(await settled(page)).toBe('article');
    widths[`reader at ${width}`] = await sideways(page);
  }
  expect(widths).toEqual({ 'library at 1280': 0, 'library at 900': 0, 'reader at 1280': 0, 'reader at 480': 0 });
  await page.close();
});

test('the popup wraps a long one-word title', async () => {
  const page = await session.context.newPage();
  const words = 'The council voted on Tuesday to keep the ferry running for another ten years, after a long campaign by the people who use it every day. '.repeat(6);
  await page.goto(server.page('/long-title.html', `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>${LONG_WORD}</title></head><body><article><h1>${LONG_WORD}</h1><p>${words}</p><p>${words}</p><p>${words}</p></article></body></html>`), { waitUntil: 'load' });
  const popup = await clickToolbarIcon(session, page);
  expect(await settled(popup.page)).toBe('article');
  expect(await popup.page.locator('[data-field="title"]').innerText()).toBe(LONG_WORD);
  // The popup's own width, not the title's: the title wraps inside it.
  const f = await popup.page.evaluate(() => {
    const title = document.querySelector('[data-field="title"]')!.getBoundingClientRect();
    return { sideways: document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth, titleOutside: title.right > document.documentElement.clientWidth };
  });
  expect(f).toEqual({ sideways: 0, titleOutside: false });
  await popup.close();
  await page.close();
});

test('Tab onto "Import settings…" on the options page shows a focus ring on it', async () => {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/options.html`);
  expect(await settled(page)).toBe('ready');
  await page.focus('[data-action="export"]');
  await page.keyboard.press('Tab');
  const seen = await page.evaluate(() => {
    const style = getComputedStyle(document.querySelector('label[for="import-file"]')!);
    return { focused: document.activeElement?.id, outline: style.outlineStyle, width: style.outlineWidth };
  });
  expect(seen).toEqual({ focused: 'import-file', outline: 'solid', width: '2px' });
  await page.close();
});

test('the reader view\'s buttons are at least 24 px tall, the small "Hide again" and the ledger\'s too (WCAG 2.5.8)', async () => {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/library.html`);
  expect(await settled(page)).toBe('ready');
  await putEntries(page, [{ id: 'targets', record, citation: null, tags: [], savedAt: '2024-03-01T12:00:00.000Z' }]);
  await page.goto(`chrome-extension://${session.extensionId}/reader.html?saved=targets`);
  expect(await settled(page)).toBe('article');
  await page.click('.ledger .chip');
  await page.locator('.ledger .show-again').first().click();
  await page.click('[data-action="display"]');
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, summary, [role="button"]')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && (r.height < 24 || r.width < 24))
      .map(({ el, r }) => `${el.textContent!.trim()} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small).toEqual([]);
  await page.close();
});
