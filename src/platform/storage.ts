/**
 * Settings and per-session results.
 *
 * Settings live in `storage.sync` (falling back to `storage.local` where sync is missing) under one
 * key, with a schema version. Reading always gives a complete, typed {@link Settings}: older versions
 * are migrated, fields that are missing take their defaults, and anything corrupt or unknown falls
 * back to the default with a notice a reader can understand — never a crash.
 *
 * Results (what the popup showed, so the reader view can open it) live in `storage.session`: in
 * memory, gone when the browser closes, readable by the extension's own pages only.
 *
 * Issue 5 (per-site auto-clean) keeps its origin → on map in `autoClean.sites` and the categories to
 * clean in `categories`; a schema change there is a new version with a migration below.
 */
import { browser, features } from './browser';
import { CATEGORIES, type Category } from '../core/types';
import type { Outcome } from './protocol';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

export type Theme = 'system' | 'light' | 'sepia' | 'dark';
export type LineWidth = 'narrow' | 'medium' | 'wide';
export type FontFamily = 'serif' | 'sans';

export const THEMES: readonly Theme[] = ['system', 'light', 'sepia', 'dark'];
export const LINE_WIDTHS: readonly LineWidth[] = ['narrow', 'medium', 'wide'];
export const FONT_SIZES = { min: 14, max: 28, step: 1 } as const;

export interface ReaderPrefs {
  theme: Theme;
  /** Body text size in CSS pixels. */
  fontSize: number;
  lineWidth: LineWidth;
  font: FontFamily;
}

export interface Settings {
  schemaVersion: typeof SETTINGS_VERSION;
  /** Load the article's images (from their own URLs, no referrer) in the popup and reader view. */
  images: boolean;
  reader: ReaderPrefs;
  /** Which categories Decant removes; the others stay in the article. */
  categories: Record<Category, boolean>;
  /** Sites cleaned on every visit (issue 5): origin → when it was switched on. */
  autoClean: { sites: Record<string, { enabledAt: string }> };
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  schemaVersion: SETTINGS_VERSION,
  images: true,
  reader: { theme: 'system', fontSize: 19, lineWidth: 'medium', font: 'serif' },
  categories: Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>,
  autoClean: { sites: {} },
} satisfies Settings);

export interface LoadedSettings {
  settings: Settings;
  /** Sentences for the reader when stored settings could not be used as they were. */
  notices: string[];
  /** True when the stored value was migrated or repaired (the caller may write it back). */
  changed: boolean;
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Migrations, indexed by the version they upgrade FROM. Version 0 is the unversioned shape written by
 * development builds before the schema had a version: flat `theme`, `fontSize`, `loadImages`.
 */
const MIGRATIONS: Record<number, (old: Raw) => Raw> = {
  0: (old) => {
    const reader: Raw = isObject(old.reader) ? { ...old.reader } : {};
    for (const k of ['theme', 'fontSize', 'lineWidth', 'font']) if (k in old && !(k in reader)) reader[k] = old[k];
    const out: Raw = { ...old, schemaVersion: 1, reader };
    if ('loadImages' in old && !('images' in old)) out.images = old.loadImages;
    for (const k of ['theme', 'fontSize', 'lineWidth', 'font', 'loadImages']) delete out[k];
    return out;
  },
};

/** Turn whatever was stored into complete settings. Pure; exported for tests. */
export function normalizeSettings(stored: unknown): LoadedSettings {
  const notices: string[] = [];
  const d = DEFAULT_SETTINGS;
  if (stored === undefined || stored === null) return { settings: structuredClone(d) as Settings, notices, changed: false };
  if (!isObject(stored)) {
    notices.push('Decant’s saved settings could not be read (they are not a settings object), so it is using its defaults. Changing any setting saves fresh ones.');
    return { settings: structuredClone(d) as Settings, notices, changed: true };
  }
  let raw: Raw = stored;
  let changed = false;
  const version = typeof raw.schemaVersion === 'number' && Number.isInteger(raw.schemaVersion) ? raw.schemaVersion : 0;
  if (version > SETTINGS_VERSION) {
    notices.push(`Decant’s settings were saved by a newer version (schema ${version}); the parts this version understands are used, the rest is left as it is.`);
  }
  for (let v = version; v < SETTINGS_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) {
      notices.push(`Decant’s saved settings have an unknown version (${String(raw.schemaVersion)}), so it is using its defaults.`);
      return { settings: structuredClone(d) as Settings, notices, changed: true };
    }
    raw = step(raw);
    changed = true;
  }

