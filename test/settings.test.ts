// The settings schema across versions (issue 5): every earlier version migrates to the current one and
// keeps what the reader chose; corrupt data falls back with a notice; two pages (or a page and the
// service worker) changing settings at the same moment never lose an update.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CATEGORIES } from '../src/core/types';
import { LIVE_DEFAULT_CATEGORIES, MIGRATIONS, SETTINGS_VERSION, normalizeAutoClean, normalizeSettings, siteOf, sitePattern, autoCleanOn } from '../src/platform/settings';

/** A storage area whose reads and writes take a few milliseconds, as real ones do. */
const store = vi.hoisted(() => {
  let data: Record<string, unknown> = {};
  /** storage.sync's per-item quota when set (bytes of JSON), else unlimited. */
  let quota: number | null = null;
  const tick = () => new Promise((r) => setTimeout(r, 1 + Math.random() * 3));
  return {
    data: () => data,
    reset(v: Record<string, unknown> = {}) {
      data = structuredClone(v);
      quota = null;
    },
    limit(bytes: number | null) {
      quota = bytes;
    },
    area: {
      get: async (k: string) => {
        await tick();
        return k in data ? { [k]: structuredClone(data[k]) } : {};
      },
      set: async (v: Record<string, unknown>) => {
        await tick();
        // Like Chrome: an item over the quota refuses the whole write, nothing is changed.
        if (quota !== null && Object.entries(v).some(([k, x]) => k.length + JSON.stringify(x).length > quota!)) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
        Object.assign(data, structuredClone(v));
      },
      remove: async () => {},
    },
  };
});

vi.mock('webextension-polyfill', () => ({
  default: {
    storage: { sync: store.area, local: store.area, session: store.area, onChanged: { addListener() {}, removeListener() {} } },
    runtime: { getURL: (p: string) => `chrome-extension://abcdefghijklmnop/${p}` },
  },
}));

/** A fresh copy of storage.ts: what another page (or a restarted service worker) runs. */
async function freshStorage() {
  vi.resetModules();
  return import('../src/platform/storage');
}

const V1 = {
  schemaVersion: 1,
  images: false,
  reader: { theme: 'dark', fontSize: 21, lineWidth: 'wide', font: 'sans' },
  categories: { comments: false, ad: false },
  autoClean: { sites: { 'https://www.example.org': { enabledAt: '2024-05-01T10:00:00.000Z' }, 'http://127.0.0.1:8080': { enabledAt: '2024-05-02T10:00:00.000Z' } } },
};

const V0 = { theme: 'sepia', fontSize: 22, loadImages: false, categories: { newsletter: false } };

describe('migrations', () => {
  test('every earlier version has a step, and the steps lead to the current version', () => {
    for (let v = 0; v < SETTINGS_VERSION; v++) expect(MIGRATIONS[v], `migration from ${v}`).toBeTypeOf('function');
    let raw: Record<string, unknown> = {};
    for (let v = 0; v < SETTINGS_VERSION; v++) raw = MIGRATIONS[v](raw);
    expect(raw.schemaVersion).toBe(SETTINGS_VERSION);
  });

  test('version 1 → 2: auto-clean sites and every reader choice survive; live categories start from the live defaults minus what the reader kept', () => {
    const { settings, notices, changed } = normalizeSettings(V1);
    expect(notices).toEqual([]);
    expect(changed).toBe(true);
    expect(settings.schemaVersion).toBe(2);
    expect(settings.images).toBe(false);
    expect(settings.reader).toEqual(V1.reader);
    expect(settings.categories.comments).toBe(false);
    expect(settings.categories.ad).toBe(false);
    expect(settings.categories.donation).toBe(true);
    // Sites: the port goes (a site permission covers every port), the date stays.
    expect(settings.autoClean.sites).toEqual({
      'https://www.example.org': { enabledAt: '2024-05-01T10:00:00.000Z' },
      'http://127.0.0.1': { enabledAt: '2024-05-02T10:00:00.000Z' },
    });
    expect(settings.autoClean.categories.ad).toBe(false); // kept on the page by the reader's own choice
    expect(settings.autoClean.categories.donation).toBe(true);
    expect(settings.autoClean.categories.overlay).toBe(true);
    expect(settings.autoClean.categories.related).toBe(false); // live default: the site's own links stay
  });

  test('version 0 → 2 in one read', () => {
    const { settings, notices } = normalizeSettings(V0);
    expect(notices).toEqual([]);
    expect(settings.schemaVersion).toBe(SETTINGS_VERSION);
    expect(settings.reader).toMatchObject({ theme: 'sepia', fontSize: 22 });
    expect(settings.images).toBe(false);
    expect(settings.categories.newsletter).toBe(false);
    expect(settings.autoClean.categories.newsletter).toBe(false);
    expect(settings.autoClean.categories.donation).toBe(true);
    expect(settings.autoClean.sites).toEqual({});
  });

  test('current-version settings read back unchanged', () => {
    const once = normalizeSettings(V1).settings;
    const twice = normalizeSettings(structuredClone(once));
    expect(twice.changed).toBe(false);
    expect(twice.notices).toEqual([]);
    expect(twice.settings).toEqual(once);
  });

  test.each([
    ['live categories that are not booleans', { ...V1, schemaVersion: 2, autoClean: { sites: {}, categories: { ad: 'yes', donation: false } } }, ['autoClean.categories.ad']],
    ['a live category map that is a list', { ...V1, schemaVersion: 2, autoClean: { sites: {}, categories: ['ad'] } }, ['autoClean.categories']],
    ['a site key with a path', { ...V1, schemaVersion: 2, autoClean: { sites: { 'https://a.example/news': { enabledAt: 'x' } } } }, ['autoClean.sites["https://a.example/news"]']],
    ['auto-clean that is a string', { ...V1, schemaVersion: 2, autoClean: 'on' }, ['autoClean']],
  ])('corrupt: %s → defaults for those fields and a notice naming them', (_what, stored, names) => {
    const { settings, notices } = normalizeSettings(stored);
    expect(notices).toHaveLength(1);
    for (const n of names) expect(notices[0]).toContain(n);
    expect(settings.reader).toEqual(V1.reader); // the rest is kept
    for (const c of CATEGORIES) expect(typeof settings.autoClean.categories[c]).toBe('boolean');
  });

  test('a migration step that cannot make sense of its input gives the defaults and a notice, not a crash', () => {
    const hostile = { schemaVersion: 1, get categories(): never { throw new Error('boom'); } };
    const { settings, notices } = normalizeSettings(hostile);
    expect(settings.autoClean.categories).toEqual(LIVE_DEFAULT_CATEGORIES);
    expect(notices[0]).toMatch(/could not upgrade/);
  });
});

