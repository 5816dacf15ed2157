/**
 * `decant batch <dir|file.warc[.gz]|file.jsonl> --out FILE.jsonl [--workers N] [--shard k/n] [--resume]`
 * (CONTRACT §4): the same pipeline and export record as `decant <file> --format json`, over a corpus,
 * on worker threads, one JSONL line per input in input order.
 *
 * - Inputs and their identities: see batch-inputs.ts (file path, WARC-Record-ID, JSONL line number).
 * - An input that fails gets a failed record (`input`, `error`, provenance) and the run goes on.
 * - `--resume` reads the output, cuts a torn last line, and processes only the inputs not in it.
 * - `--shard k/n` takes inputs k, k+n, k+2n, … (1-based) of the source's order: n machines with
 *   k = 1…n cover every input exactly once.
 * - Exit code 0 when every input has its line (failed inputs included), 1 when the run could not
 *   finish (unreadable source, output error), 130 when interrupted, 2 on a usage error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countInputs, readInputs, sourceKindOf, type SourceKind } from './batch-inputs';
import { identityKey, OutputError, OutputWriter, readResumeState, type ResumeState } from './batch-output';
import { WorkerPool } from './batch-pool';
import type { Job, JobResult } from './batch-job';
import { progressBar, type Progress } from './progress';
import { makeOutDir } from './out-files';

const USAGE = `Usage: decant batch <dir|file.warc[.gz]|file.jsonl> --out FILE.jsonl [--workers N] [--shard k/n] [--resume]
  <dir>         every *.html / *.htm (also .gz) under it, recursively
  <file.warc>   every HTML response record (2xx) of a WARC or WARC.gz file
  <file.jsonl>  one {"url", "html"[, "capturedAt"][, "charset"]} object per line
  --out         the JSONL file to write: one export record per input, or a failed record with the error
  --workers N   worker threads (default: one per core, ${os.availableParallelism()} here)
  --shard k/n   only inputs k, k+n, k+2n, … (1 ≤ k ≤ n), to split a corpus across machines
  --resume      continue an interrupted run: keep the lines in --out and do only the inputs missing from it
Exit codes: 0 every input has its line (failed ones included), 1 the run could not finish, 2 a usage error,
130 interrupted (run again with --resume).`;

/** A hung page is given up after this long (a generous guard: pages take well under a second). */
const PAGE_TIMEOUT_MS = 120_000;
/** Each worker is replaced after this many pages, so no slow growth of memory can add up. */
const RECYCLE_AFTER = 250;
/**
 * Each worker's V8 old generation is capped (MB): with the default limit (GBs on a machine with much
 * memory) V8 lets the heap grow with each page until the worker is replaced, so memory saw-toothed
 * between 0.6 and 1.1 GB per worker and the peak depended on which pages came last. Capped, it
 * collects sooner and stays flat: one worker over 362 corpus pages peaked at 438 MB instead of 1058 MB
 * (no page failed; ~19% more CPU for the extra collections in that comparison). A page whose live DOM
 * needed more would fail as a crash record, and its worker be replaced.
 */
const WORKER_HEAP_MB = 512;
/**
 * Each worker's V8 young generation (MB). A page's DOM is garbage by the next page, but with V8's
 * default (16 MB semi-spaces) most of it lived through two scavenges and was promoted, so the old
 * generation filled and was marked and swept again and again — much of it on V8's helper threads, the
 * CPU that keeps two workers on two cores from going twice as fast. With 128 MB, `node bench/batch.mjs
 * --runs 1 --pages 181`, two runs each alternating with the default (2 cores, load 2.6–3.4): CPU per
 * page 181/180 → 152/156 ms with one worker (helper threads 69/68 → 51/51 ms), 205/214 → 178/193 ms
 * with two; pages/s 7.9/8.0 → 9.1/8.8 and 9.3/8.9 → 10.7/9.9; peak RSS 0.41 → 0.53–0.57 GB and
 * 0.61 → 0.84–0.86 GB. 256 MB bought little more speed for twice the extra memory; 512 less of both.
 */
