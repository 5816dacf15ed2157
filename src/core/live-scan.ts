/**
 * The core's rules applied to a tree Decant does not own: the live page of a site with auto-clean on
 * (issue 5). Nothing here changes the page; the content script decides what to hide and hides it with
 * a marker attribute.
 *
 * - {@link scanLive}: one read-only walk of a subtree (a nag inserted late) with the same rule
 *   families as the pipeline; hidden elements are skipped, nothing is stamped or removed.
 * - {@link resolvePath} / {@link locateRemoved}: a ledger entry's `path` (computed on a copy of the
 *   page) back to the live element, checked against the entry's preview.
 * - {@link articleGuard}: the article container chosen by the pipeline (`CleanResult.articlePath`)
 *   and its ancestors are never hidden.
 *
 * Pure like the rest of core: the caller passes what only a live page knows (computed style and
 * layout) through `probe`.
 */
import type { Category, CleanOptions, CleanResult, LedgerEntry } from './types';
import { runPipeline, type Sanitizer } from './pipeline';
import { RULES } from './rules/index';
import { selectFamilies, walk, type LiveProbe } from './rules/engine';
import { previewOf } from './dom';
import { domOf, resolvePath, type SafeDom } from './safe-dom';

export { resolvePath };
import { dropWithContent } from './deferred';

export type { LiveFacts, LiveProbe } from './rules/engine';

/**
 * Auto-clean's stand-in for step 7: the live page needs the ledger's paths and the article container,
 * never HTML to show or store, so it does without DOMPurify (13 KB of content-auto.js gzipped). It
 * drops what DOMPurify drops with its content, so the article's text (word count, safety valve) and
 * its kept paragraphs (the container) are those of {@link cleanArticle}; bench/same-output.mjs and
 * test/live-scan.test.ts compare the two on every fixture and corpus page.
 */
const LIVE_SANITIZER: Sanitizer = {
  inPlace: dropWithContent,
  ledgerHtml: () => [],
};

/**
 * The pipeline as auto-clean's first pass runs it on its marked copy of the live page: the same
 * ledger (rule, category, reason, preview, path) and `articlePath` as `cleanArticle`, without
 * sanitised HTML (entries' `html` is their preview; `contentHtml` is empty: nothing shows the live
 * pass's article), and without the view steps: the article's byline, site, dates, language,
 * direction, description and lead image are not those a reader is shown. One difference: on a page that only lists other pages (listing.ts) cleanArticle
 * finds no article, and the live pass keeps the list as its container, never to be hidden.
 */
export function cleanLivePage(doc: Document, options: CleanOptions = {}): CleanResult {
  return runPipeline(doc, options, LIVE_SANITIZER);
}

export interface LiveScanOptions {
  /** Categories to look for; all when absent. */
  categories?: readonly Category[];
  /** Rule families to skip, by id. */
  disableRules?: readonly string[];
  /** Computed style and layout of one live element (hidden? fixed, covering, on top?). */
  probe?: LiveProbe;
  /**
   * The most text a candidate may hold (characters). The pipeline uses half the page's text; a scan of
   * a small subtree has no page around it, so the caller passes a limit taken from the page.
   */
  maxText?: number;
}

export interface LiveCandidate {
  el: Element;
  /** The rule family that named it. */
  rule: string;
  category: Category;
  /** The rule's signals in words (as in the ledger). */
  reason: string;
  /** The first 160 characters of its text. */
  preview: string;
  /** True when position evidence (a dialog, a fixed or covering box) was among the signals. */
  positioned: boolean;
}

/** Fewest characters a candidate may hold, whatever `maxText` says (a modal's appeal is rarely shorter). */
const MIN_MAX_TEXT = 600;

/**
 * Find nags in `root` (the root itself included) without changing anything. Candidates are the
 * smallest blocks that explain a nag, in document order of their ends, as in the pipeline's pre-clean.
 */
export function scanLive(root: Element, options: LiveScanOptions = {}): LiveCandidate[] {
  const families = selectFamilies(RULES, options.categories, options.disableRules);
  if (!families.length) return [];
  const result = walk(root, {
    phase: 'pre',
    families,
    stamp: false,
    readOnly: true,
    includeRoot: true,
    probe: options.probe,
    maxShare: 0.5,
    maxCandText: Math.max(MIN_MAX_TEXT, options.maxText ?? 0),
  });
  return result.candidates.map((c) => ({
    el: c.el,
    rule: c.family.id,
    category: c.family.category,
    reason: c.signals.map((s) => s.what).join('; '),
    preview: previewOf(c.el),
    positioned: c.signals.some((s) => s.kind === 'position'),
  }));
}

/**
 * The live element a ledger entry was made from, or null when the path no longer leads to it. The
 * entry's preview must occur in the element's text (compared without whitespace: the preview puts
 * spaces where blocks meet; the live element may hold more, its hidden parts, which the pipeline
 * dropped first), so a path that drifted never hides the wrong block.
 */
export function locateRemoved(doc: Document, entry: Pick<LedgerEntry, 'path' | 'preview'>, read: SafeDom = domOf(doc)): Element | null {
  const el = resolvePath(doc, entry.path, read);
  if (!el) return null;
  const text = squeeze(read.textContent(el));
  const want = squeeze(entry.preview).slice(0, 40);
  if (!want) return text.length <= 200 ? el : null;
  return text.includes(want) ? el : null;
}

const squeeze = (s: string): string => s.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/g, '');

/**
 * A predicate that is true for elements auto-clean must never hide: `html`, `head`, `body`, the
 * article container (`articlePath`) and every ancestor of it — the elements that hold the article,
 * found once, so the check is a set lookup that never calls into a (possibly hostile) element.
 * Without a container (no article found, or the path no longer resolves), only the document's own
 * structure is guarded.
 */
export function articleGuard(doc: Document, articlePath: string | null | undefined, read: SafeDom = domOf(doc)): (el: Element) => boolean {
  const kept = new Set<Element>();
  for (let el = resolvePath(doc, articlePath, read); el; el = read.parentElement(el)) kept.add(el);
  const body = read.body(doc);
  if (body) kept.add(body);
  // Read through the reader too: `<img name="head">` makes `document.head` that image in a browser.
  for (const el of [read.documentElement(doc), read.head(doc)]) if (el) kept.add(el);
  return (el: Element): boolean => kept.has(el);
}