  const bad: string[] = [];
  const pick = <T>(name: string, value: unknown, ok: (v: unknown) => v is T, fallback: T): T => {
    if (value === undefined) return fallback;
    if (ok(value)) return value;
    bad.push(name);
    return fallback;
  };
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const oneOf = <T extends string>(list: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
  const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= FONT_SIZES.min && v <= FONT_SIZES.max;

  const r = isObject(raw.reader) ? raw.reader : (raw.reader === undefined ? {} : (bad.push('reader'), {}));
  const reader: ReaderPrefs = {
    theme: pick('reader.theme', r.theme, oneOf(THEMES), d.reader.theme),
    fontSize: pick('reader.fontSize', r.fontSize, isSize, d.reader.fontSize),
    lineWidth: pick('reader.lineWidth', r.lineWidth, oneOf(LINE_WIDTHS), d.reader.lineWidth),
    font: pick('reader.font', r.font, oneOf(['serif', 'sans'] as const), d.reader.font),
  };
  const c = isObject(raw.categories) ? raw.categories : (raw.categories === undefined ? {} : (bad.push('categories'), {}));
  const categories = Object.fromEntries(CATEGORIES.map((k) => [k, pick(`categories.${k}`, c[k], isBool, true)])) as Record<Category, boolean>;
  const sites: Settings['autoClean']['sites'] = {};
  const ac = isObject(raw.autoClean) ? raw.autoClean : (raw.autoClean === undefined ? {} : (bad.push('autoClean'), {}));
  if (isObject(ac.sites)) {
    for (const [origin, v] of Object.entries(ac.sites)) {
      if (/^https?:\/\/[^/]+$/.test(origin) && isObject(v) && typeof v.enabledAt === 'string') sites[origin] = { enabledAt: v.enabledAt };
      else bad.push(`autoClean.sites[${JSON.stringify(origin).slice(0, 60)}]`);
    }
  } else if (ac.sites !== undefined) bad.push('autoClean.sites');

  const settings: Settings = {
    schemaVersion: SETTINGS_VERSION,
    images: pick('images', raw.images, isBool, d.images),
    reader,
    categories,
    autoClean: { sites },
  };
  if (bad.length) {
    changed = true;
    notices.push(`Some of Decant’s saved settings were not valid and were reset to their defaults: ${bad.slice(0, 6).join(', ')}${bad.length > 6 ? ', …' : ''}.`);
  }
  return { settings, notices, changed };
}

function settingsArea() {
  return features.syncStorage() ? browser.storage.sync : browser.storage.local;
}

/** Read the settings (never throws: a storage failure gives the defaults and a notice). */
export async function loadSettings(): Promise<LoadedSettings> {
  try {
    const got = await settingsArea().get(SETTINGS_KEY);
    const loaded = normalizeSettings(got[SETTINGS_KEY]);
    // Persist a migration right away, so every part of Decant reads the same version. Repaired
    // corrupt data is left in place until the reader changes a setting (nothing is lost silently).
    if (loaded.changed && !loaded.notices.length) await settingsArea().set({ [SETTINGS_KEY]: loaded.settings });
    return loaded;
  } catch (e) {
    return { settings: structuredClone(DEFAULT_SETTINGS) as Settings, notices: [`Decant could not read its settings (${(e as Error).message}); it is using its defaults.`], changed: false };
  }
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Change some settings and save them; returns the complete new settings. */
export async function updateSettings(patch: DeepPartial<Omit<Settings, 'schemaVersion'>>): Promise<Settings> {
  const { settings } = await loadSettings();
  const next: Settings = {
    ...settings,
    ...(patch.images !== undefined ? { images: patch.images } : {}),
    reader: { ...settings.reader, ...(patch.reader ?? {}) } as ReaderPrefs,
    categories: { ...settings.categories, ...(patch.categories ?? {}) } as Record<Category, boolean>,
    autoClean: { sites: { ...settings.autoClean.sites, ...((patch.autoClean?.sites ?? {}) as Settings['autoClean']['sites']) } },
  };
  const checked = normalizeSettings(next);
  await settingsArea().set({ [SETTINGS_KEY]: checked.settings });
  return checked.settings;
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
  const area = sessionArea();
  const key = newKey();
  const got = await area.get(OUTCOME_INDEX);
  const index = Array.isArray(got[OUTCOME_INDEX]) ? (got[OUTCOME_INDEX] as string[]) : [];
  index.push(key);
  const drop = index.splice(0, Math.max(0, index.length - MAX_OUTCOMES));
  await area.set({ [OUTCOME_PREFIX + key]: { ...outcome, key }, [OUTCOME_INDEX]: index });
  if (drop.length) await area.remove(drop.map((k) => OUTCOME_PREFIX + k));
  return key;
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
