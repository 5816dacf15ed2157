/**
 * The export record (CONTRACT §5): the article fields, the ledger without HTML, warnings and
 * provenance. JSON, JSONL and the Markdown front matter are all this record; the JSON Schema in
 * `schema/article.schema.json` describes it.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { Article, CitationMeta, CleanResult, LedgerEntry } from '../core/types';
import { RULES_VERSION } from '../core/rules/version';
import pkg from '../../package.json';

export const DECANT_VERSION: string = pkg.version;

export interface Provenance {
  url: string | null;
  canonicalUrl: string | null;
  /** When the page was captured: the click in the browser, WARC-Date, the JSONL field; else null. */
  capturedAt: string | null;
  /** When the pipeline ran. */
  processedAt: string;
  decantVersion: string;
  rulesVersion: string;
  /** SHA-256 of `text` in UTF-8. */
  sha256Text: string;
  /** SHA-256 of the exact input bytes, or of the UTF-8 serialisation of the captured DOM. */
  sha256Html: string;
}

export type ExportedEntry = Omit<LedgerEntry, 'html'>;

export interface ExportRecord extends Article {
  /**
   * The page's scholarly citation metadata (`result.citation`: DOI, journal, volume, pages), null when
   * it has none, so that a record read back (library import) still cites what the page said. Absent
   * in records written before it was added.
   */
  citation?: CitationMeta | null;
  removed: ExportedEntry[];
  warnings: string[];
  provenance: Provenance;
}

export interface RecordInput {
  /** The exact input bytes, or the captured DOM's `outerHTML` string (hashed as UTF-8). */
  source?: Uint8Array | string;
  /** The hash when it was computed already (the browser hashes the DOM at the click). */
  sha256Html?: string;
  capturedAt?: string | null;
  processedAt?: Date;
}

/** Hex SHA-256 of bytes or of a string's UTF-8 encoding. */
export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

function sourceOf(input: RecordInput): Uint8Array | string {
  if (input.source === undefined) throw new TypeError('toRecord() needs the input (`source`) or its hash (`sha256Html`) for the provenance.');
  return input.source;
}

/** Build the export record of a result that has an article. */
export function toRecord(result: CleanResult & { article: Article }, input: RecordInput): ExportRecord {
  const a = result.article;
  return {
    ...a,
    citation: result.citation ?? null,
    removed: result.removed.map(({ html: _html, ...rest }) => rest),
    warnings: [...result.warnings],
    provenance: {
      url: a.url,
      canonicalUrl: a.canonicalUrl,
      capturedAt: input.capturedAt ?? null,
      processedAt: (input.processedAt ?? new Date()).toISOString(),
      decantVersion: DECANT_VERSION,
      rulesVersion: RULES_VERSION,
      sha256Text: sha256Hex(a.text),
      sha256Html: input.sha256Html ?? sha256Hex(sourceOf(input)),
    },
  };
}

/**
 * The record's fields in export order, without the body (for Markdown front matter). The contract's
 * fields stay, null when unknown (CONTRACT §1); the citation, which is Decant's own addition, keeps
 * only the fields the page gave (none: no `citation` key), so a news article's front matter is not a
 * column of nulls. The JSON record keeps every key: it is what a library import reads back.
 */
export function frontMatterOf(record: ExportRecord): Omit<ExportRecord, 'contentHtml' | 'text' | 'citation'> & { citation?: Partial<CitationMeta> } {
  const { contentHtml: _c, text: _t, ...rest } = record;
  const known = Object.entries(record.citation ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  // Key order as in the record (the citation stays between the article fields and the ledger).
  return Object.fromEntries(
    Object.entries(rest).flatMap(([k, v]): [string, unknown][] => (k !== 'citation' ? [[k, v]] : known.length ? [[k, Object.fromEntries(known)]] : [])),
  ) as ReturnType<typeof frontMatterOf>;
}

/**
 * Which input a batch line is for; `--resume` matches on it. `file`: the path relative to the input
 * directory; `warc`: the WARC-Record-ID; `jsonl`: the 1-based line number. Never a content hash, so
 * two inputs with the same bytes stay two inputs.
 */
export interface InputIdentity {
  kind: 'file' | 'warc' | 'jsonl';
  id: string;
}

/** What went wrong with an input, in words a user can act on (see schema/article.schema.json). */
export type FailureKind = 'no-article' | 'input' | 'timeout' | 'crash' | 'internal';

/** A batch line for an input that produced no article: the run goes on, and resume does not redo it. */
export interface FailedRecord {
  input: InputIdentity;
  error: { kind: FailureKind; message: string };
  provenance: {
    url: string | null;
    capturedAt: string | null;
    processedAt: string;
    decantVersion: string;
    rulesVersion: string;
    /** Null when the input's bytes could not be read (a JSONL line that is not JSON). */
    sha256Html: string | null;
  };
}

/** A batch line: the export record with its input's identity first, or a failed record. */
export type BatchLine = (ExportRecord & { input: InputIdentity }) | FailedRecord;

export function toFailedRecord(
  input: InputIdentity,
  error: FailedRecord['error'],
  known: { url?: string | null; capturedAt?: string | null; source?: Uint8Array | null; processedAt?: Date } = {},
): FailedRecord {
  return {
    input,
    error,
    provenance: {
      url: known.url ?? null,
      capturedAt: known.capturedAt ?? null,
      processedAt: (known.processedAt ?? new Date()).toISOString(),
      decantVersion: DECANT_VERSION,
      rulesVersion: RULES_VERSION,
      sha256Html: known.source ? sha256Hex(known.source) : null,
    },
  };
}

/** True for a batch line that carries an article. */
export function isArticleLine(line: BatchLine): line is ExportRecord & { input: InputIdentity } {
  return !('error' in line);
}
