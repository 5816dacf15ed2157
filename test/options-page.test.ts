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
    area,
    data: () => data,
    fill: (on: boolean) => {
      full = on;
    },
    reset() {
      this.request = async () => false;
      full = false;
      data = {};
      listeners.length = 0;
    },
    listeners,
  };
});

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { getURL: (p: string) => `chrome-extension://abcdefghijklmnop/${p}`, sendMessage: async () => undefined },
    permissions: { getAll: async () => ({ origins: [], permissions: [] }), request: (...a: unknown[]) => ext.request(...a), onAdded: { addListener() {} }, onRemoved: { addListener() {} } },
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
