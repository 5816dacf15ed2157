// Builds the command-line bundle once before the unit tests when it is missing or older than the
// sources, so the CLI tests run `node bin/decant.mjs` exactly as a user does (`npm test` builds first;
// this covers `npx vitest run` on its own). The build regenerates src/core/rules/version.ts, so the
// rules-version check runs first and its verdict is handed to test/registry.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `node scripts/rules-version.mjs --check` before this run's build: its stderr, empty when fresh. */
    rulesVersionCheck: string;
  }
}

export default function setup(project: TestProject): void {
  const check = spawnSync(process.execPath, ['scripts/rules-version.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
  project.provide('rulesVersionCheck', check.status === 0 ? '' : check.stderr || `exit ${check.status}`);
  const bundle = path.join(ROOT, 'dist', 'cli', 'decant.mjs');
  const stale = !fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < Math.max(newestMtime(path.join(ROOT, 'src')), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
  if (stale) execFileSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
