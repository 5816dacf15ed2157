/**
 * Library exports and their import (issue 6 §2):
 *
 * - **JSONL**: one export record per line (CONTRACT §5), each with an extra `library` object —
 *   `{savedAt, tags, citation}` — so that an import gives back exactly what was saved.
 * - **ZIP**: per article `<name>.md` (Markdown with front matter) and `<name>.json` (the export
 *   record), named by `fileNameOf` (date, title slug, text digest), plus `manifest.json` listing every
 *   article with its files and its library data.
 *
 * Import reads both back (JSONL, or ZIP recognised by its `PK` signature), and a JSON file of one
 * export record or an array of them (what `decant --format json` writes), checks each record's shape
 * and that its `sha256Text` is the digest of its text, and returns the entries with a sentence for
 * each line or file it could not use. Loaded only by the library page and export actions — never by
 * the content script.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { CitationMeta } from '../core/types';
import { DECANT_VERSION, sha256Hex, type ExportRecord } from '../export/record';
import { baseNameOf } from '../export/filename';
import { toMarkdown } from '../export/markdown';
import { entryIdOf, normaliseTags, type LibraryEntry } from './entry';

type Win = Window & typeof globalThis;

export const MANIFEST_FORMAT = 'decant-library';
export const MANIFEST_VERSION = 1;

/** What a JSONL line carries beyond the export record. */
export interface LibraryFields {
  savedAt: string;
  tags: string[];
  citation: CitationMeta | null;
}

export interface ManifestArticle extends LibraryFields {
  json: string;
  markdown: string;
  title: string | null;
  url: string | null;
  sha256Text: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  exportedAt: string;
  decantVersion: string;
  count: number;
  articles: ManifestArticle[];
}

const libraryFields = (e: LibraryEntry): LibraryFields => ({ savedAt: e.savedAt, tags: [...e.tags], citation: e.citation });

/** Entries as JSONL text: one record per line, with its `library` fields. */
export function toJsonl(entries: readonly LibraryEntry[]): string {
  return entries.map((e) => JSON.stringify({ ...e.record, library: libraryFields(e) })).join('\n') + (entries.length ? '\n' : '');
}

/** Entries as a ZIP archive. `doc` (any document) is the factory Turndown needs for the Markdown. */
export function toZip(entries: readonly LibraryEntry[], doc: Document, win?: Win, now = new Date()): Uint8Array {
  const files: Zippable = {};
  const articles: ManifestArticle[] = [];
  const used = new Set<string>();
  for (const e of entries) {
    let base = baseNameOf(e.record);
    // Same title, date and text but another URL: still two files.
    for (let n = 2; used.has(base); n++) base = `${baseNameOf(e.record)}-${n}`;
    used.add(base);
    const json = `${base}.json`;
    const markdown = `${base}.md`;
    files[json] = [strToU8(`${JSON.stringify(e.record, null, 2)}\n`), { mtime: now }];
    files[markdown] = [strToU8(toMarkdown(e.record, doc, win)), { mtime: now }];
    articles.push({ json, markdown, title: e.record.title, url: e.record.canonicalUrl ?? e.record.url, sha256Text: e.record.provenance.sha256Text, ...libraryFields(e) });
  }
  const manifest: Manifest = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, exportedAt: now.toISOString(), decantVersion: DECANT_VERSION, count: articles.length, articles };
  files['manifest.json'] = [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { mtime: now }];
  return zipSync(files, { level: 6 });
}

