/**
 * Decant's core: a pure pipeline from a Document to a clean article and a ledger of what was removed.
 * It runs unchanged in the content script, in vitest and in the CLI; it never touches `window`,
 * `document`, `browser`, `fetch` or timers — everything comes in through its arguments.
 */
import type { CleanOptions, CleanResult } from './types';
import { runPipeline, type Sanitizer } from './pipeline';
import { sanitizeInPlace, sanitizedHtmlBatch } from './html';
import { ARTICLE_VIEW } from './view';

export type { Article, CleanOptions, CleanResult, LedgerEntry, Category, CitationMeta } from './types';
export { CATEGORIES, CATEGORY_LABELS } from './types';

/** DOMPurify (html.ts) for the article and the ledger's HTML. */
const DOMPURIFY: Sanitizer = { inPlace: sanitizeInPlace, ledgerHtml: sanitizedHtmlBatch, view: ARTICLE_VIEW };

/**
 * Clean a page: returns `{ article | null, reason?, removed[], warnings[] }` (CONTRACT §1–2).
 * `doc` is never changed. Throws only on a programming error (no Document, no window).
 */
export function cleanArticle(doc: Document, options: CleanOptions = {}): CleanResult {
  return runPipeline(doc, options, DOMPURIFY);
}
