// The extension's build: one manifest source, two browsers, the permissions of CONTRACT §6 and
// nothing more, classic content scripts without Markdown, strict CSP, real icons, zip packages, and
// `web-ext lint` without errors. Builds into a temporary folder (never touches dist/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from './helpers';
// @ts-expect-error — a plain ES module without types
import { buildExtension, manifestFor } from '../scripts/build-extension.mjs';

type Manifest = Record<string, any>;
let out: string;
let built: { chrome: string; firefox: string; zips: string[] };
const manifest = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'decant-build-'));
  built = await buildExtension({ root: ROOT, outDir: out });
}, 60_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe.each(['chrome', 'firefox'] as const)('%s build', (browser) => {
  const dir = () => (browser === 'chrome' ? built.chrome : built.firefox);

  test('asks at install for exactly activeTab, scripting, storage and contextMenus; hosts and tabs only as optional', () => {
    const m = manifest(dir());
    expect([...m.permissions].sort()).toEqual(['activeTab', 'contextMenus', 'scripting', 'storage']);
    expect([...m.optional_host_permissions].sort()).toEqual(['http://*/*', 'https://*/*']);
    expect(m.optional_permissions).toEqual(['tabs']);
    expect(m.host_permissions).toBeUndefined();
    expect(m.content_scripts).toBeUndefined();
    expect(m.manifest_version).toBe(3);
    expect(m.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  test('extension pages run under a strict CSP: own scripts only, no remote code, images for articles', () => {
    const csp: string = manifest(dir()).content_security_policy.extension_pages;
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(expect.arrayContaining(['https:', 'http:']));
    expect(csp).not.toMatch(/unsafe-|wasm|connect-src|\*/);
  });

  test('content scripts are classic scripts at the root, without Markdown or the polyfill', () => {
    const files = fs.readdirSync(dir()).filter((f) => /^content.*\.js$/.test(f));
    expect(files).toEqual(['content-auto.js', 'content.js']);
    for (const f of files) {
      const js = fs.readFileSync(path.join(dir(), f), 'utf8');
      expect(js).not.toMatch(/^\s*(?:import|export)\s[^(]/m);
      expect(js).not.toMatch(/turndown|TurndownService/i);
      expect(js).not.toMatch(/webextension-polyfill|This script should only be loaded in a browser extension/);
      expect(js).toContain(f === 'content.js' ? '__decantContent' : '__decantLive');
    }
    // Size (issue 8): what the scripts never run stays out of them. Readability without its debug logger
    // and JSON-LD reader (scripts/readability-trim.mjs); auto-clean's script without the reader's
    // preferences and settings notices (settings.ts normalizeAutoClean) and without the metadata only a
    // shown article uses (metadata.ts shownFields, citationOf).
    const js = (f: string) => fs.readFileSync(path.join(dir(), f), 'utf8');
    for (const f of files) expect(js(f)).not.toMatch(/Reader: \(Readability\)|AdvertiserContentArticle/);
    expect(js('content-auto.js')).not.toMatch(/saved settings|sepia|og:image:secure_url|citation_doi/);
    expect(js('content.js')).toContain('og:image:secure_url'); // the click's article has its lead image
    // Auto-clean hides with one stylesheet and a marker attribute (issue 5).
    expect(fs.readFileSync(path.join(dir(), 'content-auto.css'), 'utf8')).toMatch(/\[data-decant-hidden-by\]\s*\{\s*display:\s*none !important;\s*\}/);
  });

  test('carries the licenses of the code it bundles, and says where Readability is changed', () => {
    const notices = fs.readFileSync(path.join(dir(), 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    const entry = (name: string): string => notices.split(/^={20,}$/m).find((part) => part.trimStart().startsWith(`${name} `)) ?? '';
    // What each bundle visibly holds, read from the bundles themselves.
    const holds = (file: string, marker: RegExp): boolean => marker.test(fs.readFileSync(path.join(dir(), file), 'utf8'));
    expect(holds('content.js', /_grabArticle/)).toBe(true);
    expect(entry('@mozilla/readability')).toMatch(/In: content-auto\.js, content\.js/);
    expect(entry('@mozilla/readability')).toMatch(/Apache License, Version 2\.0/);
    expect(entry('@mozilla/readability')).toMatch(/modified: .*readability-trim\.mjs/);
    expect(entry('dompurify')).toMatch(/Mozilla Public License|Apache License/);
    expect(entry('webextension-polyfill')).toMatch(/Mozilla Public License/);
    expect(entry('webextension-polyfill')).toMatch(/In: .*background\.js/);
    expect(entry('turndown')).toMatch(/Permission is hereby granted/);
    for (const f of ['content.js', 'content-auto.js']) expect(fs.readFileSync(path.join(dir(), f), 'utf8')).toMatch(/^\/\* Decant \(MIT, LICENSE\.txt\)\. Bundles @mozilla\/readability \(Apache-2\.0\), modified/);
    expect(fs.readFileSync(path.join(dir(), 'LICENSE.txt'), 'utf8')).toMatch(/^MIT License/);
    const zipped = Object.keys(unzipSync(fs.readFileSync(built.zips.find((z) => z.endsWith(`-${browser}.zip`))!)));
    expect(zipped).toEqual(expect.arrayContaining(['THIRD-PARTY-NOTICES.txt', 'LICENSE.txt']));
  });

  test('pages load their own module scripts only (and the popup its early classic script first); the background is a module', () => {
    for (const page of ['popup.html', 'reader.html', 'options.html']) {
      const html = fs.readFileSync(path.join(dir(), page), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThanOrEqual(1);
      for (const [, attrs, body] of scripts) {
        const src = /src="([a-z-]+\.js)"/.exec(attrs)?.[1];
        expect(src && fs.existsSync(path.join(dir(), src))).toBe(true);
        expect(body.trim()).toBe('');
        // One classic script: the popup's early request, self-contained (it cannot import).
        if (page === 'popup.html' && src === 'popup-early.js') {
          expect(attrs).not.toMatch(/type=/);
          expect(fs.readFileSync(path.join(dir(), src), 'utf8')).not.toMatch(/^\s*(?:import|export)\s/m);
        } else {
          expect(attrs).toMatch(/type="module"/);
        }
      }
      if (page === 'popup.html') expect(html.indexOf('popup-early.js')).toBeLessThan(html.indexOf('popup.css'));
      expect(html).not.toMatch(/\son[a-z]+=|style=|https?:\/\//i);
    }
    const m = manifest(dir());
    expect(m.background.type).toBe('module');
    expect(fs.existsSync(path.join(dir(), 'background.js'))).toBe(true);
  });

  test('the polyfill is bundled as an ES module, not copied through the CommonJS interop', () => {
    // __toESM(require_browser_polyfill()) reads every property of the browser's API object, which
    // builds every API namespace when a page starts (build-extension.mjs, polyfillAsEsm).
    const js = ['background.js', 'popup.js', ...fs.readdirSync(path.join(dir(), 'chunks')).map((f) => `chunks/${f}`)].map((f) => fs.readFileSync(path.join(dir(), f), 'utf8')).join('\n');
    expect(js).toContain('This script should only be loaded in a browser extension');
    expect(js).not.toMatch(/__toESM\(require_browser_polyfill\(\)/);
  });

  test('has icons at 16, 32, 48 and 128 pixels', () => {
    const m = manifest(dir());
    for (const size of [16, 32, 48, 128]) {
      expect(m.icons[String(size)]).toBe(`icons/decant-${size}.png`);
      expect(pngSize(path.join(dir(), m.icons[String(size)]))).toEqual([size, size]);
    }
  });

  test('has a keyboard command for the reader view and a context-menu permission', () => {
    const m = manifest(dir());
    expect(m.commands['open-reader'].suggested_key.default).toMatch(/^Alt\+Shift\+[A-Z]$/);
    expect(m.permissions).toContain('contextMenus');
  });
});

test('Chrome gets a module service worker; Firefox a module event page with its gecko settings', () => {
  const c = manifest(built.chrome);
  const f = manifest(built.firefox);
  expect(c.background).toEqual({ service_worker: 'background.js', type: 'module' });
  expect(c.browser_specific_settings).toBeUndefined();
  expect(f.background).toEqual({ scripts: ['background.js'], type: 'module' });
  expect(f.browser_specific_settings.gecko.id).toMatch(/@/);
  expect(f.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  expect(f.minimum_chrome_version).toBeUndefined();
  expect(() => manifestFor(c, 'safari', '1.0.0')).toThrow(/unknown browser "safari"/);
});

test('zip packages hold the same files as the folders', () => {
  expect(built.zips.map((z) => path.basename(z))).toEqual([expect.stringMatching(/^decant-.+-chrome\.zip$/), expect.stringMatching(/^decant-.+-firefox\.zip$/)]);
  for (const [zip, dir] of [[built.zips[0], built.chrome], [built.zips[1], built.firefox]]) {
    const entries = unzipSync(fs.readFileSync(zip));
    const names = Object.keys(entries).sort();
    expect(names).toContain('manifest.json');
    expect(names).toContain('content.js');
    expect(Buffer.from(entries['manifest.json']).toString('utf8')).toBe(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  }
});

test('web-ext lint reports no errors on the Firefox build', () => {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'web-ext');
  const r = spawnSync(bin, ['lint', '--source-dir', built.firefox, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', timeout: 120_000 });
  const report = JSON.parse(r.stdout);
  expect(report.errors.map((e: { code: string; message: string }) => `${e.code}: ${e.message}`)).toEqual([]);
  expect(report.summary.errors).toBe(0);
  // What remains are the bundled libraries' own innerHTML uses (DOMPurify, Readability).
  for (const w of report.warnings) expect(w.code).toBe('UNSAFE_VAR_ASSIGNMENT');
}, 120_000);

test('the library page loads without DOMPurify: its list shows no page HTML (the popup and the reader, which render articles, load it at once)', () => {
  // What a page loads before it can show anything: its module and every chunk it imports statically.
  const upFront = (page: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(page)) return seen;
    seen.add(page);
    const js = fs.readFileSync(path.join(built.chrome, page), 'utf8');
    for (const m of js.matchAll(/(?:^|[;\n])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g)) upFront(path.posix.normalize(path.posix.join(path.posix.dirname(page), m[1])), seen);
    return seen;
  };
  const hasPurify = (page: string): boolean => [...upFront(page)].some((f) => fs.readFileSync(path.join(built.chrome, f), 'utf8').includes('DOMPurify.version'));
  expect({ library: hasPurify('library.js'), popup: hasPurify('popup.js'), reader: hasPurify('reader.js') }).toEqual({ library: false, popup: true, reader: true });
});
