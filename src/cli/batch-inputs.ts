/**
 * The inputs of `decant batch`, in a stable order, each with its identity (CONTRACT §4):
 *
 * - a directory: every `*.html`, `*.htm` (optionally `.gz`) under it, recursively, sorted by path;
 *   identity = the path relative to the directory, with `/` separators.
 * - a WARC file (`.warc`, `.warc.gz`, read with webrecorder's warcio): every `response` record with a
 *   2xx status and an HTML content type (`text/html`, `application/xhtml+xml`); identity =
 *   WARC-Record-ID. The HTTP Content-Type charset is the transport charset, WARC-Date is capturedAt,
 *   WARC-Target-URI is the url; the payload is de-chunked and content-decoded before cleaning.
 * - a JSONL file (`.jsonl`, `.ndjson`, optionally `.gz`): every non-blank line
 *   `{url, html[, capturedAt][, charset]}`; identity = the 1-based line number.
 *
 * `select(ordinal, identity)` says which inputs to load (sharding and resume): the others are passed
 * over without reading their bytes (a WARC record's payload is skipped, a JSONL line is not parsed).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { WARCParser } from 'warcio';
import type { FailureKind, InputIdentity } from '../export/record';
import { HTML_FILE } from './page-files';

export type SourceKind = InputIdentity['kind'];

export interface BatchInput {
  identity: InputIdentity;
  /** 0-based position among all inputs of the source (what `--shard` counts). */
  ordinal: number;
  bytes: Uint8Array | null;
  url: string | null;
  charset: string | null;
  capturedAt: string | null;
  /** Set when the input could not even be read (an unreadable file, a JSONL line that is not JSON). */
  error?: { kind: FailureKind; message: string };
}

export type Select = (ordinal: number, identity: InputIdentity) => boolean;

/** What the target is, from its type and name; null when batch cannot read it. */
export function sourceKindOf(target: string): SourceKind | null {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return null;
  if (stat.isDirectory()) return 'file';
  if (/\.warc(\.gz)?$/i.test(target)) return 'warc';
  if (/\.(jsonl|ndjson)(\.gz)?$/i.test(target)) return 'jsonl';
  return null;
}

/** Every HTML file under `dir`, as sorted relative paths with `/` separators. Symlinked files count; symlinked directories are not followed. */
export function listHtmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(child);
      else if (HTML_FILE.test(d.name) && (d.isFile() || (d.isSymbolicLink() && fs.statSync(path.join(dir, child), { throwIfNoEntry: false })?.isFile()))) out.push(child);
    }
  };
  walk('');
  // Code-point order, the same on every machine (never locale order).
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function isHttpUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
}

/** An ISO 8601 date-time as given when it parses, else null (capturedAt is never invented). */
export function normaliseCapturedAt(v: unknown): string | null {
  if (typeof v !== 'string' || !v.trim()) return null;
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s))) return s;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function charsetOf(contentType: string | null | undefined): string | null {
  const m = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType) : null;
  return m ? m[1] : null;
}

async function* readDirectory(dir: string, select: Select): AsyncGenerator<BatchInput> {
  const files = listHtmlFiles(dir);
  for (let i = 0; i < files.length; i++) {
    const identity: InputIdentity = { kind: 'file', id: files[i] };
    if (!select(i, identity)) continue;
    const base = { identity, ordinal: i, url: null, charset: null, capturedAt: null };
    try {
      yield { ...base, bytes: new Uint8Array(fs.readFileSync(path.join(dir, files[i]))) };
    } catch (e) {
      yield { ...base, bytes: null, error: { kind: 'input', message: `it cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` } };
    }
  }
}

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\b/i;

