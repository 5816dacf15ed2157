// Auto-clean in Debian's firefox-esr (issue 5) through puppeteer-core over WebDriver BiDi. Firefox
// automation has no toolbar click (so no activeTab): the popup page, opened in a tab and pointed at the
// story's tab, first gets the site's access the way its "Allow on this site" does — a real click, a
// permissions.request answered by Mozilla's optional-permission pref (BROWSER-TESTING.md §7; no
// doorhanger, so Deny is covered in Chromium) — which lets it see the tab's site. Then the switch (a
// real click) turns auto-clean on: the open page is cleaned at once, a reload loads clean through
// Firefox's registered content script, and switching off restores the page without a reload and gives
// the access back.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchFirefox, openExtensionPage, requestHostAccess, type FirefoxSession } from './firefox-pages';
import { startServer, type TestServer } from './server';
import { STORY_PARAS, shadowBannerStoryPage, storyPage } from './auto-clean-site';

const UUID = '0b7c2e9a-6d41-4f3e-8a15-2c9d4e7f1a60';
const BASE = `moz-extension://${UUID}`;
const STORY = '/news/harbour-bridge-reopens.html';
const SHADOW_STORY = '/news/harbour-bridge-consent-component.html';
const CLOSED_SHADOW_STORY = '/news/harbour-bridge-consent-closed.html';

