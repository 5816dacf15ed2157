// Per-site auto-clean in real Chromium (issue 5), through the reader's own steps: the toolbar click
// opens the real popup, its switch asks for the site, and Chromium's real permission dialog is
// answered through the browser's UI DevTools (BROWSER-TESTING.md §7). A fresh profile per scenario
// (a removed grant would otherwise come back without a dialog); the first profile is reopened once to
// prove the registration survives a browser restart.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickToolbarIcon, launch, tabIdOf, type Session } from './chromium';
import { UI_DEVTOOLS_ARGS, answerPermissionPrompt } from './ui-devtools';
import { startServer, type TestServer } from './server';
import { APPEAL_TEXT, DIALOG_TEXT, LAYER_TEXT, MODAL_TEXT, STORY_PARAS, dialogStoryPage, layerStoryPage, shadowBannerStoryPage, storyPage } from './auto-clean-site';
import { ROOT } from '../helpers';
import { webComponentPage } from '../web-component-page';

const REPORTS = path.join(ROOT, '.reports');

// Extension APIs inside sw.evaluate / page.evaluate callbacks (they run in the browser).
declare const chrome: {
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; persistAcrossSessions?: boolean }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  storage: { sync: { get(k: string): Promise<Record<string, { autoClean?: { sites?: Record<string, unknown> } }>> } };
};

const STORY = '/news/harbour-bridge-reopens.html';
const LAYER_STORY = '/news/harbour-bridge-app-wall.html';
const DIALOG_STORY = '/news/harbour-bridge-give-dialog.html';
const SHADOW_STORY = '/news/harbour-bridge-consent-component.html';
const CLOSED_SHADOW_STORY = '/news/harbour-bridge-consent-closed.html';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: TestServer;
let site: string; // http://127.0.0.1:<port>
let otherSite: string; // the same server as http://localhost:<port>: another site

beforeAll(async () => {
  server = await startServer();
  server.page(STORY, storyPage(1500));
  server.page(LAYER_STORY, layerStoryPage(1500));
  server.page(DIALOG_STORY, dialogStoryPage(1500));
  server.page(SHADOW_STORY, shadowBannerStoryPage(1500));
  server.page(CLOSED_SHADOW_STORY, shadowBannerStoryPage(1500, 'closed'));
  site = server.origin;
  otherSite = server.origin.replace('127.0.0.1', 'localhost');
});
afterAll(async () => {
  await server?.close();
});

interface PageState {
  modalInserted: boolean;
  modal: boolean;
  backdrop: boolean;
  appeal: boolean;
  newsletter: boolean;
  ads: number;
  header: boolean;
  title: boolean;
  paras: boolean[];
  marked: number;
  unlocked: boolean;
  reloadMark: boolean;
}

/** What the reader sees, read in the page itself. */
function pageState(page: Page): Promise<PageState> {
  return page.evaluate((paras) => {
    const vis = (el: Element | null | undefined): boolean => !!el && el.checkVisibility({ checkVisibilityCSS: true }) && el.getBoundingClientRect().height > 0;
    const ps = Array.from(document.querySelectorAll('p'));
    return {
      modalInserted: !!document.querySelector('.donate-modal'),
      modal: vis(document.querySelector('.donate-modal')),
      backdrop: vis(document.querySelector('.backdrop')),
      appeal: vis(document.querySelector('.support-box')),
      newsletter: vis(document.querySelector('.newsletter-signup')),
      ads: Array.from(document.querySelectorAll('.ad-slot')).filter(vis).length,
      header: vis(document.querySelector('header.site')),
      title: vis(document.querySelector('h1')),
      paras: paras.map((t) => vis(ps.find((p) => p.textContent === t))),
      marked: document.querySelectorAll('[data-decant-hidden-by]').length,
      unlocked: document.documentElement.hasAttribute('data-decant-unlocked') || document.body.hasAttribute('data-decant-unlocked'),
      reloadMark: (window as { __sameLoad?: boolean }).__sameLoad === true,
    };
  }, STORY_PARAS);
}

