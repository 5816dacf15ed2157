/**
 * Worker threads for `decant batch`: one page at a time per worker (jsdom and the pipeline are
 * synchronous), a hang guard per page, and a fresh worker when one dies or hangs, so one bad page
 * costs one failed record, never the run.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Job, JobResult } from './batch-job';
import { toFailedRecord } from '../export/record';

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  resolve: ((r: JobResult) => void) | null;
  /** Pages this worker has finished (a worker that dies before its first page is a setup failure). */
  served: number;
}

export interface PoolOptions {
  size: number;
  workerUrl: URL;
  /** A page still running after this long is recorded as timed out and its worker replaced. */
  timeoutMs: number;
  /** Replace each worker after this many pages (bounds any slow growth of memory). */
  recycleAfter: number;
  /** V8 old-generation limit per worker (MB), so it collects garbage before its heap balloons; unset: V8's default. */
  heapMb?: number;
  /** V8 young-generation size per worker (MB); unset: V8's default. */
  youngMb?: number;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private idle: Slot[] = [];
  private waiting: { resolve: (s: Slot) => void; reject: (e: Error) => void }[] = [];
  private fatal: Error | null = null;
  private closing = false;

  constructor(private readonly opts: PoolOptions) {
    for (let i = 0; i < opts.size; i++) this.spawn();
  }

  private spawn(): Slot {
    const resourceLimits: ResourceLimits = {};
    if (this.opts.heapMb) resourceLimits.maxOldGenerationSizeMb = this.opts.heapMb;
    if (this.opts.youngMb) resourceLimits.maxYoungGenerationSizeMb = this.opts.youngMb;
    const slot: Slot = { worker: new Worker(this.opts.workerUrl, { resourceLimits }), job: null, timer: null, resolve: null, served: 0 };
    slot.worker.on('message', (r: JobResult) => this.finish(slot, r, false));
    slot.worker.on('error', (e) => this.died(slot, `the worker crashed on it (${e.message})`));
    slot.worker.on('exit', (code) => {
      if (!this.closing && this.slots.includes(slot)) this.died(slot, `the worker exited on it (code ${code})`);
    });
    this.slots.push(slot);
    this.release(slot);
    return slot;
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next.resolve(slot);
    else this.idle.push(slot);
  }

  private finish(slot: Slot, r: JobResult, replace: boolean): void {
    if (slot.timer) clearTimeout(slot.timer);
    const resolve = slot.resolve;
    slot.job = null;
    slot.timer = null;
    slot.resolve = null;
    slot.served++;
    resolve?.(r);
    if (replace || slot.served >= this.opts.recycleAfter) this.replace(slot);
    else this.release(slot);
  }

  private replace(slot: Slot): void {
    this.slots = this.slots.filter((s) => s !== slot);
    this.idle = this.idle.filter((s) => s !== slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    if (!this.closing && !this.fatal) this.spawn();
  }

  private died(slot: Slot, message: string): void {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    if (!job && slot.served > 0) {
      this.replace(slot); // died between pages: nothing lost, start another
      return;
    }
    if (!job) {
      // No page to blame: the worker cannot start at all (a broken install). Stop the run.
      this.fatal = new Error(`a batch worker could not start: ${message.replace(/ on it/, '')}`);
      this.slots = this.slots.filter((s) => s !== slot);
      for (const w of this.waiting.splice(0)) w.reject(this.fatal);
      return;
    }
    this.finish(slot, failure(job, 'crash', message), true);
  }

  /** Clean one page on the next free worker. */
  async run(job: Job): Promise<JobResult> {
    if (this.fatal) throw this.fatal;
    const slot = this.idle.pop() ?? (await new Promise<Slot>((resolve, reject) => this.waiting.push({ resolve, reject })));
    if (this.fatal) throw this.fatal;
    return new Promise<JobResult>((resolve) => {
      slot.job = job;
      slot.resolve = resolve;
      slot.timer = setTimeout(() => this.finish(slot, failure(job, 'timeout', `cleaning took longer than ${Math.round(this.opts.timeoutMs / 1000)} s`), true), this.opts.timeoutMs);
      // Copied, not transferred: the main thread keeps the bytes to hash them if the worker dies.
      slot.worker.postMessage(job);
    });
  }

  get error(): Error | null {
    return this.fatal;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}

function failure(job: Job, kind: 'crash' | 'timeout', message: string): JobResult {
  return { seq: job.seq, failed: true, line: JSON.stringify(toFailedRecord(job.identity, { kind, message }, { url: job.url, capturedAt: job.capturedAt, source: job.bytes })) };
}
