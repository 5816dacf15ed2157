/**
 * The one door to the WebExtension APIs. Only `src/platform/` imports webextension-polyfill
 * (STYLE §1); everything else imports `browser` and the feature checks from here.
 *
 * Detect features; never sniff the browser (STYLE §4). Each check names the API it looks for.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Tabs, Runtime, Storage, Menus, Permissions, Scripting, Commands } from 'webextension-polyfill';

type Api = Record<string, unknown> | undefined;
const api = (name: string): Api => (browser as unknown as Record<string, Api>)[name];

export const features = {
  /** `storage.session` (Chrome 102+, Firefox 115+): results kept in memory until the browser closes. */
  sessionStorage: (): boolean => !!(api('storage') as { session?: unknown } | undefined)?.session,
  /** `storage.sync`: settings follow the user's browser profile. Missing in some embedders. */
  syncStorage: (): boolean => !!(api('storage') as { sync?: unknown } | undefined)?.sync,
  /** Context menus: `contextMenus` (Chrome, Firefox alias) or `menus` (Firefox). */
  contextMenus: (): boolean => !!(api('contextMenus') ?? api('menus')),
  /** Keyboard shortcuts declared in the manifest's `commands`. */
  commands: (): boolean => !!api('commands'),
  /**
   * Persistent dynamic content scripts (issue 5's per-site auto-clean): `scripting.registerContentScripts`
   * in both browsers (Firefox 102+); Firefox's older `contentScripts.register` is the fallback it can use.
   */
  registerContentScripts: (): boolean => typeof (api('scripting') as { registerContentScripts?: unknown } | undefined)?.registerContentScripts === 'function',
  legacyContentScripts: (): boolean => typeof (api('contentScripts') as { register?: unknown } | undefined)?.register === 'function',
};

/** The extension's own origin, e.g. `chrome-extension://<id>/`. */
export function ownOrigin(): string {
  return browser.runtime.getURL('');
}

/** The context-menu API under whichever name the browser offers. */
export function contextMenus(): typeof browser.contextMenus | null {
  const b = browser as unknown as { contextMenus?: typeof browser.contextMenus; menus?: typeof browser.contextMenus };
  return b.contextMenus ?? b.menus ?? null;
}

/**
 * Stay quiet about the one error every extension sees when it is reloaded under an open page
 * ("Extension context invalidated."); report the rest once, with the place it happened (STYLE §4).
 */
export function reportError(where: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (/Extension context invalidated/i.test(message)) return;
  console.error(`Decant (${where}):`, error);
}
