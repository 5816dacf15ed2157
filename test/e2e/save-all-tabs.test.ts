// "Save all open tabs" in real Chromium (issue 6 §2), with Chromium's REAL permission dialogs answered
// through UI DevTools: the library asks for `tabs`, then for exactly the open tabs' sites; it saves
// each tab with an article, names every tab it did not save with the reason, and gives the
// permissions back afterwards. Declining the sites saves nothing and says so per tab.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, settled, type Session } from './chromium';
import { UI_DEVTOOLS_ARGS, answerPermissionPrompt } from './ui-devtools';
import { SAMPLE_PATH, startServer, type TestServer } from './server';

declare const chrome: { permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> } };

let server: TestServer;
let s: Session;
let library: Page;

beforeAll(async () => {
  server = await startServer();
  server.page('/menu.html', '<!DOCTYPE html><html><head><title>Site menu</title></head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav></body></html>');
  s = await launch({ args: UI_DEVTOOLS_ARGS });
  const port = new URL(server.origin).port;
  for (const url of [server.origin + SAMPLE_PATH, `http://localhost:${port}/nags/it-pasta-e-ceci.html`, `${server.origin}/menu.html`, 'chrome://version/']) {
    const tab = await s.context.newPage();
    await tab.goto(url, { waitUntil: 'load' });
  }
  library = await s.context.newPage();
  await library.goto(`chrome-extension://${s.extensionId}/library.html`);
  expect(await settled(library)).toBe('ready');
}, 120_000);

afterAll(async () => {
  await s?.close();
  await server?.close();
});

const granted = () => s.sw.evaluate(async () => chrome.permissions.getAll());
const reportItems = (): Promise<{ result: string; text: string }[]> =>
  library.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.lib-report li')).map((li) => ({ result: li.dataset.result!, text: li.textContent! })));

describe('save all open tabs', () => {
  test('Deny on the sites: nothing saved, each web tab reported as declined, the restricted one as restricted', async () => {
    await library.click('[data-action="save-all-tabs"]');
    const tabsAsked = await answerPermissionPrompt(s.userDataDir, 'Allow');
    expect(tabsAsked.texts.join(' ')).toMatch(/browsing history/i);
    await library.waitForSelector('[data-action="allow-sites"]');
    expect(await library.locator('.lib-report').innerText()).toMatch(/127\.0\.0\.1, localhost|localhost, 127\.0\.0\.1/);
    await library.click('[data-action="allow-sites"]', { noWaitAfter: true });
    const sitesAsked = await answerPermissionPrompt(s.userDataDir, 'Deny');
    expect(sitesAsked.texts.filter((t) => /Read and change/i.test(t)).join(' ')).toMatch(/127\.0\.0\.1/);
    expect(sitesAsked.texts.join(' ')).not.toMatch(/all sites|all your data/i);
    // Five tabs: the profile's first about:blank, chrome://version, and the three web pages.
    await library.waitForFunction(() => /Saved 0 of 5 open tab/.test(document.querySelector('.lib-report')?.textContent ?? ''));
    const items = await reportItems();
    expect(items.filter((i) => i.result === 'declined')).toHaveLength(3);
    expect(items.filter((i) => i.result === 'restricted').map((i) => i.text)).toEqual([expect.stringMatching(/^about:blank — restricted page/), expect.stringMatching(/^About Version — restricted page: This is a browser page/)]);
    expect(await library.locator('tbody tr').count()).toBe(0);
    await expect.poll(async () => (await granted()).permissions ?? []).not.toContain('tabs');
  }, 120_000);

  test('Allow: the two articles are saved, the page without one is named with the reason; permissions are given back', async () => {
    await library.click('[data-action="save-all-tabs"]');
    // Chromium does not ask again for a permission the user granted before (the first test did).
    await answerPermissionPrompt(s.userDataDir, 'Allow', 5_000).catch(() => null);
    await library.waitForSelector('[data-action="allow-sites"]');
    await library.click('[data-action="allow-sites"]', { noWaitAfter: true });
    await answerPermissionPrompt(s.userDataDir, 'Allow');
    await library.waitForFunction(() => /Saved 2 of 5 open tab/.test(document.querySelector('.lib-report')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const items = await reportItems();
    expect(items.filter((i) => i.result === 'saved').map((i) => i.text)).toEqual([expect.stringContaining('Venezuela'), expect.stringContaining('Pasta e ceci')]);
    expect(items.find((i) => i.result === 'no-article')?.text).toMatch(/^Site menu — no article/);
    expect(items.filter((i) => i.result === 'restricted')).toHaveLength(2);
    expect(await library.locator('.lib-report ul.not-saved li').count()).toBe(3);
    expect(await library.locator('tbody tr').count()).toBe(2);
    await expect.poll(async () => ({ origins: (await granted()).origins ?? [], tabs: ((await granted()).permissions ?? []).includes('tabs') })).toEqual({ origins: [], tabs: false });
  }, 180_000);
});
