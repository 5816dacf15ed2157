/**
 * The settings schema: types, defaults, migrations and validation. Pure (no webextension-polyfill), so
 * the auto-clean content script can read settings without the polyfill and the unit tests can run
 * every migration directly. Reading and writing live in `storage.ts`.
 *
 * Reading always gives a complete, typed {@link Settings}: older versions are migrated step by step,
 * fields that are missing take their defaults, and anything corrupt or unknown falls back to the
 * default with a notice a reader can understand — never a crash.
 *
 * Versions:
 *   0  development builds before the schema had a version: flat `theme`, `fontSize`, `loadImages`.
 *   1  `images`, `reader{}`, `categories{}`, `autoClean.sites{}`.
 *   2  `autoClean.categories{}`: what auto-clean hides on the live page, apart from what the popup and
 *      reader view leave out (a reader may want the comments on the page but not in the reader).
 */
import { CATEGORIES, type Category } from '../core/types';

export { SETTINGS_KEY } from './settings-key';
export const SETTINGS_VERSION = 2;

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

export interface AutoCleanSettings {
  /**
   * Sites cleaned on every visit: `scheme://host` (no port: a site permission covers every port) →
   * when it was switched on. A site is cleaned only while Decant also holds its host permission.
   */
  sites: Record<string, { enabledAt: string }>;
  /** What auto-clean hides on the live page of those sites. */
  categories: Record<Category, boolean>;
}

export interface Settings {
  schemaVersion: typeof SETTINGS_VERSION;
  /** Load the article's images (from their own URLs, no referrer) in the popup and reader view. */
  images: boolean;
  reader: ReaderPrefs;
  /** Which categories the popup and reader view leave out of the article. */
  categories: Record<Category, boolean>;
  /** Per-site auto-clean of the live page (issue 5). */
  autoClean: AutoCleanSettings;
}

/**
 * On the live page, auto-clean hides the nags that stand between a reader and the article — modals,
 * appeals, upsells, newsletter boxes, cookie banners, ad slots, sponsored widgets — and leaves the
 * site's own navigation, comments, share bars and related links alone.
 */
export const LIVE_DEFAULT_CATEGORIES: Readonly<Record<Category, boolean>> = Object.freeze({
  donation: true,
  membership: true,
  newsletter: true,
  cookie: true,
  ad: true,
  sponsored: true,
  related: false,
  social: false,
  comments: false,
  overlay: true,
  other: false,
});

const allCategories = (): Record<Category, boolean> => Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>;

// Marked pure (and no object spread, which esbuild keeps for its getters), so auto-clean's script,
// which never reads the defaults as a whole, does not carry them.
export const DEFAULT_SETTINGS: Readonly<Settings> = /* @__PURE__ */ Object.freeze({
  schemaVersion: SETTINGS_VERSION,
  images: true,
  reader: { theme: 'system', fontSize: 19, lineWidth: 'medium', font: 'serif' },
  categories: /* @__PURE__ */ allCategories(),
  autoClean: { sites: {}, categories: /* @__PURE__ */ Object.assign({}, LIVE_DEFAULT_CATEGORIES) },
} satisfies Settings);

export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}

export interface LoadedSettings {
  settings: Settings;
  /** Sentences for the reader when stored settings could not be used as they were. */
  notices: string[];
  /** True when the stored value was migrated or repaired (the caller may write it back). */
  changed: boolean;
  /** True when storage could not be read at all: the settings are defaults, not the reader's. */
  unread?: boolean;
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A site key: `http(s)://host` with no port, path or trailing slash. */
const SITE_KEY = /^https?:\/\/[^/:]+$/;

/** The site key of a page URL (`https://www.example.org/a?b` → `https://www.example.org`), or null. */
export function siteOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}`;
  } catch {
    return null;
  }
}

/** The match pattern that covers one site (`https://www.example.org/*`). */
export function sitePattern(site: string): string {
  return `${site}/*`;
}

