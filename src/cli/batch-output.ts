/**
 * The JSONL output of `decant batch`, and what `--resume` learns from it.
 *
 * Every line is written whole with one `write` call, so a run killed between two pages leaves only
 * complete lines. A kill in the middle of a write (or a full disk) can still leave a torn last line:
 * resume cuts the file back to its last complete line and redoes that input. Inputs are recognised by
 * identity (`input.kind` + `input.id`), never by content.
 */
import fs from 'node:fs';
import type { SourceKind } from './batch-inputs';
import type { InputIdentity } from '../export/record';

export class OutputError extends Error {
  override name = 'OutputError';
}

export const identityKey = (id: InputIdentity): string => `${id.kind}\u0000${id.id}`;

export interface ResumeState {
  /** Identities already in the output. */
  done: Set<string>;
  articles: number;
  failed: number;
  /** Bytes cut from the end (a torn last line), 0 when the file ended cleanly. */
  truncated: number;
}

// Lines start with the identity (`{"input":{"kind":"…","id":"…"}`); reading it with a pattern keeps
// resume fast on outputs of many GB. Anything else goes through JSON.parse.
const HEAD = /^\{"input":\{"kind":"(file|warc|jsonl)","id":("(?:[^"\\]|\\.)*")\}/;

function parseLine(line: string): { identity: InputIdentity; failed: boolean } | null {
  const m = HEAD.exec(line);
  if (m && line.endsWith('}')) {
    try {
      return { identity: { kind: m[1] as SourceKind, id: JSON.parse(m[2]) as string }, failed: line.startsWith('"error":', m[0].length + 1) };
    } catch {
      /* fall through */
    }
  }
  try {
    const o = JSON.parse(line) as { input?: InputIdentity; error?: unknown };
    if (o && o.input && typeof o.input.kind === 'string' && typeof o.input.id === 'string') return { identity: o.input, failed: 'error' in o };
  } catch {
    /* not a line */
  }
  return null;
}

/**
 * Read an existing output for `--resume`: the identities it holds, cutting a torn last line. Throws
 * OutputError when a line in the middle is not a record or the records are of another input kind.
 */
export async function readResumeState(file: string, kind: SourceKind): Promise<ResumeState> {
  const state: ResumeState = { done: new Set(), articles: 0, failed: 0, truncated: 0 };
  if (!fs.existsSync(file)) return state;
  const fd = fs.openSync(file, 'r+');
  try {
    const size = fs.fstatSync(fd).size;
    const chunk = Buffer.alloc(1 << 20);
    let pending: Buffer[] = [];
    let pendingLen = 0;
    let offset = 0; // file offset of the start of the pending line
    let pos = 0;
    let lineNo = 0;
    let bad: { lineNo: number; offset: number } | null = null;
    const takeLine = (buf: Buffer, endOffset: number): void => {
      lineNo++;
      const text = buf.toString('utf8');
      if (bad) throw new OutputError(`line ${bad.lineNo} of ${file} is not a Decant record, and more lines follow it: the file is damaged (was it written by two runs at once?)`);
      if (!text.trim()) {
        offset = endOffset;
        return;
      }
      const parsed = parseLine(text);
      if (!parsed) bad = { lineNo, offset };
      else {
        if (parsed.identity.kind !== kind) throw new OutputError(`${file} holds records of a ${parsed.identity.kind} input, not of this ${kind} input; give another --out`);
        state.done.add(identityKey(parsed.identity));
        if (parsed.failed) state.failed++;
        else state.articles++;
      }
      offset = endOffset;
    };
    while (pos < size) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, pos);
      if (!n) break;
      let start = 0;
      for (let i = 0; i < n; i++) {
        if (chunk[i] !== 0x0a) continue;
        const piece = chunk.subarray(start, i);
        const line = pendingLen ? Buffer.concat([...pending, piece]) : Buffer.from(piece);
        pending = [];
        pendingLen = 0;
        takeLine(line, pos + i + 1);
        start = i + 1;
      }
      if (start < n) {
        pending.push(Buffer.from(chunk.subarray(start, n)));
        pendingLen += n - start;
      }
      pos += n;
    }
    // What follows the last newline is a torn line (a complete line always ends with "\n"); a last
    // line that is not a record is torn too.
    const cut = bad ? (bad as { offset: number }).offset : offset;
    if (cut < size) {
      fs.ftruncateSync(fd, cut);
      state.truncated = size - cut;
    }
  } finally {
    fs.closeSync(fd);
  }
  return state;
}

/** Appends whole lines to the output. */
export class OutputWriter {
  private fd: number;
  constructor(readonly file: string, append: boolean) {
    this.fd = fs.openSync(file, append ? 'a' : 'wx');
  }
  /** Write one line (one `write` call, so a kill leaves whole lines). */
  write(line: string): void {
    fs.writeSync(this.fd, `${line}\n`);
  }
  close(): void {
    if (this.fd < 0) return;
    try {
      fs.fsyncSync(this.fd);
    } catch {
      /* pipes and some file systems cannot fsync */
    }
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}
