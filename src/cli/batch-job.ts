/**
 * One batch input → one JSONL line: the same pipeline and record as `decant <file> --format json`
 * (decode → parse → clean → record), with the input's identity first; or a failed record when the
 * input has no article or cannot be read. Runs in the worker threads; never throws.
 */
import { convert, NoArticleError } from './convert';
import { InputError } from './decode';
import { toFailedRecord, type FailureKind, type InputIdentity } from '../export/record';

export interface Job {
  seq: number;
  identity: InputIdentity;
  bytes: Uint8Array | null;
  url: string | null;
  charset: string | null;
  capturedAt: string | null;
  error?: { kind: FailureKind; message: string };
}

export interface JobResult {
  seq: number;
  line: string;
  failed: boolean;
}

export function runJob(job: Job): JobResult {
  const known = { url: job.url, capturedAt: job.capturedAt, source: job.bytes };
  const failed = (kind: FailureKind, message: string): JobResult => ({ seq: job.seq, failed: true, line: JSON.stringify(toFailedRecord(job.identity, { kind, message }, known)) });
  if (job.error || !job.bytes) return failed(job.error?.kind ?? 'input', job.error?.message ?? 'it has no content');
  try {
    const page = convert({ bytes: job.bytes, url: job.url, charset: job.charset, capturedAt: job.capturedAt });
    page.close();
    return { seq: job.seq, failed: false, line: JSON.stringify({ input: job.identity, ...page.record }) };
  } catch (e) {
    if (e instanceof NoArticleError) return failed('no-article', e.message);
    if (e instanceof InputError) return failed('input', e.message);
    return failed('internal', `Decant failed on it: ${(e as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}`);
  }
}
