/**
 * The few extension APIs a content script uses, without webextension-polyfill (content scripts stay
 * small; only `browser.ts` imports the polyfill). Firefox's `browser` and Chrome's MV3 `chrome` both
 * return promises for these calls. Detected, never sniffed.
 */
import { SETTINGS_KEY, normalizeAutoClean, type AutoCleanSettings } from './settings';
import { contentExt } from './content-ext';

export { closedShadowReader } from './content-ext';

/**
 * Read auto-clean's settings as the extension's pages read the settings (sync, else local): what
 * `normalizeSettings` would give, defaults when storage cannot be read.
 */
export async function readAutoCleanInContent(): Promise<AutoCleanSettings> {
  const api = contentExt();
  const area = api?.storage?.sync ?? api?.storage?.local;
  if (!area) return normalizeAutoClean(undefined);
  try {
    const got = await area.get(SETTINGS_KEY);
    return normalizeAutoClean(got[SETTINGS_KEY]);
  } catch {
    return normalizeAutoClean(undefined);
  }
}

/** Send a message to the service worker; failures (extension reloaded, worker busy) are dropped. */
export function notifyBackground(message: unknown): void {
  const api = contentExt();
  if (!api) return;
  try {
    void api.runtime.sendMessage(message).catch(() => undefined);
  } catch {
    // "Extension context invalidated": the extension was reloaded under this page.
  }
}