async function* readWarc(file: string, select: Select): AsyncGenerator<BatchInput> {
  const parser = new WARCParser(fs.createReadStream(file));
  let ordinal = 0;
  for await (const record of parser) {
    if (record.warcType !== 'response' || !record.httpHeaders) continue;
    const status = Number(record.httpHeaders.statusCode);
    const type = record.httpHeaders.headers.get('content-type');
    if (!(status >= 200 && status < 300) || !type || !HTML_TYPE.test(type)) continue;
    const identity: InputIdentity = { kind: 'warc', id: record.warcHeader('WARC-Record-ID') ?? `offset:${parser.offset}` };
    const i = ordinal++;
    if (!select(i, identity)) continue;
    const url = record.warcTargetURI ?? null;
    const base = { identity, ordinal: i, url: isHttpUrl(url) ? url : null, charset: charsetOf(type), capturedAt: normaliseCapturedAt(record.warcDate) };
    try {
      yield { ...base, bytes: await record.readFully(true) };
    } catch (e) {
      yield { ...base, bytes: null, error: { kind: 'input', message: `its payload cannot be read (${(e as Error).message})` } };
    }
  }
}

/** A JSONL line's `html` as bytes: a Unicode string is UTF-8; see `jsonlBytes`. */
export function jsonlBytes(html: string, charset: string | null): { bytes: Uint8Array; charset: string } {
  // A page stored byte-for-byte (each byte one U+0000–U+00FF character, as `latin-1` decoding writes
  // it) with its real charset named: give the decoder those bytes and that charset. Otherwise the
  // string is already text: it is encoded as UTF-8 and decoded as UTF-8, whatever its <meta> says.
  if (charset && !/^utf-?8$/i.test(charset) && !/[^\u0000-\u00ff]/.test(html)) return { bytes: new Uint8Array(Buffer.from(html, 'latin1')), charset };
  return { bytes: new Uint8Array(Buffer.from(html, 'utf8')), charset: 'utf-8' };
}

async function* readJsonl(file: string, select: Select): AsyncGenerator<BatchInput> {
  let stream: NodeJS.ReadableStream = fs.createReadStream(file);
  if (/\.gz$/i.test(file)) stream = stream.pipe(createGunzip());
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  let ordinal = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    const identity: InputIdentity = { kind: 'jsonl', id: String(lineNo) };
    const i = ordinal++;
    if (!select(i, identity)) continue;
    const fail = (message: string, url: string | null = null): BatchInput => ({ identity, ordinal: i, bytes: null, url, charset: null, capturedAt: null, error: { kind: 'input', message } });
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      yield fail(`line ${lineNo} is not JSON (${(e as Error).message})`);
      continue;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      yield fail(`line ${lineNo} is not a JSON object with "url" and "html"`);
      continue;
    }
    const o = obj as Record<string, unknown>;
    const url = isHttpUrl(o.url) ? o.url : null;
    if (typeof o.html !== 'string') {
      yield fail(`line ${lineNo} has no "html" string`, url);
      continue;
    }
    const charset = typeof o.charset === 'string' && o.charset.trim() ? o.charset.trim() : null;
    const { bytes, charset: transport } = jsonlBytes(o.html, charset);
    yield { identity, ordinal: i, bytes, url, charset: transport, capturedAt: normaliseCapturedAt(o.capturedAt) };
  }
}

/** Read the inputs of a batch source in order, loading only those `select` keeps. */
export function readInputs(target: string, kind: SourceKind, select: Select = () => true): AsyncGenerator<BatchInput> {
  switch (kind) {
    case 'file':
      return readDirectory(target, select);
    case 'warc':
      return readWarc(target, select);
    case 'jsonl':
      return readJsonl(target, select);
  }
}

/** How many inputs the source has (for the progress bar's total): one quick pass, no payloads read. */
export async function countInputs(target: string, kind: SourceKind, select: Select = () => true): Promise<number> {
  let n = 0;
  const counting: Select = (i, id) => {
    if (select(i, id)) n++;
    return false;
  };
  for await (const _ of readInputs(target, kind, counting)) void _;
  return n;
}
