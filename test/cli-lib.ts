/**
 * Running the built command line the way a user does: `node bin/decant.mjs …` in a child process
 * (test/global-setup.ts builds it). Inputs are written to a fresh temporary directory per test file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers';

export const BIN = path.join(ROOT, 'bin', 'decant.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `decant args…`; `input` is piped to stdin. A generous timeout only guards against hangs. */
export function decant(args: string[], input?: string | Uint8Array): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory, removed when the process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `decant-${prefix}-`));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A small page with an article (four paragraphs), titled `title`. */
export function articlePage(title: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${'<p>The ferry between the two villages has run since 1921, and the people on both banks would rather keep it than see a bridge built upstream.</p>'.repeat(4)}</article></body></html>`;
}
