// @vitest-environment jsdom
// The popup and the reader view used from the keyboard, in jsdom: the page modules run against a
// stubbed extension API (an in-memory storage area, a service worker that answers with a saved article).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import fs from 'node:fs';
import { convert } from '../src/cli/convert';
import { Library } from '../src/library/store';
import { outcomeOfEntry } from '../src/views/record';
import { SAMPLE } from './helpers';

const api = vi.hoisted(() => {
  const store: Record<string, unknown> = {};
  const api = { full: false, outcome: null as unknown };
  /** storage.onChanged listeners: every page of the extension hears every write. */
  const listeners: ((changes: Record<string, { newValue?: unknown }>, area: string) => void)[] = [];
  const set = async (o: Record<string, unknown>): Promise<void> => {
    if (api.full) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    Object.assign(store, structuredClone(o));
    for (const l of [...listeners]) l(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { newValue: structuredClone(v) }])), 'sync');
  };
  const area = { get: async (k?: string) => (k ? (k in store ? { [k]: store[k] } : {}) : { ...store }), set, remove: async () => {} };
  return Object.assign(api, { store, area, listeners });
});

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      getURL: (p: string) => `chrome-extension://abcdefghijklmnop/${p}`,
      sendMessage: async (m: { decant: string }) => {
        if (m.decant === 'clean-tab') return { ok: true, value: api.outcome };
        if (m.decant === 'auto-clean:state') return { ok: true, value: { site: null, enabled: false, granted: false, live: null } };
        return { ok: false, error: `not in this test: ${m.decant}` };
      },
    },
    permissions: { contains: async () => false, request: async () => false, remove: async () => true },
    tabs: { query: async () => [], create: async () => ({}) },
    storage: {
      sync: api.area,
      local: api.area,
      session: api.area,
      onChanged: {
        addListener: (l: (typeof api.listeners)[number]) => void api.listeners.push(l),
        removeListener: (l: (typeof api.listeners)[number]) => void api.listeners.splice(api.listeners.indexOf(l) >>> 0, 1),
      },
    },
  },
}));

const sample = (() => {
  const c = convert({ bytes: new Uint8Array(fs.readFileSync(SAMPLE)), url: 'https://www.themoscowtimes.com/2019/03/30/us-warns-russia-a64998', capturedAt: '2024-03-01T10:00:00.000Z' });
  c.close();
  return c.record;
})();

beforeEach(() => {
  vi.resetModules();
  for (const k of Object.keys(api.store)) delete api.store[k];
  api.listeners.length = 0;
  api.full = false;
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  document.body.innerHTML = '<div id="app"></div>';
  document.body.dataset.state = 'starting';
});

/** The sample, saved in the library; its entry. */
async function saved() {
  const lib = await Library.open();
  const { entry } = await lib.save(sample);
  lib.close();
  return entry;
}

/** The reader view of the saved sample. */
async function openReader(): Promise<void> {
  history.replaceState(null, '', `/reader.html?saved=${(await saved()).id}`);
  await import('../src/views/reader');
  await vi.waitFor(() => expect(document.body.dataset.state).toBe('article'));
}

/** The popup, with the service worker answering with the saved sample. */
async function openPopup(): Promise<void> {
  api.outcome = outcomeOfEntry(await saved());
  history.replaceState(null, '', '/popup.html?tab=7');
  await import('../src/views/popup');
  await vi.waitFor(() => expect(document.body.dataset.state).toBe('article'));
}

test('the popup\'s Images switch keeps the focus when it redraws the article', async () => {
  await openPopup();
  const toggle = (): HTMLButtonElement => document.querySelector<HTMLButtonElement>('[data-action="images"]')!;
  expect(toggle().getAttribute('aria-pressed')).toBe('true');
  toggle().focus();
  toggle().click();
  await vi.waitFor(() => expect(toggle().getAttribute('aria-pressed')).toBe('false'));
  expect(document.activeElement).toBe(toggle());
});

