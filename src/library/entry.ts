/**
 * One article in the saved library: the export record (CONTRACT §5, exactly as exported), the page's
 * citation metadata (for CSL-JSON and BibTeX later), the reader's tags and when it was saved.
 *
 * Two saves are the same article when they have the same URL and the same text (`sha256Text`): the
 * entry id is derived from both, so the store recognises a duplicate by its key alone — on Save and
 * on import. An updated article (same URL, new text) is a new entry.
 */
import { sha256Hex, type ExportRecord } from '../export/record';
import type { CitationMeta } from '../core/types';

export interface LibraryEntry {
  id: string;
  record: ExportRecord;
  citation: CitationMeta | null;
  tags: string[];
  /** ISO 8601. */
  savedAt: string;
}

/** The URL an entry is known by: canonical, else the page's, else the provenance's. */
export function urlOf(record: ExportRecord): string | null {
  return record.canonicalUrl ?? record.url ?? record.provenance.url ?? null;
}

/** The entry id: 32 hex of SHA-256 over the URL and the text's digest. */
export function entryIdOf(record: ExportRecord): string {
  return sha256Hex(`${urlOf(record) ?? ''}\n${record.provenance.sha256Text}`).slice(0, 32);
}

const MAX_TAG = 40;
const MAX_TAGS = 30;

/** Tags as the reader typed them: trimmed, inner spaces kept, no commas, no duplicates (case-insensitive). */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags.flatMap((t) => String(t).split(','))) {
    const t = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_TAG);
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
    if (out.length >= MAX_TAGS) break;
  }
  return out;
}

export function newEntry(record: ExportRecord, citation: CitationMeta | null = null, tags: readonly string[] = [], savedAt = new Date()): LibraryEntry {
  return { id: entryIdOf(record), record, citation, tags: normaliseTags(tags), savedAt: savedAt.toISOString() };
}

const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\S\n]+/g, ' ').trim();

/**
 * Does an entry match a search? Every word of the query must occur in the title, the site, the
 * byline, the tags, the excerpt or the text (case and accents ignored). `#word` asks for a tag with
 * that word (`#climate` finds "climate" and "climate policy"); `"a phrase"` must occur as written,
 * and `#"climate policy"` is that tag exactly. An unclosed quote (still being typed) matches as far
 * as it goes.
 */
export function matchesQuery(entry: LibraryEntry, query: string): boolean {
  return matcher(query)(entry);
}

/** One condition of a search: `tag` for a `#` term, `quoted` for a phrase in quotes (`closed` once its quote is). */
interface Term {
  text: string;
  tag: boolean;
  quoted: boolean;
  closed: boolean;
}

function terms(query: string): Term[] {
  const out: Term[] = [];
  for (const m of fold(query).matchAll(/(#?)"([^"]*)("?)|(\S+)/g)) {
    const quoted = m[4] === undefined;
    const raw = quoted ? m[2] : m[4];
    const tag = quoted ? m[1] === '#' : raw.startsWith('#') && raw.length > 1;
    const text = (tag && !quoted ? raw.slice(1) : raw).trim();
    if (text) out.push({ text, tag, quoted, closed: quoted && m[3] === '"' });
  }
  return out;
}

/** `matchesQuery` for many entries: the query is read once. */
export function matcher(query: string): (entry: LibraryEntry) => boolean {
  const list = terms(query);
  if (!list.length) return () => true;
  return (entry) => {
    const { tags, hay } = searchable(entry);
    return list.every((t) => {
      if (!t.tag) return hay.includes(t.text);
      if (!t.quoted) return tags.some((tag) => tag.split(' ').includes(t.text));
      return tags.some((tag) => (t.closed ? tag === t.text : tag.startsWith(t.text)));
    });
  };
}

/** An entry's folded words, made once per entry (a search runs on every keystroke over every entry). */
const folded = new WeakMap<LibraryEntry, { tags: string[]; hay: string }>();
function searchable(entry: LibraryEntry): { tags: string[]; hay: string } {
  let f = folded.get(entry);
  if (!f) {
    const r = entry.record;
    // One field a line (a quoted phrase never runs from one into the next), spaces within made single.
    f = { tags: entry.tags.map(fold), hay: fold([r.title, r.siteName, r.byline, ...entry.tags, r.excerpt, r.text].filter(Boolean).map((x) => x!.replace(/\s+/g, ' ')).join('\n')) };
    folded.set(entry, f);
  }
  return f;
}

export const SORTS = {
  'saved-desc': 'Newest saved',
  'saved-asc': 'Oldest saved',
  published: 'Newest published',
  title: 'Title A–Z',
  site: 'Site A–Z',
  words: 'Longest',
} as const;
export type SortKey = keyof typeof SORTS;

/** The site an entry is listed under: its site name, else its address's host. */
export function siteOf(entry: LibraryEntry): string {
  if (entry.record.siteName) return entry.record.siteName;
  const url = urlOf(entry.record);
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const time = (s: string | null): number => (s ? Date.parse(s) : NaN);

/**
 * Entries in the order a reader asked for; `entries` is newest saved first (as `Library.list` gives
 * them) and ties keep that order. Entries without the sorted field (no date, no title) come last.
 */
export function sortEntries(entries: readonly LibraryEntry[], key: SortKey): LibraryEntry[] {
  const last = <T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number): number => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : cmp(a, b));
  const num = (v: number): number | null => (Number.isNaN(v) ? null : v);
  const by: Record<SortKey, (a: LibraryEntry, b: LibraryEntry) => number> = {
    'saved-desc': () => 0,
    'saved-asc': (a, b) => time(a.savedAt) - time(b.savedAt),
    published: (a, b) => last(num(time(a.record.publishedTime)), num(time(b.record.publishedTime)), (x, y) => y - x),
    title: (a, b) => last(a.record.title, b.record.title, collator.compare),
    site: (a, b) => last(siteOf(a) || null, siteOf(b) || null, collator.compare),
    words: (a, b) => b.record.wordCount - a.record.wordCount,
  };
  return [...entries].sort(by[key]);
}
