// @vitest-environment jsdom
// The library page (src/views/library.ts) as a reader uses it, in jsdom: the page module runs against
// fake-indexeddb and a stubbed extension API, with entries saved the way the popup saves them.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import fs from 'node:fs';
import { convert } from '../../src/cli/convert';
import { Library } from '../../src/library/store';
import { SAMPLE } from '../helpers';

/** An empty storage area: default settings, no kept results. */
const area = vi.hoisted(() => ({ get: async () => ({}), set: async () => {}, remove: async () => {} }));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { getURL: (p: string) => `chrome-extension://abcdefghijklmnop/${p}`, sendMessage: async () => undefined },
    permissions: { contains: async () => false, request: async () => false, remove: async () => true },
    tabs: { query: async () => [], create: async () => ({}) },
    storage: { sync: area, local: area, session: area, onChanged: { addListener() {}, removeListener() {} } },
  },
}));

const sample = (() => {
  const c = convert({ bytes: new Uint8Array(fs.readFileSync(SAMPLE)), url: 'https://www.themoscowtimes.com/2019/03/30/us-warns-russia-a64998', capturedAt: '2024-03-01T10:00:00.000Z' });
  c.close();
  return c.record;
})();
/** A right-to-left article: the sample's record with Hebrew metadata (the id depends on URL and text only). */
const hebrew = { ...sample, url: 'https://news.example.il/a', canonicalUrl: 'https://news.example.il/a', lang: 'he', dir: 'rtl' as const, title: 'כותרת המאמר בעברית על הכלכלה.', excerpt: 'פסקה ראשונה: זהו מאמר בעברית.', siteName: 'עיתון הבוקר' };

beforeEach(() => {
  vi.resetModules();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  document.body.innerHTML = '<div id="app"></div>';
  document.body.dataset.state = 'starting';
  history.replaceState(null, '', '/library.html');
});

/** Save `records` (oldest first), then open the library page; resolves when it is ready. */
async function openPage(records: (typeof sample)[]): Promise<void> {
  const lib = await Library.open();
  for (const r of records) {
    await lib.save(r);
    await new Promise((res) => setTimeout(res, 3)); // distinct savedAt times
  }
  lib.close();
  await import('../../src/views/library');
  await vi.waitFor(() => expect(document.body.dataset.state).toBe('ready'));
}

const rows = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('tbody tr')];

describe('the library page', () => {
  test('a right-to-left article\'s title, excerpt and site read right to left, in its language', async () => {
    await openPage([sample, hebrew]);
    const row = rows().find((r) => r.querySelector('[data-field="title"]')!.textContent!.startsWith('כותרת'))!;
    for (const field of ['[data-field="title"]', '.lib-excerpt', '[data-field="siteName"]']) {
      const el = row.querySelector(field)!;
      expect(el.getAttribute('dir'), field).toBe('rtl');
      expect(el.getAttribute('lang'), field).toBe('he');
    }
    const ltr = rows().find((r) => r !== row)!;
    expect(ltr.querySelector('[data-field="title"]')!.getAttribute('dir')).toBe('auto');
  });
});

test('a record whose address is not a URL (an import from elsewhere) is listed with the rest, not a blank page', async () => {
  const odd = { ...sample, siteName: null, url: 'example.org/story', canonicalUrl: null, provenance: { ...sample.provenance, url: 'example.org/story', canonicalUrl: null } };
  await openPage([sample, odd]);
  expect(rows()).toHaveLength(2);
  expect(rows()[0].querySelector('[data-field="siteName"]')!.textContent).toBe('');
});

test('a damaged entry in storage: the page says what went wrong instead of "Opening your library…" for ever', async () => {
  const lib = await Library.open();
  await lib.importEntries([{ id: 'damaged', record: { title: 'half a record' } as unknown as typeof sample, citation: null, tags: [], savedAt: '2024-01-01T00:00:00.000Z' }]);
  lib.close();
  await import('../../src/views/library');
  await vi.waitFor(() => expect(document.body.dataset.state).toBe('error'));
  expect(document.getElementById('app')!.textContent).toMatch(/^Decant could not show the library: /);
});