test('the reader\'s Images choice keeps the Display menu open and the focus on it when it redraws the article', async () => {
  await openReader();
  const menu = (): HTMLDetailsElement => document.querySelector<HTMLElement>('[data-action="display"]')!.closest('details')!;
  const choice = (v: string): HTMLButtonElement => document.querySelector<HTMLButtonElement>(`[data-control="images"] [data-value="${v}"]`)!;
  const body = document.querySelector('[data-field="contentHtml"]');
  menu().open = true;
  choice('off').focus();
  choice('off').click();
  await vi.waitFor(() => expect(document.querySelector('[data-field="contentHtml"]')).not.toBe(body));
  expect(choice('off').getAttribute('aria-checked')).toBe('true');
  expect(menu().open).toBe(true);
  expect(document.activeElement).toBe(choice('off'));
});

test('Escape closes the reader\'s Export and Display menus and puts the focus back on their button; each format\'s buttons say which format', async () => {
  await openReader();
  for (const action of ['export', 'display']) {
    const summary = document.querySelector<HTMLElement>(`[data-action="${action}"]`)!;
    const menu = summary.closest('details')!;
    summary.click(); // jsdom: a click on a summary opens its details, as in a browser
    if (!menu.open) menu.open = true;
    const inside = menu.querySelector<HTMLButtonElement>('button')!;
    inside.focus();
    inside.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect([action, menu.open]).toEqual([action, false]);
    expect(document.activeElement).toBe(summary);
  }
  const md = document.querySelectorAll<HTMLButtonElement>('[data-export="md"]');
  expect([...md].map((b) => b.getAttribute('aria-label'))).toEqual(['Download Markdown', 'Copy Markdown']);
});

test('the reader\'s Display choices are radio groups for the keyboard too: one Tab stop each, arrow keys choose', async () => {
  await openReader();
  const radios = (): HTMLButtonElement[] => [...document.querySelectorAll<HTMLButtonElement>('[data-control="theme"] [role="radio"]')];
  const state = (): string[] => radios().map((b) => `${b.dataset.value}:${b.getAttribute('aria-checked')}:${b.tabIndex}`);
  expect(state()).toEqual(['system:true:0', 'light:false:-1', 'sepia:false:-1', 'dark:false:-1']);
  const key = (k: string): void => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  radios()[0].focus();
  key('ArrowRight');
  expect(state()).toEqual(['system:false:-1', 'light:true:0', 'sepia:false:-1', 'dark:false:-1']);
  expect(document.activeElement).toBe(radios()[1]);
  expect(document.documentElement.dataset.theme).toBe('light');
  key('ArrowLeft');
  key('ArrowLeft'); // round to the last
  expect(document.activeElement).toBe(radios()[3]);
  expect(document.documentElement.dataset.theme).toBe('dark');
});

