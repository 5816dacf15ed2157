#!/usr/bin/env node
// node bench/same-output.mjs --save | --check | --live | --deferred [--pages N] [--src DIR]
// For speed work: does a change keep the core's output byte for byte? --save records, per page of
// ../shared/corpus/scrapinghub and per test fixture, a SHA-256 of everything cleanArticle returns
// (article fields, ledger entries with their HTML, warnings, reason); --check compares and lists the
// pages that differ, with the fields that do. Runs the sources through jsdom: ./src, or --src DIR
// (for example `git archive main src | tar -x -C /tmp/base` and `--save --src /tmp/base/src`).
// Readability is bundled as the content scripts ship it (scripts/readability-trim.mjs), for a --save
// too: save from a checkout before the trim to compare it with the published package.
// --live compares, in one run, auto-clean's first pass (core/live-scan.ts cleanLivePage, no DOMPurify)
// with cleanArticle on the same pages (and ../shared/nags): the ledger without its HTML, the article
// container, the text and the reason must be the same.
// --deferred compares content.js's core (core/deferred.ts cleanDeferred, no DOMPurify in the page)
// with cleanArticle: every field but the HTML the same, and the article's and each ledger entry's
// HTML the same once html.ts has sanitised it, as the views and the export record do.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { releasePage, root, shared, workDir } from './lib.mjs';
import { readabilityTrim } from '../scripts/readability-trim.mjs';

const args = process.argv.slice(2);
const mode = ['save', 'check', 'live', 'deferred'].find((m) => args.includes(`--${m}`)) ?? null;
if (!mode) {
  console.error('usage: node bench/same-output.mjs --save | --check | --live | --deferred [--pages N]');
  process.exit(2);
}
const limitAt = args.indexOf('--pages');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
const file = path.join(workDir, 'same-output.json');
const srcAt = args.indexOf('--src');
const src = path.resolve(srcAt >= 0 ? args[srcAt + 1] : path.join(root, 'src'));
const bundle = path.join(workDir, `same-output-core-${process.pid}.mjs`);
fs.mkdirSync(workDir, { recursive: true });
await esbuild.build({
  stdin: {
    contents: `export { cleanArticle } from './core/index.ts';${mode === 'live' ? " export { cleanLivePage } from './core/live-scan.ts';" : ''}${mode === 'deferred' ? " export { cleanDeferred } from './core/deferred.ts'; export { sanitizeHtml } from './core/html.ts';" : ''} export { parseHtml } from './cli/parse.ts'; export { decodeHtml } from './cli/decode.ts';`,
    resolveDir: src,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  nodePaths: [path.join(root, 'node_modules')],
  // Readability as the content scripts ship it (scripts/readability-trim.mjs), so --check proves the
  // trimmed copy gives the output saved from the published one.
  plugins: [readabilityTrim],
  outfile: bundle,
  logLevel: 'warning',
});
const core = await import(pathToFileURL(bundle).href);
fs.rmSync(bundle, { force: true });

const inputs = [];
const corpus = path.join(shared, 'corpus', 'scrapinghub');
for (const f of fs.readdirSync(corpus).filter((f) => f.endsWith('.html')).sort().slice(0, limit)) {
  const url = JSON.parse(fs.readFileSync(path.join(corpus, f.replace(/\.html$/, '.json')), 'utf8')).url;
  inputs.push({ name: `corpus/${f}`, file: path.join(corpus, f), url });
}
const fixtures = path.join(root, 'test', 'fixtures');
for (const f of fs.readdirSync(fixtures).filter((f) => f.endsWith('.html')).sort()) {
  const first = fs.readFileSync(path.join(fixtures, f), 'utf8').split('\n', 1)[0];
  const url = /"url"\s*:\s*"([^"]+)"/.exec(first)?.[1] ?? 'https://example.org/2024/story';
  inputs.push({ name: `fixtures/${f}`, file: path.join(fixtures, f), url });
}