describe('reading a saved article', () => {
  test('each row has Read, which opens the saved copy in the reader view', async () => {
    await openPage([sample]);
    const [entry] = await (await Library.open()).list();
    const read = rows()[0].querySelector<HTMLAnchorElement>('[data-action="read"]')!;
    expect(read).not.toBeNull();
    expect(read.getAttribute('href')).toBe(`reader.html?saved=${entry.id}`);
    expect(read.target).toBe('_blank');
  });

  test('the reader view shows the saved copy with its metadata, from the library alone (no tab, no kept result)', async () => {
    const lib = await Library.open();
    const { entry } = await lib.save(sample, null, ['russia']);
    lib.close();
    document.body.innerHTML = '<div id="app"></div>';
    history.replaceState(null, '', `/reader.html?saved=${entry.id}`);
    await import('../../src/views/reader');
    await vi.waitFor(() => expect(document.body.dataset.state).toBe('article'));
    const field = (name: string): string => document.querySelector(`[data-field="${name}"]`)!.textContent!;
    expect(field('title')).toBe(sample.title);
    expect(field('byline')).toBe(`By ${sample.byline}`);
    expect(field('siteName')).toBe(sample.siteName);
    expect(document.querySelector('[data-field="publishedTime"]')!.getAttribute('datetime')).toBe(sample.publishedTime);
    expect(field('wordCount')).toBe(`${sample.wordCount.toLocaleString()} words`);
    expect(document.querySelector('[data-field="contentHtml"]')!.textContent).toContain(sample.text.slice(0, 60));
    // Where and when it was captured: the click's, not the moment it is read.
    expect(document.querySelector('.provenance')!.textContent).toContain(sample.url);
    expect(document.querySelector('.provenance code')!.textContent).toBe(sample.provenance.sha256Html);
    expect(document.title).toBe(sample.title);
    // It is in the library: Save says so before it is clicked.
    const save = document.querySelector<HTMLButtonElement>('[data-action="save"]')!;
    expect([save.textContent, save.dataset.saved]).toEqual(['Saved', 'true']);
  });

  test('a right-to-left article in the reader view: Decant\'s own words (ledger, warnings, page language) stay English, left to right; removed text reads in its own direction', async () => {
    const rtl = { ...hebrew, warnings: ['Decant kept a box it was not sure about.'] };
    const lib = await Library.open();
    const { entry } = await lib.save(rtl);
    lib.close();
    expect(rtl.removed.length).toBeGreaterThan(0);
    history.replaceState(null, '', `/reader.html?saved=${entry.id}`);
    document.documentElement.lang = 'en'; // reader.html's
    await import('../../src/views/reader');
    await vi.waitFor(() => expect(document.body.dataset.state).toBe('article'));
    expect(document.querySelector('article')!.getAttribute('dir')).toBe('rtl');
    // The toolbar's "Save", "Export", "Display" are English: a screen reader must not read them as Hebrew.
    expect(document.documentElement.lang).toBe('en');
    for (const el of [document.querySelector('.ledger')!, document.querySelector('.warnings')!]) {
      expect([el.getAttribute('lang'), el.getAttribute('dir')]).toEqual(['en', 'ltr']);
    }
    // jsdom has no CSS.escape, which "Show again" uses to find a block; the ids are hex digits.
    (globalThis as { CSS?: object }).CSS ??= { escape: (v: string) => v };
    document.querySelector<HTMLButtonElement>('.ledger .chip')!.click();
    expect(document.querySelector('.entry-preview')!.getAttribute('dir')).toBe('auto');
  });

  test('an article deleted from the library meanwhile: the reader says so', async () => {
    history.replaceState(null, '', '/reader.html?saved=0123456789abcdef0123456789abcdef');
    await import('../../src/views/reader');
    await vi.waitFor(() => expect(document.body.dataset.state).toBe('gone'));
    expect(document.querySelector('.state-message')!.textContent).toMatch(/no longer in your library/);
  });

  test('the reader\'s "no longer in your library" card has a button that opens the library it names', async () => {
    history.replaceState(null, '', '/reader.html?saved=0123456789abcdef0123456789abcdef');
    await import('../../src/views/reader');
    const { default: browser } = await import('webextension-polyfill');
    const create = vi.spyOn(browser.tabs, 'create');
    await vi.waitFor(() => expect(document.body.dataset.state).toBe('gone'));
    const button = [...document.querySelectorAll<HTMLButtonElement>('.state-actions button')].find((b) => b.textContent === 'Open the library');
    expect(button).toBeDefined();
    button!.click();
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://abcdefghijklmnop/library.html' });
  });
});

