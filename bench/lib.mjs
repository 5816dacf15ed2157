// Shared helpers for the benchmarks: paths, a fresh bundle of the core for in-process timing, and
// running the built CLI exactly as a user would (the scores are of what the CLI writes).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const shared = path.resolve(process.env.DECANT_SHARED ?? path.join(root, '..', 'shared'));
export const workDir = path.join(root, '.bench');

/** Build (if needed) and return the CLI entry. */
export function ensureBuilt() {
  const r = spawnSync(process.execPath, [path.join(root, 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('build failed');
  return path.join(root, 'bin', 'decant.mjs');
}

/** Run the CLI over a directory into outDir; returns {status, stderr}. */
export function runCli(args) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'decant.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** Bundle src modules for in-process use (timing); returns the imported module. */
export async function loadCore() {
  const out = path.join(workDir, 'core-bundle.mjs');
  fs.mkdirSync(workDir, { recursive: true });
  await esbuild.build({
    stdin: {
      contents: `export { cleanArticle } from './src/core/index.ts'; export { parseHtml } from './src/cli/parse.ts'; export { decodeHtml } from './src/cli/decode.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: out,
    logLevel: 'warning',
  });
  return import(pathToFileURL(out).href + `?t=${Date.now()}`);
}

/** Run a scorer script and return its JSON summary (last stdout line) plus the full output. */
export function score(script, args) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${path.basename(script)} failed: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return { summary: JSON.parse(lines[lines.length - 1]), output: lines.slice(0, -1).join('\n') };
}

export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/**
 * Close a page's jsdom window and let the event loop turn once: jsdom frees a closed window only then.
 * A loop that never yields keeps every page it has read alive (about 2.5 MB a corpus page even after a
 * forced gc; three rounds of the corpus ran out of a 4 GB heap), and every major GC then walks all of
 * them, inside whichever extractor's timing it lands. The CLI, batch workers and the browser free
 * each page when they are done with it; the benchmarks do the same.
 */
export async function releasePage(page) {
  page.window.close();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

