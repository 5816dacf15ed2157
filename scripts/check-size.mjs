#!/usr/bin/env node
// Fails when a bundle of the built extension passes its gzip budget (STYLE §7, like Defuddle's
// check-bundle-size.mjs). content.js is evaluated in the reader's page on every first click, so it is
// watched most closely; the pages' first load (entry + static chunks) is what the popup waits for.
// Budgets leave room above the sizes when this was written (content.js 74 KB gzipped); raise them on purpose.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'dist', 'chrome');
if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
  console.error('check-size: no dist/chrome; run `npm run build` first.');
  process.exit(1);
}
const KB = 1024;
const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** An ES module page's first load: the entry and every chunk it imports statically, transitively. */
function staticGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const js = fs.readFileSync(file, 'utf8');
    for (const m of js.matchAll(/^(?:import\s[^;]*?from\s*|import\s*)"(\.[^"]+)"/gm)) visit(path.resolve(path.dirname(file), m[1]));
  };
  visit(entry);
  return [...seen];
}

const budgets = [
  ['content.js (gzip)', gz(path.join(dir, 'content.js')), 100 * KB],
  ['background.js (gzip)', gz(path.join(dir, 'background.js')), 20 * KB],
  ['popup first load (gzip)', staticGraph(path.join(dir, 'popup.js')).reduce((n, f) => n + gz(f), 0), 60 * KB],
  ['reader first load (gzip)', staticGraph(path.join(dir, 'reader.js')).reduce((n, f) => n + gz(f), 0), 60 * KB],
];
let failed = false;
for (const [name, size, budget] of budgets) {
  const ok = size <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok ' : 'TOO BIG'} ${name}: ${(size / KB).toFixed(1)} KB of ${(budget / KB).toFixed(0)} KB`);
}
const content = fs.readFileSync(path.join(dir, 'content.js'), 'utf8');
if (/turndown/i.test(content)) {
  console.error('content.js contains Turndown: Markdown belongs in the views only (CONTRACT §1).');
  failed = true;
}
process.exit(failed ? 1 : 0);
