// The platform layer's pure parts: the settings schema (defaults, migrations, corrupt data) with a
// fake storage area behind webextension-polyfill, and the restricted-page rules.
import { beforeEach, describe, expect, test, vi } from 'vitest';

const areas = vi.hoisted(() => {
  const make = () => {
    let data: Record<string, unknown> = {};
    return {
      data: () => data,
      reset(v: Record<string, unknown> = {}) {
        data = structuredClone(v);
      },
      get: async (k: string | string[]) => Object.fromEntries((Array.isArray(k) ? k : [k]).filter((x) => x in data).map((x) => [x, structuredClone(data[x])])),
      set: async (v: Record<string, unknown>) => void Object.assign(data, structuredClone(v)),
      remove: async (k: string | string[]) => void (Array.isArray(k) ? k : [k]).forEach((x) => delete data[x]),
    };
  };
  return { sync: make(), local: make(), session: make() };
});

vi.mock('webextension-polyfill', () => ({
  default: {
    storage: { ...areas, onChanged: { addListener() {}, removeListener() {} } },
    runtime: { getURL: (p: string) => `chrome-extension://abcdefghijklmnop/${p}` },
  },
}));

const storage = await import('../src/platform/storage');
const { restrictedKind, classifyInjectionError, originPattern, RESTRICTED_MESSAGES } = await import('../src/platform/restricted');

describe('settings', () => {
  beforeEach(() => {
    areas.sync.reset();
    areas.session.reset();
  });

  test('a first start gives the typed defaults, with no notice', async () => {
    const { settings, notices } = await storage.loadSettings();
    expect(settings).toEqual(storage.DEFAULT_SETTINGS);
    expect(settings.images).toBe(true);
    expect(settings.reader.theme).toBe('system');
    expect(Object.values(settings.categories).every(Boolean)).toBe(true);
    expect(notices).toEqual([]);
  });

  test('settings from before the schema had a version are migrated and saved as the current version', async () => {
    areas.sync.reset({ settings: { theme: 'sepia', fontSize: 22, loadImages: false, categories: { ad: false } } });
    const { settings, notices } = await storage.loadSettings();
    expect(notices).toEqual([]);
    expect(settings.reader).toEqual({ theme: 'sepia', fontSize: 22, lineWidth: 'medium', font: 'serif' });
    expect(settings.images).toBe(false);
    expect(settings.categories.ad).toBe(false);
    expect(settings.categories.donation).toBe(true);
    const saved = areas.sync.data().settings as Record<string, unknown>;
    expect(saved.schemaVersion).toBe(storage.SETTINGS_VERSION);
    expect(saved).not.toHaveProperty('theme');
    expect(saved).not.toHaveProperty('loadImages');
  });

  test('corrupt values fall back to defaults with a message naming them, and are left in storage', async () => {
    areas.sync.reset({ settings: { schemaVersion: 1, images: 'yes', reader: { theme: 'neon', fontSize: 400 }, autoClean: { sites: { 'not an origin': {} } } } });
    const { settings, notices } = await storage.loadSettings();
    expect(settings.images).toBe(true);
    expect(settings.reader.theme).toBe('system');
    expect(settings.reader.fontSize).toBe(storage.DEFAULT_SETTINGS.reader.fontSize);
    expect(settings.autoClean.sites).toEqual({});
    expect(notices).toHaveLength(1);
    for (const name of ['images', 'reader.theme', 'reader.fontSize', 'autoClean.sites["not an origin"]']) expect(notices[0]).toContain(name);
    expect((areas.sync.data().settings as Record<string, unknown>).images).toBe('yes');
  });

  test.each([
    ['a string', 'dark mode please'],
    ['an array', [1, 2, 3]],
    ['a number', 42],
  ])('settings that are %s give the defaults and a notice, never a crash', async (_what, value) => {
    areas.sync.reset({ settings: value });
    const { settings, notices } = await storage.loadSettings();
    expect(settings).toEqual(storage.DEFAULT_SETTINGS);
    expect(notices[0]).toMatch(/could not be read/);
  });

  test('settings from a newer version keep what this version understands, and say so', async () => {
    areas.sync.reset({ settings: { schemaVersion: 7, images: false, reader: { theme: 'dark' }, hologram: true } });
    const { settings, notices } = await storage.loadSettings();
    expect(settings.images).toBe(false);
    expect(settings.reader.theme).toBe('dark');
    expect(notices[0]).toMatch(/newer version \(schema 7\)/);
  });

  test('updateSettings merges, validates and saves', async () => {
    const s = await storage.updateSettings({ reader: { fontSize: 24 } });
    expect(s.reader.fontSize).toBe(24);
    expect(s.reader.theme).toBe('system');
    const again = await storage.updateSettings({ images: false, autoClean: { sites: { 'https://example.org': { enabledAt: '2024-01-01T00:00:00Z' } } } });
    expect(again.reader.fontSize).toBe(24);
    expect(again.images).toBe(false);
    expect(Object.keys(again.autoClean.sites)).toEqual(['https://example.org']);
    expect((await storage.loadSettings()).settings).toEqual(again);
  });

  test('kept results: saved under a fresh key, read back, the oldest pruned', async () => {
    const outcome = { tab: { tabId: 1, url: 'https://example.org/a', title: 'A' }, state: 'restricted', kind: 'browser', message: 'm' } as const;
    const keys: string[] = [];
    for (let i = 0; i < storage.MAX_OUTCOMES + 2; i++) keys.push(await storage.saveOutcome(outcome));
    expect(new Set(keys).size).toBe(keys.length);
    expect(await storage.loadOutcome(keys[0])).toBeNull();
    expect(await storage.loadOutcome(keys[1])).toBeNull();
    expect(await storage.loadOutcome(keys.at(-1)!)).toMatchObject({ state: 'restricted', key: keys.at(-1) });
    expect(Object.keys(areas.session.data()).filter((k) => k.startsWith('outcome:'))).toHaveLength(storage.MAX_OUTCOMES);
  });
});

