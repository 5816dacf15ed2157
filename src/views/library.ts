/**
 * The library page (issue 6 §2): every saved article with title, site, date and words; Read (the
 * saved copy in the reader view); search over titles, sites, tags, excerpts and text, every word to
 * match (`#tag` for a tag, `"a phrase"` as written); sort; tags; delete; export of the selection or
 * of everything as JSONL or ZIP; import of Decant's own JSONL and ZIP exports (duplicates — same URL
 * and text — are recognised and left alone); and "Save all open tabs", which asks at that moment for the `tabs`
 * permission and then for access to exactly the sites of the open tabs, and reports each tab it
 * could not save with the reason.
 */
import './library.css';
import { browser, reportError } from '../platform/browser';
import { sendMessage } from '../platform/messages';
import { Library, LibraryError, onLibraryChanged } from '../library/store';
import { SORTS, matcher, siteOf, sortEntries, type LibraryEntry, type SortKey } from '../library/entry';
import { planOpenTabs } from '../library/open-tabs';
import { toast } from './actions';
import { loadSettings, onSettingsChanged, type Settings } from '../platform/storage';
// Not from article-view: that module brings DOMPurify, and the list shows no page HTML.
import { formatDate } from '../export/dates';
import { append, clear, h, icon } from './dom';
import { download, exportMenu, recordOf } from './exports';

const app = document.getElementById('app')!;
let library: Library;
let entries: LibraryEntry[] = [];
let query = '';
let sort: SortKey = 'saved-desc';
const selected = new Set<string>();
let statusLine: HTMLElement;
let report: HTMLElement;
let listHost: HTMLElement;
let countLabel: HTMLElement;
/** While only the newest entries are read (the first screen), how many there are in all. */
let firstTotal = 0;
/** `entries` holds only the newest screenful: a search or "Select all shown" waits for the rest. */
let partial = false;

function setStatus(message: string, kind: 'ok' | 'error' = 'ok'): void {
  statusLine.textContent = message;
  statusLine.dataset.kind = kind;
}

function fail(e: unknown): void {
  const message = e instanceof LibraryError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
  setStatus(message, 'error');
  toast(message, 'error');
}

const visible = (): LibraryEntry[] => sortEntries(entries.filter(matcher(query)), sort);
const chosen = (): LibraryEntry[] => (selected.size ? sortEntries(entries.filter((e) => selected.has(e.id)), sort) : visible());

/**
 * Rows already built, by entry id: a search, a sort or a change of selection re-orders them rather
 * than building every row again (500 rows took half a second, on every keystroke of a search).
 */
const built = new Map<string, { entry: LibraryEntry; tr: HTMLElement; check: HTMLInputElement }>();

function rowOf(e: LibraryEntry): HTMLElement {
  let b = built.get(e.id);
  if (!b || b.entry.savedAt !== e.savedAt || b.entry.tags.join('\n') !== e.tags.join('\n')) {
    const tr = row(e);
    b = { entry: e, tr, check: tr.querySelector('input[type="checkbox"]')! };
    built.set(e.id, b);
  }
  b.check.checked = selected.has(e.id);
  return b.tr;
}

async function reload(): Promise<void> {
  entries = await library.list();
  const ids = new Set(entries.map((e) => e.id));
  for (const id of [...built.keys()]) if (!ids.has(id)) built.delete(id);
  const before = selected.size;
  for (const id of [...selected]) if (!entries.some((e) => e.id === id)) selected.delete(id);
  if (selected.size !== before) selectionChanged();
  void renderList(); // the first rows now, the rest a batch a frame: an import or a delete reports at once
}

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-');
}

/** The bulk export buttons: off while an export is being made (a ZIP of 500 articles takes seconds). */
const exportButtons: HTMLButtonElement[] = [];

/** Resolves once the page has painted what was just set (at once where nothing paints, e.g. jsdom). */
function painted(): Promise<void> {
  return new Promise((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(resolve, 0)) : setTimeout(resolve, 0)));
}

/** Every entry read (the first screen shows only the newest): what an export waits for. */
let allRead: Promise<unknown> = Promise.resolve();

