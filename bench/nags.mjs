#!/usr/bin/env node
// npm run bench:nags — every page in ../shared/nags through the CLI, as plain text (scored for body
// sentences kept and nag text dropped) and as Markdown (scored with captions and credits required).
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuilt, runCli, score, shared, workDir } from './lib.mjs';

const pages = process.argv[2] ?? path.join(shared, 'nags');
const scorer = path.join(shared, 'tools', 'score-nags.mjs');
ensureBuilt();
const results = {};
for (const format of ['txt', 'md']) {
  const out = path.join(workDir, 'nags', format);
  fs.rmSync(out, { recursive: true, force: true });
  const r = runCli([pages, '--format', format, '--out', out]);
  if (r.status !== 0) process.stderr.write(r.stderr);
  const args = format === 'md' ? [pages, out, '--ext', 'md', '--captions'] : [pages, out];
  const { summary, output } = score(scorer, args);
  console.log(`\n== ${format === 'md' ? 'Markdown (captions required)' : 'plain text (articleBody)'} ==\n${output}`);
  results[format] = summary;
}
const line = (s) => `fully clean ${s.fully_clean}/${s.pages}, keep recall ${s.keep_recall_micro}, drop rate ${s.drop_rate_micro}`;
console.log(`\ntext: ${line(results.txt)}`);
console.log(`markdown: ${line(results.md)}`);
console.log(JSON.stringify({ text: { fully_clean: results.txt.fully_clean, pages: results.txt.pages, keep: results.txt.keep_recall_micro, drop: results.txt.drop_rate_micro }, markdown: { fully_clean: results.md.fully_clean, pages: results.md.pages, keep: results.md.keep_recall_micro, drop: results.md.drop_rate_micro } }));
if (results.txt.fully_clean !== results.txt.pages || results.md.fully_clean !== results.md.pages) process.exitCode = 1;
