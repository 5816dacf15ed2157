#!/usr/bin/env node
// npm run bench:browser — speed in a real browser (Debian's chromium), as ratios to plain Readability
// in the same run. Each bench/browser-*.ts is bundled (esbuild, packages external) and run in turn;
// each prints its own lines and returns a JSON summary, collected in .bench/browser.json.
//   bench/browser-popup.ts  click → article visible in the popup on the sample page (issue 4)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ensureBuilt, root, workDir } from './lib.mjs';

ensureBuilt();
fs.mkdirSync(workDir, { recursive: true });
const only = process.argv[2];
const benches = fs.readdirSync(path.join(root, 'bench')).filter((f) => /^browser-.+\.ts$/.test(f) && (!only || f.includes(only))).sort();
const summary = {};
for (const file of benches) {
  const out = path.join(workDir, file.replace(/\.ts$/, '.mjs'));
  await esbuild.build({ entryPoints: [path.join(root, 'bench', file)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'warning' });
  const mod = await import(pathToFileURL(out).href);
  summary[file.replace(/^browser-|\.ts$/g, '')] = await mod.run();
}
fs.writeFileSync(path.join(workDir, 'browser.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary));
