/**
 * Citations of an export record: CSL-JSON (the format Zotero, Pandoc and citeproc read) and BibTeX,
 * through citation-js. The page's own scholarly metadata wins when it has it (`citation_doi`,
 * `citation_journal_title`, volume, issue, pages — the core returns them as `result.citation`); a
 * news page without it becomes a newspaper article of its site.
 *
 * Loaded only by views that export (popup and reader actions, library, CLI) — never by the content
 * script. citation-js is given a finished CSL object, so it never resolves a DOI or URL (its fetch
 * code paths stay unused: Decant makes no network requests).
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { parse as parseName } from '@citation-js/name';
import type { CitationMeta } from '../core/types';
import type { ExportRecord } from './record';

/** One CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
  id: string;
  type: 'article-journal' | 'article-newspaper' | 'webpage';
  title?: string;
  author?: CslName[];
  'container-title'?: string;
  publisher?: string;
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  URL?: string;
  DOI?: string;
  volume?: string;
  issue?: string;
  page?: string;
  language?: string;
  abstract?: string;
}

export type CslName = { family: string; given?: string; suffix?: string; 'non-dropping-particle'?: string; 'dropping-particle'?: string } | { literal: string };

export const NO_CITATION: CitationMeta = Object.freeze({
  doi: null,
  journal: null,
  publisher: null,
  volume: null,
  issue: null,
  firstPage: null,
  lastPage: null,
  pdfUrl: null,
});

// Bylines that name an organisation rather than a person: kept whole ("literal"), never split into
// given and family names. (Reuters, "Moscow Times staff", "AP", "Editorial board").
const ORGANISATION = /\b(staff|news|times|post|press|agency|agencies|editors?|editorial|desk|team|board|reporters?|correspondents?|reuters|associated|afp|dpa|bbc|ria|tass)\b/i;

function toCslName(name: string, site: string | null): CslName {
  const n = name.trim();
  if (!/\s/.test(n) || ORGANISATION.test(n) || (site && n.toLowerCase() === site.toLowerCase())) return { literal: n };
  const parsed = parseName(n);
  if (!parsed.family) return { literal: n };
  return { ...parsed, family: parsed.family };
}

/**
 * `2019-03-29T20:30:00-05:00` / `2019-03-30T06:12:00.000Z` / `2019-03-30` / `2019` → CSL date-parts:
 * the calendar date as written, which is the page's own when it gave an offset (normalizeDate keeps it).
 */
export function toDateParts(value: string | null | undefined): { 'date-parts': number[][] } | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return undefined;
  return { 'date-parts': [m.slice(1).filter(Boolean).map(Number)] };
}

function normaliseDoi(doi: string | null): string | undefined {
  if (!doi) return undefined;
  const m = /10\.\d{4,9}\/\S+/.exec(decodeURIComponent(doi.trim()));
  return m ? m[0] : undefined;
}

/** The record as one CSL-JSON item. `meta` is the page's citation metadata (`result.citation`). */
export function toCsl(record: ExportRecord, meta: CitationMeta | null | undefined = NO_CITATION): CslItem {
  const c = meta ?? NO_CITATION;
  const doi = normaliseDoi(c.doi);
  const scholarly = !!(doi || c.journal || c.volume);
  const item: CslItem = {
    id: record.provenance.sha256Text.slice(0, 16),
    type: scholarly ? 'article-journal' : record.siteName ? 'article-newspaper' : 'webpage',
  };
  if (record.title) item.title = record.title.replace(/\s+/g, ' ').trim();
  if (record.authors.length) item.author = record.authors.map((a) => toCslName(a, record.siteName));
  const container = (scholarly ? c.journal : null) ?? record.siteName;
  if (container) item['container-title'] = container;
  if (c.publisher && c.publisher !== container) item.publisher = c.publisher;
  const issued = toDateParts(record.publishedTime);
  if (issued) item.issued = issued;
  const accessed = toDateParts(record.provenance.capturedAt ?? record.provenance.processedAt);
  if (accessed) item.accessed = accessed;
  const url = record.canonicalUrl ?? record.url;
  if (url) item.URL = url;
  if (doi) item.DOI = doi;
  if (c.volume) item.volume = c.volume;
  if (c.issue) item.issue = c.issue;
  if (c.firstPage) item.page = c.lastPage && c.lastPage !== c.firstPage ? `${c.firstPage}-${c.lastPage}` : c.firstPage;
  if (record.lang) item.language = record.lang;
  if (record.excerpt) item.abstract = record.excerpt;
  return item;
}

