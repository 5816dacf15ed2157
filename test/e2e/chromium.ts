/**
 * Real Chromium with the unpacked extension (BROWSER-TESTING.md §3): Debian's chromium through
 * playwright-core (no browser download), a fresh profile per session, and the real toolbar click
 * (CDP `Extensions.triggerAction`, which opens the real popup and grants activeTab). Playwright does
 * not attach to the action popup, so a second CDP client finds it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ROOT } from '../helpers';

// The extension APIs inside `sw.evaluate` callbacks (they run in the service worker, not in Node).
declare const chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> }; action: { getUserSettings(): Promise<{ isOnToolbar?: boolean }> } };

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits as a–p. */
function unpackedId(extDir: string): string {
  const hex = crypto.createHash('sha256').update(path.resolve(extDir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXT_DIR = path.join(ROOT, 'dist', 'chrome');

/**
 * A copy of dist/chrome whose manifest may inject on 127.0.0.1 without a click per page
 * (BROWSER-TESTING.md, "a host_permissions test build"): the code that runs is the same. A new folder
 * under the system's temporary one; the caller removes it.
 */
export function hostPermissionBuild(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(EXT_DIR, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  manifest.host_permissions = ['http://127.0.0.1/*'];
  fs.writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

export interface Session {
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  userDataDir: string;
  close(): Promise<void>;
}

/**
 * `extDir`: an unpacked extension other than dist/chrome (bench:browser loads a copy with its probe).
 * `pinned`: Decant's icon pinned to the toolbar in the fresh profile (a reader's usual setup). Unpinned,
 * as in a fresh profile, Chromium first slides the icon out of the extensions menu into the toolbar and
 * opens the popup only when that animation ends.
 */
export async function launch(options: { viewport?: { width: number; height: number }; args?: string[]; userDataDir?: string; keepProfile?: boolean; extDir?: string; pinned?: boolean } = {}): Promise<Session> {
  const extDir = options.extDir ?? EXT_DIR;
  if (!fs.existsSync(path.join(extDir, 'manifest.json'))) throw new Error(`No built extension in ${extDir}: run \`npm run build\` first.`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  // A fresh profile per session, unless a test reopens one (a browser restart with the same profile).
  const userDataDir = options.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'decant-chromium-'));
  if (options.pinned) {
    if (options.userDataDir) throw new Error('launch: `pinned` prepares a fresh profile; it cannot be combined with `userDataDir`.');
    fs.mkdirSync(path.join(userDataDir, 'Default'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ extensions: { pinned_extensions: [unpackedId(extDir)] } }));
  }
  fs.rmSync(path.join(userDataDir, 'DevToolsActivePort'), { force: true });
  fs.rmSync(path.join(userDataDir, 'UIDevToolsActivePort'), { force: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--disable-gpu',
      '--disable-quic',
      '--lang=en-US',
      '--remote-debugging-port=0',
      ...(options.args ?? []),
    ],
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: 'en-US',
  });
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(sw.url()).host;
  if (options.pinned && !(await sw.evaluate(async () => (await chrome.action.getUserSettings()).isOnToolbar))) {
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw new Error('launch: Decant\'s icon did not end up pinned to the toolbar.');
  }
  return {
    context,
    sw,
    extensionId,
    userDataDir,
    async close() {
      await context.close().catch(() => {});
      if (!options.keepProfile) fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The tab id (chrome.tabs) of a Playwright page: bring it to the front and ask the service worker. */
export async function tabIdOf(session: Session, page: Page): Promise<number> {
  await page.bringToFront();
  return session.sw.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab.id!;
  });
}

export interface Popup {
  page: Page;
  /** Wall-clock time (ms since epoch) just before the click. */
  clickedAt: number;
  close(): Promise<void>;
}

/** Click Decant's toolbar icon on `page` (the real action popup opens and activeTab is granted). */
export async function clickToolbarIcon(session: Session, page: Page): Promise<Popup> {
  await page.bringToFront();
  const browser = session.context.browser();
  const cdp = browser ? await browser.newBrowserCDPSession() : await session.context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets' as never, { filter: [{ type: 'tab' }] } as never)) as unknown as { targetInfos: { type: string; url: string; targetId: string }[] };
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url()) ?? targetInfos.find((t) => t.type === 'tab');
  if (!tab) throw new Error('no tab target for the toolbar click');
  const clickedAt = Date.now();
  await cdp.send('Extensions.triggerAction' as never, { id: session.extensionId, targetId: tab.targetId } as never);
  await cdp.detach().catch(() => {});
  const port = fs.readFileSync(path.join(session.userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const remote: Browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const popup = remote.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(`chrome-extension://${session.extensionId}/popup.html`));
    if (popup) {
      return {
        page: popup,
        clickedAt,
        async close() {
          await popup.close().catch(() => {});
          await remote.close().catch(() => {});
        },
      };
    }
    await remote.close();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The action popup did not appear after the toolbar click.');
}

/** Wait until a view has left its starting/working states; returns the final `data-state`. */
export async function settled(page: Page, timeout = 20_000): Promise<string> {
  await page.waitForFunction(() => {
    const s = document.body?.dataset.state;
    return !!s && s !== 'starting' && s !== 'working' && s !== 'loading';
  }, undefined, { timeout });
  return page.evaluate(() => document.body.dataset.state!);
}
