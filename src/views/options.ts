/**
 * The options page (issue 5): the auto-clean sites (remove one, remove all, allow again where the
 * permission is missing), which categories auto-clean hides on the live page and which the popup and
 * reader view leave out (CONTRACT §2's list), the reader view's display (theme, text size, line width,
 * typeface: the settings its Display menu changes), whether articles' images load (CONTRACT §3), and
 * export/import of the settings as JSON.
 *
 * Every change goes through `changeSettings`, under the lock all of Decant's pages share, and the page
 * re-renders on `storage.onChanged`, so two open options pages (or the popup) never lose an update.
 * Removing a site goes through the service worker, which restores its open pages, unregisters the
 * script and gives the permission back.
 */
import './options.css';
import { browser, reportError } from '../platform/browser';
import { sendMessage } from '../platform/messages';
import { FONT_SIZES, LINE_WIDTHS, SETTINGS_VERSION, THEMES, changeSettings, loadSettings, normalizeSettings, onSettingsChanged, replaceSettings, sitePattern, type ReaderPrefs, type Settings } from '../platform/storage';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../core/types';
import { append, clear, h, icon, keepPlace } from './dom';
import { toast } from './actions';

const app = document.getElementById('app')!;
let settings: Settings;
let notices: string[] = [];
let granted = new Set<string>();
let importMessage: { text: string; kind: 'ok' | 'error' } | null = null;
/** What the page's controls show: the settings of the last render, with the reader's changes on this page since. */
let onScreen: Settings | undefined;
/** This page's writes still in flight. */
let writing = 0;

/**
 * Save a change made on this page (`changeSettings`: read, change, write under the lock Decant's
 * pages share). Storage events that arrive meanwhile wait: most are this page's own writes, and a
 * rebuild between two of them would show an older value under the reader's hands. After the last
 * one, the page is rebuilt if what is stored is not what it shows (another page changed something).
 */
function save(change: (s: Settings) => Settings): Promise<Settings> {
  if (onScreen) onScreen = change(onScreen);
  writing++;
  return changeSettings(change)
    .then(
      (s) => (settings = s),
      (e: unknown) => {
        onScreen = undefined; // the control the reader changed no longer says what is stored
        throw e;
      },
    )
    .finally(() => {
      if (--writing === 0) void refresh(false);
    });
}

const hostOf = (site: string): string => new URL(site).host;

async function readGrants(): Promise<Set<string>> {
  const all = await browser.permissions.getAll();
  return new Set(all.origins ?? []);
}

function siteRow(site: string): HTMLElement {
  const has = granted.has(sitePattern(site));
  const since = settings.autoClean.sites[site].enabledAt;
  const date = Number.isNaN(Date.parse(since)) ? '' : new Date(since).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  const name = site.startsWith('http://') ? site : hostOf(site);
  const remove = h('button', { type: 'button', class: 'button small', 'data-action': 'remove-site', 'aria-label': `Remove ${name}` }, 'Remove');
  remove.addEventListener('click', () => void removeSites([site]));
  const allow = has ? null : h('button', { type: 'button', class: 'button small primary', 'data-action': 'allow-site' }, 'Allow');
  allow?.addEventListener('click', () => {
    // From the click itself: the browser asks about exactly this site.
    void browser.permissions
      .request({ origins: [sitePattern(site)] })
      .catch((e: unknown) => {
        toast(`Decant could not ask for access to ${hostOf(site)}: ${(e as Error).message}`, 'error');
        return null;
      })
      .then(async (ok) => {
        if (ok) {
          const r = await sendMessage('auto-clean:enable', { site });
          if (!r.ok) toast(r.message, 'error');
        } else if (ok === false) toast(`Decant was not given access to ${hostOf(site)}.`, 'error');
      })
      .catch((e: unknown) => toast(`Could not switch auto-clean on for ${hostOf(site)}: ${(e as Error).message}`, 'error'))
      .then(() => refresh());
  });
  return h(
    'li',
    { 'data-site': site },
    h('span', { class: 'site-host' }, name),
    h('span', { class: 'site-status', 'data-granted': String(has) }, has ? (date ? `on since ${date}` : 'on') : 'needs your permission in this browser'),
    allow,
    remove,
  );
}

