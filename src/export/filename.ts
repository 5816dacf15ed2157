/**
 * File names for exported articles: `<date>-<title-slug>-<id>.<ext>`, for example
 * `2019-03-30-u-s-warns-russia-over-troops-in-venezuela-threatens-sanctions-3f9a1c2.md`.
 *
 * - Safe on every common file system and in ZIP archives: no `/ \ : * ? " < > |`, no control
 *   characters, no leading or trailing dots or spaces, never a bare Windows device name (the id suffix
 *   sees to that), at most 120 bytes of UTF-8 for the slug (ext4 and NTFS allow 255).
 * - Nothing lost that matters: letters and digits of every script stay (a Russian title keeps its
 *   Cyrillic), accents stay (NFC), the full title is inside the file anyway. A title with no letters
 *   at all becomes `untitled`.
 * - Stable and unique: the same article always gets the same name; two articles with the same title
 *   and date differ by the last part, the first 7 hex digits of `sha256Text`.
 * - Date: `publishedTime`, else `capturedAt`, as YYYY-MM-DD (never processedAt, which changes every run).
 */
import type { ExportRecord } from './record';

const MAX_SLUG_BYTES = 120;

/** What a file name is made of: the title, the dates and the text's digest. */
export interface NameSource {
  title: string | null;
  publishedTime: string | null;
  provenance: Pick<ExportRecord['provenance'], 'capturedAt' | 'sha256Text'>;
}

const encoder = new TextEncoder();

/** Cut a string to at most `max` UTF-8 bytes without splitting a character. */
function cutToBytes(s: string, max: number): string {
  if (encoder.encode(s).length <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = encoder.encode(ch).length;
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** A title as a file-name slug: lower case, letters/digits of any script, words joined by `-`. */
export function slugify(title: string | null | undefined, maxBytes = MAX_SLUG_BYTES): string {
  const words = (title ?? '')
    .normalize('NFC')
    .toLowerCase()
    // Apostrophes join a word ("Trump's" → "trumps"), everything else that is not a letter, mark or
    // digit separates words.
    .replace(/['’‘ʼ]/g, '')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (encoder.encode(next).length > maxBytes) {
      if (!slug) slug = cutToBytes(w, maxBytes); // one very long word: cut inside it
      break;
    }
    slug = next;
  }
  if (!slug) slug = 'untitled';
  return slug;
}

/** YYYY-MM-DD of publishedTime, else capturedAt; null when neither is known. */
export function dateOf(record: NameSource): string | null {
  for (const v of [record.publishedTime, record.provenance.capturedAt]) {
    const m = v ? /^(\d{4})(?:-(\d{2})-(\d{2}))?/.exec(v) : null;
    if (m) return m[2] ? `${m[1]}-${m[2]}-${m[3]}` : m[1];
  }
  return null;
}

/** The base name (no extension) for a record's files. */
export function baseNameOf(record: NameSource): string {
  const date = dateOf(record);
  const id = record.provenance.sha256Text.slice(0, 7);
  return [date, slugify(record.title), id].filter(Boolean).join('-');
}

/** The file name for a record in a format: `baseNameOf(record).ext`. */
export function fileNameOf(record: NameSource, ext: string): string {
  return `${baseNameOf(record)}.${ext.replace(/^\./, '')}`;
}
