#!/usr/bin/env node
// npm run bench:fuzz [runs] [seed] — the long run of the pipeline's property tests
// (test/robustness/pipeline.property.test.ts): many more random hostile pages than CI's fixed-seed
// run, with a fresh seed unless one is given. A failure prints fast-check's seed and path; replay it
// with `FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx vitest run --project unit test/robustness`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './lib.mjs';

const runs = Number(process.argv[2] ?? process.env.FUZZ_RUNS ?? 2000);
const seed = Number(process.argv[3] ?? process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
console.log(`bench:fuzz — ${runs} runs per property, seed ${seed}`);
const started = Date.now();
const r = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'test/robustness/pipeline.property.test.ts', '-t', 'random hostile pages'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed), FUZZ_TIMEOUT_MS: String(Math.max(600_000, runs * 2_000)) },
});
console.log(`bench:fuzz — ${runs} runs × 2 properties, seed ${seed}: ${r.status === 0 ? 'no counterexample' : 'FAILED (see above)'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(r.status ?? 1);