async function exportAs(kind: 'jsonl' | 'zip'): Promise<void> {
  if (partial) await allRead;
  const list = chosen();
  if (!list.length) return setStatus('There is nothing to export yet.', 'error');
  if (exportButtons.some((b) => b.disabled)) return;
  for (const b of exportButtons) b.disabled = true;
  setStatus(`Making the ${kind.toUpperCase()} of ${list.length} article(s)…`);
  try {
    await painted();
    const bundle = await import('../library/bundle');
    if (kind === 'jsonl') download(bundle.toJsonl(list), `decant-library-${stamp()}.jsonl`, 'application/x-ndjson');
    else download(bundle.toZip(list, document.implementation.createHTMLDocument(''), window as Window & typeof globalThis), `decant-library-${stamp()}.zip`, 'application/zip');
    setStatus(`Exported ${list.length} article(s) as ${kind.toUpperCase()}.`);
  } catch (e) {
    fail(e);
  } finally {
    for (const b of exportButtons) b.disabled = false;
  }
}

async function importFile(file: File): Promise<void> {
  try {
    const { parseLibraryFile } = await import('../library/bundle');
    const parsed = parseLibraryFile(new Uint8Array(await file.arrayBuffer()));
    const result = parsed.entries.length ? await library.importEntries(parsed.entries) : { added: [], duplicates: [] };
    await reload();
    const dup = result.duplicates.length;
    const nothing = !result.added.length && !dup;
    const parts = [nothing ? `Nothing was imported from ${file.name}` : `Imported ${result.added.length} article(s) from ${file.name}`];
    if (dup) parts.push(`${dup} already in your library (same address and text) ${dup === 1 ? 'was left as it was' : 'were left as they were'}`);
    // Each problem is a sentence with its own full stop.
    const skipped = parsed.problems.length ? `${parsed.problems.length} skipped: ${parsed.problems.slice(0, 3).join(' ')}${parsed.problems.length > 3 ? ' …' : ''}` : '';
    const text = `${parts.join('; ')}${skipped ? `${nothing ? ':' : ';'} ${skipped}` : '.'}`;
    setStatus(text, parsed.problems.length && !result.added.length ? 'error' : 'ok');
  } catch (e) {
    fail(e);
  }
}

/**
 * Deletes; `from` is the Delete button pressed. When it had the focus and its row went, the focus
 * goes to the next row's Delete (the row above at the end; the search box when no row is left), not
 * to the top of the page, where a keyboard user would have to tab all the way back.
 */
async function removeEntries(ids: string[], from?: HTMLElement): Promise<void> {
  const row = from?.closest<HTMLElement>('tbody tr');
  const focused = !!row && row.contains(document.activeElement);
  const near = [row?.nextElementSibling, row?.previousElementSibling].map((r) => (r as HTMLElement | null | undefined)?.dataset.id);
  try {
    await library.remove(ids);
    for (const id of ids) selected.delete(id);
    await reload();
    setStatus(`Deleted ${ids.length} article(s).`);
    if (focused && row && !row.isConnected) {
      const target = near.map((id) => id && !ids.includes(id) && built.get(id)?.tr).find(Boolean);
      if (target && !target.isConnected) await listShown; // below the first screenful: added a frame later
      if (target && target.isConnected) target.querySelector<HTMLElement>('[data-action="delete"]')!.focus();
      else document.querySelector<HTMLElement>('[data-action="search"]')?.focus();
    }
  } catch (e) {
    fail(e);
  }
}

/** How to put each delete button that is asking "Click again" back to its label. */
const armedDeletes = new Set<() => void>();

/** The selection changed: a pending "Delete 2? Click again" no longer counts what would go. */
function selectionChanged(): void {
  for (const disarm of [...armedDeletes]) disarm();
  updateCount();
  syncSelectAll();
}

/** The list shown and its "Select all shown" box, which is ticked when every row is, part-ticked when some are. */
let shownList: LibraryEntry[] = [];
let selectAll: HTMLInputElement | null = null;

function syncSelectAll(): void {
  if (!selectAll) return;
  const n = shownList.filter((e) => selected.has(e.id)).length;
  selectAll.checked = n > 0 && n === shownList.length;
  selectAll.indeterminate = n > 0 && n < shownList.length;
}

