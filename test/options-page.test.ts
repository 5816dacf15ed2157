// @vitest-environment jsdom
// The options page (src/views/options.ts) in jsdom: the page module against an in-memory settings
// area and a stubbed extension API, as a reader changes settings on it.
import { beforeEach, describe, expect, test, vi } from 'vitest';

const ext = vi.hoisted(() => {
  let data: Record<string, unknown> = {};
  const listeners: ((changes: Record<string, { newValue?: unknown }>, area: string) => void)[] = [];
  let full = false;
  const area = {
    get: async (k: string) => (k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (v: Record<string, unknown>) => {
      if (full) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      data = { ...data, ...structuredClone(v) };
      for (const l of listeners) l(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, { newValue: structuredClone(x) }])), 'sync');
    },
    remove: async () => {},
  };
  return {
    request: async (..._: unknown[]): Promise<boolean> => false,
    send: async (_: unknown): Promise<unknown> => undefined,
    /** Host permissions Decant holds, and permissions.onAdded listeners. */
    origins: [] as string[],
    added: [] as (() => void)[],
    area,
    data: () => data,
    fill: (on: boolean) => {
      full = on;
    },
    reset() {
      this.request = async () => false;
      this.send = async () => undefined;
      full = false;
      data = {};
      listeners.length = 0;
      this.origins.length = 0;
      this.added.length = 0;
    },
    listeners,
  };
});

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { getURL: (p: string) => `chrome-extension://abcdefghijklmnop/${p}`, sendMessage: (m: unknown) => ext.send(m) },
    permissions: { getAll: async () => ({ origins: [...ext.origins], permissions: [] }), request: (...a: unknown[]) => ext.request(...a), onAdded: { addListener: (l: () => void) => void ext.added.push(l) }, onRemoved: { addListener() {} } },
    storage: { sync: ext.area, local: ext.area, onChanged: { addListener: (l: (typeof ext.listeners)[number]) => ext.listeners.push(l), removeListener() {} } },
  },
}));

beforeEach(() => {
  vi.resetModules();
  ext.reset();
  document.body.innerHTML = '<div id="app"></div>';
  document.body.dataset.state = 'starting';
});

async function openOptions(): Promise<void> {
  await import('../src/views/options');
  await vi.waitFor(() => expect(document.body.dataset.state).toBe('ready'));
}

describe('the options page', () => {
  test('has the image setting the popup and reader view use: switching it off is saved and shown', async () => {
    await openOptions();
    const box = (): HTMLInputElement => document.querySelector<HTMLInputElement>('[data-section="images"] input[type="checkbox"][data-setting="images"]')!;
    expect(box()).not.toBeNull();
    expect(box().checked).toBe(true);
    expect(box().closest('label')!.textContent).toMatch(/Load the article’s images/);
    box().click();
    await vi.waitFor(() => expect((ext.data().settings as { images?: boolean } | undefined)?.images).toBe(false));
    await vi.waitFor(() => expect(box().checked).toBe(false));
  });
});