/**
 * Migrations, indexed by the version they upgrade FROM. Each takes the raw stored object and returns
 * the next version's shape; validation happens once, after the last step.
 */
export const MIGRATIONS: Readonly<Record<number, (old: Raw) => Raw>> = {
  0: (old) => {
    const reader: Raw = isObject(old.reader) ? { ...old.reader } : {};
    for (const k of ['theme', 'fontSize', 'lineWidth', 'font']) if (k in old && !(k in reader)) reader[k] = old[k];
    const out: Raw = { ...old, schemaVersion: 1, reader };
    if ('loadImages' in old && !('images' in old)) out.images = old.loadImages;
    for (const k of ['theme', 'fontSize', 'lineWidth', 'font', 'loadImages']) delete out[k];
    return out;
  },
  1: (old) => {
    // Live-page categories start from the live defaults, minus what the reader chose to keep in the
    // article everywhere (a category switched off in version 1 stays off on the live page too).
    const kept = isObject(old.categories) ? old.categories : {};
    const categories = Object.fromEntries(CATEGORIES.map((c) => [c, LIVE_DEFAULT_CATEGORIES[c] && kept[c] !== false]));
    const ac: Raw = isObject(old.autoClean) ? { ...old.autoClean } : {};
    // Version 1 allowed a port in site keys; a host permission has none, so the port is dropped.
    if (isObject(ac.sites)) {
      const sites: Raw = {};
      for (const [k, v] of Object.entries(ac.sites)) {
        const m = /^(https?:\/\/[^/:]+)(?::\d+)?$/.exec(k);
        sites[m ? m[1] : k] = v;
      }
      ac.sites = sites;
    }
    return { ...old, schemaVersion: 2, autoClean: { ...ac, categories } };
  },
};

/**
 * `stored` (an object) brought to this version by the migrations, or why it cannot be: a version no
 * migration starts from (`unknown`: the version as stored at that step), or the step that threw. Sentences for the reader are normalizeSettings'
 * (auto-clean's script, which reads only {@link normalizeAutoClean}, does not carry them).
 */
function migrate(stored: Raw): { raw: Raw; changed: boolean } | { unknown: unknown } | { failedFrom: number } {
  let raw = stored;
  let changed = false;
  for (let v = versionOf(raw); v < SETTINGS_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { unknown: raw.schemaVersion };
    try {
      raw = step(raw);
    } catch {
      return { failedFrom: v };
    }
    changed = true;
  }
  return { raw, changed };
}

const versionOf = (raw: Raw): number => (typeof raw.schemaVersion === 'number' && Number.isInteger(raw.schemaVersion) ? raw.schemaVersion : 0);

