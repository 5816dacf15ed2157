// Decant in Debian's firefox-esr through puppeteer-core over WebDriver BiDi (no geckodriver;
// BROWSER-TESTING.md §4 and §7): the extension installs from dist/firefox; the popup page, opened in
// a tab and pointed at the sample page's tab, renders the cleaned article once host access is granted
// through the optional-permission route (Mozilla's pref that answers the prompt); the reader view
// renders it too. There is no toolbar click in Firefox automation, so activeTab is not involved.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, SHARED, norm } from '../helpers';
import { launchFirefox, openExtensionPage, requestHostAccess, settled, type FirefoxSession } from './firefox-pages';
import { SAMPLE_PATH, startServer, type TestServer } from './server';
import { expectComposedStory, webComponentPage } from '../web-component-page';

const UUID = '5d7f0a4e-3c1b-4f0a-9d2e-7b6c5a4d3e21';
const BASE = `moz-extension://${UUID}`;
const SAMPLE = JSON.parse(fs.readFileSync(path.join(SHARED, 'nags', 'moscowtimes-venezuela.json'), 'utf8')) as { title: string; must_keep: string[]; keep_captions: string[]; must_drop: string[] };

let server: TestServer;
let firefox: FirefoxSession;
let article: Page;
let popup: Page;
let reader: Page;

const ledgerCounts = (p: Page): Promise<Record<string, number>> =>
  p.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll<HTMLElement>('.ledger .chip')).map((c) => [c.dataset.category!, Number(c.dataset.count)])));

beforeAll(async () => {
  server = await startServer();
  firefox = await launchFirefox(UUID, { 'intl.locale.requested': 'en-US', 'intl.accept_languages': 'en-US' });
  const { browser } = firefox;
  article = await browser.newPage();
  // Only two tabs from here on: the article and the extension page (tab ids are found by elimination).
  for (const p of await browser.pages()) if (p !== article) await p.close();
  await article.goto(server.origin + SAMPLE_PATH, { waitUntil: 'load' });
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('Firefox', () => {
  test('the extension installs and its pages run (a reader view with nothing kept says so)', async () => {
    popup = await firefox.browser.newPage();
    await openExtensionPage(popup, `${BASE}/reader.html`);
    expect(await settled(popup)).toBe('gone');
    expect(await popup.$eval('.state-message', (e) => e.textContent)).toMatch(/until the browser closes/);
  });

  test('without host access the popup page explains that Decant may not read the tab', async () => {
    const tabId = await popup.evaluate(async () => {
      const b = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id: number; active: boolean }[]>; getCurrent(): Promise<{ id: number }> } } }).browser;
      const me = await b.tabs.getCurrent();
      const tabs = await b.tabs.query({});
      return tabs.filter((t) => t.id !== me.id)[0].id;
    });
    await openExtensionPage(popup, `${BASE}/popup.html?tab=${tabId}`);
    expect(await settled(popup)).toBe('no-access');
    expect(await popup.$eval('.state-title', (e) => e.textContent)).toBe('Decant needs your permission');
  });

  test('with host access granted (optional-permission route), the popup page renders the cleaned sample page', async () => {
    // A real click (BiDi input = user gesture) asks for the site; the pref answers the prompt.
    expect(await requestHostAccess(popup, ['http://127.0.0.1/*'])).toBe(true);
    const url = await popup.evaluate(() => location.href);
    await openExtensionPage(popup, `${url}&again=1`);
    expect(await settled(popup)).toBe('article');
    expect(await popup.$eval('[data-field="title"]', (e) => e.textContent)).toBe(SAMPLE.title);
    expect(await popup.$eval('[data-field="siteName"]', (e) => e.textContent)).toBe('The Moscow Times');
    const text = norm(await popup.evaluate(() => document.body.innerText));
    for (const s of [...SAMPLE.must_keep, ...SAMPLE.keep_captions]) expect(text).toContain(norm(s));
    for (const nag of SAMPLE.must_drop) expect(text).not.toContain(norm(nag));
    const counts = await ledgerCounts(popup);
    expect(counts.donation).toBe(2);
    expect(counts.related).toBe(1);
  });

  test('the reader view renders it too, and shows a removed block again in place', async () => {
    const before = new Set(await firefox.browser.pages());
    await popup.click('[data-action="reader"]');
    // BiDi does not report moz-extension loads, so find the new tab and ask it where it is.
    for (const deadline = Date.now() + 20_000; !reader && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      reader = (await firefox.browser.pages()).find((p) => !before.has(p))!;
    }
    expect(reader).toBeTruthy();
    await reader.waitForFunction((base: string) => location.href.startsWith(`${base}/reader.html?id=`) && document.readyState === 'complete', { timeout: 20_000 }, BASE);
    expect(await settled(reader)).toBe('article');
    expect(await reader.$eval('[data-field="title"]', (e) => e.textContent)).toBe(SAMPLE.title);
    const text = norm(await reader.evaluate(() => document.body.innerText));
    for (const s of [...SAMPLE.must_keep, ...SAMPLE.keep_captions]) expect(text).toContain(norm(s));
    for (const nag of SAMPLE.must_drop) expect(text).not.toContain(norm(nag));
    await reader.click('.chip[data-category="donation"]');
    const buttons = await reader.$$('.ledger-entry button.show-again');
    const appeal = await reader.$$eval('.ledger-entry', (els) => els.findIndex((e) => e.textContent!.includes('A Message from')));
    await buttons[appeal].click();
    await reader.waitForSelector('.article-body .restored');
    const restoredText = await reader.$eval('.article-body .restored', (e) => (e as HTMLElement).innerText);
    expect(norm(restoredText)).toContain(norm('Dear readers,'));
    expect(await reader.$eval('.article-body .restored', (e) => e.previousElementSibling?.lastElementChild?.textContent ?? '')).toContain('screwed up by the blackout');
    await reader.screenshot({ path: path.join(ROOT, '.reports', 'reader-sample-firefox.png') });
  });

  test.each(['open', 'closed'] as const)('an article in a %s shadow root: the popup page shows it as the reader sees it', async (mode) => {
    await article.goto(server.page(`/web-component-${mode}.html`, webComponentPage(mode)), { waitUntil: 'load' });
    const url = await popup.evaluate(() => location.href);
    await openExtensionPage(popup, `${url.split('&')[0]}&again=${mode}`);
    expect(await settled(popup)).toBe('article');
    expectComposedStory(norm(await popup.evaluate(() => document.body.innerText)));
    expect((await ledgerCounts(popup)).donation).toBe(1);
  });
});