describe('importing', () => {
  /** Choose `name` with `body` in the page's Import file picker; resolves with the status line. */
  async function importFile(name: string, body: string): Promise<{ text: string; kind: string }> {
    const input = document.querySelector<HTMLInputElement>('[data-action="import-file"]')!;
    const status = document.querySelector<HTMLElement>('.lib-status')!;
    status.textContent = '';
    Object.defineProperty(input, 'files', { configurable: true, value: [new File([body], name)] });
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(status.textContent).not.toBe(''));
    return { text: status.textContent!, kind: status.dataset.kind! };
  }
  const jsonl = (records: (typeof sample)[]): string => records.map((r) => JSON.stringify(r)).join('\n');

  test('the status line is plain sentences: one full stop each, singular for one', async () => {
    await openPage([sample]);
    const again = await importFile('one.jsonl', jsonl([sample]));
    expect(again).toEqual({ text: 'Imported 0 article(s) from one.jsonl; 1 already in your library (same address and text) was left as it was.', kind: 'ok' });
    const mixed = await importFile('mixed.jsonl', `${jsonl([sample, hebrew])}\nnot json\n`);
    expect(mixed).toEqual({ text: 'Imported 1 article(s) from mixed.jsonl; 1 already in your library (same address and text) was left as it was; 1 skipped: Line 3 is not JSON.', kind: 'ok' });
    expect(rows()).toHaveLength(2);
  });

  test('a file that is not a Decant export: nothing imported, said as an error, naming what it is not', async () => {
    await openPage([]);
    const csv = await importFile('pocket.csv', 'title,url\nFoo,https://example.org/\n');
    expect(csv).toEqual({ text: 'Nothing was imported from pocket.csv: 2 skipped: Line 1 is not JSON. Line 2 is not JSON.', kind: 'error' });
    const foreign = await importFile('other.json', JSON.stringify({ articles: [{ title: 'x', url: 'https://example.org/' }] }));
    expect(foreign).toEqual({ text: 'Nothing was imported from other.json: 1 skipped: The record was skipped: it is not a Decant export record.', kind: 'error' });
    expect(rows()).toHaveLength(0);
  });
});

describe('sorting', () => {
  const titles = (): string[] => rows().map((r) => r.querySelector('[data-field="title"]')!.textContent!);
  const sortBy = (value: string): void => {
    const select = document.querySelector<HTMLSelectElement>('[data-action="sort"]')!;
    select.value = value;
    select.dispatchEvent(new Event('change'));
  };
  const at = (title: string, publishedTime: string | null, siteName: string | null, wordCount: number, n: number) => ({ ...sample, title, publishedTime, siteName, wordCount, url: `https://example.org/${n}`, canonicalUrl: `https://example.org/${n}` });
  const b = at('beta', '2020-01-01T00:00:00Z', 'Zeta News', 900, 1);
  const a = at('Alpha', null, 'alpha times', 100, 2);
  const c = at('Ça va', '2023-06-01T00:00:00Z', null, 500, 3);

  test('newest saved first by default; by publication date, title, site and length on request, the search kept', async () => {
    await openPage([b, a, c]);
    const select = document.querySelector<HTMLSelectElement>('[data-action="sort"]')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Newest saved', 'Oldest saved', 'Newest published', 'Title A–Z', 'Site A–Z', 'Longest']);
    expect(titles()).toEqual(['Ça va', 'Alpha', 'beta']);
    sortBy('saved-asc');
    expect(titles()).toEqual(['beta', 'Alpha', 'Ça va']);
    sortBy('published');
    expect(titles()).toEqual(['Ça va', 'beta', 'Alpha']); // no date: last
    sortBy('title');
    expect(titles()).toEqual(['Alpha', 'beta', 'Ça va']); // case and accents do not split the alphabet
    sortBy('site');
    expect(titles()).toEqual(['Alpha', 'Ça va', 'beta']); // no site name: its address (example.org)
    sortBy('words');
    expect(titles()).toEqual(['beta', 'Ça va', 'Alpha']);
    const search = document.querySelector<HTMLInputElement>('[data-action="search"]')!;
    search.value = 'a';
    search.dispatchEvent(new Event('input'));
    expect(titles()).toEqual(['beta', 'Ça va', 'Alpha']);
  });
});

