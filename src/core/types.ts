/**
 * The shapes every part of Decant shares: the pipeline's result (CONTRACT §1), the removal ledger (§2)
 * and the options the pipeline takes. Field names are camelCase everywhere (core, JSON, JSONL, schema).
 */

/** The one list of removal categories, used by the ledger, the popup, the options page and settings keys. */
export const CATEGORIES = [
  'donation',
  'membership',
  'newsletter',
  'cookie',
  'ad',
  'sponsored',
  'related',
  'social',
  'comments',
  'overlay',
  'other',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** Human labels for the categories, for the popup, the reader view and the options page. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  donation: 'Donation appeals',
  membership: 'Subscription upsells',
  newsletter: 'Newsletter boxes',
  cookie: 'Cookie banners',
  ad: 'Ads and ad slots',
  sponsored: 'Sponsored and recommended',
  related: 'Related and “read more”',
  social: 'Share and follow bars',
  comments: 'Comments',
  overlay: 'Overlays and backdrops',
  other: 'Other',
};

/** One removed element. `html` is sanitised; exports leave it out (CONTRACT §5). */
export interface LedgerEntry {
  /** Unique within one result: `r1`, `r2`, … in document order of removal. */
  id: string;
  /** The rule family that removed it (equals a file name in `src/core/rules/`). */
  rule: string;
  category: Category;
  /** The rule's signals in words: markup, structure, position and text that agreed. */
  reason: string;
  /** The first 160 characters of the block's text. */
  preview: string;
  /** CSS path from `body` in the original page, `tag:nth-of-type(n)` steps joined by ` > `. */
  path: string;
  /** The block's sanitised HTML, at most 64 KB. */
  html: string;
  /** The `data-decant-id` of the article block it followed, or null when it came before all of them. */
  after: string | null;
}

export interface Article {
  title: string | null;
  byline: string | null;
  authors: string[];
  siteName: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | 'auto' | null;
  publishedTime: string | null;
  modifiedTime: string | null;
  excerpt: string | null;
  url: string | null;
  canonicalUrl: string | null;
  leadImageUrl: string | null;
  wordCount: number;
  readingTimeMinutes: number;
  /** The full article as readers see it, sanitised by DOMPurify. */
  contentHtml: string;
  /** The body as plain text (schema.org articleBody): blocks separated by a blank line. */
  text: string;
}

/** Extra citation metadata when the page carries it (DOI, journal); used by the citation export. */
export interface CitationMeta {
  doi: string | null;
  journal: string | null;
  publisher: string | null;
  volume: string | null;
  issue: string | null;
  firstPage: string | null;
  lastPage: string | null;
  pdfUrl: string | null;
}

export interface CleanResult {
  article: Article | null;
  /** Why there is no article, in a sentence a reader understands. Set only when `article` is null. */
  reason?: string;
  removed: LedgerEntry[];
  /** Things the reader should know: dropped headings or prose, a rule that failed, a retry. */
  warnings: string[];
  /**
   * Where the article lives in the original page: the path (ledger `path` form, from `body`) of the
   * smallest element holding every kept paragraph. Null without an article. Not exported; the live
   * page's auto-clean guards this element and its ancestors.
   */
  articlePath?: string | null;
  /** Citation metadata (not part of the export record's article fields). */
  citation?: CitationMeta;
  /** What the pipeline did, for bug reports and tests. */
  debug: CleanDebug;
}

export interface CleanDebug {
  /** Steps that ran, in order, with their time in milliseconds. */
  steps: { name: string; ms: number }[];
  /** Set when the safety valve re-ran the pipeline without the riskiest rules. */
  retried: string | null;
  /** Rule ids that threw (also reported in warnings). */
  failedRules: string[];
}

/** Switches for the pipeline. Every step can be turned off, which is also how we debug. */
export interface CleanOptions {
  /** The page URL; needed to resolve relative links when the document has no base URL of its own. */
  url?: string;
  /**
   * The window DOMPurify binds to. Defaults to `document.defaultView`; a document made by DOMParser
   * or `createHTMLDocument` has none, so callers with such documents pass their window here.
   */
  window?: Window & typeof globalThis;
  /** Categories to remove; the rest stay in the article. Default: all. */
  categories?: readonly Category[];
  /** Run the cleanup rules at all (off = plain Readability + sanitising + metadata). Default true. */
  rules?: boolean;
  /** Rule families to skip, by id. */
  disableRules?: readonly string[];
  /** Run the safety valve (retry without the riskiest rules when too much went). Default true. */
  safetyValve?: boolean;
  /** Compare visible prose and headings with what was kept, and warn. Default true. */
  coverageGuard?: boolean;
  /** Minimum body words for a result to count as an article. Default 40. */
  minWords?: number;
  /** Hard cap on elements; larger pages are refused with a reason. Default 200 000. */
  maxElements?: number;
  /**
   * Called on each private copy of the page right after it is made, before any step reads it. The
   * content script marks there what the live page hides (computed style), so the page is copied once
   * per attempt instead of being copied, marked and copied again. It may change only the copy.
   */
  prepareCopy?: (copy: Document) => void;
}
