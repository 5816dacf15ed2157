#!/usr/bin/env node
// Per-page diff against the benchmark's ground truth: which blocks of a prediction the truth lacks
// ("kept wrongly") and which truth blocks the prediction lacks ("lost wrongly"), measured in the
// metric's own 4-token shingles. Used by bench/quality.mjs for the worst-pages report and by hand:
//   node bench/diff.mjs [predictions_dir] [--id PREFIX] [--all] [--min N]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;
const tokens = (t) => (t || '').match(TOKEN_RE) || [];

function shingles(t, n = 4) {
  const tk = tokens(t);
  const out = [];
  const last = Math.max(1, tk.length - n + 1);
  for (let i = 0; i < last; i++) {
    const s = tk.slice(i, i + n);
    if (s.length) out.push(s.join(' '));
  }
  return out;
}

function count(list) {
  const m = new Map();
  for (const s of list) m.set(s, (m.get(s) || 0) + 1);
  return m;
}

/**
 * Blocks of `a` (its lines) with the number of their shingles that `b` lacks. Shingles run over the
 * whole text, as the metric's do; an unmatched shingle is charged to the line where it starts.
 */
function unmatchedBlocks(a, b, min = 1) {
  const have = count(shingles(b));
  const blocks = a.split(/\n/).map((s) => s.trim()).filter(Boolean);
  const toks = [];
  const owner = [];
  blocks.forEach((block, i) => {
    for (const t of tokens(block)) {
      toks.push(t);
      owner.push(i);
    }
  });
  const miss = new Array(blocks.length).fill(0);
  const of = new Array(blocks.length).fill(0);
  const last = Math.max(1, toks.length - 3);
  for (let i = 0; i < last && i < toks.length; i++) {
    const s = toks.slice(i, i + 4).join(' ');
    of[owner[i]]++;
    const c = have.get(s) || 0;
    if (c > 0) have.set(s, c - 1);
    else miss[owner[i]]++;
  }
  const out = [];
  blocks.forEach((text, i) => {
    // Three unmatched shingles at a line's start are usually its neighbour's change, not its own.
    if (miss[i] >= min && (miss[i] > 3 || miss[i] === of[i])) out.push({ miss: miss[i], of: of[i], text });
  });
  return out;
}

/** Diff one page: {kept: blocks only in the prediction, lost: blocks only in the truth}. */
export function diffPage(truth, pred, min = 1) {
  return { kept: unmatchedBlocks(pred, truth, min), lost: unmatchedBlocks(truth, pred, min) };
}

export function f1Of(p, r) {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

function main() {
  const args = process.argv.slice(2);
  const corpus = path.resolve(here, '..', '..', 'shared', 'corpus', 'scrapinghub');
  let predDir = path.resolve(here, '..', '.bench', 'quality', 'decant');
  let only = null;
  let all = false;
  let min = 1;
  const pos = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--id') only = args[++i];
    else if (args[i] === '--all') all = true;
    else if (args[i] === '--min') min = Number(args[++i]);
    else pos.push(args[i]);
  }
  if (pos[0]) predDir = path.resolve(pos[0]);
  const ids = fs.readdirSync(corpus).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  for (const id of ids) {
    if (only && !id.startsWith(only)) continue;
    const truth = JSON.parse(fs.readFileSync(path.join(corpus, `${id}.json`), 'utf8')).articleBody || '';
    const f = path.join(predDir, `${id}.txt`);
    const pred = fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
    const d = diffPage(truth, pred, min);
    if (!all && !only && !d.kept.length && !d.lost.length) continue;
    console.log(`\n=== ${id.slice(0, 12)} (truth ${shingles(truth).length} shingles)`);
    for (const k of d.kept) console.log(`  + [${k.miss}/${k.of}] ${k.text.slice(0, 200).replace(/\n/g, ' ')}`);
    for (const k of d.lost) console.log(`  - [${k.miss}/${k.of}] ${k.text.slice(0, 200).replace(/\n/g, ' ')}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