test('an Images switch the browser has no room to save says so, in the popup and in the reader view, instead of doing nothing', async () => {
  await openPopup();
  api.full = true;
  document.querySelector<HTMLButtonElement>('[data-action="images"]')!.click();
  await vi.waitFor(() => expect(document.getElementById('toast')?.textContent).toMatch(/^Could not save the setting: The browser has no room left for Decant's settings/));
  expect(document.getElementById('toast')!.dataset.kind).toBe('error');
  expect(document.querySelector('[data-action="images"]')!.getAttribute('aria-pressed')).toBe('true');

  vi.resetModules();
  document.body.innerHTML = '<div id="app"></div>';
  document.body.dataset.state = 'starting';
  api.full = false;
  await openReader();
  api.full = true;
  document.querySelector<HTMLButtonElement>('[data-control="images"] [data-value="off"]')!.click();
  await vi.waitFor(() => expect(document.getElementById('toast')?.textContent).toMatch(/^Could not save the setting: The browser has no room left/));
  // The choice shown is the one still in force.
  expect(document.querySelector('[data-control="images"] [aria-checked="true"]')!.getAttribute('data-value')).toBe('on');
});

test('"Hide again" in the article puts the focus back on the ledger\'s "Show again" for that block, not at the top of the page', async () => {
  (globalThis as { CSS?: object }).CSS ??= { escape: (v: string) => v }; // jsdom has none; the ids need no escaping
  await openReader();
  document.querySelector<HTMLButtonElement>('.ledger .chip')!.click();
  const show = document.querySelector<HTMLButtonElement>('.ledger .show-again')!;
  show.click();
  const hide = document.querySelector<HTMLButtonElement>(`[data-restored="${show.dataset.entry}"] .restored-bar button`)!;
  expect(hide.textContent).toBe('Hide again');
  hide.focus();
  hide.click();
  expect(document.querySelector(`[data-restored="${show.dataset.entry}"]`)).toBeNull();
  expect(document.activeElement).toBe(show);
  expect(show.textContent).toBe('Show again');
});

describe('a reader tab follows settings changed elsewhere (the popup, the options page, another reader tab)', () => {
  type Stored = { schemaVersion: number; images: boolean; reader: Record<string, unknown> };
  /** Another page of the extension changes the settings (its write reaches every page's storage.onChanged). */
  const elsewhere = async (change: (s: Stored) => void): Promise<void> => {
    const s = structuredClone((api.store.settings ?? { schemaVersion: 2, images: true, reader: { theme: 'system', fontSize: 19, lineWidth: 'medium', font: 'serif' } }) as Stored);
    change(s);
    await api.area.set({ settings: s });
  };
  const checked = (control: string): string | null | undefined => document.querySelector(`[data-control="${control}"] [aria-checked="true"]`)?.getAttribute('data-value');

  test('images switched off elsewhere: the article is drawn again without them, keeping the ledger open and the block shown again', async () => {
    (globalThis as { CSS?: object }).CSS ??= { escape: (v: string) => v };
    await openReader();
    const body = document.querySelector('[data-field="contentHtml"]')!;
    expect(body.querySelectorAll('img').length).toBeGreaterThan(0);
    const chip = (): HTMLButtonElement => document.querySelector<HTMLButtonElement>('.ledger .chip')!;
    chip().click();
    const entry = document.querySelector<HTMLButtonElement>('.ledger .show-again')!.dataset.entry!;
    document.querySelector<HTMLButtonElement>('.ledger .show-again')!.click();

    await elsewhere((s) => void (s.images = false));
    await vi.waitFor(() => expect(document.querySelector('[data-field="contentHtml"]')).not.toBe(body));
    const redrawn = document.querySelector('[data-field="contentHtml"]')!;
    expect(redrawn.querySelectorAll('img').length).toBe(0);
    expect(redrawn.querySelector('.img-placeholder')?.textContent).toMatch(/images are off/);
    expect(checked('images')).toBe('off');
    expect(chip().getAttribute('aria-expanded')).toBe('true');
    expect(redrawn.querySelector(`[data-restored="${entry}"]`)).not.toBeNull();

    await elsewhere((s) => void (s.images = true));
    await vi.waitFor(() => expect(document.querySelector('[data-field="contentHtml"] img')).not.toBeNull());
    expect(checked('images')).toBe('on');
  });

  test('theme, text size, line width and typeface changed elsewhere show at once, in the page and its Display menu', async () => {
    await openReader();
    await elsewhere((s) => void (s.reader = { theme: 'dark', fontSize: 24, lineWidth: 'wide', font: 'sans' }));
    const root = document.documentElement;
    await vi.waitFor(() => expect(root.dataset.theme).toBe('dark'));
    expect([root.style.getPropertyValue('--reader-size'), root.dataset.width, root.dataset.font]).toEqual(['24px', 'wide', 'sans']);
    expect([checked('theme'), checked('width'), checked('font')]).toEqual(['dark', 'wide', 'sans']);
    expect(document.querySelector('[data-control="font-size-value"]')!.textContent).toBe('24px');
  });

  test('A+ pressed three times while the first press is still being saved: the text goes up three steps, not two', async () => {
    await openReader();
    const larger = (): void => document.querySelector<HTMLButtonElement>('[data-control="font-larger"]')!.click();
    // The third press comes just as the storage event of the first write arrives.
    let pressed = false;
    api.listeners.push((changes) => {
      if (!pressed && (changes.settings?.newValue as Stored | undefined)?.reader?.fontSize === 20) {
        pressed = true;
        larger();
      }
    });
    larger();
    larger();
    await vi.waitFor(() => expect(pressed).toBe(true));
    await vi.waitFor(() => expect((api.store.settings as Stored).reader.fontSize).toBe(22));
    await new Promise((r) => setTimeout(r, 50));
    expect((api.store.settings as Stored).reader.fontSize).toBe(22);
    expect(document.querySelector('[data-control="font-size-value"]')!.textContent).toBe('22px');
    expect(document.documentElement.style.getPropertyValue('--reader-size')).toBe('22px');
  });
});

test('the popup\'s Images switch keeps the ledger category the reader opened', async () => {
  await openPopup();
  const chip = (): HTMLButtonElement => document.querySelector<HTMLButtonElement>('.ledger .chip')!;
  chip().click();
  expect(chip().getAttribute('aria-expanded')).toBe('true');
  document.querySelector<HTMLButtonElement>('[data-action="images"]')!.click();
  await vi.waitFor(() => expect(document.querySelector('[data-action="images"]')!.getAttribute('aria-pressed')).toBe('false'));
  expect(chip().getAttribute('aria-expanded')).toBe('true');
  expect(document.querySelector('.ledger-panel')!.hasAttribute('hidden')).toBe(false);
});

test('one menu at a time: opening Export closes Display, and a press elsewhere closes the open one (a download does not)', async () => {
  await openReader();
  const menu = (action: string): HTMLDetailsElement => document.querySelector<HTMLElement>(`[data-action="${action}"]`)!.closest('details')!;
  const toggled = (d: HTMLDetailsElement): Promise<void> => new Promise((r) => d.addEventListener('toggle', () => r(), { once: true }));
  let t = toggled(menu('display'));
  menu('display').open = true;
  await t;
  t = toggled(menu('export'));
  menu('export').open = true;
  await t;
  await vi.waitFor(() => expect(menu('display').open).toBe(false));
  expect(menu('export').open).toBe(true);
  // A press inside the open menu leaves it open, and so does a download (a click on a link added to
  // the page); a press in the article closes it.
  const press = (el: Element): void => void el.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, cancelable: true }));
  press(menu('export').querySelector<HTMLElement>('.export-panel')!);
  const link = document.body.appendChild(document.createElement('a'));
  link.click();
  link.remove();
  expect(menu('export').open).toBe(true);
  press(document.querySelector<HTMLElement>('[data-field="contentHtml"] p')!);
  expect(menu('export').open).toBe(false);
});

test('the popup follows the image setting and the theme changed elsewhere while it is open', async () => {
  await openPopup();
  expect(document.querySelector('[data-field="contentHtml"] img')).not.toBeNull();
  const stored = structuredClone(api.store.settings ?? { schemaVersion: 2 }) as Record<string, unknown>;
  await api.area.set({ settings: { ...stored, images: false, reader: { theme: 'dark', fontSize: 19, lineWidth: 'medium', font: 'serif' } } });
  await vi.waitFor(() => expect(document.querySelector('[data-action="images"]')!.getAttribute('aria-pressed')).toBe('false'));
  expect(document.querySelector('[data-field="contentHtml"] img')).toBeNull();
  expect(document.documentElement.dataset.theme).toBe('dark');
});