describe("auto-clean's own read (content-auto.js)", () => {
  test.each([
    ['nothing stored', undefined],
    ['null', null],
    ['not an object', 'dark'],
    ['version 0', V0],
    ['version 1 (ports dropped, live categories from what the reader kept)', V1],
    ['the current version', normalizeSettings(V1).settings],
    ['corrupt sites and live categories', { ...V1, schemaVersion: 2, autoClean: { sites: { 'https://a.example/news': { enabledAt: 'x' }, 'https://b.example': { enabledAt: 'y' } }, categories: { ad: 'yes', related: true } } }],
    ['auto-clean that is a string', { ...V1, schemaVersion: 2, autoClean: 'on' }],
    ['a version no migration starts from', { ...V1, schemaVersion: -1 }],
    ['a newer version', { ...V1, schemaVersion: SETTINGS_VERSION + 1, autoClean: { sites: { 'https://c.example': { enabledAt: 'z' } }, categories: { comments: true } } }],
    ['a migration that throws', { schemaVersion: 1, get categories(): never { throw new Error('boom'); } }],
  ])('%s: the sites and categories normalizeSettings gives', (_what, stored) => {
    expect(normalizeAutoClean(stored)).toEqual(normalizeSettings(stored).settings.autoClean);
  });

  test('a version no migration starts from: the defaults, and a notice naming that version', () => {
    const { settings, notices } = normalizeSettings({ ...V1, schemaVersion: -1 });
    expect(settings.autoClean.sites).toEqual({});
    expect(notices).toEqual(['Decant’s saved settings have an unknown version (-1), so it is using its defaults.']);
  });
});

describe('sites', () => {
  test.each([
    ['https://www.example.org/2024/story?x=1#top', 'https://www.example.org'],
    ['http://127.0.0.1:8123/a', 'http://127.0.0.1'],
    ['chrome://settings', null],
    ['not a url', null],
    [null, null],
  ])('siteOf(%j) = %j', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });

  test('a site pattern covers the site only', () => {
    expect(sitePattern('https://www.example.org')).toBe('https://www.example.org/*');
  });

  test('autoCleanOn reads the site of a page URL', () => {
    const { settings } = normalizeSettings(V1);
    expect(autoCleanOn(settings, 'http://127.0.0.1:9999/story')).toBe(true);
    expect(autoCleanOn(settings, 'https://example.org/story')).toBe(false);
    expect(autoCleanOn(settings, 'https://www.example.org.evil.test/')).toBe(false);
  });
});

