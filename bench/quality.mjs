#!/usr/bin/env node
// npm run bench [corpus_dir] — the public article-extraction benchmark: plain Readability and
// Decant side by side, scored with the benchmark's own metric (../shared/tools/score.mjs).
// Decant's text is what the CLI writes (`--format txt`); timing runs in-process on the same jsdom
// document for both (clone + parse for Readability, cleanArticle for Decant), alternating order.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { Readability } from '@mozilla/readability';
import { ensureBuilt, fmt, loadCore, quantile, runCli, score, shared, workDir } from './lib.mjs';

const corpus = path.resolve(process.argv[2] ?? path.join(shared, 'corpus', 'scrapinghub'));
const scorer = path.join(shared, 'tools', 'score.mjs');
const out = path.join(workDir, 'quality');
const ids = fs.readdirSync(corpus).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();

ensureBuilt();
const core = await loadCore();

// 1. Decant through the CLI, exactly as a user runs it.
const decantDir = path.join(out, 'decant');
fs.rmSync(decantDir, { recursive: true, force: true });
const cli = runCli([corpus, '--format', 'txt', '--out', decantDir]);
const cliFailures = cli.stderr.split('\n').filter((l) => l.startsWith('decant: ') && !/page\(s\) failed/.test(l));

// 2. Plain Readability (its textContent, as the benchmark's readability_js runner) and timings.
const readDir = path.join(out, 'readability');
fs.rmSync(readDir, { recursive: true, force: true });
fs.mkdirSync(readDir, { recursive: true });
const times = { readability: [], decant: [] };
const slow = [];
for (let i = 0; i < ids.length; i++) {
  const id = ids[i];
  const bytes = new Uint8Array(fs.readFileSync(path.join(corpus, `${id}.html`)));
  const url = JSON.parse(fs.readFileSync(path.join(corpus, `${id}.json`), 'utf8')).url;
  let page;
  try {
    page = core.parseHtml(core.decodeHtml(bytes).text, url);
  } catch {
    fs.writeFileSync(path.join(readDir, `${id}.txt`), '');
    continue;
  }
  const runReadability = () => {
    const t = performance.now();
    let text = '';
    try {
      text = new Readability(page.document.cloneNode(true)).parse()?.textContent ?? '';
    } catch {}
    return { ms: performance.now() - t, text };
  };
  const runDecant = () => {
    const t = performance.now();
    core.cleanArticle(page.document, { url, window: page.window });
    return performance.now() - t;
  };
  // Alternate which runs first so neither always gets the warmer caches.
  let r, d;
  if (i % 2) { r = runReadability(); d = runDecant(); } else { d = runDecant(); r = runReadability(); }
  times.readability.push(r.ms);
  times.decant.push(d);
  slow.push({ id, readability: r.ms, decant: d, elements: page.document.getElementsByTagName('*').length });
  fs.writeFileSync(path.join(readDir, `${id}.txt`), r.text);
  page.window.close();
}

const perPage = path.join(out, 'per-page');
fs.mkdirSync(perPage, { recursive: true });
const sR = score(scorer, [corpus, readDir, '--per-page', path.join(perPage, 'readability.json')]).summary;
const sD = score(scorer, [corpus, decantDir, '--per-page', path.join(perPage, 'decant.json')]).summary;
for (const k of ['readability', 'decant']) times[k].sort((a, b) => a - b);
const med = (k) => quantile(times[k], 0.5), p95 = (k) => quantile(times[k], 0.95);

const decPer = JSON.parse(fs.readFileSync(path.join(perPage, 'decant.json'), 'utf8'));
const rows = Array.isArray(decPer) ? decPer : decPer.pages ?? Object.entries(decPer).map(([id, v]) => ({ id, ...v }));
const below = rows.filter((r) => (r.f1 ?? 1) < 0.5).length;

const table = [
  '| extractor | F1 | precision | recall | accuracy | pages F1<0.5 | median ms | p95 ms | time ratio |',
  '|---|---|---|---|---|---|---|---|---|',
  `| Readability.js 0.6.0 | ${fmt(sR.f1)} | ${fmt(sR.precision)} | ${fmt(sR.recall)} | ${fmt(sR.accuracy)} | | ${fmt(med('readability'), 1)} | ${fmt(p95('readability'), 1)} | 1.00 |`,
  `| Decant | ${fmt(sD.f1)} | ${fmt(sD.precision)} | ${fmt(sD.recall)} | ${fmt(sD.accuracy)} | ${below} | ${fmt(med('decant'), 1)} | ${fmt(p95('decant'), 1)} | ${fmt(med('decant') / med('readability'), 2)} (p95 ${fmt(p95('decant') / p95('readability'), 2)}) |`,
];
console.log(`\nscrapinghub article-extraction benchmark: ${ids.length} pages, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(table.join('\n'));
if (cliFailures.length) console.log(`\nCLI failures (${cliFailures.length}):\n${cliFailures.join('\n')}`);
slow.sort((a, b) => b.decant - a.decant);
console.log(`\nslowest pages (decant ms / readability ms / elements): ${slow.slice(0, 5).map((s) => `${s.id.slice(0, 8)} ${s.decant.toFixed(0)}/${s.readability.toFixed(0)}/${s.elements}`).join(', ')}`);
const summary = { pages: ids.length, readability: { ...sR, medianMs: med('readability'), p95Ms: p95('readability') }, decant: { ...sD, medianMs: med('decant'), p95Ms: p95('decant'), pagesBelowHalf: below, cliFailures: cliFailures.length }, timeRatioMedian: med('decant') / med('readability'), timeRatioP95: p95('decant') / p95('readability') };
fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary));