async function removeSites(sites: string[]): Promise<void> {
  // A keyboard user's Remove goes with its row: the focus goes on to the next site's Remove (the one
  // above at the end; "No sites yet." when none is left), not back to the top of the page.
  const fromList = !!document.activeElement?.closest('[data-section="sites"]');
  const before = Object.keys(settings.autoClean.sites).sort();
  try {
    for (const site of sites) await sendMessage('auto-clean:disable', { site });
    toast(sites.length === 1 ? `Auto-clean is off for ${hostOf(sites[0])}.` : `Auto-clean is off for ${sites.length} sites.`);
  } catch (e) {
    toast(`Could not remove: ${(e as Error).message}`, 'error');
  }
  await refresh();
  if (!fromList || document.activeElement?.closest('[data-section="sites"]')) return;
  const left = Object.keys(settings.autoClean.sites);
  const at = before.indexOf(sites[0]);
  const next = [...before.slice(at + 1), ...before.slice(0, at).reverse()].find((s) => left.includes(s));
  const row = [...app.querySelectorAll<HTMLElement>('li[data-site]')].find((li) => li.dataset.site === next);
  const target = row ? row.querySelector<HTMLElement>('[data-action="remove-site"]') : app.querySelector<HTMLElement>('.sites-empty');
  target?.focus();
}

function categoryBoxes(name: string, current: Record<Category, boolean>, set: (c: Category, on: boolean) => Promise<Settings>): HTMLElement {
  return h(
    'fieldset',
    { class: 'categories', 'data-group': name },
    h('legend', { class: 'visually-hidden' }, name),
    ...CATEGORIES.map((c) => {
      const box = h('input', { type: 'checkbox', name: `${name}-${c}`, 'data-category': c });
      box.checked = current[c];
      box.addEventListener('change', () => {
        void set(c, box.checked).catch((e: unknown) => toast(`Could not save: ${(e as Error).message}`, 'error'));
      });
      return h('label', {}, box, CATEGORY_LABELS[c]);
    }),
  );
}

/** Load the article's images: the same setting as the popup's and reader view's image switch. */
function imagesBox(): HTMLElement {
  const box = h('input', { type: 'checkbox', name: 'images', 'data-setting': 'images' });
  box.checked = settings.images;
  box.addEventListener('change', () => {
    void save((s) => ({ ...s, images: box.checked })).catch((e: unknown) => {
      box.checked = settings.images;
      toast(`Could not save: ${(e as Error).message}`, 'error');
    });
  });
  return h('label', { class: 'setting' }, box, 'Load the article’s images, from their own sites (no referrer is sent)');
}

const THEME_LABELS: Record<ReaderPrefs['theme'], string> = { system: 'Auto (as the system)', light: 'Light', sepia: 'Sepia', dark: 'Dark' };

/** The reader view's display: the settings its Display menu changes, here in one place. */
function readerPrefs(): HTMLElement {
  const prefs = settings.reader;
  const savePrefs = (patch: Partial<ReaderPrefs>): void => {
    void save((s) => ({ ...s, reader: { ...s.reader, ...patch } })).catch((e: unknown) => {
      toast(`Could not save: ${(e as Error).message}`, 'error');
      render(); // back to what is stored
    });
  };
  const choice = <K extends 'theme' | 'lineWidth' | 'font'>(key: K, label: string, options: readonly (readonly [ReaderPrefs[K], string])[]): HTMLElement => {
    const select = h('select', { name: `reader-${key}`, 'data-setting': `reader.${key}` }, ...options.map(([value, text]) => h('option', { value }, text)));
    select.value = prefs[key];
    select.addEventListener('change', () => savePrefs({ [key]: select.value } as Partial<ReaderPrefs>));
    return h('label', { class: 'setting' }, h('span', { class: 'setting-name' }, label), select);
  };
  const value = h('output', { 'data-field': 'font-size-value' }, `${prefs.fontSize} px`);
  const size = h('input', { type: 'range', name: 'reader-fontSize', min: FONT_SIZES.min, max: FONT_SIZES.max, step: FONT_SIZES.step, 'data-setting': 'reader.fontSize' });
  size.value = String(prefs.fontSize);
  const show = (): void => {
    value.textContent = `${size.value} px`;
  };
  size.addEventListener('input', show);
  size.addEventListener('change', () => {
    show();
    savePrefs({ fontSize: Number(size.value) });
  });
  return h(
    'div',
    { class: 'reader-prefs' },
    choice('theme', 'Theme', THEMES.map((t) => [t, THEME_LABELS[t]] as const)),
    h('label', { class: 'setting' }, h('span', { class: 'setting-name' }, 'Text size'), size, value),
    choice('lineWidth', 'Line width', LINE_WIDTHS.map((w) => [w, w[0].toUpperCase() + w.slice(1)] as const)),
    choice('font', 'Typeface', [['serif', 'Serif'], ['sans', 'Sans']] as const),
  );
}