describe('storage: upgrades, restarts and concurrent changes', () => {
  beforeEach(() => store.reset());
  afterEach(() => vi.unstubAllGlobals());

  test('an upgrade finds version-1 settings and saves them as the current version, once', async () => {
    store.reset({ settings: V1 });
    const storage = await freshStorage();
    const { settings, notices } = await storage.loadSettings();
    expect(notices).toEqual([]);
    expect(Object.keys(settings.autoClean.sites)).toEqual(['https://www.example.org', 'http://127.0.0.1']);
    const saved = store.data().settings as { schemaVersion: number };
    expect(saved.schemaVersion).toBe(SETTINGS_VERSION);
    expect(saved).toEqual(settings);
  });

  test('settings survive a service-worker restart (a fresh module reads what the old one wrote)', async () => {
    const before = await freshStorage();
    const written = await before.changeSettings((s) => ({ ...s, autoClean: { ...s.autoClean, sites: { 'https://news.example': { enabledAt: '2024-06-01T00:00:00.000Z' } } } }));
    const after = await freshStorage();
    expect((await after.loadSettings()).settings).toEqual(written);
  });

  test('storage quota exhausted while saving: a clear error, the saved settings unchanged, later changes still saved', async () => {
    const storage = await freshStorage();
    const sites = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`https://site-${i}.example`, { enabledAt: '2024-06-01T00:00:00.000Z' }]));
    const saved = await storage.updateSettings({ images: false, autoClean: { sites } });
    store.limit(JSON.stringify(store.data().settings).length + 200); // room for a little more, not for 40 more sites
    const more = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`https://more-${i}.example`, { enabledAt: '2024-06-02T00:00:00.000Z' }]));
    await expect(storage.updateSettings({ autoClean: { sites: more } })).rejects.toThrow(
      "The browser has no room left for Decant's settings, so this change was not saved (QUOTA_BYTES_PER_ITEM quota exceeded). Turn auto-clean off for sites you no longer need, then try again. The settings already saved are unchanged.",
    );
    expect((await storage.loadSettings()).settings).toEqual(saved);
    // The lock is not left held and a small change still fits.
    const after = await storage.updateSettings({ reader: { theme: 'dark' } });
    expect(after.reader.theme).toBe('dark');
    expect(Object.keys(after.autoClean.sites)).toHaveLength(40);
  });

  test('changeSettings can remove a site; updateSettings only adds', async () => {
    const storage = await freshStorage();
    await storage.updateSettings({ autoClean: { sites: { 'https://a.example': { enabledAt: 't' }, 'https://b.example': { enabledAt: 't' } } } });
    const s = await storage.changeSettings((cur) => {
      delete cur.autoClean.sites['https://a.example'];
      return cur;
    });
    expect(Object.keys(s.autoClean.sites)).toEqual(['https://b.example']);
  });

  test('many changes at once from one page: none is lost', async () => {
    const storage = await freshStorage();
    await Promise.all(CATEGORIES.map((c) => storage.updateSettings({ autoClean: { categories: { [c]: c.length % 2 === 0 } } })));
    const { settings } = await storage.loadSettings();
    for (const c of CATEGORIES) expect(settings.autoClean.categories[c], c).toBe(c.length % 2 === 0);
  });

  test('two pages changing settings at once: the shared lock keeps both updates', async () => {
    vi.stubGlobal('navigator', { locks: fakeLockManager() });
    const pageA = await freshStorage();
    const pageB = await freshStorage();
    expect(pageA).not.toBe(pageB); // two module instances: no shared promise chain
    const a = CATEGORIES.slice(0, 6);
    const b = CATEGORIES.slice(6);
    await Promise.all([
      ...a.map((c) => pageA.updateSettings({ categories: { [c]: false } })),
      ...b.map((c) => pageB.updateSettings({ categories: { [c]: false } })),
      pageA.updateSettings({ autoClean: { sites: { 'https://a.example': { enabledAt: 't' } } } }),
      pageB.updateSettings({ autoClean: { sites: { 'https://b.example': { enabledAt: 't' } } } }),
    ]);
    const { settings } = await pageA.loadSettings();
    for (const c of CATEGORIES) expect(settings.categories[c], c).toBe(false);
    expect(Object.keys(settings.autoClean.sites).sort()).toEqual(['https://a.example', 'https://b.example']);
  });

  test('without the lock, the same two pages would lose updates (the test can fail)', async () => {
    vi.stubGlobal('navigator', { locks: { request: (_n: string, task: () => Promise<unknown>) => task() } });
    const pageA = await freshStorage();
    const pageB = await freshStorage();
    await Promise.all([
      ...CATEGORIES.slice(0, 6).map((c) => pageA.updateSettings({ categories: { [c]: false } })),
      ...CATEGORIES.slice(6).map((c) => pageB.updateSettings({ categories: { [c]: false } })),
    ]);
    const { settings } = await pageA.loadSettings();
    expect(CATEGORIES.filter((c) => settings.categories[c]).length).toBeGreaterThan(0);
  });
});

/** Web Locks' exclusive mode, as the browser provides it to every page of one origin. */
function fakeLockManager() {
  const queues = new Map<string, Promise<unknown>>();
  return {
    request(name: string, task: () => Promise<unknown>) {
      const prev = queues.get(name) ?? Promise.resolve();
      const run = prev.then(task, task);
      queues.set(name, run.catch(() => undefined));
      return run;
    },
  };
}