const WORKER_YOUNG_MB = 128;

class UsageError extends Error {}

export interface BatchArgs {
  target: string;
  kind: SourceKind;
  out: string;
  workers: number;
  shard: { k: number; n: number } | null;
  resume: boolean;
}

export function parseBatchArgs(argv: string[]): BatchArgs | 'help' {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1)); // the end of the options, as for a single page
      break;
    }
    if (a === '-h' || a === '--help') return 'help';
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name === '--resume') flags.set(name, true);
    else if (['--out', '--workers', '--shard'].includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      flags.set(name, v);
    } else throw new UsageError(`unknown option ${name}`);
  }
  if (positional.length !== 1) throw new UsageError(`give one directory, WARC file or JSONL file (got ${positional.length})`);
  const target = positional[0];
  if (!fs.existsSync(target)) throw new UsageError(`${target}: no such file or directory`);
  const kind = sourceKindOf(target);
  if (!kind) throw new UsageError(`${target}: batch reads a directory, a .warc / .warc.gz file or a .jsonl file`);
  const out = flags.get('--out');
  if (typeof out !== 'string' || !out) throw new UsageError('--out FILE.jsonl is required');
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a directory; give a file name`);
  let workers = os.availableParallelism();
  if (flags.has('--workers')) {
    const w = String(flags.get('--workers'));
    if (!/^[1-9]\d*$/.test(w) || Number(w) > 256) throw new UsageError(`--workers must be a whole number from 1 to 256 (got ${w})`);
    workers = Number(w);
  }
  let shard: BatchArgs['shard'] = null;
  if (flags.has('--shard')) {
    const s = String(flags.get('--shard'));
    const m = /^([1-9]\d*)\/([1-9]\d*)$/.exec(s);
    if (!m || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n (got ${s})`);
    shard = { k: Number(m[1]), n: Number(m[2]) };
  }
  return { target, kind, out, workers, shard, resume: flags.has('--resume') };
}

/**
 * `workerUrl` is the bundled batch-worker.mjs: the entry (index.ts, at dist/cli/decant.mjs) names it,
 * since this module is bundled into a chunk of its own elsewhere.
 */
