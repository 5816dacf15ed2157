// Decant in real Chromium (Debian's chromium, unpacked dist/chrome): the toolbar click opens the real
// popup (CDP Extensions.triggerAction, which also grants activeTab), the popup shows the cleaned
// article and the ledger; the reader view shows the same and puts removed blocks back in place; every
// state that is not an article explains itself. One browser session for the whole file.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, SHARED, norm } from '../helpers';
import { clickToolbarIcon, launch, settled, tabIdOf, type Popup, type Session } from './chromium';
import { startImageHost, type ImageHost } from './image-host';
import { SAMPLE_PATH, startServer, type TestServer } from './server';

const REPORTS = path.join(ROOT, '.reports');
const SAMPLE_NAGS = JSON.parse(fs.readFileSync(path.join(SHARED, 'nags', 'moscowtimes-venezuela.json'), 'utf8')) as NagSpec;
const LEAD_IMAGE = '/image/article_1360/venezuela-caracas.jpg';

interface NagSpec {
  title: string;
  must_keep: string[];
  keep_captions: string[];
  must_drop: string[];
}

let server: TestServer;
let images: ImageHost;
let session: Session;
let page: Page;

beforeAll(async () => {
  fs.mkdirSync(REPORTS, { recursive: true });
  [server, images] = await Promise.all([startServer(), startImageHost()]);
  session = await launch({ args: images.chromiumArgs });
  page = await session.context.newPage();
}, 60_000);

afterAll(async () => {
  await session?.close();
  await Promise.all([server?.close(), images?.close()]);
});

/** Open `url` in the test tab and click Decant's toolbar icon; waits for the popup to settle. */
async function popupFor(url: string): Promise<Popup & { state: string }> {
  if (page.url() !== url) await page.goto(url, { waitUntil: 'load' });
  const popup = await clickToolbarIcon(session, page);
  const state = await settled(popup.page);
  return Object.assign(popup, { state });
}

const visibleText = (p: Page): Promise<string> => p.evaluate(() => document.body.innerText);
const ledgerCounts = (p: Page): Promise<Record<string, number>> =>
  p.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll<HTMLElement>('.ledger .chip')).map((c) => [c.dataset.category!, Number(c.dataset.count)])));

async function readerFrom(popup: Popup): Promise<Page> {
  const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes('/reader.html'), timeout: 15_000 });
  await popup.page.click('[data-action="reader"]');
  const reader = await opened;
  await reader.waitForLoadState('domcontentloaded');
  await settled(reader);
  return reader;
}