test('a large library stays quick to search: rows are built once, a search, sort or selection only re-orders them', async () => {
  const many = Array.from({ length: 40 }, (_, i) => ({ ...sample, title: `Article ${i}`, url: `https://example.org/${i}`, canonicalUrl: `https://example.org/${i}` }));
  const lib = await Library.open();
  await lib.importEntries(many.map((r, i) => ({ id: `id-${String(i).padStart(2, '0')}`, record: r, citation: null, tags: [], savedAt: new Date(Date.UTC(2024, 0, 1, i)).toISOString() })));
  lib.close();
  await import('../../src/views/library');
  await vi.waitFor(() => expect(document.body.dataset.state).toBe('ready'));
  const before = new Map(rows().map((r) => [r.dataset.id, r]));
  expect(before.size).toBe(40);
  const search = document.querySelector<HTMLInputElement>('[data-action="search"]')!;
  const normalize = vi.spyOn(String.prototype, 'normalize');
  for (const q of ['article 1', 'article 12', 'article 1', '']) {
    search.value = q;
    search.dispatchEvent(new Event('input'));
  }
  // The query is folded each time; the 40 articles' text only once, on the first search.
  expect(normalize.mock.calls.length).toBeLessThanOrEqual(4 + 40);
  normalize.mockRestore();
  const sort = document.querySelector<HTMLSelectElement>('[data-action="sort"]')!;
  sort.value = 'title';
  sort.dispatchEvent(new Event('change'));
  document.querySelector<HTMLInputElement>('thead input[type="checkbox"]')!.click();
  expect(rows()).toHaveLength(40);
  for (const r of rows()) {
    expect(r).toBe(before.get(r.dataset.id));
    expect(r.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked).toBe(true);
  }
  expect(document.querySelector('[data-field="count"]')!.textContent).toBe('40 selected of 40');
  // Each row's Export menu is made when it is first opened, with every format.
  expect(document.querySelectorAll('[data-export]')).toHaveLength(0);
  rows()[3].querySelector<HTMLElement>('summary[data-action="export"]')!.click();
  expect([...rows()[3].querySelectorAll<HTMLElement>('[data-how="download"]')].map((b) => b.dataset.export)).toEqual(['md', 'json', 'html', 'txt', 'csl', 'bib']);
  expect(document.querySelectorAll('[data-export]')).toHaveLength(12);
});

test('"Delete selected" with nothing selected says what to do instead of doing nothing', async () => {
  await openPage([sample]);
  document.querySelector<HTMLButtonElement>('.lib-top [data-action="delete"]')!.click();
  const status = document.querySelector<HTMLElement>('.lib-status')!;
  expect(status.textContent).toBe('Select the articles to delete first: tick the box at the start of each row.');
  expect(rows()).toHaveLength(1);
});

test('an article saved from the popup while the library is open appears in it, without a reload', async () => {
  await openPage([sample]);
  expect(rows()).toHaveLength(1);
  // The popup is another page with its own connection to the library.
  const popup = await Library.open();
  await popup.save(hebrew);
  popup.close();
  await vi.waitFor(() => expect(rows()).toHaveLength(2));
  expect(document.querySelector('[data-field="count"]')!.textContent).toBe('2 saved');
});