export async function runBatch(argv: string[], io: { stdout?: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, workerUrl: URL): Promise<number> {
  const say = (s: string): void => void io.stderr.write(`decant batch: ${s}\n`);
  let args: BatchArgs;
  try {
    const parsed = parseBatchArgs(argv);
    if (parsed === 'help') {
      (io.stdout ?? io.stderr).write(`${USAGE}\n`);
      return 0;
    }
    args = parsed;
  } catch (e) {
    if (e instanceof UsageError) {
      say(e.message);
      // The form and where the rest is, so the error itself stays in view.
      io.stderr.write(`${USAGE.split('\n')[0]}\nSee decant batch --help for the options and exit codes.\n`);
      return 2;
    }
    throw e;
  }
  if (!args.resume && fs.existsSync(args.out) && fs.statSync(args.out).size > 0) {
    say(`${args.out} already exists; add --resume to continue that run, or remove it first`);
    return 2;
  }

  // Its directory is made as `decant <dir> --out DIR` makes its own (a job array's first run writes
  // `/data/out/part-N.jsonl` before anything made /data/out).
  const outDirProblem = makeOutDir(path.dirname(args.out));
  if (outDirProblem) {
    say(`cannot write ${args.out}: ${outDirProblem}`);
    return 1;
  }

  let resume: ResumeState = { done: new Set(), articles: 0, failed: 0, truncated: 0 };
  try {
    if (args.resume) resume = await readResumeState(args.out, args.kind);
  } catch (e) {
    say(e instanceof OutputError ? e.message : `cannot read ${args.out}: ${(e as Error).message}`);
    return 1;
  }
  if (args.resume && (resume.done.size || resume.truncated)) {
    say(`resuming: ${resume.done.size} input(s) already in ${args.out}${resume.truncated ? ` (cut a torn last line of ${resume.truncated} bytes)` : ''}`);
  }

  const { shard } = args;
  const inShard = (ordinal: number): boolean => !shard || ordinal % shard.n === shard.k - 1;
  const select = (ordinal: number, id: { kind: SourceKind; id: string }): boolean => inShard(ordinal) && !resume.done.has(identityKey(id));

  const stderr = io.stderr as NodeJS.WriteStream;
  let bar: Progress | null = null;
  if (stderr.isTTY) {
    const todo = await countInputs(args.target, args.kind, select);
    bar = progressBar(todo, stderr);
  }

  let writer: OutputWriter;
  try {
    writer = new OutputWriter(args.out, args.resume);
  } catch (e) {
    say(`cannot write ${args.out}: ${(e as Error).message}`);
    return 1;
  }
  const pool = new WorkerPool({ size: args.workers, workerUrl, timeoutMs: PAGE_TIMEOUT_MS, recycleAfter: RECYCLE_AFTER, heapMb: WORKER_HEAP_MB, youngMb: WORKER_YOUNG_MB });

  const started = Date.now();
  let interrupted = false;
  const onSignal = (): void => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // Lines are written in input order: finished pages wait in `ready` until those before them are
  // written. At most `window` pages are in flight or waiting, which bounds memory.
  const window = args.workers * 4;
  const ready = new Map<number, JobResult>();
  let submitted = 0;
  let written = 0;
  let articles = 0;
  let failed = 0;
  let wake: (() => void) | null = null;
  let writeError: Error | null = null;
  const flush = (): void => {
    while (ready.has(written)) {
      const r = ready.get(written)!;
      ready.delete(written);
      try {
        if (!writeError) writer.write(r.line);
      } catch (e) {
        writeError = e as Error;
      }
      written++;
      if (r.failed) failed++;
      else articles++;
      bar?.tick();
    }
    wake?.();
  };
  const room = (): Promise<void> | null => (submitted - written >= window ? new Promise<void>((resolve) => (wake = () => ((wake = null), resolve()))) : null);

  let fatal: Error | null = null;
  try {
    for await (const input of readInputs(args.target, args.kind, select)) {
      if (interrupted || writeError || pool.error) break;
      const job: Job = { seq: submitted++, identity: input.identity, bytes: input.bytes, url: input.url, charset: input.charset, capturedAt: input.capturedAt, error: input.error };
      pool.run(job).then(
        (r) => {
          ready.set(r.seq, r);
          flush();
        },
        (e: Error) => {
          fatal ??= e;
          wake?.();
        },
      );
      let wait: Promise<void> | null;
      while ((wait = room()) && !fatal && !interrupted) await wait;
      if (fatal) break;
    }
    while (written < submitted && !fatal && !interrupted && !writeError) await new Promise<void>((resolve) => (wake = () => ((wake = null), resolve())));
  } catch (e) {
    fatal ??= e as Error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    bar?.done();
    writer.close();
    await pool.close();
  }

  const secs = (Date.now() - started) / 1000;
  const rate = written / Math.max(secs, 0.001);
  const pace = written ? ` in ${secs.toFixed(1)} s, ${rate.toFixed(1)} pages/s on ${args.workers} worker(s)` : '';
  const summary = `${written} record(s) written to ${args.out} (${articles} article(s), ${failed} failed${resume.done.size ? `; ${resume.done.size} already there` : ''})${pace}`;
  if (writeError) {
    say(`cannot write ${args.out}: ${(writeError as Error).message}; ${summary}`);
    return 1;
  }
  if (fatal) {
    say(`stopped: ${(fatal as Error).message}; ${summary}. Run again with --resume to continue.`);
    return 1;
  }
  if (interrupted) {
    say(`interrupted; ${summary}. Run again with --resume to continue.`);
    return 130;
  }
  say(summary);
  return 0;
}
