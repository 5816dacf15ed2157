#!/usr/bin/env node
// npm run bench:browser [-- <name>] [--readme] — speed in a real browser (Debian's chromium), as ratios
// to plain Readability in the same run. Each bench/browser-*.ts is bundled (esbuild, packages
// external) and run in turn; each prints its own lines and returns a JSON summary, collected in
// .bench/browser.json, and the Markdown tables in .bench/browser.md (--readme also puts them in
// README.md, between the bench:browser markers).
//   bench/browser-pages.ts  every corpus page: Readability vs Decant's click path, first run and warm
//   bench/browser-popup.ts  click → article visible in the popup on the sample page (issue 4), with the
//                           icon unpinned (as a fresh profile has it) and pinned to the toolbar
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ensureBuilt, root, workDir } from './lib.mjs';

ensureBuilt();
fs.mkdirSync(workDir, { recursive: true });
const args = process.argv.slice(2);
const only = args.find((a) => !a.startsWith('--'));
const benches = fs.readdirSync(path.join(root, 'bench')).filter((f) => /^browser-.+\.ts$/.test(f) && (!only || f.includes(only))).sort();
const summary = {};
for (const file of benches) {
  const out = path.join(workDir, file.replace(/\.ts$/, '.mjs'));
  await esbuild.build({ entryPoints: [path.join(root, 'bench', file)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'warning' });
  const mod = await import(pathToFileURL(out).href);
  summary[file.replace(/^browser-|\.ts$/g, '')] = await mod.run();
}
fs.writeFileSync(path.join(workDir, 'browser.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, (k, v) => (k === 'markdown' ? undefined : v)));

const tables = [];
if (summary.pages?.markdown) tables.push(summary.pages.markdown);
if (summary.popup) {
  const p = summary.popup;
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  tables.push(
    `Click to article (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Chromium ${p.browser}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}) — the sample page, real toolbar click (CDP Extensions.triggerAction) to the popup's article frame (\`decant:article-visible\`), the page reloaded before each click: median **${f(p.clickToVisibleMs.median)} ms** of ${p.runs} (min ${f(p.clickToVisibleMs.min)}, max ${f(p.clickToVisibleMs.max)}; the session's first popup ${f(p.clickToVisibleMs.firstOfSession)} ms, not counted); click → popup page starts ${f(p.popupOpenMs)} ms (Chromium first slides the unpinned icon out of the extensions menu, and opens the popup when that animation ends; it varies from click to click, ~60 to ~300 ms on this machine); content script ${f(p.contentScriptMs)} ms; plain Readability on the same page ${f(p.readabilityMs)} ms.${p.pinned ? ` With Decant's icon pinned to the toolbar (the popup opens at once, ${f(p.pinned.popupOpenMs)} ms): median **${f(p.pinned.clickToVisibleMs.median)} ms** (min ${f(p.pinned.clickToVisibleMs.min)}, max ${f(p.pinned.clickToVisibleMs.max)}).${p.pinned.popupMarksMs ? ` Inside the pinned popup (median ms from its page's start): ${Object.entries(p.pinned.popupMarksMs).map(([k, v]) => `${k} ${f(v)}`).join(', ')} — popup-early.js asks for the article at \`clean-requested\`, the service worker injects content.js and answers at \`clean-answered\`, while popup.js and its chunks load (\`settings-loaded\`).` : ''}` : ''}`,
  );
}
if (tables.length) {
  const markdown = tables.join('\n\n');
  fs.writeFileSync(path.join(workDir, 'browser.md'), `${markdown}\n`);
  if (args.includes('--readme')) {
    const readme = path.join(root, 'README.md');
    const begin = '<!-- bench:browser:begin -->';
    const end = '<!-- bench:browser:end -->';
    const text = fs.readFileSync(readme, 'utf8');
    if (!text.includes(begin)) throw new Error(`README.md has no ${begin} … ${end} section to fill`);
    fs.writeFileSync(readme, text.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), `${begin}\n${markdown}\n${end}`));
    console.log('README.md: bench:browser section updated');
  }
}