test('"Select all shown" follows the rows: ticked when every row is, part-ticked when some are', async () => {
  await openPage([sample, hebrew]);
  const all = document.querySelector<HTMLInputElement>('thead input[type="checkbox"]')!;
  const boxes = rows().map((r) => r.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
  boxes[0].click();
  expect([all.checked, all.indeterminate]).toEqual([false, true]);
  boxes[1].click();
  expect([all.checked, all.indeterminate]).toEqual([true, false]);
  boxes[0].click();
  expect([all.checked, all.indeterminate]).toEqual([false, true]);
  boxes[1].click();
  expect([all.checked, all.indeterminate]).toEqual([false, false]);
});

test('a ZIP export says it is being made, and its buttons wait, before the page is busy making it', async () => {
  await openPage([sample]);
  const blobs: Blob[] = [];
  URL.createObjectURL = (b: Blob) => (blobs.push(b), 'blob:zip');
  URL.revokeObjectURL = () => {};
  const zip = document.querySelector<HTMLButtonElement>('[data-action="export-zip"]')!;
  const jsonl = document.querySelector<HTMLButtonElement>('[data-action="export-jsonl"]')!;
  const status = document.querySelector<HTMLElement>('.lib-status')!;
  zip.click();
  expect(status.textContent).toBe('Making the ZIP of 1 article(s)…');
  expect([zip.disabled, jsonl.disabled]).toEqual([true, true]);
  await vi.waitFor(() => expect(status.textContent).toBe('Exported 1 article(s) as ZIP.'), { timeout: 20_000 });
  expect([zip.disabled, jsonl.disabled]).toEqual([false, false]);
  expect(blobs).toHaveLength(1);
});

test('"Delete selected" says when some of what it would delete is hidden by the search', async () => {
  await openPage([sample, hebrew]);
  document.querySelector<HTMLInputElement>('thead input[type="checkbox"]')!.click();
  const search = document.querySelector<HTMLInputElement>('[data-action="search"]')!;
  search.value = 'כותרת';
  search.dispatchEvent(new Event('input'));
  expect(rows()).toHaveLength(1);
  const button = document.querySelector<HTMLButtonElement>('.lib-top [data-action="delete"]')!;
  button.click();
  expect(button.textContent).toBe('Delete 2 (1 not shown)? Click again');
});

/**
 * 230 saved articles (every tenth tagged "tenth"), with the page's reading of all of them held until
 * `release()`: reading every entry (with its text) is what takes long, so the first screenful shows first.
 */
async function heldLargeLibrary() {
  const lib = await Library.open();
  const many = Array.from({ length: 230 }, (_, i) => ({ id: `id-${String(i).padStart(3, '0')}`, record: { ...sample, title: `Article ${i}`, url: `https://example.org/${i}`, canonicalUrl: `https://example.org/${i}` }, citation: null, tags: i % 10 ? [] : ['tenth'], savedAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString() }));
  await lib.importEntries(many);
  lib.close();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { Library: PageLibrary } = await import('../../src/library/store'); // the page's own copy of the module
  const read = PageLibrary.prototype.list;
  const spy = vi.spyOn(PageLibrary.prototype, 'list').mockImplementation(async function (this: Library, limit?: number) {
    if (limit === undefined) await gate;
    return read.call(this, limit);
  });
  return { many, release, spy };
}

test('a large library shows its newest screenful before the rest is read, then every article; a search meanwhile still sees them all', async () => {
  const { many, release, spy } = await heldLargeLibrary();
  await import('../../src/views/library');
  await vi.waitFor(() => expect(rows().length).toBeGreaterThan(0));
  expect(rows().length).toBeLessThan(230);
  expect(rows()[0].querySelector('[data-field="title"]')!.textContent).toBe('Article 229'); // newest first
  expect(document.querySelector('[data-field="count"]')!.textContent).toBe('230 saved');
  expect(document.body.dataset.state).not.toBe('ready');
  release();
  await vi.waitFor(() => expect(document.body.dataset.state).toBe('ready'));
  expect(rows().map((r) => r.dataset.id)).toEqual(many.map((e) => e.id).reverse());
  const search = document.querySelector<HTMLInputElement>('[data-action="search"]')!;
  search.value = '#tenth';
  search.dispatchEvent(new Event('input'));
  expect(rows()).toHaveLength(23);
  search.value = '';
  search.dispatchEvent(new Event('input'));
  expect(rows().length).toBeLessThan(230);
  search.value = '#tenth';
  search.dispatchEvent(new Event('input')); // while the empty search's rows are still being added
  await new Promise((r) => setTimeout(r, 50));
  expect(rows().map((r) => r.dataset.id)).toEqual(many.filter((e) => e.tags.length).map((e) => e.id).reverse());
  spy.mockRestore();
});

test('deleting from a large library says so at once; the rows below the first screenful follow', async () => {
  const lib = await Library.open();
  await lib.importEntries(Array.from({ length: 120 }, (_, i) => ({ id: `id-${String(i).padStart(3, '0')}`, record: { ...sample, title: `Article ${i}`, url: `https://example.org/${i}`, canonicalUrl: `https://example.org/${i}` }, citation: null, tags: [], savedAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString() })));
  lib.close();
  await import('../../src/views/library');
  await vi.waitFor(() => expect(document.body.dataset.state).toBe('ready'));
  const status = document.querySelector<HTMLElement>('.lib-status')!;
  let rowsWhenSaid = -1;
  new MutationObserver(() => {
    if (rowsWhenSaid < 0 && status.textContent === 'Deleted 1 article(s).') rowsWhenSaid = rows().length;
  }).observe(status, { childList: true, characterData: true, subtree: true });
  const del = rows()[0].querySelector<HTMLButtonElement>('[data-action="delete"]')!;
  del.click();
  del.click();
  await vi.waitFor(() => expect(rows()).toHaveLength(119));
  expect(rowsWhenSaid).toBe(50);
});

test('a search and "Select all shown" made before the rest is read cover every article, and the count does not count only the first screenful', async () => {
  const { release, spy } = await heldLargeLibrary();
  await import('../../src/views/library');
  await vi.waitFor(() => expect(rows().length).toBeGreaterThan(0));
  const count = document.querySelector('[data-field="count"]')!;
  const search = document.querySelector<HTMLInputElement>('[data-action="search"]')!;
  search.value = '#tenth';
  search.dispatchEvent(new Event('input'));
  // Five of the newest 50 carry the tag, 23 of all 230: the page does not say "5 of 50 match".
  expect(count.textContent).not.toMatch(/ of 50 /);
  document.querySelector<HTMLInputElement>('thead input[type="checkbox"]')!.click();
  release();
  await vi.waitFor(() => expect(document.body.dataset.state).toBe('ready'));
  await vi.waitFor(() => expect(count.textContent).toBe('23 selected of 230'));
  expect(rows()).toHaveLength(23);
  for (const r of rows()) expect(r.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked).toBe(true);
  spy.mockRestore();
});

test('deleting a row with the keyboard leaves focus on the next row\'s Delete (the one above at the end, the search box when none is left)', async () => {
  const at = (n: number) => ({ ...sample, title: `Story ${n}`, url: `https://example.org/${n}`, canonicalUrl: `https://example.org/${n}` });
  await openPage([at(1), at(2), at(3)]);
  const deleteIn = (row: HTMLElement): HTMLButtonElement => row.querySelector<HTMLButtonElement>('[data-action="delete"]')!;
  const titleOf = (row: Element | null | undefined): string | null | undefined => row?.querySelector('[data-field="title"]')?.textContent;
  /** Focus the row's Delete and press it twice (Enter on a button clicks it). */
  const remove = async (row: HTMLElement): Promise<void> => {
    const n = rows().length;
    deleteIn(row).focus();
    deleteIn(row).click();
    deleteIn(row).click();
    await vi.waitFor(() => expect(rows()).toHaveLength(n - 1));
  };
  expect(rows().map(titleOf)).toEqual(['Story 3', 'Story 2', 'Story 1']);
  await remove(rows()[1]);
  expect(document.activeElement).toBe(deleteIn(rows()[1]));
  expect(titleOf(document.activeElement!.closest('tr'))).toBe('Story 1');
  // It says which article it would delete, not only "Delete".
  expect(document.getElementById(document.activeElement!.getAttribute('aria-describedby')!)!.textContent).toBe('Story 1');
  await remove(rows()[1]);
  expect(titleOf(document.activeElement!.closest('tr'))).toBe('Story 3');
  await remove(rows()[0]);
  expect(document.activeElement).toBe(document.querySelector('[data-action="search"]'));
});

test('the match count is said to a screen reader as the reader types (a polite live region), not only drawn', async () => {
  await openPage([sample, hebrew]);
  const count = document.querySelector<HTMLElement>('[data-field="count"]')!;
  const search = document.querySelector<HTMLInputElement>('[data-action="search"]')!;
  search.value = 'כותרת';
  search.dispatchEvent(new Event('input'));
  await vi.waitFor(() => expect(count.textContent).toMatch(/^1 of 2 match$/));
  const region = count.closest('[aria-live], [role="status"]');
  expect(region, 'the count sits in no live region: assistive technology does not announce it').not.toBeNull();
  expect(region!.getAttribute('aria-live') ?? 'polite').toBe('polite');
});

test('for a screen reader: the page has one level-1 heading naming it, and each export button says what it exports', async () => {
  await openPage([sample]);
  expect([...document.querySelectorAll('h1')].map((h) => h.textContent)).toEqual(['Decant library']);
  const name = (action: string): string | null => document.querySelector(`[data-action="${action}"]`)!.getAttribute('aria-label');
  expect([name('export-jsonl'), name('export-zip')]).toEqual(['Export as JSONL', 'Export as ZIP']);
});
