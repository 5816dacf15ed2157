/**
 * Settings and per-session results: reading and writing. The schema (types, defaults, migrations,
 * validation) is in `settings.ts`, pure, and re-exported here.
 *
 * Settings live in `storage.sync` (falling back to `storage.local` where sync is missing) under one
 * key. Every change is a read-modify-write under one lock shared by all of Decant's pages and its
 * service worker (the Web Locks API, same extension origin), so two pages changing settings at once
 * never lose an update.
 *
 * Results (what the popup showed, so the reader view can open it) live in `storage.session`: in
 * memory, gone when the browser closes, readable by the extension's own pages only.
 */
import { browser, features } from './browser';
import type { Category } from '../core/types';
import type { Outcome } from './protocol';
import { SETTINGS_KEY, SETTINGS_VERSION, defaultSettings, normalizeSettings, type AutoCleanSettings, type LoadedSettings, type ReaderPrefs, type Settings } from './settings';

export * from './settings';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function settingsArea() {
  return features.syncStorage() ? browser.storage.sync : browser.storage.local;
}

const LOCK_NAME = 'decant-settings';
let localChain: Promise<unknown> = Promise.resolve();

/**
 * Run `task` while no other part of Decant is changing settings. Web Locks (Chrome 69+, Firefox 96+)
 * are shared by every page and worker of the extension's origin; where they are missing, a promise
 * chain still orders the changes made by this page.
 */