type Ext = {
  tabs: { query(q: object): Promise<{ id: number }[]>; getCurrent(): Promise<{ id: number }> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
};

let server: TestServer;
let firefox: FirefoxSession;
let story: Page;
let popup: Page;


/** What the reader sees on the story page. */
function storyState(page: Page) {
  return page.evaluate((paras: string[]) => {
    const vis = (el: Element | null): boolean => !!el && el.checkVisibility({ checkVisibilityCSS: true }) && el.getBoundingClientRect().height > 0;
    const ps = Array.from(document.querySelectorAll('p'));
    return {
      modalInserted: !!document.querySelector('.donate-modal'),
      modal: vis(document.querySelector('.donate-modal')),
      backdrop: vis(document.querySelector('.backdrop')),
      appeal: vis(document.querySelector('.support-box')),
      newsletter: vis(document.querySelector('.newsletter-signup')),
      ads: Array.from(document.querySelectorAll('.ad-slot')).filter(vis).length,
      paras: paras.every((t) => vis(ps.find((p) => p.textContent === t) ?? null)),
      overflow: getComputedStyle(document.body).overflowY,
      marked: document.querySelectorAll('[data-decant-hidden-by]').length,
      sameLoad: (window as { __sameLoad?: boolean }).__sameLoad === true,
    };
  }, STORY_PARAS);
}

async function loadStory(pathname = STORY): Promise<void> {
  // In front: a background tab gets animation frames rarely (auto-clean's late work waits for them,
  // which is right for a reader: it is done before the tab is next painted).
  await story.bringToFront();
  await story.goto(server.origin + pathname, { waitUntil: 'load' });
  await story.waitForFunction(() => (window as { __modalInsertedAt?: number }).__modalInsertedAt !== undefined, { timeout: 10_000 });
  await story.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
}

const ext = (p: Page) => <T,>(fn: (b: Ext) => Promise<T>) => p.evaluate(`(${fn.toString()})(browser)`) as Promise<T>;

beforeAll(async () => {
  server = await startServer();
  server.page(STORY, storyPage(1500));
  server.page(SHADOW_STORY, shadowBannerStoryPage(1500));
  server.page(CLOSED_SHADOW_STORY, shadowBannerStoryPage(1500, 'closed'));
  firefox = await launchFirefox(UUID);
  const { browser } = firefox;
  story = await browser.newPage();
  // Two tabs from here on: the story and the popup page (the story's tab id is found by elimination).
  for (const p of await browser.pages()) if (p !== story) await p.close();
  await loadStory();
  popup = await browser.newPage();
  await openExtensionPage(popup, `${BASE}/options.html`);
  const tabId = await ext(popup)(async (b) => {
    const me = await b.tabs.getCurrent();
    return (await b.tabs.query({})).filter((t) => t.id !== me.id)[0].id;
  });
  await openExtensionPage(popup, `${BASE}/popup.html?tab=${tabId}`);
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('auto-clean in Firefox', () => {
  test('before: no host access, and the site as sent (the late modal locks scrolling)', async () => {
    expect((await ext(popup)((b) => b.permissions.getAll())).origins ?? []).toEqual([]);
    const st = await storyState(story);
    expect(st).toMatchObject({ modalInserted: true, modal: true, backdrop: true, appeal: true, newsletter: true, ads: 2, paras: true, overflow: 'hidden', marked: 0 });
  });

  test('the switch (a real click) cleans the open page at once and registers the script', async () => {
    // Access to the site first (a real click; the pref answers), so the popup page can see the tab's site.
    expect(await requestHostAccess(popup, ['http://127.0.0.1/*'])).toBe(true);
    await openExtensionPage(popup, `${await popup.evaluate(() => location.href)}&granted=1`);
    await story.evaluate(() => ((window as { __sameLoad?: boolean }).__sameLoad = true));
    await popup.waitForSelector('.autoclean[data-state="off"]', { timeout: 20_000 });
    expect(await popup.$eval('.autoclean [data-field="site"]', (e) => e.textContent)).toBe('127.0.0.1');
    expect(await storyState(story)).toMatchObject({ modal: true, marked: 0 }); // access alone cleans nothing
    await popup.click('label.autoclean-switch');
    await popup.waitForSelector('.autoclean[data-state="on"]', { timeout: 20_000 });
    expect((await ext(popup)((b) => b.permissions.getAll())).origins).toEqual(['http://127.0.0.1/*']);
    const regs = await ext(popup)((b) => b.scripting.getRegisteredContentScripts());
    expect(regs.map((r) => [r.id, r.matches])).toEqual([['decant-auto-clean:http://127.0.0.1', ['http://127.0.0.1/*']]]);
    await story.waitForFunction(() => document.querySelectorAll('[data-decant-hidden-by]').length > 0, { timeout: 10_000 });
    const st = await storyState(story);
    expect(st).toMatchObject({ modal: false, backdrop: false, appeal: false, newsletter: false, ads: 0, paras: true, overflow: 'auto', sameLoad: true });
  });

  test('a reload loads clean through the registered script: late modal hidden, scrolling back, article intact', async () => {
    await loadStory();
    const st = await storyState(story);
    expect(st).toMatchObject({ modalInserted: true, modal: false, backdrop: false, appeal: false, newsletter: false, ads: 0, paras: true, overflow: 'auto', sameLoad: false });
    expect(st.marked).toBe(6);
  });

  test.each([
    ['an open', SHADOW_STORY],
    ['a closed', CLOSED_SHADOW_STORY],
  ])('a consent banner drawn late in %s shadow root is hidden with its component; the story stays', async (_, pathname) => {
    const banner = () => story.evaluate(() => !!(window as { __consentBox?: Element }).__consentBox?.checkVisibility({ checkVisibilityCSS: true }));
    await loadStory(pathname);
    await story.waitForFunction(() => document.querySelector('harbour-consent')?.hasAttribute('data-decant-hidden-by'), { timeout: 10_000 });
    expect(await banner()).toBe(false);
    expect(await storyState(story)).toMatchObject({ paras: true });
    await loadStory(); // the story the next test switches off on
    expect(await storyState(story)).toMatchObject({ modal: false, paras: true });
  });

  test('switching off restores the open page without a reload; registration and permission go', async () => {
    await story.evaluate(() => ((window as { __sameLoad?: boolean }).__sameLoad = true));
    await popup.bringToFront();
    await popup.click('label.autoclean-switch');
    await story.waitForFunction(() => document.querySelectorAll('[data-decant-hidden-by]').length === 0, { timeout: 10_000 });
    const st = await storyState(story);
    expect(st).toMatchObject({ modal: true, backdrop: true, appeal: true, newsletter: true, ads: 2, overflow: 'hidden', sameLoad: true });
    // The page is restored first, while Decant can still reach it; the registration and the
    // permission go right after, in the same call: wait for the switch to settle, then check.
    // (Without a toolbar click Firefox gives no activeTab here, so once the site's permission is gone
    // the panel cannot name the tab's site and hides: it settles as 'unavailable', not 'off'.)
    await popup.waitForSelector('.autoclean:not([data-state="asking"])', { timeout: 20_000 });
    await expect.poll(() => ext(popup)((b) => b.scripting.getRegisteredContentScripts()), { timeout: 10_000 }).toEqual([]);
    await expect.poll(async () => (await ext(popup)((b) => b.permissions.getAll())).origins ?? [], { timeout: 10_000 }).toEqual([]);
    await loadStory();
    expect(await storyState(story)).toMatchObject({ modal: true, marked: 0 });
  });
});