/** Validation of one migrated object: each field's value, or its default with its name in `bad`. */
function checker(bad: string[]) {
  return {
    pick: <T>(name: string, value: unknown, ok: (v: unknown) => v is T, fallback: T): T => {
      if (value === undefined) return fallback;
      if (ok(value)) return value;
      bad.push(name);
      return fallback;
    },
    objectAt: (name: string, v: unknown): Raw => (isObject(v) ? v : (v === undefined ? {} : (bad.push(name), {}))),
  };
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

/** The auto-clean settings of a migrated object; invalid parts take their defaults and are named in `bad`. */
function autoCleanOf(raw: Raw, bad: string[]): AutoCleanSettings {
  const { pick, objectAt } = checker(bad);
  const ac = objectAt('autoClean', raw.autoClean);
  const sites: AutoCleanSettings['sites'] = {};
  if (isObject(ac.sites)) {
    for (const [site, v] of Object.entries(ac.sites)) {
      if (SITE_KEY.test(site) && isObject(v) && typeof v.enabledAt === 'string') sites[site] = { enabledAt: v.enabledAt };
      else bad.push(`autoClean.sites[${JSON.stringify(site).slice(0, 60)}]`);
    }
  } else if (ac.sites !== undefined) bad.push('autoClean.sites');
  const lc = objectAt('autoClean.categories', ac.categories);
  const categories = Object.fromEntries(CATEGORIES.map((k) => [k, pick(`autoClean.categories.${k}`, lc[k], isBool, LIVE_DEFAULT_CATEGORIES[k])])) as Record<Category, boolean>;
  return { sites, categories };
}

/**
 * `normalizeSettings(stored).settings.autoClean`, without the rest: auto-clean's content script reads
 * only this, on every page load of its sites, and so carries neither the reader's preferences nor the
 * notices.
 */
export function normalizeAutoClean(stored: unknown): AutoCleanSettings {
  const m = isObject(stored) ? migrate(stored) : null;
  return m && 'raw' in m ? autoCleanOf(m.raw, []) : { sites: {}, categories: { ...LIVE_DEFAULT_CATEGORIES } };
}

/** Turn whatever was stored into complete settings. Pure. */
export function normalizeSettings(stored: unknown): LoadedSettings {
  const notices: string[] = [];
  const d = DEFAULT_SETTINGS;
  if (stored === undefined || stored === null) return { settings: defaultSettings(), notices, changed: false };
  if (!isObject(stored)) {
    notices.push('Decant’s saved settings could not be read (they are not a settings object), so it is using its defaults. Changing any setting saves fresh ones.');
    return { settings: defaultSettings(), notices, changed: true };
  }
  const version = versionOf(stored);
  if (version > SETTINGS_VERSION) {
    notices.push(`Decant’s settings were saved by a newer version (schema ${version}); the parts this version understands are used, the rest is left as it is.`);
  }
  const migrated = migrate(stored);
  if ('unknown' in migrated) {
    notices.push(`Decant’s saved settings have an unknown version (${String(migrated.unknown)}), so it is using its defaults.`);
    return { settings: defaultSettings(), notices, changed: true };
  }
  if ('failedFrom' in migrated) {
    notices.push(`Decant could not upgrade its saved settings from version ${migrated.failedFrom}, so it is using its defaults.`);
    return { settings: defaultSettings(), notices, changed: true };
  }
  const { raw } = migrated;
  let { changed } = migrated;

  const bad: string[] = [];
  const { pick, objectAt } = checker(bad);
  const oneOf = <T extends string>(list: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
  const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= FONT_SIZES.min && v <= FONT_SIZES.max;

  const r = objectAt('reader', raw.reader);
  const reader: ReaderPrefs = {
    theme: pick('reader.theme', r.theme, oneOf(THEMES), d.reader.theme),
    fontSize: pick('reader.fontSize', r.fontSize, isSize, d.reader.fontSize),
    lineWidth: pick('reader.lineWidth', r.lineWidth, oneOf(LINE_WIDTHS), d.reader.lineWidth),
    font: pick('reader.font', r.font, oneOf(['serif', 'sans'] as const), d.reader.font),
  };
  const c = objectAt('categories', raw.categories);
  const categories = Object.fromEntries(CATEGORIES.map((k) => [k, pick(`categories.${k}`, c[k], isBool, true)])) as Record<Category, boolean>;
  const autoClean = autoCleanOf(raw, bad);

  const settings: Settings = {
    schemaVersion: SETTINGS_VERSION,
    images: pick('images', raw.images, isBool, d.images),
    reader,
    categories,
    autoClean,
  };
  if (bad.length) {
    changed = true;
    notices.push(`Some of Decant’s saved settings were not valid and were reset to their defaults: ${bad.slice(0, 6).join(', ')}${bad.length > 6 ? ', …' : ''}.`);
  }
  return { settings, notices, changed };
}

/** The categories switched on in a category map, in the contract's order. */
export function enabledCategories(map: Readonly<Record<Category, boolean>>): Category[] {
  return CATEGORIES.filter((c) => map[c]);
}

/** Is auto-clean on for the site of `url` (in the settings; the host permission is checked elsewhere)? */
export function autoCleanOn(settings: Pick<Settings, 'autoClean'>, url: string | null | undefined): boolean {
  const site = siteOf(url);
  return !!site && Object.prototype.hasOwnProperty.call(settings.autoClean.sites, site);
}
