// Nothing lost, in real Chromium (issue 7 §4): the service worker stopped in the middle of an operation
// (between the click and the reader view) and a browser restart with the same profile. Settings, the
// library and the kept result live in the browser's storage, never in the worker's memory. The other
// scenarios (migrations from every schema version, corrupt values, quota, two pages at once, lossless
// library import) are unit tests: test/settings.test.ts, test/platform.test.ts, test/library/.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickToolbarIcon, launch, settled, tabIdOf, type Session } from './chromium';
import { SAMPLE_PATH, startServer, type TestServer } from './server';

let server: TestServer;
let session: Session;
let profile: string;
let keptKey: string | null = null;

beforeAll(async () => {
  server = await startServer();
  session = await launch({ keepProfile: true });
  profile = session.userDataDir;
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

const title = (p: Page): Promise<string | null> => p.evaluate(() => document.querySelector('h1')?.textContent ?? null);

describe('nothing lost', () => {
  test('the service worker stopped between the popup and the reader view, the tab gone elsewhere: the reader still opens the article', async () => {
    const tab = await session.context.newPage();
    await tab.goto(server.origin + SAMPLE_PATH, { waitUntil: 'load' });
    const popup = await clickToolbarIcon(session, tab);
    expect(await settled(popup.page)).toBe('article');
    const expected = await title(popup.page);
    // Save to the library and turn images off: both must survive the restarts below.
    await popup.page.click('[data-action="save"]');
    await popup.page.waitForFunction(() => document.getElementById('toast')?.textContent === 'Saved to your library');
    await popup.page.click('[data-action="images"]');
    await popup.page.waitForFunction(() => document.querySelector('[data-action="images"]')?.getAttribute('aria-pressed') === 'false');
    await popup.close();

    const tabId = await tabIdOf(session, tab);
    const view = await session.context.newPage();
    await view.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
    expect(await settled(view)).toBe('article');
    // Stop every service worker of the profile (what Chromium does to an idle MV3 worker after 30 s).
    const cdp = await session.context.newCDPSession(view);
    await cdp.send('ServiceWorker.enable' as never);
    await cdp.send('ServiceWorker.stopAllWorkers' as never);
    await cdp.detach();
    // The article's tab has moved on meanwhile, so the reader cannot clean it again: what it shows
    // is the result kept in the browser's storage, not in the stopped worker's memory.
    await tab.goto(server.page('/sign-in.html', '<!DOCTYPE html><html lang="en"><head><title>Sign in</title></head><body><h1>Sign in</h1><form><input name="u"><button>Go</button></form></body></html>'), { waitUntil: 'load' });
    const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes('/reader.html'), timeout: 20_000 });
    await view.click('[data-action="reader"]');
    const reader = await opened;
    expect(await settled(reader)).toBe('article');
    expect(await title(reader)).toBe(expected);
    keptKey = new URL(reader.url()).searchParams.get('id');
    expect(keptKey).toBeTruthy();
    await reader.close();
    await view.close();
  }, 120_000);

  test('a browser restart with the same profile: settings and the library are there; kept results end with the session, and the reader says so', async () => {
    await session.close();
    session = await launch({ userDataDir: profile, keepProfile: true });
    const lib = await session.context.newPage();
    await lib.goto(`chrome-extension://${session.extensionId}/library.html`);
    await lib.waitForFunction(() => document.querySelectorAll('tbody tr').length > 0, undefined, { timeout: 20_000 });
    expect(await lib.locator('tbody tr').count()).toBe(1);

    const tab = await session.context.newPage();
    await tab.goto(server.origin + SAMPLE_PATH, { waitUntil: 'load' });
    const popup = await clickToolbarIcon(session, tab);
    expect(await settled(popup.page)).toBe('article');
    expect(await popup.page.getAttribute('[data-action="images"]', 'aria-pressed')).toBe('false');
    expect(await popup.page.locator('.article-body img').count()).toBe(0);
    await popup.close();

    const reader = await session.context.newPage();
    await reader.goto(`chrome-extension://${session.extensionId}/reader.html?id=${keptKey}`);
    expect(await settled(reader)).toBe('gone');
    expect(await reader.textContent('.state-message')).toMatch(/until the browser closes/);
  }, 120_000);
});
