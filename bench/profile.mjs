#!/usr/bin/env node
// Time the pipeline's steps over the corpus, in-process (for `node --cpu-prof bench/profile.mjs`):
//   node bench/profile.mjs [corpus_dir] [--rounds N]
// Prints the median share of each pipeline step, the median per-page ratio to plain Readability and the
// ratio of the median times (what bench/quality.mjs reports). Readability and Decant take turns running first.
import fs from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { loadCore, quantile, releasePage, shared } from './lib.mjs';

const args = process.argv.slice(2);
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 1;
const corpus = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds') ?? path.join(shared, 'corpus', 'scrapinghub'));
const core = await loadCore();
const ids = fs.readdirSync(corpus).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
const steps = new Map();
const ratios = [];
const medR = [], medD = [];
let tD = 0, tR = 0, fired = 0, kept = 0;
const firedPages = [];
for (let round = 0; round < rounds; round++) {
  for (const [i, id] of ids.entries()) {
    const url = JSON.parse(fs.readFileSync(path.join(corpus, `${id}.json`), 'utf8')).url;
    const page = core.parseHtml(core.decodeHtml(new Uint8Array(fs.readFileSync(path.join(corpus, `${id}.html`)))).text, url);
    const runReadability = () => {
      const t = performance.now();
      new Readability(page.document.cloneNode(true)).parse();
      return performance.now() - t;
    };
    let res;
    const runDecant = () => {
      const t = performance.now();
      res = core.cleanArticle(page.document, { url, window: page.window });
      return performance.now() - t;
    };
    // Alternate which runs first, as bench/quality.mjs does: the first run after the parse pays for
    // collecting the parse's garbage (always running Readability first made Decant look ~0.1x faster).
    let r, d;
    if ((i + round) % 2) { r = runReadability(); d = runDecant(); } else { d = runDecant(); r = runReadability(); }
    tD += d; tR += r; medR.push(r); medD.push(d);
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
    await releasePage(page);
  }
}
ratios.sort((a, b) => a - b);
medR.sort((a, b) => a - b);
medD.sort((a, b) => a - b);
console.log(`pages ${ids.length} x ${rounds}: median per-page ratio ${quantile(ratios, 0.5).toFixed(2)}, p95 ${quantile(ratios, 0.95).toFixed(2)}, total ${(tD / tR).toFixed(2)}; ratio of medians (bench/quality.mjs's measure) ${(quantile(medD, 0.5) / quantile(medR, 0.5)).toFixed(2)}`);
console.log(`safety valve: retried on ${fired / rounds} page(s), the retry kept on ${kept / rounds}${firedPages.length ? ` (${firedPages.join(' ')})` : ''}`);
for (const [name, v] of steps) {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  console.log(`  ${name.padEnd(12)} mean ${(mean).toFixed(3)} x readability`);
}