/** CSL-JSON text: an array with one item, as Zotero and Pandoc import it. */
export function toCslJson(record: ExportRecord, meta?: CitationMeta | null): string {
  return `${JSON.stringify([toCsl(record, meta)], null, 2)}\n`;
}

/**
 * Characters citation-js writes in its ASCII BibTeX: safe ASCII as it is, `&%$#_{}` escaped, and
 * what its tables give a LaTeX command, ligature, maths symbol or accent for (its `constants`).
 * It drops any other character (`escapeCharacter` returns ''): Cyrillic, Greek beyond maths, CJK,
 * Hangul, Arabic, Hebrew…
 */
const LATEX_KNOWN: ReadonlySet<string> = (() => {
  const c = plugins.config.get('@bibtex').constants as Record<'commands' | 'ligatures' | 'mathCommands' | 'diacritics', Record<string, string>>;
  return new Set([c.commands, c.ligatures, c.mathCommands, c.diacritics].flatMap((table) => Object.values(table)));
})();

/** True when citation-js would write every part of the character (after its NFKD) rather than drop one. */
function writtenByCitationJs(ch: string): boolean {
  for (const part of ch.normalize('NFKD')) if (part > '\u007f' && !LATEX_KNOWN.has(part)) return false;
  return true;
}

/**
 * The CSL item with every run of characters citation-js would drop replaced by a token it writes
 * as is (lower-case letters and digits: it braces a word with capitals), and the runs to put back.
 * The token's stem is one the item's text does not hold. URLs are written verbatim, so they keep theirs.
 */
function shieldScripts(item: CslItem): { item: CslItem; restore: (bib: string) => string } {
  const runs: string[] = [];
  let stem = 'qdecantkeep';
  while (JSON.stringify(item).includes(stem)) stem += 'q';
  const KEEP = (n: number): string => `${stem}${n}q`;
  const shield = (s: string): string =>
    s.replace(/[^\u0000-\u007f]+/g, (run) => {
      let out = '';
      let kept = '';
      for (const ch of run) {
        if (writtenByCitationJs(ch)) {
          if (kept) out += KEEP(runs.push(kept) - 1);
          kept = '';
          out += ch;
        } else kept += ch;
      }
      return kept ? out + KEEP(runs.push(kept) - 1) : out;
    });
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') return key === 'URL' || key === 'DOI' ? v : shield(v);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  const kept = new RegExp(`${stem}(\\d+)q`, 'g');
  return { item: walk(item) as CslItem, restore: (bib) => bib.replace(kept, (m, n: string) => runs[Number(n)] ?? m) };
}

/** The first word of a text that is ASCII once its accents go (citation-js's label words), if any. */
function asciiWord(text: string | undefined): string {
  const folded = (text ?? '').normalize('NFKD').replace(/[^\u0020-\u007f]+/g, '');
  return folded.split(/[^A-Za-z0-9]+/).find((w) => w && !/^(?:the|a|an)$/i.test(w)) ?? '';
}

/**
 * The entry's key, as citation-js makes it (first author's family name, year, first title word),
 * from the words that have an ASCII spelling: citation-js wrote `undefined` for a name or title with
 * none. Without author the site's name stands in; without either word, the start of the record's
 * digest keeps two articles of one site and year apart.
 */
function bibtexKey(item: CslItem): string {
  const first = item.author?.[0];
  const who = asciiWord(first ? ('family' in first ? first.family : first.literal) : undefined) || asciiWord(item['container-title']);
  const year = item.issued?.['date-parts'][0]?.[0] ?? '';
  const what = asciiWord(item.title);
  const key = `${who}${year}${what}`;
  return who && what ? key : `${key}_${item.id.slice(0, 6)}`.replace(/^_/, '');
}

/**
 * A BibTeX entry (citation-js's mapping: a news or journal article becomes `@article`, a page
 * `@misc`). Where LaTeX has a command for a character, the entry uses it, as citation-js writes; other
 * characters (a Russian author, a Korean title) are written as they are, in UTF-8, which biber,
 * LaTeX since 2018, Zotero and JabRef read, instead of being dropped.
 */
export function toBibtex(record: ExportRecord, meta?: CitationMeta | null): string {
  const csl = toCsl(record, meta);
  const { item, restore } = shieldScripts(csl);
  const out = new Cite({ ...item, 'citation-key': bibtexKey(csl) }).format('bibtex') as string;
  return `${restore(out).trim()}\n`;
}
