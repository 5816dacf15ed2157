// Builds the extension for Chrome and Firefox from ONE manifest source (../manifest.json):
//   dist/chrome/   background.service_worker (module), minimum_chrome_version
//   dist/firefox/  background.scripts (module event page), browser_specific_settings.gecko
//   dist/decant-<version>-chrome.zip, dist/decant-<version>-firefox.zip
// Bundles (CONTRACT §6, STYLE §7): content*.js at the root as IIFE classic scripts (no polyfill, no
// Markdown): content.js (on click) and content-auto.js (auto-clean, registered per site); background.js
// and the pages (popup, reader, options) as ES modules; popup-early.js, the popup's first request, as a
// classic script. The pages are split, so the Markdown export (Turndown) is a chunk loaded only when a
// reader asks for Markdown.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { readabilityTrim } from './readability-trim.mjs';
import { thirdPartyNotices } from './third-party-notices.mjs';

const TARGET = ['chrome116', 'firefox140'];
const PAGES = ['popup', 'reader', 'options', 'library'];
/**
 * Classic scripts besides the pages' modules: the popup's early request (tiny, no polyfill, no imports).
 * A classic script at the top of popup.html runs as soon as it is read; a module would wait until the
 * page is parsed and its stylesheet loaded, and fetch its shared chunks first.
 */
const EXTRA_ENTRIES = { 'popup-early': 'src/views/popup-early.ts' };
const ICON_SIZES = [16, 32, 48, 128];
// A fixed time for zip entries, so the same sources give the same package bytes.
const ZIP_MTIME = new Date('2024-01-01T00:00:00Z');

// citation-js (the citation exports) imports node-fetch and sync-fetch for its DOI/URL lookups, which
// Decant never uses (it hands citation-js a finished CSL item). In the extension they become a stub
// that refuses, so no network code ships at all; the pages' CSP forbids connections anyway.
const noNetwork = {
  name: 'no-network',
  setup(build) {
    build.onResolve({ filter: /^(node-fetch|sync-fetch)$/ }, (args) => ({ path: args.path, namespace: 'decant-no-network' }));
    build.onLoad({ filter: /.*/, namespace: 'decant-no-network' }, () => ({
      contents: "const refuse = () => { throw new Error('Decant makes no network requests.'); };\nexport class Headers {}\nrefuse.Headers = Headers;\nexport default refuse;\n",
      loader: 'js',
    }));
  },
};

// webextension-polyfill is a UMD script. Imported as a CommonJS module, esbuild's interop (__toESM)
// copies every property of its export — the browser's whole extension API object — reading each
// property's descriptor, which makes the browser build every API namespace (windows, action, menus…)
// at once: ~6 ms of the popup's start-up on the bench machine, before it can show anything. Loaded
// as an ES module whose default export is the polyfill's `module.exports`, nothing is copied and each
// namespace is built when it is first used. Same polyfill code, unchanged.
const polyfillAsEsm = {
  name: 'polyfill-as-esm',
  setup(build) {
    build.onLoad({ filter: /[\\/]webextension-polyfill[\\/]dist[\\/]browser-polyfill\.js$/ }, async (args) => ({
      contents: `var module = { exports: {} }, exports = module.exports;\n${await fs.promises.readFile(args.path, 'utf8')}\nexport default module.exports;\n`,
      loader: 'js',
    }));
  },
};

/** The manifest for one browser, from the shared source. Exported for the manifest unit test. */
export function manifestFor(source, browser, version) {
  const m = structuredClone(source);
  m.version = version;
  if (browser === 'chrome') {
    m.background = { service_worker: source.background.service_worker, type: 'module' };
    delete m.browser_specific_settings;
  } else if (browser === 'firefox') {
    m.background = { scripts: source.background.scripts, type: 'module' };
    delete m.minimum_chrome_version;
  } else {
    throw new Error(`manifestFor: unknown browser "${browser}" (expected "chrome" or "firefox")`);
  }
  return m;
}