if (mode === 'live' || mode === 'deferred') {
  const nags = path.join(shared, 'nags');
  for (const f of fs.readdirSync(nags).filter((f) => f.endsWith('.html')).sort()) {
    const meta = path.join(nags, f.replace(/\.html$/, '.json'));
    const url = (fs.existsSync(meta) && JSON.parse(fs.readFileSync(meta, 'utf8')).url) || 'https://example.org/2024/story';
    inputs.push({ name: `nags/${f}`, file: path.join(nags, f), url });
  }
  const view = (r) => ({
    removed: r.removed.map((e) => ({ id: e.id, rule: e.rule, category: e.category, reason: e.reason, preview: e.preview, path: e.path, after: e.after })),
    articlePath: r.articlePath ?? null,
    reason: r.reason ?? null,
    retried: r.debug?.retried ?? null,
    text: r.article?.text ?? null,
    wordCount: r.article?.wordCount ?? null,
    warnings: r.warnings,
  });
  if (mode === 'deferred') await deferred(inputs);
  const diffs = [];
  for (const input of inputs) {
    const page = core.parseHtml(core.decodeHtml(new Uint8Array(fs.readFileSync(input.file))).text, input.url);
    const a = view(core.cleanArticle(page.document, { url: input.url, window: page.window }));
    const b = view(core.cleanLivePage(page.document, { url: input.url, window: page.window }));
    const keys = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    if (keys.length) diffs.push(`${input.name}: ${keys.join(', ')}`);
    await releasePage(page);
  }
  console.log(diffs.length ? `${diffs.length} of ${inputs.length} differ between cleanLivePage and cleanArticle:\n${diffs.join('\n')}` : `all ${inputs.length} pages: cleanLivePage gives cleanArticle's ledger, container, text and reason`);
  process.exit(diffs.length ? 1 : 0);
}

async function deferred(inputs) {
  const fieldsOf = (r) => JSON.stringify({ ...r, article: r.article ? { ...r.article, contentHtml: null } : null, removed: r.removed.map((e) => ({ ...e, html: null })), debug: { ...r.debug, steps: null } });
  const diffs = [];
  let entries = 0;
  let rawBytes = 0;
  let sanitisedBytes = 0;
  for (const input of inputs) {
    const page = core.parseHtml(core.decodeHtml(new Uint8Array(fs.readFileSync(input.file))).text, input.url);
    const a = core.cleanArticle(page.document, { url: input.url, window: page.window });
    const b = core.cleanDeferred(page.document, { url: input.url, window: page.window });
    const what = [];
    if (fieldsOf(a) !== fieldsOf(b)) what.push('fields');
    if (a.article && core.sanitizeHtml(b.article.contentHtml, page.window) !== a.article.contentHtml) what.push('contentHtml');
    if (a.article) {
      rawBytes += b.article.contentHtml.length;
      sanitisedBytes += a.article.contentHtml.length;
    }
    a.removed.forEach((e, i) => {
      const raw = b.removed[i].html;
      if (!e.html) return;
      entries++;
      if (core.sanitizeHtml(raw, page.window) !== core.sanitizeHtml(e.html, page.window)) what.push(`ledger ${e.id}`);
    });
    if (what.length) diffs.push(`${input.name}: ${what.join(', ')}`);
    await releasePage(page);
  }
  console.log(`content.js's contentHtml before the views sanitise it: ${Math.round(rawBytes / 1024)} KB on all pages, ${Math.round(sanitisedBytes / 1024)} KB sanitised`);
  console.log(diffs.length ? `${diffs.length} of ${inputs.length} differ between cleanDeferred (sanitised by html.ts) and cleanArticle:\n${diffs.join('\n')}` : `all ${inputs.length} pages (${entries} ledger entries): cleanDeferred, sanitised by html.ts, gives cleanArticle's article, HTML and ledger`);
  process.exit(diffs.length ? 1 : 0);
}

const sha = (x) => crypto.createHash('sha256').update(typeof x === 'string' ? x : JSON.stringify(x) ?? 'undefined').digest('hex').slice(0, 16);
const now = {};
for (const input of inputs) {
  const page = core.parseHtml(core.decodeHtml(new Uint8Array(fs.readFileSync(input.file))).text, input.url);
  const r = core.cleanArticle(page.document, { url: input.url, window: page.window });
  const fields = {};
  for (const [k, v] of Object.entries(r.article ?? {})) fields[`article.${k}`] = sha(v);
  fields.reason = sha(r.reason ?? null);
  fields.warnings = sha(r.warnings);
  fields.removed = sha(r.removed.map((e) => ({ ...e, html: e.html })));
  fields.articlePath = sha(r.articlePath ?? null);
  fields.retried = sha(r.debug?.retried ?? null);
  now[input.name] = fields;
  await releasePage(page);
}

if (mode === 'save') {
  fs.mkdirSync(workDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(now, null, 1));
  console.log(`saved ${Object.keys(now).length} outputs to ${path.relative(root, file)}`);
} else {
  const before = JSON.parse(fs.readFileSync(file, 'utf8'));
  const diffs = [];
  for (const [name, fields] of Object.entries(now)) {
    const old = before[name];
    if (!old) continue;
    const keys = [...new Set([...Object.keys(old), ...Object.keys(fields)])].filter((k) => old[k] !== fields[k]);
    if (keys.length) diffs.push(`${name}: ${keys.join(', ')}`);
  }
  console.log(diffs.length ? `${diffs.length} of ${Object.keys(now).length} differ:\n${diffs.join('\n')}` : `all ${Object.keys(now).length} outputs identical`);
  process.exit(diffs.length ? 1 : 0);
}