export interface ParsedImport {
  entries: LibraryEntry[];
  /** One sentence per line or file that could not be used. */
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

/** Why a value is not an export record, or null when it is one. */
export function recordProblem(v: unknown): string | null {
  if (!isObject(v)) return 'it is not a JSON object';
  if ('error' in v && 'input' in v) return 'it is a failed batch record (no article)';
  if (!('contentHtml' in v) && !('text' in v) && !('provenance' in v)) return 'it is not a Decant export record';
  for (const k of ['contentHtml', 'text'] as const) if (!isStr(v[k])) return `"${k}" is missing`;
  for (const k of ['title', 'byline', 'siteName', 'lang', 'publishedTime', 'modifiedTime', 'excerpt', 'url', 'canonicalUrl', 'leadImageUrl'] as const) {
    if (!isStrOrNull(v[k])) return `"${k}" is missing`;
  }
  if (!Array.isArray(v.authors) || !Array.isArray(v.removed) || !Array.isArray(v.warnings)) return '"authors", "removed" or "warnings" is missing';
  if (typeof v.wordCount !== 'number' || typeof v.readingTimeMinutes !== 'number') return '"wordCount" is missing';
  const p = v.provenance;
  if (!isObject(p) || !isStr(p.sha256Text) || !isStr(p.sha256Html) || !isStr(p.processedAt)) return '"provenance" is missing or incomplete';
  if (sha256Hex(v.text as string) !== p.sha256Text) return 'its text does not match its sha256Text (the file was changed)';
  return null;
}

function citationOf(v: unknown): CitationMeta | null {
  if (!isObject(v)) return null;
  const keys = ['doi', 'journal', 'publisher', 'volume', 'issue', 'firstPage', 'lastPage', 'pdfUrl'] as const;
  return Object.fromEntries(keys.map((k) => [k, isStr(v[k]) ? v[k] : null])) as unknown as CitationMeta;
}

function toEntry(record: ExportRecord, fields: unknown, fallbackSavedAt: string): LibraryEntry {
  const f = isObject(fields) ? fields : {};
  const savedAt = isStr(f.savedAt) && !Number.isNaN(Date.parse(f.savedAt)) ? f.savedAt : fallbackSavedAt;
  // The library's own field, else the record's (a `decant --format json` or batch record has no `library`).
  return { id: entryIdOf(record), record, citation: citationOf(isObject(f.citation) ? f.citation : record.citation), tags: normaliseTags(Array.isArray(f.tags) ? f.tags.filter(isStr) : []), savedAt };
}

/** Add `v` to `out` as an entry when it is an export record (with or without `library` and batch's `input`), else say why `label` was skipped. */
function addRecord(out: ParsedImport, v: unknown, label: string, now: string): void {
  const problem = recordProblem(v);
  if (problem) {
    out.problems.push(`${label} was skipped: ${problem}.`);
    return;
  }
  const { library, input: _input, ...record } = v as ExportRecord & { library?: unknown; input?: unknown };
  out.entries.push(toEntry(record as ExportRecord, library, now));
}

function parseJsonl(text: string, now: string): ParsedImport {
  const out: ParsedImport = { entries: [], problems: [] };
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      out.problems.push(`Line ${i + 1} is not JSON.`);
      return;
    }
    addRecord(out, v, `Line ${i + 1}`, now);
  });
  return out;
}

/**
 * A JSON file holding one export record (pretty-printed over many lines, as `decant --format json`
 * and the ZIP's files write it) or an array of them; null when the text is not one JSON value, as
 * JSONL of two or more lines is not.
 */
function parseJson(text: string, now: string): ParsedImport | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const out: ParsedImport = { entries: [], problems: [] };
  if (Array.isArray(v)) v.forEach((item, i) => addRecord(out, item, `Item ${i + 1}`, now));
  else addRecord(out, v, 'The record', now);
  return out;
}

function parseZip(bytes: Uint8Array, now: string): ParsedImport {
  const out: ParsedImport = { entries: [], problems: [] };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => /\.json$/i.test(f.name) && f.originalSize < 64 * 1024 * 1024 });
  } catch (e) {
    return { entries: [], problems: [`The ZIP file could not be read (${(e as Error).message}).`] };
  }
  const read = (name: string): unknown => JSON.parse(strFromU8(files[name]));
  let listed: { json: string; fields: unknown }[];
  if (files['manifest.json']) {
    let manifest: unknown;
    try {
      manifest = read('manifest.json');
    } catch {
      return { entries: [], problems: ['manifest.json in the ZIP is not JSON.'] };
    }
    if (!isObject(manifest) || manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.articles)) return { entries: [], problems: ['This ZIP is not a Decant library export (its manifest.json says otherwise).'] };
    listed = manifest.articles.filter(isObject).map((a) => ({ json: String(a.json), fields: a }));
  } else {
    // No manifest: every .json file is taken as one record.
    listed = Object.keys(files).sort().map((json) => ({ json, fields: null }));
    if (!listed.length) return { entries: [], problems: ['This ZIP holds no Decant records (no manifest.json and no .json file): Decant imports its own library exports.'] };
  }
  for (const { json, fields } of listed) {
    if (!files[json]) {
      out.problems.push(`${json} is listed in the manifest but missing from the ZIP.`);
      continue;
    }
    let v: unknown;
    try {
      v = read(json);
    } catch {
      out.problems.push(`${json} is not JSON.`);
      continue;
    }
    const problem = recordProblem(v);
    if (problem) out.problems.push(`${json} was skipped: ${problem}.`);
    else out.entries.push(toEntry(v as ExportRecord, fields, now));
  }
  return out;
}

/** Read a library export (ZIP, JSONL, or JSON: one export record or an array of them) back into entries. Never throws. */
export function parseLibraryFile(bytes: Uint8Array, now = new Date()): ParsedImport {
  const at = now.toISOString();
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return parseZip(bytes, at);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { entries: [], problems: ['This file is neither a ZIP nor UTF-8 JSON or JSONL: Decant imports its own library exports.'] };
  }
  const body = text.replace(/^\uFEFF/, '');
  const parsed = parseJson(body, at) ?? parseJsonl(body, at);
  if (!parsed.entries.length && !parsed.problems.length) parsed.problems.push('The file is empty.');
  return parsed;
}