test('importing settings the browser has no room for: the page says the import did not happen, not that the file was unreadable', async () => {
  await openOptions();
  ext.fill(true);
  const file = document.querySelector<HTMLInputElement>('#import-file')!;
  Object.defineProperty(file, 'files', { configurable: true, value: [new File([JSON.stringify({ schemaVersion: 2, images: false })], 'decant-settings.json')] });
  file.dispatchEvent(new Event('change'));
  await vi.waitFor(() => expect(document.querySelector('[data-field="import-result"]')?.textContent).toMatch(/^Nothing was imported: The browser has no room left for Decant's settings/));
  expect(document.querySelector<HTMLElement>('[data-field="import-result"]')!.dataset.kind).toBe('error');
  expect(ext.data().settings).toBeUndefined();
});

test('Allow for a site whose permission is missing: a refusal by the browser is said, not swallowed', async () => {
  await ext.area.set({ settings: { schemaVersion: 2, autoClean: { sites: { 'https://news.example': { enabledAt: '2024-05-01T10:00:00.000Z' } } } } });
  ext.request = async () => {
    throw new Error('This function must be called during a user gesture');
  };
  await openOptions();
  document.querySelector<HTMLButtonElement>('li[data-site="https://news.example"] [data-action="allow-site"]')!.click();
  await vi.waitFor(() => expect(document.getElementById('toast')?.textContent).toBe('Decant could not ask for access to news.example: This function must be called during a user gesture'));
  expect(document.getElementById('toast')!.dataset.kind).toBe('error');
});

describe('the reader view’s display, set on the options page', () => {
  const control = <T extends HTMLElement>(key: string): T => document.querySelector<T>(`[data-section="reader"] [data-setting="reader.${key}"]`)!;
  const stored = () => (ext.data().settings as { reader?: Record<string, unknown> } | undefined)?.reader;
  const pick = (key: string, value: string): void => {
    const el = control<HTMLInputElement | HTMLSelectElement>(key);
    el.focus();
    el.value = value;
    el.dispatchEvent(new Event('change'));
  };

  test('shows what the reader view uses (a version-1 setting, migrated), and each change is saved where the reader view reads it', async () => {
    await ext.area.set({ settings: { schemaVersion: 1, reader: { theme: 'sepia', fontSize: 22, lineWidth: 'wide', font: 'sans' } } });
    await openOptions();
    expect([control<HTMLSelectElement>('theme').value, control<HTMLInputElement>('fontSize').value, control<HTMLSelectElement>('lineWidth').value, control<HTMLSelectElement>('font').value]).toEqual(['sepia', '22', 'wide', 'sans']);
    expect([...control<HTMLSelectElement>('theme').options].map((o) => o.textContent)).toEqual(['Auto (as the system)', 'Light', 'Sepia', 'Dark']);
    expect([control<HTMLInputElement>('fontSize').min, control<HTMLInputElement>('fontSize').max]).toEqual(['14', '28']);
    expect(document.querySelector('[data-section="reader"] [data-field="font-size-value"]')!.textContent).toBe('22 px');
    pick('theme', 'dark');
    await vi.waitFor(() => expect(stored()?.theme).toBe('dark'));
    pick('fontSize', '26');
    await vi.waitFor(() => expect(stored()?.fontSize).toBe(26));
    pick('lineWidth', 'narrow');
    await vi.waitFor(() => expect(stored()?.lineWidth).toBe('narrow'));
    const before = control('font');
    pick('font', 'serif');
    await vi.waitFor(() => expect(stored()).toEqual({ theme: 'dark', fontSize: 26, lineWidth: 'narrow', font: 'serif' }));
    // The page's own write does not rebuild it: the control in use stays as it is, focus and all (a
    // rebuild between two arrow-key presses on the text-size slider lost steps in Chromium).
    await new Promise((r) => setTimeout(r, 50));
    expect(control('font')).toBe(before);
    expect(control<HTMLSelectElement>('font').value).toBe('serif');
    expect(document.querySelector('[data-section="reader"] [data-field="font-size-value"]')!.textContent).toBe('26 px');
    expect(document.activeElement).toBe(control('font'));
    expect((ext.data().settings as { schemaVersion: number }).schemaVersion).toBe(2);
  });

  test('a change made in the reader view shows on an open options page', async () => {
    await openOptions();
    expect(control<HTMLInputElement>('fontSize').value).toBe('19');
    await ext.area.set({ settings: { schemaVersion: 2, reader: { theme: 'light', fontSize: 16, lineWidth: 'medium', font: 'serif' } } });
    await vi.waitFor(() => expect(control<HTMLInputElement>('fontSize').value).toBe('16'));
    expect(control<HTMLSelectElement>('theme').value).toBe('light');
  });
});

test('another page changing the settings while this page saves its own change: this page shows both', async () => {
  await openOptions();
  const box = (group: string, c: string): HTMLInputElement => document.querySelector<HTMLInputElement>(`fieldset[data-group="${group}"] input[data-category="${c}"]`)!;
  expect([box('live', 'comments').checked, box('reader', 'ad').checked]).toEqual([false, true]);
  // Another options page (or the popup) switches comments on for auto-clean, and in the same moment
  // the reader unticks "ad" here: this page's write reads the other's and stores both.
  const stored = structuredClone(ext.data().settings ?? { schemaVersion: 2 }) as { autoClean?: { categories?: Record<string, boolean> } };
  void ext.area.set({ settings: { ...stored, schemaVersion: 2, autoClean: { ...stored.autoClean, categories: { ...stored.autoClean?.categories, comments: true } } } });
  box('reader', 'ad').click();
  await vi.waitFor(() => expect((ext.data().settings as { categories?: Record<string, boolean> }).categories?.ad).toBe(false));
  await new Promise((r) => setTimeout(r, 50));
  expect((ext.data().settings as { autoClean: { categories: Record<string, boolean> } }).autoClean.categories.comments).toBe(true);
  // What is stored is what this page shows.
  await vi.waitFor(() => expect(box('live', 'comments').checked).toBe(true));
  expect(box('reader', 'ad').checked).toBe(false);
});

test('removing an auto-clean site with the keyboard leaves focus on the next site\'s Remove (the one above at the end, the list\'s "No sites yet." when none is left)', async () => {
  const sites = ['https://a.example', 'https://b.example', 'https://c.example'];
  await ext.area.set({ settings: { schemaVersion: 2, autoClean: { sites: Object.fromEntries(sites.map((s) => [s, { enabledAt: '2024-05-01T10:00:00.000Z' }])) } } });
  // The service worker's 'auto-clean:disable': the site leaves the settings.
  ext.send = async (m) => {
    const { decant, payload } = m as { decant: string; payload: { site: string } };
    if (decant !== 'auto-clean:disable') return { ok: false, error: decant };
    const settings = structuredClone(ext.data().settings) as { autoClean: { sites: Record<string, unknown> } };
    delete settings.autoClean.sites[payload.site];
    await ext.area.set({ settings });
    return { ok: true, value: null };
  };
  await openOptions();
  const removeOf = (site: string): HTMLButtonElement => document.querySelector<HTMLButtonElement>(`li[data-site="${site}"] [data-action="remove-site"]`)!;
  const remove = async (site: string): Promise<void> => {
    removeOf(site).focus();
    removeOf(site).click();
    await vi.waitFor(() => expect(document.querySelector(`li[data-site="${site}"]`)).toBeNull());
    await vi.waitFor(() => expect(document.activeElement).not.toBe(document.body));
  };
  // Each says which site it removes.
  expect(removeOf('https://b.example').getAttribute('aria-label')).toBe('Remove b.example');
  await remove('https://b.example');
  expect(document.activeElement).toBe(removeOf('https://c.example'));
  await remove('https://c.example');
  expect(document.activeElement).toBe(removeOf('https://a.example'));
  await remove('https://a.example');
  expect(document.activeElement!.textContent).toBe('No sites yet.');
});

describe('the focus stays where the reader was when the page is rebuilt', () => {
  const sites = { 'https://a.example': { enabledAt: '2024-05-01T10:00:00.000Z' }, 'https://news.example': { enabledAt: '2024-05-01T10:00:00.000Z' } };
  const row = (site: string): HTMLElement => document.querySelector<HTMLElement>(`li[data-site="${site}"]`)!;

  test('Allow for a site, granted: the focus moves to that site\'s Remove (Allow is gone), not to the top of the page', async () => {
    await ext.area.set({ settings: { schemaVersion: 2, autoClean: { sites } } });
    ext.origins.push('https://a.example/*');
    // The browser grants it (its onAdded reaches the page too); the service worker switches the site on.
    ext.request = async () => {
      ext.origins.push('https://news.example/*');
      for (const l of ext.added) l();
      return true;
    };
    ext.send = async () => ({ ok: true, value: { ok: true } });
    await openOptions();
    const allow = row('https://news.example').querySelector<HTMLButtonElement>('[data-action="allow-site"]')!;
    allow.focus();
    allow.click();
    await vi.waitFor(() => expect(row('https://news.example').querySelector('[data-action="allow-site"]')).toBeNull());
    await vi.waitFor(() => expect(document.activeElement).toBe(row('https://news.example').querySelector('[data-action="remove-site"]')));
  });

  test('Allow refused: the focus stays on that site\'s Allow', async () => {
    await ext.area.set({ settings: { schemaVersion: 2, autoClean: { sites } } });
    await openOptions();
    const allow = (): HTMLButtonElement => row('https://news.example').querySelector<HTMLButtonElement>('[data-action="allow-site"]')!;
    allow().focus();
    allow().click();
    await vi.waitFor(() => expect(document.getElementById('toast')?.textContent).toBe('Decant was not given access to news.example.'));
    // Another page's change rebuilds this one meanwhile: the focus is still on the same Allow.
    await ext.area.set({ settings: { ...(ext.data().settings as object), images: false } });
    await vi.waitFor(() => expect(document.querySelector<HTMLInputElement>('[data-setting="images"]')!.checked).toBe(false));
    expect(document.activeElement).toBe(allow());
  });

  test('a category box in use keeps the focus when another page\'s change rebuilds the page', async () => {
    await openOptions();
    const box = (): HTMLInputElement => document.querySelector<HTMLInputElement>('fieldset[data-group="reader"] input[data-category="ad"]')!;
    box().focus();
    await ext.area.set({ settings: { schemaVersion: 2, images: false } });
    await vi.waitFor(() => expect(document.querySelector<HTMLInputElement>('[data-setting="images"]')!.checked).toBe(false));
    expect(document.activeElement).toBe(box());
  });
});

test('Allow granted but the service worker cannot switch the site on: the page says why', async () => {
  await ext.area.set({ settings: { schemaVersion: 2, autoClean: { sites: { 'https://news.example': { enabledAt: '2024-05-01T10:00:00.000Z' } } } } });
  ext.request = async () => true;
  ext.send = async () => ({ ok: true, value: { ok: false, message: 'Decant could not register its script for news.example: Invalid match pattern.' } });
  await openOptions();
  document.querySelector<HTMLButtonElement>('li[data-site="https://news.example"] [data-action="allow-site"]')!.click();
  await vi.waitFor(() => expect(document.getElementById('toast')?.textContent).toBe('Decant could not register its script for news.example: Invalid match pattern.'));
  expect(document.getElementById('toast')!.dataset.kind).toBe('error');
});
