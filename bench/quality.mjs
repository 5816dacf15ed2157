#!/usr/bin/env node
// npm run bench [corpus_dir] [-- --readme] — the public article-extraction benchmark: plain Readability, Defuddle
// and Decant side by side, scored with the benchmark's own metric (../shared/tools/score.mjs).
// Decant's text is what the CLI writes (`--format txt`); timing runs in-process on the same jsdom
// document for all three (clone + parse for Readability and Defuddle, cleanArticle for Decant),
// rotating the order. Writes .bench/quality/worst-pages.md: the ten pages where Decant scores worst,
// with the text it kept that the ground truth lacks and the truth text it lost (bench/diff.mjs).
// `--readme` writes the table, with date and machine, into README.md between the bench:quality marks.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { Readability } from '@mozilla/readability';
import { DefuddleClass } from 'defuddle/node';
import { diffPage } from './diff.mjs';
import { ensureBuilt, fmt, loadCore, quantile, releasePage, root, runCli, score, shared, workDir } from './lib.mjs';

const args = process.argv.slice(2);
const corpus = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(shared, 'corpus', 'scrapinghub'));
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
const defDir = path.join(out, 'defuddle');
fs.rmSync(defDir, { recursive: true, force: true });
fs.mkdirSync(defDir, { recursive: true });
const times = { readability: [], defuddle: [], decant: [] };
/** Text of an HTML fragment with a line break after each block (Defuddle returns HTML only). */
const BLOCK_END = /<\/(?:p|div|h[1-6]|li|tr|blockquote|pre|figure|figcaption|section|article|table|ul|ol|dl|dd|dt|header|footer|aside)>|<br\s*\/?>/gi;
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
    fs.writeFileSync(path.join(defDir, `${id}.txt`), '');
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
  const runDefuddle = () => {
    const t = performance.now();
    let html = '';
    const quiet = console.error;
    console.error = () => {}; // Defuddle reports pages' broken JSON-LD on stderr
    try {
      html = new DefuddleClass(page.document.cloneNode(true), { url, useAsync: false }).parse()?.content ?? '';
    } catch {} finally {
      console.error = quiet;
    }
    return { ms: performance.now() - t, html };
  };
  const runDecant = () => {
    const t = performance.now();
    core.cleanArticle(page.document, { url, window: page.window });
    return performance.now() - t;
  };
  // Alternate which of Readability and Decant runs first so neither always gets the warmer caches;
  // Defuddle runs last, so the garbage it leaves falls on the next page's first run, Readability's
  // and Decant's in turn.
  let r, d;
  if (i % 2) { r = runReadability(); d = runDecant(); } else { d = runDecant(); r = runReadability(); }
  const f = runDefuddle();
  times.readability.push(r.ms);
  times.defuddle.push(f.ms);
  times.decant.push(d);
  slow.push({ id, readability: r.ms, decant: d, elements: page.document.getElementsByTagName('*').length });
  fs.writeFileSync(path.join(readDir, `${id}.txt`), r.text);
  // Parsed the way the CLI parses a page (never rendered), for its text.
  const parsed = f.html ? core.parseHtml(`<body>${f.html.replace(BLOCK_END, '$&\n')}</body>`, url) : null;
  fs.writeFileSync(path.join(defDir, `${id}.txt`), parsed?.document.body?.textContent ?? '');
  parsed?.window.close();
  await releasePage(page);
}

const perPage = path.join(out, 'per-page');
fs.mkdirSync(perPage, { recursive: true });
const sR = score(scorer, [corpus, readDir, '--per-page', path.join(perPage, 'readability.json')]).summary;
const sF = score(scorer, [corpus, defDir, '--per-page', path.join(perPage, 'defuddle.json')]).summary;
const sD = score(scorer, [corpus, decantDir, '--per-page', path.join(perPage, 'decant.json')]).summary;
for (const k of Object.keys(times)) times[k].sort((a, b) => a - b);
const med = (k) => quantile(times[k], 0.5), p95 = (k) => quantile(times[k], 0.95);

