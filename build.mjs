#!/usr/bin/env node
// Builds Decant: the command-line tool (dist/cli/decant.mjs) and the extension for Chrome and
// Firefox (dist/chrome, dist/firefox, and zip packages) from one manifest source.
import { buildCli } from './scripts/build-cli.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = path.dirname(fileURLToPath(import.meta.url));
process.chdir(root);
execFileSync(process.execPath, ['scripts/rules-version.mjs'], { stdio: 'inherit' });

const started = Date.now();
await buildCli({ root });

let extension = null;
if (fs.existsSync('scripts/build-extension.mjs')) {
  extension = await import('./scripts/build-extension.mjs');
  await extension.buildExtension({ root });
}
console.log(`built dist/cli${extension ? ', dist/chrome, dist/firefox' : ''} in ${Date.now() - started} ms`);