describe('the sample page in the real popup', () => {
  let popup: Popup & { state: string };
  let text: string;

  beforeAll(async () => {
    popup = await popupFor(server.origin + SAMPLE_PATH);
    text = norm(await visibleText(popup.page));
  }, 60_000);
  afterAll(async () => {
    await popup?.close();
  });

  test('shows the article: title, metadata and every paragraph', async () => {
    expect(popup.state).toBe('article');
    const field = async (name: string) => (await popup.page.locator(`[data-field="${name}"]`).first().textContent())?.trim();
    expect(await field('title')).toBe(SAMPLE_NAGS.title);
    expect(await field('byline')).toBe('By Reuters');
    expect(await field('siteName')).toBe('The Moscow Times');
    expect(await field('publishedTime')).toBe('March 30, 2019');
    expect(await field('lang')).toBe('English');
    expect(await field('wordCount')).toMatch(/^\d{3} words$/);
    expect(await field('readingTime')).toBe('2 min read');
    expect(await popup.page.locator('[data-field="canonicalUrl"]').getAttribute('href')).toBe('https://www.themoscowtimes.com/2019/03/30/us-warns-russia-over-troops-in-venezuela-threatens-sanctions-a64998');
    for (const sentence of SAMPLE_NAGS.must_keep) expect(text).toContain(norm(sentence));
    expect(await popup.page.locator('.article-body p').count()).toBeGreaterThan(10);
  });

  test('keeps the photo and its credit', async () => {
    for (const caption of SAMPLE_NAGS.keep_captions) expect(text).toContain(norm(caption));
    const lead = popup.page.locator('.article-body figure img').first();
    expect(await lead.getAttribute('src')).toBe(`https://static.themoscowtimes.com${LEAD_IMAGE}`);
    expect(await lead.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  test('shows no donation text at first glance', () => {
    for (const nag of SAMPLE_NAGS.must_drop) expect(text).not.toContain(norm(nag));
    expect(text).not.toContain(norm('Support us'));
    expect(text).not.toContain(norm('Kremlin Says It Has Not Been Asked'));
  });

  test('counts the ledger by category: the modal and the appeal under donation, the rail under related', async () => {
    const counts = await ledgerCounts(popup.page);
    expect(counts.donation).toBe(2);
    expect(counts.related).toBe(1);
    expect(await popup.page.locator('.ledger-title').innerText()).toMatch(/^Removed \d+ blocks$/);
  });

  test('a category opens to each block with its reason and preview', async () => {
    await popup.page.click('.chip[data-category="donation"]');
    const entries = popup.page.locator('.ledger-entry');
    expect(await entries.count()).toBe(2);
    const previews = await popup.page.locator('.ledger-entry .entry-preview').allInnerTexts();
    expect(previews.join(' ')).toContain('Enjoying ad-free content?');
    expect(previews.join(' ')).toContain('A Message from The Moscow Times');
    for (const reason of await popup.page.locator('.ledger-entry .entry-reason').allInnerTexts()) expect(reason.length).toBeGreaterThan(15);
    await popup.page.click('.chip[data-category="related"]');
    expect(await popup.page.locator('.ledger-entry .entry-preview').innerText()).toContain('Read more');
  });

  test('show again puts a block back in place in the popup, and hide again takes it out', async () => {
    await popup.page.click('.chip[data-category="donation"]');
    const appeal = popup.page.locator('.ledger-entry', { hasText: 'A Message from' });
    await appeal.locator('button.show-again').click();
    const restored = popup.page.locator('.article-body .restored');
    expect(await restored.count()).toBe(1);
    expect(await restored.innerText()).toContain('Dear readers');
    // In place: right after the article block it followed.
    const after = await popup.page.evaluate(() => document.querySelector('.article-body .restored')!.previousElementSibling?.getAttribute('data-decant-id'));
    expect(after).toMatch(/^b\d+$/);
    expect(await appeal.locator('button.show-again').innerText()).toBe('Hide again');
    await restored.locator('button', { hasText: 'Hide again' }).click();
    expect(await popup.page.locator('.article-body .restored').count()).toBe(0);
    expect(await appeal.locator('button.show-again').innerText()).toBe('Show again');
  });

  test('loads the article image from its own URL without a referrer', async () => {
    await popup.page.waitForFunction(() => Array.from(document.querySelectorAll('.article-body img')).some((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
    const fromViews = images.requests.filter((r) => r.path === LEAD_IMAGE && r.referer === null);
    expect(fromViews.length).toBeGreaterThan(0);
  });
});

describe('settings and screenshots', () => {
  test('turning images off stops every image load in the popup, and it stays off', async () => {
    const popup = await popupFor(server.origin + SAMPLE_PATH);
    try {
      await popup.page.click('[data-action="images"]');
      await popup.page.waitForSelector('.img-placeholder');
      const before = images.requests.length;
      await popup.close();
      const again = await popupFor(server.origin + SAMPLE_PATH);
      try {
        expect(again.state).toBe('article');
        await again.page.waitForTimeout(500);
        expect(await again.page.locator('.article-body img').count()).toBe(0);
        expect(await again.page.locator('.img-placeholder').first().innerText()).toContain('images are off');
        expect(images.requests.slice(before).filter((r) => r.referer === null && r.dest === 'image')).toEqual([]);
        await again.page.click('[data-action="images"]'); // back on for the rest of the suite
        await again.page.waitForSelector('.article-body img');
      } finally {
        await again.close();
      }
    } finally {
      await popup.close();
    }
  });

  test('screenshots of the popup and the reader view (artifacts in .reports/)', async () => {
    const popup = await popupFor(server.origin + SAMPLE_PATH);
    await popup.page.waitForFunction(() => Array.from(document.querySelectorAll('.article-body img')).every((i) => (i as HTMLImageElement).complete));
    await popup.page.screenshot({ path: path.join(REPORTS, 'popup-sample.png') });
    const reader = await readerFrom(popup);
    await popup.close();
    await reader.waitForFunction(() => Array.from(document.querySelectorAll('.article-body img')).every((i) => (i as HTMLImageElement).complete));
    await reader.screenshot({ path: path.join(REPORTS, 'reader-sample.png') });
    await reader.click('[data-action="display"]');
    await reader.click('[data-control="theme"] [data-value="dark"]');
    await reader.screenshot({ path: path.join(REPORTS, 'reader-sample-dark.png') });
    await reader.click('[data-control="theme"] [data-value="system"]');
    await reader.close();
    for (const f of ['popup-sample.png', 'reader-sample.png', 'reader-sample-dark.png']) expect(fs.statSync(path.join(REPORTS, f)).size).toBeGreaterThan(20_000);
  });
});