describe('pages extensions cannot read', () => {
  test.each([
    ['chrome://settings/', 'browser'],
    ['about:blank', 'blank'],
    ['about:srcdoc', 'blank'],
    ['data:text/html,<h1>hi</h1>', 'data'],
    ['view-source:about:blank', 'view-source'],
    ['about:addons', 'browser'],
    ['edge://extensions', 'browser'],
    ['moz-extension://1234/popup.html', 'browser'],
    ['https://chromewebstore.google.com/detail/abc', 'store'],
    ['https://chrome.google.com/webstore/category/extensions', 'store'],
    ['https://addons.mozilla.org/en-US/firefox/', 'store'],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', 'pdf'],
    ['view-source:https://example.org/', 'view-source'],
    ['file:///home/me/article.html', 'file'],
    ['chrome-extension://abcdefghijklmnop/reader.html?id=1', 'extension'],
    ['https://example.org/2024/story', null],
    ['http://127.0.0.1:8080/page', null],
    [null, null],
  ])('%s → %s', (url, kind) => {
    expect(restrictedKind(url, false, 'chrome-extension://abcdefghijklmnop/')).toBe(kind);
  });

  test('file URLs are allowed when the user turned on file access', () => {
    expect(restrictedKind('file:///home/me/article.html', true)).toBeNull();
  });

  test.each([
    ['Cannot access a chrome:// URL', null, { kind: 'browser' }],
    ['The extensions gallery cannot be scripted.', null, { kind: 'store' }],
    ['Cannot access contents of url "file:///tmp/a.html". Extension manifest must request permission to access this host.', null, { kind: 'file' }],
    ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', 'https://example.org/a', { noAccess: true }],
    ['Missing host permission for the tab', null, { noAccess: true }],
    ['Something else entirely', null, null],
    // Chrome names the page when Decant holds host permissions; the tab's address, when visible, says the rest.
    ['Cannot access contents of url "about:blank". Extension manifest must request permission to access this host.', null, { kind: 'blank' }],
    ['Cannot access contents of url "data:text/html,<h1>hi</h1>". Extension manifest must request permission to access this host.', null, { kind: 'data' }],
    ['Cannot access contents of url "view-source:https://example.org/". Extension manifest must request permission to access this host.', null, { kind: 'view-source' }],
    ['Cannot access contents of url "https://example.org/a". Extension manifest must request permission to access this host.', null, { noAccess: true }],
    ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', 'view-source:https://example.org/', { kind: 'view-source' }],
    ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', 'data:text/html,x', { kind: 'data' }],
    ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', 'about:blank', { kind: 'blank' }],
    ['Frame with ID 0 is showing error page', 'https://example.org/a', { kind: 'error-page' }],
    ['Frame with ID 0 is showing error page', null, { kind: 'error-page' }],
  ])('the browser error “%s” (tab address %s) means %j', (message, url, expected) => {
    expect(classifyInjectionError(message, url)).toEqual(expected);
  });

  // What Chromium 156 says, without the tabs permission, on about:blank, data:, view-source: and its
  // error page after the toolbar click (tab.url hidden): only "Cannot access contents of the page".
  const REFUSED = 'Cannot access contents of the page. Extension manifest must request permission to access the respective host.';
  test.each([
    ['Chrome, the reader clicked Decant, no address visible', REFUSED, null, true, { kind: 'unreadable' }],
    ['Firefox, the reader clicked Decant, no address visible', 'Missing host permission for the tab', null, true, { kind: 'unreadable' }],
    ['no click (popup.html?tab=): Decant may need permission', REFUSED, null, false, { noAccess: true }],
    ['the reader clicked, but the page is a web page Decant sees', REFUSED, 'https://example.org/a', true, { noAccess: true }],
    ['the reader clicked on the error page, with host permission', 'Frame with ID 0 is showing error page', null, true, { kind: 'error-page' }],
  ])('%s', (_name, message, url, gesture, expected) => {
    expect(classifyInjectionError(message, url, gesture)).toEqual(expected);
  });

  test('every kind has a message for the reader, and none asks for a permission the click already gave', () => {
    for (const kind of ['blank', 'data', 'error-page', 'unreadable', 'view-source'] as const) {
      expect(RESTRICTED_MESSAGES[kind]).toMatch(/\.$/);
      expect(RESTRICTED_MESSAGES[kind]).not.toMatch(/permission/i);
    }
    expect(RESTRICTED_MESSAGES['error-page']).toMatch(/error page/);
    expect(RESTRICTED_MESSAGES.unreadable).toMatch(/this kind of page/);
  });

  test('a site pattern has no port (match patterns do not take one)', () => {
    expect(originPattern('http://127.0.0.1:8123/a/b')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://www.example.org/x')).toBe('https://www.example.org/*');
    expect(originPattern('ftp://example.org/')).toBeNull();
    expect(originPattern('not a url')).toBeNull();
  });
});