/** A button that asks once more before it deletes; afterwards it shows its own label again. `none`: what to say when there is nothing to delete. */
function deleteButton(label: string, ids: () => string[], none = '', describedBy?: string): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'button small ghost', 'data-action': 'delete', 'aria-describedby': describedBy }, icon('trash'), label);
  let armed: ReturnType<typeof setTimeout> | null = null;
  const disarm = (): void => {
    if (armed) clearTimeout(armed);
    armed = null;
    armedDeletes.delete(disarm);
    b.lastChild!.textContent = label;
    delete b.dataset.armed;
  };
  b.addEventListener('click', () => {
    const list = ids();
    if (!list.length) return none ? setStatus(none, 'error') : undefined;
    if (!armed) {
      // Selected rows a search hides would go too: the question counts them.
      const shown = new Set(visible().map((x) => x.id));
      const hidden = list.filter((id) => !shown.has(id)).length;
      b.lastChild!.textContent = `Delete ${list.length}${hidden ? ` (${hidden} not shown)` : ''}? Click again`;
      b.dataset.armed = '';
      armed = setTimeout(disarm, 4000);
      armedDeletes.add(disarm);
      return;
    }
    disarm();
    void removeEntries(list, b);
  });
  return b;
}

function row(e: LibraryEntry): HTMLElement {
  const r = e.record;
  const url = r.canonicalUrl ?? r.url;
  const check = h('input', { type: 'checkbox', 'aria-label': `Select ${r.title ?? 'article'}` });
  check.checked = selected.has(e.id);
  check.addEventListener('change', () => {
    if (check.checked) selected.add(e.id);
    else selected.delete(e.id);
    selectionChanged();
  });
  const tags = h('input', { type: 'text', value: e.tags.join(', '), placeholder: 'tags, comma separated', 'aria-label': 'Tags', 'data-field': 'tags' });
  tags.addEventListener('change', () => {
    void library
      .setTags(e.id, tags.value.split(','))
      .then((updated) => {
        const i = entries.findIndex((x) => x.id === e.id);
        if (i >= 0) entries[i] = updated;
        tags.value = updated.tags.join(', ');
        setStatus(`Tags saved for “${r.title ?? 'the article'}”.`);
      })
      .catch(fail);
  });
  // The article's own words read in its language and direction (a Hebrew title in a left-to-right
  // table put its closing punctuation on the wrong side); the page's own words do not.
  const own = { lang: r.lang, dir: r.dir === 'rtl' || r.dir === 'ltr' ? r.dir : 'auto' };
  const when = r.publishedTime ?? e.savedAt;
  // Names the article for the row's buttons, which otherwise all read "Delete".
  const titleId = `lib-title-${e.id}`;
  const whenLabel = r.publishedTime ? formatDate(r.publishedTime) : `Saved ${formatDate(e.savedAt) ?? ''}`;
  return h(
    'tr',
    { 'data-id': e.id },
    h('td', {}, check),
    h(
      'td',
      { class: 'lib-title' },
      url && /^https?:/i.test(url) ? h('a', { id: titleId, href: url, target: '_blank', rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', 'data-field': 'title', ...(r.title ? own : {}) }, r.title ?? url) : h('span', { id: titleId, 'data-field': 'title', ...(r.title ? own : {}) }, r.title ?? 'Untitled article'),
      r.excerpt ? h('p', { class: 'lib-excerpt', ...own }, r.excerpt.length > 180 ? `${r.excerpt.slice(0, 179)}…` : r.excerpt) : null,
    ),
    h('td', { 'data-field': 'siteName', ...(r.siteName ? own : {}) }, siteOf(e)),
    h('td', { 'data-field': 'date' }, h('time', { datetime: when }, whenLabel ?? '')),
    h('td', { class: 'lib-words', 'data-field': 'wordCount' }, r.wordCount.toLocaleString()),
    h('td', { class: 'lib-tags' }, tags),
    h('td', {}, h('div', { class: 'lib-row-actions' }, h('a', { class: 'button small ghost', href: `reader.html?saved=${e.id}`, target: '_blank', rel: 'noopener', 'data-action': 'read', title: 'Read the saved copy in the reader view' }, icon('reader'), 'Read'), exportMenu({ record: async () => e.record, citation: e.citation }), deleteButton('Delete', () => [e.id], '', titleId))),
  );
}

function updateCount(shown = visible().length): void {
  const total = Math.max(entries.length, firstTotal);
  countLabel.textContent = selected.size ? `${selected.size} selected of ${total}` : !query ? `${total} saved` : partial ? `Searching all ${total}…` : `${shown} of ${entries.length} match`;
  document.body.dataset.count = String(total);
}

/**
 * Rows built at once: a screenful and more (a row is 40-60 px). The rest are added a batch a frame
 * after the first are on screen (500 rows built and laid out at once kept the page blank for half a
 * second); a new search or sort stops the batches of the list it replaces.
 */
const FIRST_ROWS = 50;
const BATCH = 50;
let rendering = 0;
/** Resolves when every row of the list last shown is in the page. */
let listShown: Promise<void> = Promise.resolve();

/** Shows the list; resolves when every row of it is in the page (or another list replaced it). */
function renderList(): Promise<void> {
  const generation = ++rendering;
  clear(listHost);
  selectAll = null;
  const list = visible();
  updateCount(list.length);
  if (!entries.length) {
    listHost.appendChild(h('p', { class: 'lib-empty' }, 'No saved articles yet. Click Save in the Decant popup or the reader view, or import a Decant export.'));
    return Promise.resolve();
  }
  if (!list.length) {
    listHost.appendChild(h('p', { class: 'lib-empty' }, `Nothing matches “${query}”.`));
    return Promise.resolve();
  }
  const all = h('input', { type: 'checkbox', 'aria-label': 'Select all shown' });
  shownList = list;
  selectAll = all;
  syncSelectAll();
  all.addEventListener('change', () => {
    const tick = all.checked;
    void (async () => {
      // Every article shown once all are read, not only the newest screenful read first.
      if (partial) await allRead;
      for (const e of visible()) {
        if (tick) selected.add(e.id);
        else selected.delete(e.id);
      }
      selectionChanged();
      void renderList();
    })();
  });
  const body = h('tbody', {}, ...list.slice(0, FIRST_ROWS).map(rowOf));
  listHost.appendChild(
    h(
      'table',
      { class: 'lib-table' },
      h('thead', {}, h('tr', {}, h('th', {}, all), h('th', {}, 'Title'), h('th', {}, 'Site'), h('th', {}, 'Date'), h('th', {}, 'Words'), h('th', {}, 'Tags'), h('th', {}, ''))),
      body,
    ),
  );
  return (listShown = (async () => {
    for (let from = FIRST_ROWS; from < list.length; from += BATCH) {
      await painted();
      if (generation !== rendering) return;
      append(body, ...list.slice(from, from + BATCH).map(rowOf));
    }
  })());
}

// --- Save all open tabs ---------------------------------------------------------------------------

type TabResult = { title: string; result: 'saved' | 'duplicate' | 'declined' | 'no-article' | 'restricted' | 'error'; why: string };

function showReport(results: TabResult[]): void {
  clear(report);
  const isSaved = (r: TabResult): boolean => r.result === 'saved' || r.result === 'duplicate';
  const item = (r: TabResult): HTMLElement => h('li', { 'data-result': r.result }, h('strong', {}, r.title), ` — ${r.why}`);
  const saved = results.filter(isSaved);
  const notSaved = results.filter((r) => !isSaved(r));
  append(
    report,
    h('p', {}, h('strong', {}, `Saved ${saved.length} of ${results.length} open tab(s).`)),
    notSaved.length ? h('p', {}, 'Not saved:') : null,
    notSaved.length ? h('ul', { class: 'not-saved' }, ...notSaved.map(item)) : null,
    saved.length ? h('p', {}, 'Saved:') : null,
    saved.length ? h('ul', { class: 'saved' }, ...saved.map(item)) : null,
  );
  report.hidden = false;
}

async function saveAllTabs(button: HTMLButtonElement): Promise<void> {
  // Step 1 (this click): the `tabs` permission, to learn which pages are open.
  let hadTabs = false;
  try {
    hadTabs = await browser.permissions.contains({ permissions: ['tabs'] });
    if (!hadTabs && !(await browser.permissions.request({ permissions: ['tabs'] }))) {
      setStatus('Decant was not allowed to see your open tabs, so nothing was saved.', 'error');
      return;
    }
  } catch (e) {
    setStatus(`Decant could not ask to see your tabs: ${(e as Error).message}`, 'error');
    return;
  }
  const { readable, restricted, origins } = planOpenTabs(await browser.tabs.query({}), browser.runtime.getURL(''));
  const results: TabResult[] = restricted.map((t) => ({ title: t.title || t.url || 'A tab', result: 'restricted', why: `restricted page: ${t.why}` }));
  if (!readable.length) {
    showReport(results);
    if (!hadTabs) void browser.permissions.remove({ permissions: ['tabs'] });
    return;
  }
  // Step 2 (a second click, so the browser sees a gesture): access to exactly these sites.
  clear(report);
  const sites = origins.map((o) => o.replace(/^https?:\/\/|\/\*$/g, ''));
  const go = h('button', { type: 'button', class: 'button primary', 'data-action': 'allow-sites' }, `Allow ${sites.length} site(s) and save ${readable.length} tab(s)`);
  const cancel = h('button', { type: 'button', class: 'button ghost' }, 'Cancel');
  append(report, h('p', {}, `To save your open tabs Decant needs to read these sites: ${sites.join(', ')}.`), h('div', { class: 'lib-row-actions' }, go, cancel));
  report.hidden = false;
  cancel.addEventListener('click', () => {
    report.hidden = true;
    if (!hadTabs) void browser.permissions.remove({ permissions: ['tabs'] });
  });
  go.addEventListener('click', () => {
    void (async () => {
      go.disabled = true;
      button.disabled = true;
      const before = await Promise.all(origins.map((o) => browser.permissions.contains({ origins: [o] })));
      let granted = false;
      try {
        granted = await browser.permissions.request({ origins });
      } catch (e) {
        setStatus(`Decant could not ask for access: ${(e as Error).message}`, 'error');
      }
      for (const t of readable) {
        const title = t.title || t.url;
        if (!granted) {
          results.push({ title, result: 'declined', why: 'access to the site was declined' });
          continue;
        }
        setStatus(`Saving ${title}…`);
        const outcome = await sendMessage('clean-tab', { tabId: t.id }).catch((e: unknown) => ({ state: 'error' as const, message: (e as Error).message }));
        if (outcome.state === 'article') {
          try {
            const r = await library.save(await recordOf(outcome), outcome.citation ?? null);
            results.push({ title, result: r.status, why: r.status === 'saved' ? 'saved' : 'already in your library' });
          } catch (e) {
            results.push({ title, result: 'error', why: (e as Error).message });
            if (e instanceof LibraryError && e.kind !== 'other') break; // storage full or blocked: stop trying
          }
        } else if (outcome.state === 'no-article') results.push({ title, result: 'no-article', why: `no article: ${outcome.reason}` });
        else if (outcome.state === 'restricted') results.push({ title, result: 'restricted', why: `restricted page: ${outcome.message}` });
        else if (outcome.state === 'no-access') results.push({ title, result: 'declined', why: outcome.message });
        else if (outcome.state === 'loading') results.push({ title, result: 'error', why: 'the page was still loading' });
        else results.push({ title, result: 'error', why: outcome.message });
      }
      // Give back what was asked for only for this (sites Decant already had stay granted).
      const extra = origins.filter((_, i) => !before[i]);
      if (granted && extra.length) await browser.permissions.remove({ origins: extra }).catch(() => false);
      if (!hadTabs) await browser.permissions.remove({ permissions: ['tabs'] }).catch(() => false);
      await reload();
      showReport(results);
      setStatus(`Saved ${results.filter((r) => r.result === 'saved').length} new article(s) from your open tabs.`);
      button.disabled = false;
    })().catch(fail);
  });
}

// --- Page ---------------------------------------------------------------------------------------

/** Builds the page; resolves when every row of the list is in it. */
function render(): Promise<void> {
  const search = h('input', { type: 'search', class: 'lib-search', placeholder: 'Search titles, tags and text (#tag, "a phrase")', 'aria-label': 'Search the library', 'data-action': 'search' });
  search.addEventListener('input', () => {
    query = search.value;
    void renderList();
  });
  const order = h('select', { class: 'lib-sort', 'data-action': 'sort' }, ...Object.entries(SORTS).map(([value, label]) => h('option', { value }, label)));
  order.addEventListener('change', () => {
    sort = order.value as SortKey;
    void renderList();
  });
  const file = h('input', { type: 'file', class: 'lib-file', accept: '.jsonl,.ndjson,.json,.zip,application/zip,application/x-ndjson,application/json', 'data-action': 'import-file' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void importFile(f).finally(() => (file.value = ''));
  });
  const importButton = h('button', { type: 'button', class: 'button ghost', 'data-action': 'import', onclick: () => file.click() }, icon('upload'), 'Import');
  const jsonl = h('button', { type: 'button', class: 'button ghost', 'data-action': 'export-jsonl', 'aria-label': 'Export as JSONL', onclick: () => void exportAs('jsonl') }, icon('download'), 'JSONL');
  const zip = h('button', { type: 'button', class: 'button ghost', 'data-action': 'export-zip', 'aria-label': 'Export as ZIP', onclick: () => void exportAs('zip') }, icon('download'), 'ZIP');
  exportButtons.splice(0, exportButtons.length, jsonl, zip);
  const saveAll = h('button', { type: 'button', class: 'button', 'data-action': 'save-all-tabs', title: 'Save every open tab that has an article' }, icon('save'), 'Save all open tabs');
  saveAll.addEventListener('click', () => void saveAllTabs(saveAll));
  // A live region: a screen reader hears "5 of 230 match" as the reader types, as a sighted reader sees it.
  countLabel = h('span', { class: 'lib-count', 'data-field': 'count', role: 'status', 'aria-live': 'polite' });
  statusLine = h('p', { class: 'lib-status', role: 'status', 'aria-live': 'polite' });
  report = h('section', { class: 'lib-report', 'aria-label': 'Save all open tabs' });
  report.hidden = true;
  listHost = h('div', { class: 'lib-list' });
  clear(app);
  append(
    app,
    h(
      'header',
      { class: 'lib-top' },
      h('div', { class: 'brand' }, h('img', { src: 'icons/decant-32.png', alt: '', width: 22, height: 22 }), h('h1', {}, 'Decant library')),
      search,
      countLabel,
      h('span', { title: 'Exports the selected articles, or all shown when none is selected' }, 'Export:'),
      jsonl,
      zip,
      importButton,
      file,
      deleteButton('Delete selected', () => [...selected], 'Select the articles to delete first: tick the box at the start of each row.'),
      saveAll,
    ),
    h('main', { class: 'lib-main' }, h('div', { class: 'lib-bar' }, statusLine, h('label', { class: 'lib-sort-label' }, 'Sort ', order)), report, listHost),
  );
  return renderList();
}

/** The page cannot be shown at all: say why in place of it. */
function showFatal(message: string): void {
  clear(app);
  app.appendChild(h('main', { class: 'lib-main' }, h('p', { class: 'lib-status', 'data-kind': 'error', role: 'alert' }, message)));
  document.body.dataset.state = 'error';
}

async function main(): Promise<void> {
  try {
    library = await Library.open();
  } catch (e) {
    return showFatal((e as Error).message);
  }
  // The newest screenful first, on screen before the rest is read and built.
  entries = await library.list(FIRST_ROWS);
  firstTotal = entries.length < FIRST_ROWS ? entries.length : await library.count();
  partial = firstTotal > entries.length;
  document.body.dataset.state = 'loading';
  // Set before anything can be typed or clicked: an export, a search or a select-all waits for it.
  if (partial) {
    allRead = painted()
      .then(() => library.list())
      .then((all) => {
        entries = all;
        partial = false;
      });
  }
  const shown = render();
  if (partial) {
    await allRead;
    await renderList(); // with the search typed meanwhile
  } else await shown;
  firstTotal = 0;
  document.body.dataset.state = 'ready';
  // Saved from the popup or the reader view, imported or deleted in another library tab: list it now.
  let running = false;
  let pending = false;
  onLibraryChanged(() => {
    pending = true;
    if (running) return; // the loop below reads the library once more
    running = true;
    void (async () => {
      while (pending) {
        pending = false;
        await reload();
      }
    })()
      .catch(fail)
      .finally(() => (running = false));
  });
}

// The theme chosen for Decant's pages (the options page, the reader's Display menu), and its changes.
const wear = (settings: Settings): void => void (document.documentElement.dataset.theme = settings.reader.theme);
loadSettings().then((loaded) => wear(loaded.settings), (e: unknown) => reportError('library', e));
onSettingsChanged(wear);

main().catch((e: unknown) => {
  reportError('library', e);
  showFatal(`Decant could not show the library: ${(e as Error)?.message ?? String(e)}`);
});