function listFiles(dir, base = dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

function zipDir(dir, file) {
  const entries = {};
  for (const rel of listFiles(dir)) entries[rel] = [fs.readFileSync(path.join(dir, rel)), { mtime: ZIP_MTIME }];
  fs.writeFileSync(file, zipSync(entries, { level: 9 }));
}

/**
 * Build both browsers' folders and packages. `outDir` defaults to `<root>/dist`; tests build into a
 * temporary folder. Returns the paths it wrote.
 */
export async function buildExtension({ root, outDir = path.join(root, 'dist'), zip = true } = {}) {
  if (!root) throw new Error('buildExtension({ root }) needs the project root');
  const source = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const chrome = path.join(outDir, 'chrome');
  const firefox = path.join(outDir, 'firefox');
  for (const d of [chrome, firefox]) fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(chrome, { recursive: true });

  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    target: TARGET,
    logLevel: 'warning',
    legalComments: 'none',
    charset: 'utf8',
    // See __DECANT_NATIVE_PARSER__ in src/core/html.ts: in a browser the check parse is native and cheap.
    define: { 'process.env.NODE_ENV': '"production"', __DECANT_NATIVE_PARSER__: 'true' },
    metafile: true, // for the third-party notices: which packages each file bundles
    banner: { js: '/* Decant (MIT, LICENSE.txt). Bundled third-party code and its licenses: THIRD-PARTY-NOTICES.txt */' },
  };
  const builds = await Promise.all([
    // Content scripts: classic scripts, one self-contained file each, with Readability trimmed of what
    // Decant's options never reach (readability-trim.mjs).
    esbuild.build({ ...common, entryPoints: { content: 'src/content/content.ts', 'content-auto': 'src/content/content-auto.ts' }, outdir: chrome, format: 'iife', plugins: [readabilityTrim], banner: { js: '/* Decant (MIT, LICENSE.txt). Bundles @mozilla/readability (Apache-2.0), modified at build time to drop code Decant never reaches; it and the other bundled code, with their licenses: THIRD-PARTY-NOTICES.txt */' } }),
    esbuild.build({ ...common, entryPoints: { background: 'src/background/background.ts' }, outdir: chrome, format: 'esm', plugins: [polyfillAsEsm] }),
    esbuild.build({ ...common, entryPoints: EXTRA_ENTRIES, outdir: chrome, format: 'iife' }),
    esbuild.build({
      ...common,
      entryPoints: Object.fromEntries(PAGES.map((p) => [p, `src/views/${p}.ts`])),
      outdir: chrome,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      loader: { '.css': 'css' },
      plugins: [noNetwork, polyfillAsEsm],
    }),
  ]);
  for (const p of PAGES) fs.copyFileSync(path.join(root, 'src', 'views', `${p}.html`), path.join(chrome, `${p}.html`));
  // Auto-clean's one stylesheet, registered with content-auto.js (issue 5).
  fs.copyFileSync(path.join(root, 'src', 'content', 'content-auto.css'), path.join(chrome, 'content-auto.css'));
  fs.mkdirSync(path.join(chrome, 'icons'));
  for (const s of ICON_SIZES) fs.copyFileSync(path.join(root, 'icons', `decant-${s}.png`), path.join(chrome, 'icons', `decant-${s}.png`));

  const notices = thirdPartyNotices({ root, outDir: chrome, metafiles: builds.map((b) => b.metafile), product: `Decant ${version}` });
  fs.writeFileSync(path.join(chrome, 'THIRD-PARTY-NOTICES.txt'), notices);
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(chrome, 'LICENSE.txt'));

  fs.cpSync(chrome, firefox, { recursive: true });
  fs.writeFileSync(path.join(chrome, 'manifest.json'), `${JSON.stringify(manifestFor(source, 'chrome', version), null, 2)}\n`);
  fs.writeFileSync(path.join(firefox, 'manifest.json'), `${JSON.stringify(manifestFor(source, 'firefox', version), null, 2)}\n`);

  const written = { chrome, firefox, zips: [] };
  if (zip) {
    for (const [name, dir] of [['chrome', chrome], ['firefox', firefox]]) {
      const file = path.join(outDir, `decant-${version}-${name}.zip`);
      zipDir(dir, file);
      written.zips.push(file);
    }
  }
  return written;
}