export function withSettingsLock<T>(task: () => Promise<T>): Promise<T> {
  const run = localChain.then(() => {
    const locks = (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
    return locks?.request ? (locks.request(LOCK_NAME, task) as Promise<T>) : task();
  });
  localChain = run.catch(() => undefined);
  return run;
}

/**
 * Read the settings (never throws: a storage failure gives the defaults and a notice). `read`: the
 * settings area's `get(SETTINGS_KEY)` already under way (the popup's early script starts it).
 */
export async function loadSettings(read?: Promise<Record<string, unknown>>): Promise<LoadedSettings> {
  try {
    const got = await (read ?? settingsArea().get(SETTINGS_KEY));
    const loaded = normalizeSettings(got[SETTINGS_KEY]);
    // Persist a migration right away, so every part of Decant reads the same version. Repaired
    // corrupt data is left in place until the reader changes a setting (nothing is lost silently).
    if (loaded.changed && !loaded.notices.length) {
      await withSettingsLock(async () => {
        const again = await settingsArea().get(SETTINGS_KEY);
        const v = (again[SETTINGS_KEY] as { schemaVersion?: unknown } | undefined)?.schemaVersion;
        if (v !== SETTINGS_VERSION) await settingsArea().set({ [SETTINGS_KEY]: normalizeSettings(again[SETTINGS_KEY]).settings });
      });
    }
    return loaded;
  } catch (e) {
    return { settings: defaultSettings(), notices: [`Decant could not read its settings (${(e as Error).message}); it is using its defaults.`], changed: false, unread: true };
  }
}

/**
 * Change the settings: `change` gets the current settings (a copy) and returns the new ones, which are
 * validated and saved. Runs under the settings lock; returns the complete new settings.
 */
export function changeSettings(change: (current: Settings) => Settings): Promise<Settings> {
  return withSettingsLock(async () => {
    const got = await settingsArea().get(SETTINGS_KEY);
    const current = normalizeSettings(got[SETTINGS_KEY]).settings;
    const checked = normalizeSettings(change(structuredClone(current)));
    try {
      await settingsArea().set({ [SETTINGS_KEY]: checked.settings });
    } catch (e) {
      throw settingsWriteError(e);
    }
    return checked.settings;
  });
}

/**
 * A refused settings write as a sentence. The browser refuses the whole write (storage.sync allows
 * 8 KB per item and 100 KB in all; storage.local can fill the disk), so what was saved stays as it was.
 */
export function settingsWriteError(e: unknown): Error {
  const detail = e instanceof Error ? e.message : String(e);
  if (/quota|QuotaExceeded|no space|too large/i.test(detail) || (e as { name?: string })?.name === 'QuotaExceededError') {
    return new Error(`The browser has no room left for Decant's settings, so this change was not saved (${detail}). Turn auto-clean off for sites you no longer need, then try again. The settings already saved are unchanged.`);
  }
  return new Error(`Decant could not save its settings (${detail}). The settings already saved are unchanged.`);
}

/** Replace the settings wholesale (import); `settings` is validated first. */
export function replaceSettings(settings: Settings): Promise<Settings> {
  return changeSettings(() => settings);
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Change some settings and save them; returns the complete new settings. Sites are added, never removed here. */
export function updateSettings(patch: DeepPartial<Omit<Settings, 'schemaVersion'>>): Promise<Settings> {
  return changeSettings((settings) => ({
    ...settings,
    ...(patch.images !== undefined ? { images: patch.images } : {}),
    reader: { ...settings.reader, ...(patch.reader ?? {}) } as ReaderPrefs,
    categories: { ...settings.categories, ...(patch.categories ?? {}) } as Record<Category, boolean>,
    autoClean: {
      sites: { ...settings.autoClean.sites, ...((patch.autoClean?.sites ?? {}) as AutoCleanSettings['sites']) },
      categories: { ...settings.autoClean.categories, ...(patch.autoClean?.categories ?? {}) } as Record<Category, boolean>,
    },
  }));
}

/** Call `listener` with the new settings whenever they change (in any part of the extension). */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (!(SETTINGS_KEY in changes) || (area !== 'sync' && area !== 'local')) return;
    listener(normalizeSettings(changes[SETTINGS_KEY].newValue).settings);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

// ---------------------------------------------------------------------------------------------------
// Results of the current browser session.

const OUTCOME_PREFIX = 'outcome:';
const OUTCOME_INDEX = 'outcome-index';
/** Results kept at once; older ones are dropped (their reader tabs say so). */
export const MAX_OUTCOMES = 24;

function sessionArea() {
  // storage.session is in memory and private to the extension's pages. Where it is missing, local
  // storage stands in and the service worker clears it at browser start (background.ts).
  return features.sessionStorage() ? browser.storage.session : browser.storage.local;
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Keep an outcome for the reader view; returns its key. */
export async function saveOutcome(outcome: Outcome): Promise<string> {
  return reserveOutcome(outcome).saved;
}

/**
 * Keep an outcome for the reader view without waiting: its key at once, and a promise that settles
 * when it is stored (the popup can show the article meanwhile; whoever opens it by key awaits it).
 */
export function reserveOutcome(outcome: Outcome): { key: string; saved: Promise<string> } {
  const key = newKey();
  return { key, saved: storeOutcome(key, outcome) };
}

async function storeOutcome(key: string, outcome: Outcome): Promise<string> {
  const area = sessionArea();
  const got = await area.get(OUTCOME_INDEX);
  const index = Array.isArray(got[OUTCOME_INDEX]) ? (got[OUTCOME_INDEX] as string[]) : [];
  index.push(key);
  const drop = index.splice(0, Math.max(0, index.length - MAX_OUTCOMES));
  await area.set({ [OUTCOME_PREFIX + key]: { ...outcome, key }, [OUTCOME_INDEX]: index });
  if (drop.length) await area.remove(drop.map((k) => OUTCOME_PREFIX + k));
  return key;
}

/** Store an outcome again under its key (the ledger's HTML arrived after it was first kept). */
export async function rewriteOutcome(key: string, outcome: Outcome): Promise<void> {
  await sessionArea().set({ [OUTCOME_PREFIX + key]: { ...outcome, key } });
}

/** Call `listener` with the outcome each time it is stored again under `key`; returns the unsubscribe. */
export function onOutcomeStored(key: string, listener: (outcome: Outcome) => void): () => void {
  const name = OUTCOME_PREFIX + key;
  const handler = (changes: Record<string, { newValue?: unknown }>): void => {
    const v = changes[name]?.newValue;
    if (isObject(v) && typeof v.state === 'string') listener(v as unknown as Outcome);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/** The outcome saved under `key`, or null when it is gone (browser restarted, or pruned). */
export async function loadOutcome(key: string): Promise<Outcome | null> {
  const got = await sessionArea().get(OUTCOME_PREFIX + key);
  const v = got[OUTCOME_PREFIX + key];
  return isObject(v) && typeof v.state === 'string' ? (v as unknown as Outcome) : null;
}

/** Forget every kept outcome (used at browser start when session storage is not available). */
export async function clearOutcomes(): Promise<void> {
  const area = sessionArea();
  const got = await area.get(OUTCOME_INDEX);
  const index = Array.isArray(got[OUTCOME_INDEX]) ? (got[OUTCOME_INDEX] as string[]) : [];
  await area.remove([OUTCOME_INDEX, ...index.map((k) => OUTCOME_PREFIX + k)]);
}