/** Load the story and wait until its modal has arrived (1.5 s) and two frames have passed. */
async function loadStory(page: Page, origin = site, pathname = STORY): Promise<PageState> {
  await page.goto(origin + pathname, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as { __modalInsertedAt?: number }).__modalInsertedAt !== undefined, undefined, { timeout: 10_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  return pageState(page);
}

/** Can the reader scroll with the mouse wheel? */
async function scrolls(page: Page): Promise<boolean> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(640, 450);
  await page.mouse.wheel(0, 700);
  await sleep(400);
  return page.evaluate(() => window.scrollY > 0);
}

const registered = (s: Session) => s.sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((r) => ({ id: r.id, matches: r.matches, persist: r.persistAcrossSessions })));
const origins = (s: Session) => s.sw.evaluate(async () => (await chrome.permissions.getAll()).origins ?? []);
const savedSites = (s: Session) => s.sw.evaluate(async () => Object.keys((await chrome.storage.sync.get('settings')).settings?.autoClean?.sites ?? {}));
const badge = async (s: Session, page: Page) => {
  const tabId = await tabIdOf(s, page);
  return s.sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
};

/** Open the real popup on `page` and flip the auto-clean switch; the popup may close when Chromium's dialog opens. */
async function flipSwitch(s: Session, page: Page, expectState: 'on' | 'off'): Promise<void> {
  const popup = await clickToolbarIcon(s, page);
  await popup.page.waitForSelector(`.autoclean[data-state="${expectState}"]`, { timeout: 15_000 });
  await popup.page.click('label.autoclean-switch', { noWaitAfter: true }).catch((e: Error) => {
    if (!/closed/i.test(e.message)) throw e;
  });
  if (expectState === 'on') {
    // Switching off needs no dialog: wait for the popup's own confirmation.
    await popup.page.waitForSelector('.autoclean[data-state="off"]', { timeout: 15_000 });
    await popup.close();
  } else {
    void popup.close();
  }
}

function expectClean(st: PageState): void {
  expect(st.modalInserted).toBe(true);
  expect(st.modal).toBe(false);
  expect(st.backdrop).toBe(false);
  expect(st.appeal).toBe(false);
  expect(st.newsletter).toBe(false);
  expect(st.ads).toBe(0);
  // Nothing of the article is hidden, nor the site's own header.
  expect(st.title).toBe(true);
  expect(st.paras).toEqual(STORY_PARAS.map(() => true));
  expect(st.header).toBe(true);
}

function expectAsSent(st: PageState): void {
  expect(st.modalInserted).toBe(true);
  expect(st.modal).toBe(true);
  expect(st.backdrop).toBe(true);
  expect(st.appeal).toBe(true);
  expect(st.newsletter).toBe(true);
  expect(st.ads).toBe(2);
  expect(st.marked).toBe(0);
  expect(st.unlocked).toBe(false);
}

