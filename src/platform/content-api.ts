/**
 * The few extension APIs a content script uses, without webextension-polyfill (content scripts stay
 * small; only `browser.ts` imports the polyfill). Firefox's `browser` and Chrome's MV3 `chrome` both
 * return promises for these calls. Detected, never sniffed.
 */
import { SETTINGS_KEY, normalizeSettings, type LoadedSettings } from './settings';

interface Area {
  get(key: string): Promise<Record<string, unknown>>;
}

interface ContentExt {
  runtime: { id?: string; sendMessage(message: unknown): Promise<unknown> };
  storage?: { sync?: Area; local?: Area };
  dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null };
}

/** The extension namespace in a content script's world, or null outside an extension. */
export function contentExt(): ContentExt | null {
  const g = globalThis as { browser?: ContentExt; chrome?: ContentExt };
  const api = g.browser?.runtime?.id ? g.browser : g.chrome?.runtime?.id ? g.chrome : null;
  return api ?? null;
}

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

/**
 * A host's shadow root, closed ones included, as only extensions may read them: `dom.openOrClosedShadowRoot()`
 * in Chromium, the element's own `openOrClosedShadowRoot` in Firefox (read through Element.prototype: a
 * form control of that name cannot stand in for it). Null when the browser offers neither.
 */
export function closedShadowReader(): ((el: Element) => ShadowRoot | null) | null {
  const dom = contentExt()?.dom;
  if (dom?.openOrClosedShadowRoot) {
    return (el) => {
      try {
        return dom.openOrClosedShadowRoot!(el) ?? null;
      } catch {
        return null; // not an HTMLElement (an SVG or MathML element)
      }
    };
  }
  const get = Object.getOwnPropertyDescriptor(Element.prototype, 'openOrClosedShadowRoot')?.get;
  return get ? (el) => (get.call(el) as ShadowRoot | null) ?? null : null;
}