/** Per-page rows of the scorer, with each page's F1. */
const perPageRows = (name) => JSON.parse(fs.readFileSync(path.join(perPage, `${name}.json`), 'utf8')).map((r) => ({ ...r, f1: r.precision + r.recall > 0 ? (2 * r.precision * r.recall) / (r.precision + r.recall) : 0 }));
const below = (name) => perPageRows(name).filter((r) => r.f1 < 0.5).length;
const version = (pkg) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const row = (label, s, k) => `| ${label} | ${fmt(s.f1)} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.accuracy)} | ${below(k)} | ${fmt(med(k), 1)} | ${fmt(p95(k), 1)} | ${fmt(med(k) / med('readability'), 2)} (p95 ${fmt(p95(k) / p95('readability'), 2)}) |`;
const table = [
  '| extractor | F1 | precision | recall | accuracy | pages F1<0.5 | median ms | p95 ms | time ratio to Readability (median) |',
  '|---|---|---|---|---|---|---|---|---|',
  row(`Readability.js ${version('@mozilla/readability')}`, sR, 'readability'),
  row(`Defuddle ${version('defuddle')}`, sF, 'defuddle'),
  row('Decant', sD, 'decant'),
];

// The ten worst pages for Decant, with what it kept wrongly (+) and lost wrongly (-).
const worst = perPageRows('decant').sort((a, b) => a.f1 - b.f1).slice(0, 10);
const report = ['# Decant: the ten worst pages of the scrapinghub benchmark', '', `${new Date().toISOString()} — \`+\` kept wrongly (Decant has it, the ground truth does not), \`-\` lost wrongly; [unmatched/all] 4-token shingles of the block.`, ''];
for (const w of worst) {
  const truth = JSON.parse(fs.readFileSync(path.join(corpus, `${w.id}.json`), 'utf8'));
  const pred = fs.existsSync(path.join(decantDir, `${w.id}.txt`)) ? fs.readFileSync(path.join(decantDir, `${w.id}.txt`), 'utf8') : '';
  const d = diffPage(truth.articleBody ?? '', pred);
  report.push(`## ${w.id.slice(0, 12)} F1 ${fmt(w.f1)} (P ${fmt(w.precision)}, R ${fmt(w.recall)})`, '', truth.url ?? '', '');
  report.push('Kept wrongly:', ...(d.kept.length ? d.kept.map((k) => `+ [${k.miss}/${k.of}] ${k.text.slice(0, 300)}`) : ['(nothing)']), '');
  report.push('Lost wrongly:', ...(d.lost.length ? d.lost.map((k) => `- [${k.miss}/${k.of}] ${k.text.slice(0, 300)}`) : ['(nothing)']), '');
}
fs.writeFileSync(path.join(out, 'worst-pages.md'), report.join('\n'));
const heading = `scrapinghub article-extraction benchmark: ${ids.length} pages, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the end`;
console.log(`\n${heading}`);
console.log(table.join('\n'));
if (args.includes('--readme')) {
  const readme = path.join(root, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const begin = '<!-- bench:quality:begin -->';
  const end = '<!-- bench:quality:end -->';
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${begin} … ${end} block`);
  fs.writeFileSync(readme, `${text.slice(0, a + begin.length)}\n${heading}:\n\n${table.join('\n')}\n${text.slice(b)}`);
  console.log('README.md: table updated');
}
if (cliFailures.length) console.log(`\nCLI failures (${cliFailures.length}):\n${cliFailures.join('\n')}`);
slow.sort((a, b) => b.decant - a.decant);
console.log(`\nslowest pages (decant ms / readability ms / elements): ${slow.slice(0, 5).map((s) => `${s.id.slice(0, 8)} ${s.decant.toFixed(0)}/${s.readability.toFixed(0)}/${s.elements}`).join(', ')}`);
console.log(`\nper-page report of the ten worst pages: ${path.relative(process.cwd(), path.join(out, 'worst-pages.md'))}`);
const summary = {
  pages: ids.length,
  readability: { ...sR, medianMs: med('readability'), p95Ms: p95('readability'), pagesBelowHalf: below('readability') },
  defuddle: { ...sF, medianMs: med('defuddle'), p95Ms: p95('defuddle'), pagesBelowHalf: below('defuddle'), timeRatioMedian: med('defuddle') / med('readability') },
  decant: { ...sD, medianMs: med('decant'), p95Ms: p95('decant'), pagesBelowHalf: below('decant'), cliFailures: cliFailures.length },
  timeRatioMedian: med('decant') / med('readability'),
  timeRatioP95: p95('decant') / p95('readability'),
};
fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary));
