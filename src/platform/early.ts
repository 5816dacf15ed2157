/**
 * The popup's first act, before its interface's modules have loaded: find the tab and ask the service
 * worker to clean it, so the content script works while the popup is still loading its code.
 * popup.html runs it first, as a classic script ahead of its stylesheet and of popup.js (a module would
 * wait for both); popup.ts picks the answer up from
 * `globalThis.__decantEarly`. It uses the browsers' own promise-based API (`browser` in Firefox,
 * `chrome` in Chrome MV3) — no polyfill, which would weigh more than everything else here.
 */
import type { Outcome } from './protocol';
import { SETTINGS_KEY } from './settings-key';
import { unwrapReply, wireRequest } from './wire';

export interface EarlyClean {
  tabId: number | null;
  /** The tab's id once it is known (null: no tab). */
  tab: Promise<number | null>;
  outcome: Promise<Outcome>;
  /** The raw read of the settings (storage.ts's loadSettings takes it), started at the same moment. */
  settings?: Promise<Record<string, unknown>>;
}

declare global {
  var __decantEarly: EarlyClean | undefined;
}

interface NativeApi {
  tabs: { query(q: { active: boolean; currentWindow: boolean }): Promise<{ id?: number }[]> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage?: { sync?: NativeStorageArea; local?: NativeStorageArea };
}

interface NativeStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
}

/** Start cleaning the tab the popup is about (`?tab=<id>`, else the active tab). */
export function startEarlyClean(search: string): EarlyClean | undefined {
  const g = globalThis as unknown as { browser?: NativeApi; chrome?: NativeApi };
  const api = g.browser?.runtime?.sendMessage ? g.browser : g.chrome;
  if (!api?.runtime?.sendMessage || !api.tabs?.query) return undefined;
  const given = new URLSearchParams(search).get('tab');
  const tabId = given !== null && /^\d+$/.test(given) ? Number(given) : null;
  // Without ?tab= this is the toolbar popup: the click that opened it granted activeTab.
  const gesture = tabId === null;
  const tab = tabId !== null ? Promise.resolve(tabId) : api.tabs.query({ active: true, currentWindow: true }).then(([t]) => t?.id ?? null);
  const early: EarlyClean = { tabId, tab, outcome: Promise.resolve(null as unknown as Outcome) };
  early.outcome = tab.then(async (id) => {
    if (id === null) throw new Error('no tab');
    early.tabId = id;
    return unwrapReply<Outcome>(await api.runtime.sendMessage(wireRequest('clean-tab', { tabId: id, gesture })), 'clean-tab');
  });
  // The popup needs the settings (theme, images) before it shows the article; read them now rather
  // than after its modules have loaded. The same area as storage.ts: sync where the browser has it.
  const area = api.storage?.sync ?? api.storage?.local;
  if (area) early.settings = area.get(SETTINGS_KEY);
  // Handled by popup.ts; never an unhandled rejection here.
  early.outcome.catch(() => {});
  tab.catch(() => {});
  early.settings?.catch(() => {});
  return early;
}
