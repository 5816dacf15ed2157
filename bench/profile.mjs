#!/usr/bin/env node
// Time the pipeline's steps over the corpus, in-process (for `node --cpu-prof bench/profile.mjs`):
//   node bench/profile.mjs [corpus_dir] [--rounds N]
// Prints the median share of each pipeline step and the median ratio to plain Readability.
import fs from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { loadCore, quantile, shared } from './lib.mjs';

const args = process.argv.slice(2);
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 1;
const corpus = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds') ?? path.join(shared, 'corpus', 'scrapinghub'));
const core = await loadCore();
const ids = fs.readdirSync(corpus).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
const steps = new Map();
const ratios = [];
let tD = 0, tR = 0, fired = 0, kept = 0;
const firedPages = [];
for (let round = 0; round < rounds; round++) {
  for (const id of ids) {
    const url = JSON.parse(fs.readFileSync(path.join(corpus, `${id}.json`), 'utf8')).url;
    const page = core.parseHtml(core.decodeHtml(new Uint8Array(fs.readFileSync(path.join(corpus, `${id}.html`)))).text, url);
    let t = performance.now();
    new Readability(page.document.cloneNode(true)).parse();
    const r = performance.now() - t;
    t = performance.now();
    const res = core.cleanArticle(page.document, { url, window: page.window });
    const d = performance.now() - t;
    tD += d; tR += r;
    ratios.push(d / r);
    if (res.debug.steps.some((s) => s.name === 'discarded attempt')) {
      fired++;
      if (res.debug.retried) kept++;
      if (round === 0) firedPages.push(id);
    }
    for (const s of res.debug.steps) {
      if (!steps.has(s.name)) steps.set(s.name, []);
      steps.get(s.name).push(s.ms / r);
    }
    page.window.close();
  }
}
ratios.sort((a, b) => a - b);
console.log(`pages ${ids.length} x ${rounds}: median per-page ratio ${quantile(ratios, 0.5).toFixed(2)}, p95 ${quantile(ratios, 0.95).toFixed(2)}, total ${(tD / tR).toFixed(2)}`);
console.log(`safety valve: retried on ${fired / rounds} page(s), the retry kept on ${kept / rounds}${firedPages.length ? ` (${firedPages.join(' ')})` : ''}`);
for (const [name, v] of steps) {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  console.log(`  ${name.padEnd(12)} mean ${(mean).toFixed(3)} x readability`);
}
