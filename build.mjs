#!/usr/bin/env node
// Builds Decant: the command-line tool (dist/cli/decant.mjs) and the extension for Chrome and
// Firefox (dist/chrome, dist/firefox, and zip packages) from one manifest source.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = path.dirname(fileURLToPath(import.meta.url));
process.chdir(root);
execFileSync(process.execPath, ['scripts/rules-version.mjs'], { stdio: 'inherit' });

const started = Date.now();
await esbuild.build({
  // The batch worker is its own file: worker threads load it by URL next to decant.mjs.
  entryPoints: { decant: 'src/cli/index.ts', 'batch-worker': 'src/cli/batch-worker.ts' },
  outdir: 'dist/cli',
  // Chunks: what only converting needs (jsdom, the pipeline, the renderers) loads when a page is
  // converted, so `decant batch`'s coordinator never loads it (src/cli/index.ts).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  sourcemap: 'linked',
  logLevel: 'warning',
});

let extension = null;
if (fs.existsSync('scripts/build-extension.mjs')) {
  extension = await import('./scripts/build-extension.mjs');
  await extension.buildExtension({ root });
}
console.log(`built dist/cli${extension ? ', dist/chrome, dist/firefox' : ''} in ${Date.now() - started} ms`);
