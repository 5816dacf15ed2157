/**
 * Runs the real command line for the batch tests, in a child process, as a user would
 * (test/global-setup.ts keeps dist/ fresh). Worker threads only run from the bundle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { BIN } from '../cli-lib';

const RUNNER = BIN;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `decant …` to completion. */
export function decant(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Run {
  const r = spawnSync(process.execPath, [RUNNER, ...args], { cwd: opts.cwd, encoding: 'utf8', timeout: opts.timeoutMs ?? 300_000, maxBuffer: 256 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Start `decant …` without waiting. */
export function startDecant(args: string[]): ChildProcess {
  return spawn(process.execPath, [RUNNER, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `decant-${prefix}-`));
}

/** Parse a JSONL output file. */
export function readJsonl<T = Record<string, unknown>>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
