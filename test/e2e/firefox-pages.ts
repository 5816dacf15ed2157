import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ROOT } from '../helpers';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXT_DIR = path.join(ROOT, 'dist', 'firefox');

export interface FirefoxSession {
  browser: Browser;
  /** `moz-extension://<uuid>`: the extension's pages, at the address the test chose. */
  base: string;
  close(): Promise<void>;
}

/**
 * Debian's firefox-esr, headless, over WebDriver BiDi (no geckodriver: BROWSER-TESTING.md §4), with
 * Decant installed from dist/firefox as a temporary add-on at `moz-extension://<uuid>` (a fixed UUID
 * per suite, so its pages have known addresses). Fresh profile each time.
 */
export async function launchFirefox(uuid: string, prefs: Record<string, unknown> = {}): Promise<FirefoxSession> {
  if (!fs.existsSync(path.join(FIREFOX_EXT_DIR, 'manifest.json'))) throw new Error(`No built extension in ${FIREFOX_EXT_DIR}: run \`npm run build\` first.`);
  if (!fs.existsSync(FIREFOX)) throw new Error(`firefox-esr not found at ${FIREFOX}: apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  const geckoId = JSON.parse(fs.readFileSync(path.join(FIREFOX_EXT_DIR, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id as string;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'decant-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    // Without it BiDi refuses to navigate to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      // Mozilla's own test pref: optional permission requests are granted without the doorhanger.
      'extensions.webextOptionalPermissionPrompts': false,
      'services.settings.server': 'http://127.0.0.1:1/',
      ...prefs,
    },
  });
  const installed = await browser.installExtension(FIREFOX_EXT_DIR);
  if (installed !== geckoId) throw new Error(`Firefox installed ${installed}, not Decant (${geckoId}).`);
  return {
    browser,
    base: `moz-extension://${uuid}`,
    close: async () => {
      await browser.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Open an extension page in Firefox. moz-extension pages never report their load event over BiDi, so
 * navigate without waiting, then poll. A poll that lands mid-navigation can fail with a protocol
 * error (Firefox's "right-hand side of 'in' should be an object, got null", seen in CI): poll again
 * until the deadline rather than failing the whole suite on it.
 */
export async function openExtensionPage(page: Page, url: string, timeoutMs = 20_000): Promise<void> {
  page.goto(url).catch(() => {});
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await page.waitForFunction((u: string) => location.href === u && document.readyState === 'complete', { timeout: Math.max(1_000, deadline - Date.now()) }, url);
      return;
    } catch (e) {
      if (Date.now() >= deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Wait until an extension view has settled (its `data-state` is no longer a transient one); returns the state. */
export async function settled(page: Page, timeout = 20_000): Promise<string> {
  await page.waitForFunction(() => {
    const s = document.body?.dataset.state;
    return !!s && !['starting', 'working', 'loading'].includes(s);
  }, { timeout });
  return page.evaluate(() => document.body.dataset.state!);
}

/**
 * Ask for host access as the views' "Allow on this site" does: a real click (BiDi input counts as a
 * user gesture) on a button that calls permissions.request, answered by the optional-permission pref
 * of launchFirefox (BROWSER-TESTING.md §7; no doorhanger). Returns the answer.
 */
export async function requestHostAccess(page: Page, origins: string[]): Promise<boolean> {
  await page.evaluate((o: string[]) => {
    const button = document.createElement('button');
    button.id = 'grant';
    button.textContent = 'Allow on this site';
    button.addEventListener('click', () => {
      const b = (globalThis as unknown as { browser: { permissions: { request(p: object): Promise<boolean> } } }).browser;
      void b.permissions.request({ origins: o }).then((ok) => (document.body.dataset.granted = String(ok)));
    });
    document.body.prepend(button);
  }, origins);
  await page.bringToFront();
  await page.click('#grant');
  await page.waitForFunction(() => document.body.dataset.granted !== undefined, { timeout: 10_000 });
  return (await page.evaluate(() => document.body.dataset.granted)) === 'true';
}
