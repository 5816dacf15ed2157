/**
 * A `decant batch` worker thread: cleans the pages the main thread sends, one at a time, and sends
 * back each finished JSONL line. Bundled as dist/cli/batch-worker.mjs next to the CLI.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './batch-job';

if (!parentPort) throw new Error('batch-worker.mjs runs only as a worker thread of `decant batch`.');
const port = parentPort;
port.on('message', (job: Job) => {
  port.postMessage(runJob(job));
});
