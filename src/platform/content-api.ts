/**
 * The few extension APIs a content script uses, without webextension-polyfill (content scripts stay
 * small; only `browser.ts` imports the polyfill). Firefox's `browser` and Chrome's MV3 `chrome` both
 * return promises for these calls. Detected, never sniffed.
 */
import { SETTINGS_KEY, normalizeSettings, type LoadedSettings } from './settings';
import { contentExt } from './content-ext';

export { closedShadowReader } from './content-ext';

/** Read the settings as the extension's pages do (sync, else local); defaults and a notice on failure. */
export async function readSettingsInContent(): Promise<LoadedSettings> {
  const api = contentExt();
  const area = api?.storage?.sync ?? api?.storage?.local;
  if (!area) return normalizeSettings(undefined);
  try {
    const got = await area.get(SETTINGS_KEY);
    return normalizeSettings(got[SETTINGS_KEY]);
  } catch (e) {
    const loaded = normalizeSettings(undefined);
    loaded.notices.push(`Decant could not read its settings (${(e as Error).message}); it is using its defaults.`);
    return loaded;
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

