import type { Page } from 'puppeteer-core';

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