describe('auto-clean, switched on with Allow', () => {
  let s: Session;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    s = await launch({ args: UI_DEVTOOLS_ARGS, keepProfile: true });
    profile = s.userDataDir;
    page = await s.context.newPage();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  test('installs with no host access and no registered script', async () => {
    expect(await origins(s)).toEqual([]);
    expect(await registered(s)).toEqual([]);
  });

  test('before: the site as sent — the modal arrives after 1.5 s and the page cannot scroll', async () => {
    expectAsSent(await loadStory(page));
    expect(await scrolls(page)).toBe(false);
  });

  test('the switch asks Chromium for exactly this site; Allow cleans the open page at once, without a reload', async () => {
    await page.evaluate(() => ((window as { __sameLoad?: boolean }).__sameLoad = true));
    const popup = await clickToolbarIcon(s, page);
    await popup.page.waitForSelector('.autoclean[data-state="off"]', { timeout: 15_000 });
    expect(await popup.page.locator('.autoclean [data-field="site"]').textContent()).toBe('127.0.0.1');
    await popup.page.click('label.autoclean-switch', { noWaitAfter: true }).catch((e: Error) => {
      if (!/closed/i.test(e.message)) throw e; // Chromium closes the action popup when its dialog opens
    });
    const asked = await answerPermissionPrompt(s.userDataDir, 'Allow');
    void popup.close();
    const grants = asked.texts.filter((t) => /Read and change/i.test(t));
    expect(grants).toEqual(['Read and change your data on 127.0.0.1']);
    expect(asked.texts.join(' ')).not.toMatch(/all sites|localhost|all your data/i);

    await expect.poll(() => origins(s), { timeout: 10_000 }).toEqual(['http://127.0.0.1/*']);
    await expect.poll(() => registered(s), { timeout: 10_000 }).toEqual([{ id: 'decant-auto-clean:http://127.0.0.1', matches: ['http://127.0.0.1/*'], persist: true }]);
    expect(await savedSites(s)).toEqual(['http://127.0.0.1']);
    await expect.poll(async () => (await pageState(page)).modal, { timeout: 10_000 }).toBe(false);
    const st = await pageState(page);
    expectClean(st);
    expect(st.reloadMark).toBe(true); // the same page load: cleaned in place
    expect(await scrolls(page)).toBe(true);
  });

  test('a reload loads clean: the late modal is hidden, the page scrolls, the article is untouched', async () => {
    const st = await loadStory(page);
    expectClean(st);
    expect(st.unlocked).toBe(true);
    expect(await scrolls(page)).toBe(true);
    // Hidden, not deleted: the nags are still in the page, marked with the rule that hid them.
    const marks = await page.evaluate(() => Array.from(document.querySelectorAll('[data-decant-hidden-by]')).map((e) => `${e.className}=${e.getAttribute('data-decant-hidden-by')}`));
    expect(marks).toEqual(expect.arrayContaining(['donate-modal=donation', 'backdrop=overlay', 'support-box contribute-box=donation', 'newsletter-signup=newsletter']));
    // The badge counts what was hidden: 2 ad slots, the appeal, the newsletter box, the backdrop, the
    // modal (whose form shadows its own DOM properties), the scroll lock.
    expect(st.marked).toBe(6);
    await expect.poll(() => badge(s, page), { timeout: 5_000 }).toBe(String(st.marked + 1));
  });

  test('a gallery the reader opens with a click stays open; the same kind of box arriving on its own is hidden', async () => {
    await loadStory(page);
    await page.click('#open-gallery'); // a trusted click
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
    const gallery = () => page.evaluate(() => {
      const g = document.querySelector('.gallery-modal');
      return g ? { shown: g.checkVisibility({ checkVisibilityCSS: true }), mark: g.getAttribute('data-decant-hidden-by') } : null;
    });
    expect(await gallery()).toEqual({ shown: true, mark: null });
    await page.evaluate(() => document.querySelector('.gallery-modal')!.remove());
    // Two seconds later the same box, opened by the page's script with no click, is a nag.
    await sleep(2000);
    await page.evaluate(() => (document.getElementById('open-gallery') as HTMLButtonElement).click()); // untrusted
    await expect.poll(gallery, { timeout: 5_000 }).toEqual({ shown: false, mark: 'overlay' });
  });

  test('layout alone: a full-window layer shown by a class on <body>, and a position: fixed scroll lock', async () => {
    const layer = (p: Page) => p.evaluate(() => document.querySelector('.app-layer')!.checkVisibility({ checkVisibilityCSS: true }));
    const other = await s.context.newPage();
    try {
      // Without Decant (another site): the layer covers the window and the page cannot scroll.
      await loadStory(other, otherSite, LAYER_STORY);
      expect(await layer(other)).toBe(true);
      expect(await scrolls(other)).toBe(false);
    } finally {
      await other.close();
    }
    const st = await loadStory(page, site, LAYER_STORY);
    await expect.poll(() => layer(page), { timeout: 5_000 }).toBe(false);
    expect(await page.evaluate(() => document.querySelector('.app-layer')!.getAttribute('data-decant-hidden-by'))).toMatch(/^(live-cover|overlay|membership|other)$/);
    expect(st.paras).toEqual(STORY_PARAS.map(() => true));
    expect(await page.evaluate(() => document.body.getAttribute('data-decant-unlocked'))).toBe('position');
    expect(await scrolls(page)).toBe(true);
    expect(await page.evaluate((t) => document.body.innerText.includes(t), LAYER_TEXT)).toBe(false);
  });

  test.each([
    ['an open', SHADOW_STORY],
    ['a closed', CLOSED_SHADOW_STORY],
  ])('a consent banner drawn late inside %s shadow root of a component: the component is hidden, and the page scrolls', async (_, story) => {
    const banner = (p: Page) => p.evaluate(() => !!(window as { __consentBox?: Element }).__consentBox?.checkVisibility({ checkVisibilityCSS: true }));
    const other = await s.context.newPage();
    try {
      await loadStory(other, otherSite, story);
      expect(await banner(other)).toBe(true);
      expect(await scrolls(other)).toBe(false);
    } finally {
      await other.close();
    }
    const st = await loadStory(page, site, story);
    await expect.poll(() => banner(page), { timeout: 5_000 }).toBe(false);
    expect(await page.evaluate(() => document.querySelector('harbour-consent')!.getAttribute('data-decant-hidden-by'))).toMatch(/^(cookie|overlay)$/);
    expect(st.paras).toEqual(STORY_PARAS.map(() => true));
    expect(await scrolls(page)).toBe(true);
  });

  test.each([
    ['an open', 'open'],
    ['a closed', 'closed'],
  ] as const)('a story drawn inside %s shadow root with an appeal in it: the appeal is hidden inside the component, the story stays', async (_, mode) => {
    const where = `/news/ferry-component-${mode}.html`;
    server.page(where, webComponentPage(mode));
    const look = (p: Page) =>
      p.evaluate(() => {
        const host = document.querySelector('harbour-story')!;
        const root = host.shadowRoot; // null for a closed root: only its height tells
        const vis = (el: Element | null | undefined) => !!el && el.checkVisibility({ checkVisibilityCSS: true });
        return {
          height: host.getBoundingClientRect().height,
          hostMarked: host.hasAttribute('data-decant-hidden-by'),
          banner: root ? vis(root.querySelector('.contribute-banner')) : null,
          paras: root ? Array.from(root.querySelectorAll('article > p:not(.byline)')).map(vis) : null,
        };
      });
    const other = await s.context.newPage();
    let before: Awaited<ReturnType<typeof look>>;
    try {
      await other.goto(otherSite + where, { waitUntil: 'load' });
      before = await look(other);
    } finally {
      await other.close();
    }
    await page.goto(site + where, { waitUntil: 'load' });
    // The banner is about 60 px high; the host keeps the rest of the story.
    await expect.poll(async () => (await look(page)).height, { timeout: 5_000 }).toBeLessThan(before.height - 30);
    const after = await look(page);
    expect(after.hostMarked).toBe(false);
    expect(after.height).toBeGreaterThan(200);
    if (mode === 'open') {
      expect(before.banner).toBe(true);
      expect(after.banner).toBe(false);
      expect(after.paras).toEqual([true, true, true]);
    }
  });

  test('a modal <dialog> and an appeal shown with an inline !important: hidden, and the page is not left inert', async () => {
    const seen = (p: Page) =>
      p.evaluate(() => ({
        dialog: document.querySelector('.give-dialog')!.checkVisibility({ checkVisibilityCSS: true }),
        modal: document.querySelector(':modal') !== null,
        appeal: document.querySelector('.support-box')!.checkVisibility({ checkVisibilityCSS: true }),
      }));
    /** Does the reader's click on the first paragraph reach it (an open modal dialog makes the page inert)? */
    const clickReaches = async (p: Page): Promise<boolean> => {
      const box = await p.evaluate(() => {
        const para = document.querySelector('.story-body p')!;
        (window as { __clicked?: boolean }).__clicked = false;
        para.addEventListener('click', () => ((window as { __clicked?: boolean }).__clicked = true));
        para.scrollIntoView({ block: 'center' });
        const r = para.getBoundingClientRect();
        return { x: r.left + 10, y: r.top + r.height / 2 };
      });
      await p.mouse.click(box.x, box.y);
      return p.evaluate(() => (window as { __clicked?: boolean }).__clicked === true);
    };
    const other = await s.context.newPage();
    try {
      // Without Decant (another site): the dialog is up, modal, and the story under it takes no click.
      await loadStory(other, otherSite, DIALOG_STORY);
      expect(await seen(other)).toEqual({ dialog: true, modal: true, appeal: true });
      expect(await clickReaches(other)).toBe(false);
    } finally {
      await other.close();
    }
    const st = await loadStory(page, site, DIALOG_STORY);
    await expect.poll(() => seen(page), { timeout: 5_000 }).toEqual({ dialog: false, modal: false, appeal: false });
    expect(st.paras).toEqual(STORY_PARAS.map(() => true));
    expect(await page.evaluate((t) => document.body.innerText.includes(t), DIALOG_TEXT)).toBe(false);
    expect(await clickReaches(page)).toBe(true);
  });

  test('the popup lists what was hidden; "Show" brings one back and "Hide again" hides it', async () => {
    await loadStory(page);
    const popup = await clickToolbarIcon(s, page);
    try {
      await popup.page.waitForSelector('.autoclean[data-state="on"] details.autoclean-ledger', { timeout: 15_000 });
      expect(await popup.page.locator('.autoclean input[data-action="auto-clean"]').isChecked()).toBe(true);
      await popup.page.click('.autoclean-ledger summary');
      const items = await popup.page.$$eval('.autoclean-items li', (lis) => lis.map((li) => `${(li as HTMLElement).dataset.category}: ${li.querySelector('.autoclean-preview')!.textContent}`));
      expect(items).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^donation: ${MODAL_TEXT}`)), expect.stringMatching(new RegExp(`^donation: ${APPEAL_TEXT}`)), 'overlay: Scrolling, locked by the page']));
      expect(items.filter((i) => i.startsWith('ad:'))).toHaveLength(2);
      // The article's ledger does not claim the page was clean: auto-clean's card above lists the nags.
      await popup.page.waitForSelector('.ledger-none', { timeout: 15_000 });
      expect(await popup.page.locator('.ledger-none').innerText()).toMatch(/^Auto-clean had already hidden this page’s nags/);
      fs.mkdirSync(REPORTS, { recursive: true });
      await popup.page.screenshot({ path: path.join(REPORTS, 'popup-auto-clean.png') });
      const modalItem = popup.page.locator('.autoclean-items li', { hasText: MODAL_TEXT });
      await modalItem.locator('[data-action="show-item"]').click();
      await expect.poll(async () => (await pageState(page)).modal, { timeout: 5_000 }).toBe(true);
      await popup.page.locator('.autoclean-items li', { hasText: MODAL_TEXT }).locator('[data-action="hide-item"]').click();
      await expect.poll(async () => (await pageState(page)).modal, { timeout: 5_000 }).toBe(false);
    } finally {
      await popup.close();
    }
  });

  test('another site is untouched', async () => {
    const other = await s.context.newPage();
    try {
      expectAsSent(await loadStory(other, otherSite));
      expect(await scrolls(other)).toBe(false);
      expect(await badge(s, other)).toBe('');
    } finally {
      await other.close();
    }
  });

  test('the registration survives a browser restart with the same profile', async () => {
    await s.close();
    s = await launch({ args: UI_DEVTOOLS_ARGS, userDataDir: profile, keepProfile: true });
    page = await s.context.newPage();
    // The browser restores dynamic scripts as the extension starts; a busy machine may take a moment.
    await expect.poll(() => registered(s), { timeout: 10_000 }).toEqual([{ id: 'decant-auto-clean:http://127.0.0.1', matches: ['http://127.0.0.1/*'], persist: true }]);
    const st = await loadStory(page);
    expectClean(st);
    expect(await scrolls(page)).toBe(true);
  });

  test('switching off restores the open page at once, without a reload; the registration and the permission go', async () => {
    await loadStory(page);
    await page.evaluate(() => ((window as { __sameLoad?: boolean }).__sameLoad = true));
    expect((await pageState(page)).modal).toBe(false);
    await flipSwitch(s, page, 'on');
    await expect.poll(async () => (await pageState(page)).modal, { timeout: 10_000 }).toBe(true);
    const st = await pageState(page);
    expectAsSent(st);
    expect(st.reloadMark).toBe(true);
    expect(await scrolls(page)).toBe(false); // the page's own lock is back, as the site made it
    expect(await registered(s)).toEqual([]);
    expect(await origins(s)).toEqual([]);
    expect(await savedSites(s)).toEqual([]);
    expect(await badge(s, page)).toBe('');
    expectAsSent(await loadStory(page)); // and the next load is the site as sent
  });
});

describe('auto-clean, answered Deny', () => {
  let s: Session;
  let page: Page;
  beforeAll(async () => {
    s = await launch({ args: UI_DEVTOOLS_ARGS });
    page = await s.context.newPage();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  test('Deny leaves everything off: no permission, no registration, no saved site, the page as sent', async () => {
    await loadStory(page);
    const popup = await clickToolbarIcon(s, page);
    await popup.page.waitForSelector('.autoclean[data-state="off"]', { timeout: 15_000 });
    await popup.page.click('label.autoclean-switch', { noWaitAfter: true }).catch((e: Error) => {
      if (!/closed/i.test(e.message)) throw e;
    });
    const asked = await answerPermissionPrompt(s.userDataDir, 'Deny');
    void popup.close();
    expect(asked.texts).toContain('Read and change your data on 127.0.0.1');
    await sleep(1000);
    expect(await origins(s)).toEqual([]);
    expect(await registered(s)).toEqual([]);
    expect(await savedSites(s)).toEqual([]);
    expectAsSent(await loadStory(page));
    const again = await clickToolbarIcon(s, page);
    try {
      await again.page.waitForSelector('.autoclean[data-state="off"]', { timeout: 15_000 });
      expect(await again.page.locator('.autoclean input[data-action="auto-clean"]').isChecked()).toBe(false);
    } finally {
      await again.close();
    }
  });
});

describe('the options page', () => {
  let s: Session;
  const optionsUrl = () => `chrome-extension://${s.extensionId}/options.html`;
  const stored = () => s.sw.evaluate(async () => (await chrome.storage.sync.get('settings')).settings as unknown as { schemaVersion: number; categories: Record<string, boolean>; autoClean: { sites: Record<string, unknown>; categories: Record<string, boolean> } } | undefined);
  async function openOptions(): Promise<Page> {
    const p = await s.context.newPage();
    await p.goto(optionsUrl());
    await p.waitForSelector('body[data-state="ready"]');
    return p;
  }

  beforeAll(async () => {
    s = await launch();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  test('shows no sites yet, and both category lists with their defaults', async () => {
    const p = await openOptions();
    try {
      expect(await p.locator('[data-section="sites"] .sites-empty').textContent()).toBe('No sites yet.');
      const checked = (group: string) => p.$$eval(`fieldset[data-group="${group}"] input`, (els) => Object.fromEntries(els.map((e) => [(e as HTMLInputElement).dataset.category, (e as HTMLInputElement).checked])));
      expect(await checked('live')).toMatchObject({ donation: true, newsletter: true, ad: true, overlay: true, comments: false, related: false, social: false });
      expect(Object.values(await checked('reader')).every(Boolean)).toBe(true);
    } finally {
      await p.close();
    }
  });

  test('two options pages changing settings at the same moment lose no update', async () => {
    const [a, b] = [await openOptions(), await openOptions()];
    try {
      // Every box of one list in page A, every box of the other list in page B, all at once: 22 changes
      // racing through read-modify-write.
      const flipAll = (p: Page, group: string) => p.evaluate((g) => document.querySelectorAll<HTMLInputElement>(`fieldset[data-group="${g}"] input`).forEach((box) => box.click()), group);
      await Promise.all([flipAll(a, 'reader'), flipAll(b, 'live')]);
      await expect.poll(async () => {
        const st = await stored();
        return st && [Object.values(st.categories).every((v) => v === false), st.autoClean.categories];
      }, { timeout: 10_000 }).toEqual([true, { donation: false, membership: false, newsletter: false, cookie: false, ad: false, sponsored: false, related: true, social: true, comments: true, overlay: false, other: true }]);
      // Both pages show what was saved.
      for (const p of [a, b]) {
        await expect.poll(() => p.$$eval('fieldset[data-group="reader"] input:checked', (els) => els.length)).toBe(0);
        await expect.poll(() => p.$$eval('fieldset[data-group="live"] input[data-category="comments"]', (els) => (els[0] as HTMLInputElement).checked)).toBe(true);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('export, then import: a site without permission asks for it and can be removed; a bad file is refused with a sentence', async () => {
    const p = await openOptions();
    try {
      await p.click('[data-action="export"]');
      const exported = JSON.parse((await p.evaluate(() => document.body.dataset.exported)) ?? 'null') as { decant: string; schemaVersion: number; settings: { autoClean: { sites: object } } };
      expect(exported).toMatchObject({ decant: 'settings', schemaVersion: 2 });
      expect(exported.settings).toEqual(await stored());

      // A file from an older Decant (schema 1) with a site this browser has not allowed.
      const v1 = { schemaVersion: 1, images: false, reader: { theme: 'dark' }, categories: { comments: false }, autoClean: { sites: { 'https://news.example:8443': { enabledAt: '2024-05-01T10:00:00.000Z' } } } };
      await p.setInputFiles('#import-file', { name: 'decant-settings.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(v1)) });
      await expect.poll(() => p.locator('[data-field="import-result"]').textContent()).toMatch(/Settings imported\. 1 auto-clean site needs your permission/);
      const row = p.locator('.sites li[data-site="https://news.example"]');
      expect(await row.locator('.site-status').textContent()).toBe('needs your permission in this browser');
      expect(await row.locator('[data-action="allow-site"]').count()).toBe(1);
      const st = await stored();
      expect(st).toMatchObject({ schemaVersion: 2, images: false, autoClean: { sites: { 'https://news.example': { enabledAt: '2024-05-01T10:00:00.000Z' } } } });
      expect(st!.autoClean.categories.comments).toBe(false);
      expect(await registered(s)).toEqual([]); // no permission, no script

      await row.locator('[data-action="remove-site"]').click();
      await expect.poll(async () => Object.keys((await stored())!.autoClean.sites)).toEqual([]);
      await p.waitForSelector('[data-section="sites"] .sites-empty');

      const before = await stored();
      await p.setInputFiles('#import-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ this is not json') });
      await expect.poll(() => p.locator('[data-field="import-result"]').textContent()).toMatch(/not JSON, so nothing was imported/);
      await p.setInputFiles('#import-file', { name: 'list.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2, 3]') });
      await expect.poll(() => p.locator('[data-field="import-result"]').textContent()).toMatch(/does not hold Decant settings/);
      expect(await stored()).toEqual(before);
    } finally {
      await p.close();
    }
  });
});
