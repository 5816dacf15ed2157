// The reader view and the library in narrow windows (a phone-sized or half-screen window, ≤ 850 px):
// the page must not scroll sideways, and every control of the reader's toolbar stays on screen and
// usable. Before, at 640 px Text, Print and Display were off to the right and the library's table
// made the whole page scroll sideways. One browser session for the file.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickToolbarIcon, launch, settled, type Session } from './chromium';
import { SAMPLE_PATH, startServer, type TestServer } from './server';

let server: TestServer;
let session: Session;
let reader: Page;

beforeAll(async () => {
  server = await startServer();
  session = await launch({ pinned: true, viewport: { width: 480, height: 800 } });
  const page = await session.context.newPage();
  // Two saved articles for the library; the reader view of the first.
  for (const url of [`${server.origin}/nags/it-pasta-e-ceci.html`, server.origin + SAMPLE_PATH]) {
    await page.goto(url, { waitUntil: 'load' });
    const popup = await clickToolbarIcon(session, page);
    expect(await settled(popup.page)).toBe('article');
    await popup.page.click('[data-action="save"]');
    await popup.page.waitForFunction(() => document.getElementById('toast')?.textContent === 'Saved to your library');
    if (url.endsWith(SAMPLE_PATH)) {
      const opened = session.context.waitForEvent('page');
      await popup.page.click('[data-action="reader"]');
      reader = await opened;
      expect(await settled(reader)).toBe('article');
    }
    await popup.close();
  }
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

interface Fit {
  scrollWidth: number;
  clientWidth: number;
  /** Controls (or open panels) whose box is not entirely inside the viewport. */
  outside: string[];
}

/** Whether the page scrolls sideways, and which of `selector`'s visible elements are not on screen. */
function fit(page: Page, selector: string): Promise<Fit> {
  return page.evaluate((sel) => {
    const root = document.scrollingElement!;
    const outside = Array.from(document.querySelectorAll<HTMLElement>(sel))
      .filter((el) => el.checkVisibility())
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < 0 || r.top < 0 || r.right > root.clientWidth || r.bottom > innerHeight;
      })
      .map((el) => `${el.dataset.action ?? el.className} ${JSON.stringify(el.getBoundingClientRect())}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, outside };
  }, selector);
}

const TOOLBAR_CONTROLS = '.toolbar button, .toolbar summary, .toolbar a.button';

describe('narrow windows', () => {
  test.each([480, 360, 640, 768])('reader view at %i px: no sideways scroll, every toolbar button on screen', async (width) => {
    await reader.setViewportSize({ width, height: 800 });
    await reader.evaluate(() => window.scrollTo(0, 0));
    const f = await fit(reader, TOOLBAR_CONTROLS);
    expect(f.scrollWidth).toBeLessThanOrEqual(f.clientWidth);
    expect(f.outside).toEqual([]);
    expect(await reader.locator(TOOLBAR_CONTROLS).filter({ visible: true }).count()).toBeGreaterThanOrEqual(6);
  });

  test.each(['display', 'export'])('reader view at 360 px: the %s menu opens on screen', async (action) => {
    await reader.setViewportSize({ width: 360, height: 800 });
    await reader.click(`[data-action="${action}"]`);
    const f = await fit(reader, '.toolbar details[open] > :not(summary)');
    expect(await reader.locator('.toolbar details[open]').count()).toBe(1);
    expect(f.outside).toEqual([]);
    expect(f.scrollWidth).toBeLessThanOrEqual(f.clientWidth);
    await reader.click(`[data-action="${action}"]`);
  });

  test.each([480, 360])('library at %i px: no sideways scroll; the rows and their buttons are on screen', async (width) => {
    const lib = await session.context.newPage();
    await lib.setViewportSize({ width, height: 800 });
    await lib.goto(`chrome-extension://${session.extensionId}/library.html`);
    expect(await settled(lib)).toBe('ready');
    expect(await lib.locator('tbody tr').count()).toBe(2);
    const f = await fit(lib, '.lib-top button, tbody button, tbody summary, tbody input');
    expect(f.scrollWidth).toBeLessThanOrEqual(f.clientWidth);
    expect(f.outside).toEqual([]);
    await lib.locator('tbody tr').first().locator('[data-action="export"]').click();
    const panel = await fit(lib, 'tbody details[open] > :not(summary)');
    expect(panel.outside).toEqual([]);
    await lib.close();
  });
});
