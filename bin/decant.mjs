#!/usr/bin/env node
// The command-line entry: runs the bundled CLI (built by `npm run build` into dist/cli/decant.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const bundle = path.join(here, '..', 'dist', 'cli', 'decant.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('decant: the CLI is not built yet; run `npm run build` first\n');
  process.exit(2);
}
const { main } = await import(bundle);
process.exitCode = await main(process.argv.slice(2));