function exportSettings(): void {
  const text = `${JSON.stringify({ decant: 'settings', schemaVersion: SETTINGS_VERSION, exportedAt: new Date().toISOString(), settings }, null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = h('a', { href: url, download: `decant-settings-${new Date().toISOString().slice(0, 10)}.json`, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  document.body.dataset.exported = text; // for tests and for "what did I just save?"
}

/** Import a settings file: anything unreadable is refused with a sentence; the rest is validated. */
export async function importText(text: string): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    importMessage = { text: 'That file is not JSON, so nothing was imported. Choose a file that Decant exported.', kind: 'error' };
    render();
    return;
  }
  const inner = parsed && typeof parsed === 'object' && (parsed as { decant?: unknown }).decant === 'settings' ? (parsed as { settings?: unknown }).settings : parsed;
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) {
    importMessage = { text: 'That file does not hold Decant settings, so nothing was imported.', kind: 'error' };
    render();
    return;
  }
  const loaded = normalizeSettings(inner);
  try {
    settings = await replaceSettings(loaded.settings);
  } catch (e) {
    importMessage = { text: `Nothing was imported: ${(e as Error).message}`, kind: 'error' };
    render();
    return;
  }
  const missing = Object.keys(settings.autoClean.sites).filter((s) => !granted.has(sitePattern(s)));
  importMessage = {
    text: ['Settings imported.', ...loaded.notices, missing.length ? `${missing.length} auto-clean site${missing.length === 1 ? ' needs' : 's need'} your permission in this browser: use “Allow”.` : ''].filter(Boolean).join(' '),
    kind: loaded.notices.length ? 'error' : 'ok',
  };
  await refresh();
}

function render(): void {
  onScreen = settings;
  document.documentElement.dataset.theme = settings.reader.theme; // the theme chosen here, as on every Decant page
  const sites = Object.keys(settings.autoClean.sites).sort();
  const removeAll = h('button', { type: 'button', class: 'button small', 'data-action': 'remove-all-sites' }, 'Remove all');
  removeAll.addEventListener('click', () => {
    if (confirm(`Switch auto-clean off for all ${sites.length} sites?`)) void removeSites(sites);
  });
  const exportButton = h('button', { type: 'button', class: 'button', 'data-action': 'export' }, 'Export settings');
  exportButton.addEventListener('click', exportSettings);
  const file = h('input', { type: 'file', accept: 'application/json,.json', class: 'visually-hidden', id: 'import-file', 'data-action': 'import' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void f.text().then(importText).catch((e: unknown) => toast(`Could not read the file: ${(e as Error).message}`, 'error'));
    file.value = '';
  });
  const importLabel = h('label', { class: 'button', for: 'import-file' }, 'Import settings…');

  // Every change re-renders the page (storage.onChanged, a permission granted): the control in use
  // keeps the focus, or its replacement in the same row (Allow, once granted, leaves Remove).
  const back = keepPlace(app);
  clear(app);
  append(
    app,
    h(
      'main',
      { class: 'options-main' },
      h('header', {}, h('img', { src: 'icons/decant-32.png', alt: '', width: 28, height: 28 }), h('h1', {}, 'Decant settings')),
      notices.length ? h('aside', { class: 'notice', role: 'note', 'data-field': 'notices' }, icon('info'), h('div', {}, ...notices.map((n) => h('p', {}, n)))) : null,
      h(
        'section',
        { class: 'options-section', 'data-section': 'sites' },
        h('h2', {}, 'Auto-clean sites'),
        h('p', { class: 'lead' }, 'Pages of these sites load with their nags hidden. Switch a site on from Decant’s toolbar button while you are on it.'),
        sites.length ? h('ul', { class: 'sites' }, ...sites.map(siteRow)) : h('p', { class: 'sites-empty', id: 'sites-empty', tabindex: -1 }, 'No sites yet.'),
        sites.length > 1 ? removeAll : null,
      ),
      h(
        'section',
        { class: 'options-section', 'data-section': 'live-categories' },
        h('h2', {}, 'What auto-clean hides on the page'),
        h('p', { class: 'lead' }, 'On auto-clean sites, these are hidden as the page loads (and can be shown again from the toolbar button).'),
        categoryBoxes('live', settings.autoClean.categories, (c, on) => save((s) => ({ ...s, autoClean: { ...s.autoClean, categories: { ...s.autoClean.categories, [c]: on } } }))),
      ),
      h(
        'section',
        { class: 'options-section', 'data-section': 'reader-categories' },
        h('h2', {}, 'What the popup and reader view leave out'),
        categoryBoxes('reader', settings.categories, (c, on) => save((s) => ({ ...s, categories: { ...s.categories, [c]: on } }))),
      ),
      h(
        'section',
        { class: 'options-section', 'data-section': 'reader' },
        h('h2', {}, 'Reader view'),
        h('p', { class: 'lead' }, 'How articles read in the reader view; its Display menu changes the same settings.'),
        readerPrefs(),
      ),
      h(
        'section',
        { class: 'options-section', 'data-section': 'images' },
        h('h2', {}, 'Images'),
        h('p', { class: 'lead' }, 'In the popup, the reader view and saved articles. Off: no image is requested at all; each shows as a placeholder with its description.'),
        imagesBox(),
      ),
      h(
        'section',
        { class: 'options-section', 'data-section': 'backup' },
        h('h2', {}, 'Export and import'),
        h('p', { class: 'lead' }, 'Settings as a JSON file, to keep or to move to another browser.'),
        h('div', { class: 'row' }, exportButton, importLabel, file),
        importMessage ? h('p', { class: 'import-result', 'data-kind': importMessage.kind, role: 'status', 'data-field': 'import-result' }, importMessage.text) : null,
      ),
    ),
  );
  back();
  document.body.dataset.state = 'ready';
}

/**
 * Read the settings and permissions again and show them. On a storage or permission event (`force`
 * false) the page is rebuilt only when they differ from what it shows ({@link onScreen}), and not
 * while its own writes are in flight ({@link save} looks again after the last): a rebuild between two
 * key presses on the text-size slider gave it back an older value, so steps were lost, and comparing
 * with the last write's result instead of the screen left another page's change unshown.
 */
async function refresh(force = true): Promise<void> {
  const loaded = await loadSettings();
  const grants = await readGrants();
  const shown = (x: Settings | undefined, n: string[], g: Set<string>): string => JSON.stringify([x, n, [...g].sort()]);
  if (!force && (writing > 0 || (onScreen && shown(loaded.settings, loaded.notices, grants) === shown(onScreen, notices, granted)))) return;
  settings = loaded.settings;
  notices = loaded.notices;
  granted = grants;
  render();
}

refresh().catch((e: unknown) => {
  reportError('options', e);
  clear(app);
  append(app, h('p', { class: 'starting' }, `Decant could not open its settings: ${(e as Error).message}`));
});
onSettingsChanged((next) => {
  document.documentElement.dataset.theme = next.reader.theme; // its own writes too, which need no rebuild
  void refresh(false);
});
browser.permissions.onAdded.addListener(() => void refresh(false));
browser.permissions.onRemoved.addListener(() => void refresh(false));
