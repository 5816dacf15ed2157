/**
 * The cleaning pipeline, in order:
 *  1. Guard: a Document with a window (DOMPurify needs one), under the size cap.
 *  2. Metadata from the ORIGINAL document (JSON-LD, OpenGraph, Twitter, citation_*, Dublin Core).
 *  3. Clone the document (its body and the head's title/meta/base); the caller's DOM is never changed.
 *     Nesting deeper than MAX_READ_DEPTH is flattened in the copy (Readability is quadratic in depth
 *     and recursive). `prepareCopy` may mark the copy (the content script's computed-style marks).
 *  4. Pre-clean: one walk drops hidden elements, stamps blocks with `data-decant-id`, and finds nag
 *     blocks for every rule family; each removal goes in the ledger (sanitised HTML, path, preview).
 *  5. Readability on the clone (once, on the common path).
 *  6. Post-clean: the same families over what Readability kept (in-article appeals, "Read more"
 *     lines, ad labels), then the lead figure if Readability left it behind, then furniture roles.
 *  7. DOMPurify, in place — the one sanitising module (in the content scripts: only what it drops
 *     with its content, see Sanitizer).
 *  8. Body text, word count, reading time; ledger anchors (`after`); coverage warnings. No article
 *     under 40 words, nor (on the click path) when the container only lists other pages (listing.ts).
 *  9. Safety valve: when cleaning took too much (a short result with prose in the ledger, or most of
 *     the extracted text removed afterwards), run 3–8 again without the risky families and keep the
 *     better result, saying so in `warnings` and `debug.retried`.
 * Every step is switchable through {@link CleanOptions}; no step throws on page content.
 */
import type { Article, CleanOptions, CleanResult, LedgerEntry } from './types';
import { cloneForReading, shapeOf, type PageShape, collapse, listOf, MAX_READ_DEPTH, previewOf, DECANT_ID_ATTR, DECANT_ROLE_ATTR } from './dom';
import { readPageFields, type PageFields, type citationOf, type datesOf, type shownFields, type shownTitle, type siteOf } from './metadata';
import type { authorsOf, bylineOf, pageDate } from './dateline';
import { extract } from './extract';
import { markFurniture } from './furniture';
import { findOtherStories, findTeaserCards, pagePostIds } from './stories';
import { fixImages, keepTexScripts, markBacklinks, prepareMath, restoreHeadings, restoreNotes, stampedElements, unnestParagraphs } from './structure';
import { titleSimilarity } from './furniture';
import type { coverageWarnings } from './coverage';
import type { listingReason } from './listing';
import { bodyText, countWords, readingMinutes } from './text';
import { RULES } from './rules/index';
import { pathOf, selectFamilies, walk, type Candidate, type PathRec, type WalkResult } from './rules/engine';
import type { RuleFamily } from './rules/types';

type Win = Window & typeof globalThis;

export const DEFAULT_MAX_ELEMENTS = 400_000;
const DEFAULT_MIN_WORDS = 40;

const now = (): number => globalThis.performance?.now?.() ?? Date.now();

interface Attempt {
  article: Article | null;
  reason?: string;
  removed: LedgerEntry[];
  warnings: string[];
  /** Text of the ledger's blocks (prose the rules took). */
  removedProseChars: number;
  /** Characters of text in the blocks the risky families took (prose or not: a post written with `<br>`s has no `<p>`). */
  riskyChars?: number;
  /** Characters the post-clean took from what Readability kept, and what Readability kept. */
  postRemovedChars: number;
  extractedChars: number;
  /** The article container in the original page (see {@link CleanResult.articlePath}). */
  articlePath?: string | null;
  steps: { name: string; ms: number }[];
}

/**
 * Step 7 and the ledger's HTML. index.ts passes DOMPurify's (html.ts, the one sanitising module);
 * the content scripts, which show and store no HTML themselves, pass one that only drops what
 * DOMPurify would drop with its content, so the text, the kept blocks, the ledger and the article
 * container come out the same without DOMPurify in the page: deferred.ts for the click (the views
 * sanitise its HTML), live-scan.ts for auto-clean (which needs no HTML at all).
 */
export interface Sanitizer {
  /** Clean an element's subtree where it stands. */
  inPlace(root: Element, win: Win): void;
  /** Sanitised HTML of removed (detached) blocks, one string per block ('' when unavailable). */
  ledgerHtml(blocks: readonly Element[], win: Win): string[];
  /**
   * Steps for an article someone will see, which change neither its text nor what was removed (the
   * listing check may only say there is none): absent on auto-clean's live pass, which shows no
   * article (and so ships none of them in its script).
   */
  view?: {
    /** Before sanitising: code blocks name their language, caption credits are set apart (view.ts). */
    prepare(content: Element): void;
    /** The coverage guard (coverage.ts). */
    coverage: typeof coverageWarnings;
    /**
     * Why a page whose container lists other pages (products, teasers, results) is no article
     * (listing.ts). The live pass keeps such a container as its article: the list, never to hide.
     */
    listing: typeof listingReason;
    /**
     * Fields as a reader sees them: the date shown under the headline, the byline without it
     * (dateline.ts), the title without the site's name, the page's citation record and its dates, its
     * language, direction, description and lead image (metadata.ts).
     */
    shown: { byline: typeof bylineOf; authors: typeof authorsOf; published: typeof pageDate; title: typeof shownTitle; citation: typeof citationOf; dates: typeof datesOf; site: typeof siteOf; fields: typeof shownFields };
  };
}

/** Check what the caller passed; a mistake here is a programming error with a sentence saying what to fix. */
function windowFor(doc: Document, options: CleanOptions): Win {
  if (!doc || typeof doc !== 'object' || doc.nodeType !== 9) {
    throw new TypeError('cleanArticle() needs a Document as its first argument (for example `document`, or `new JSDOM(html).window.document`).');
  }
  const win = (options.window ?? doc.defaultView) as Win | null;
  if (!win) {
    throw new TypeError('cleanArticle() needs a window for DOMPurify: pass a document that has one, or `options.window` (documents from DOMParser have none).');
  }
  return win;
}

function pageUrl(doc: Document, options: CleanOptions): string | null {
  if (options.url) return options.url;
  const u = doc.URL;
  return u && /^https?:/i.test(u) ? u : null;
}

/** Run the pipeline. Never throws on page content: failures become warnings or a null article with a reason. */
export function runPipeline(doc: Document, options: CleanOptions, sanitizer: Sanitizer): CleanResult {
  const win = windowFor(doc, options);
  const started = now();
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const shape = shapeOf(doc);
  const elementCount = shape.elements;
  if (elementCount > maxElements) {
    return {
      article: null,
      reason: `This page is too large to clean: it has ${elementCount.toLocaleString('en')} elements, and Decant stops at ${maxElements.toLocaleString('en')}.`,
      removed: [],
      warnings: [],
      debug: { steps: [], retried: null, failedRules: [] },
    };
  }
  const url = pageUrl(doc, options);
  let meta: PageFields | null = null;
  const warnings: string[] = [];
  const tMeta = now();
  try {
    meta = readPageFields(doc, url, shape);
    if (sanitizer.view) meta = { ...meta, ...sanitizer.view.shown.fields(meta.sources, doc) };
  } catch (e) {
    warnings.push(`Metadata could not be read: ${(e as Error).message}`);
  }
  const metaStep = { name: 'metadata', ms: now() - tMeta };

  const useRules = options.rules !== false;
  const families = useRules ? selectFamilies(RULES, options.categories, options.disableRules) : [];
  let first: Attempt;
  let failed = new Map<string, string>();
  try {
    first = attempt(doc, shape, win, url, meta, families, options, failed, sanitizer);
  } catch (e) {
    // A page that breaks a step: fall back to plain Readability, then to a reason.
    warnings.push(`Cleaning failed on this page (${(e as Error).message}); showing Readability's result without Decant's rules.`);
    try {
      first = attempt(doc, shape, win, url, meta, [], options, (failed = new Map()), sanitizer);
    } catch (e2) {
      return {
        article: null,
        reason: `Decant could not read this page: ${(e2 as Error).message}`,
        removed: [],
        warnings,
        debug: { steps: [{ name: 'total', ms: now() - started }], retried: null, failedRules: [] },
      };
    }
  }

  let chosen = first;
  let second: Attempt | null = null;
  let retried: string | null = null;
  const risky = families.filter((f) => f.risky);
  if (options.safetyValve !== false && risky.length && tookTooMuch(first, options)) {
    const safer = families.filter((f) => !f.risky);
    try {
      const failedSecond = new Map<string, string>();
      second = attempt(doc, shape, win, url, meta, safer, options, failedSecond, sanitizer);
      const w1 = first.article?.wordCount ?? 0;
      const w2 = second.article?.wordCount ?? 0;
      if (w2 >= Math.max(w1 * 1.5, w1 + 60)) {
        chosen = second;
        failed = failedSecond;
        retried = `without ${risky.map((f) => f.id).join(', ')}: ${w1} → ${w2} words`;
        second.warnings.push(`Decant kept some blocks it would usually remove (${risky.map((f) => f.category).join(', ')}), because removing them left too little of the article.`);
      }
    } catch {
      // keep the first result
    }
  }

  // A rule that threw was skipped and the others carried on: say which, so the reader knows why a nag
  // of that kind may still be there.
  for (const [id, message] of failed) warnings.push(`The ${id} rule failed on this page (${message}); blocks it would have removed were left in place.`);
  return {
    article: chosen.article,
    ...(chosen.article ? {} : { reason: chosen.reason ?? 'No article was found on this page.' }),
    removed: chosen.removed,
    warnings: [...warnings, ...chosen.warnings],
    articlePath: chosen.article ? (chosen.articlePath ?? null) : null,
    ...(meta && sanitizer.view ? { citation: sanitizer.view.shown.citation(meta.sources) } : {}),
    // Each step once: a retry's discarded attempt is one step of its own.
    debug: {
      steps: [
        metaStep,
        ...[first, second].filter((a): a is Attempt => !!a && a !== chosen).map((a) => ({ name: 'discarded attempt', ms: a.steps.reduce((n, s) => n + s.ms, 0) })),
        ...chosen.steps,
        { name: 'total', ms: now() - started },
      ],
      retried,
      failedRules: [...failed.keys()],
    },
  };
}

/** The cheap signals of over-cleaning (the common path runs Readability once). */
function tookTooMuch(a: Attempt, options: CleanOptions): boolean {
  const words = a.article?.wordCount ?? 0;
  const min = options.minWords ?? DEFAULT_MIN_WORDS;
  if (words < Math.max(min, 150) && a.removedProseChars > 600) return true;
  // No article at all, and the risky families took a page's worth of text: they may have taken it.
  if (!a.article && (a.riskyChars ?? 0) > 600) return true;
  if (a.extractedChars > 0 && a.postRemovedChars > 0.4 * a.extractedChars) return true;
  return false;
}

function attempt(doc: Document, shape: PageShape, win: Win, url: string | null, meta: PageFields | null, families: readonly RuleFamily[], options: CleanOptions, failed: Map<string, string>, sanitizer: Sanitizer): Attempt {
  const steps: Attempt['steps'] = [];
  let t = now();
  const step = (name: string): void => {
    const n = now();
    steps.push({ name, ms: n - t });
    t = n;
  };
  const warnings: string[] = [];
  // The body is cleaned before it joins the copy (cheaper in jsdom, see cloneForReading), unless the
  // caller marks the whole copy first.
  const copy = cloneForReading(doc, shape, !options.prepareCopy);
  const { doc: clone, flattened } = copy;
  step('clone');
  if (options.prepareCopy) {
    options.prepareCopy(clone);
    step('prepare');
  }
  const body = options.prepareCopy ? clone.body : copy.body;
  if (!body) return { article: null, reason: 'This page has no body to read.', removed: [], warnings, removedProseChars: 0, postRemovedChars: 0, extractedChars: 0, steps };
  if (flattened) warnings.push(`This page nests its markup more than ${MAX_READ_DEPTH} levels deep; Decant read ${flattened.toLocaleString('en')} element(s) below that depth as plain text.`);

  // 4. Pre-clean.
  const page = url ?? meta?.canonicalUrl ?? null;
  const pre = walk(body, { phase: 'pre', families, stamp: true, maxShare: 0.5, failed, page });
  step('pre-walk');
  const ledger = new Ledger(win, sanitizer);
  let removedProseChars = 0;
  let riskyChars = 0;
  for (const c of pre.candidates) {
    removedProseChars += ledger.record(c, pathOf(c.rec), pre);
    if (c.family.risky) riskyChars += c.textLen;
  }
  const leadFigures = snapshotLeadFigures(body);
  const pageIds = pagePostIds(body);
  // Structure Readability would lose: MathJax sources become <math>, footnote lists are copied.
  if (pre.texScripts?.length) keepTexScripts(pre.texScripts);
  const noteSnapshots = (pre.notes ?? []).filter((el, i, all) => body.contains(el) && !all.some((o, j) => j !== i && o.contains(el))).map((el) => el.cloneNode(true) as Element);
  copy.attach();
  step('pre-clean');

  // 5. Readability.
  const ex = extract(clone);
  step('readability');
  if (!ex) {
    return {
      article: null,
      reason: 'No article was found on this page: it has too little running text in one place.',
      removed: ledger.finish(new Set()),
      warnings,
      removedProseChars,
      riskyChars,
      postRemovedChars: 0,
      extractedChars: 0,
      steps,
    };
  }
  const content = ex.content;
  const extractedChars = collapse(content.textContent ?? '').length;

  // 6. Post-clean, lead figure, furniture.
  let postRemovedChars = 0;
  const base = clone.baseURI && /^https?:/i.test(clone.baseURI) ? clone.baseURI : url;
  const related = families.find((f) => f.category === 'related');
  if (related) {
    // Teasers of other posts that Readability took along (outside the safety valve's budget: see stories.ts).
    const posts = findOtherStories(content, pageIds);
    const cards = findTeaserCards(content, base).filter((c) => !posts.some((p) => p.el.contains(c.el) || c.el.contains(p.el)));
    for (const story of [...posts, ...cards]) {
      const anchor = precedingStamp(story.el, content);
      const c: Candidate = { el: story.el, family: related, signals: story.signals, textLen: (story.el.textContent ?? '').length, imgs: 0, rec: null, afterIdx: anchor ? 1 : 0, alive: true };
      ledger.record(c, postPath(c, pre.blocks), { candidates: [], closed: anchor ? [anchor] : [], blocks: pre.blocks, prose: [], rootTextLen: 0 });
    }
  }
  if (families.length) {
    const post = walk(content, { phase: 'post', families, stamp: false, blocks: pre.blocks, maxShare: 0.35, failed, page });
    for (const c of post.candidates) postRemovedChars += ledger.record(c, postPath(c, pre.blocks), post);
  }
  const title = meta?.title ?? ex.title;
  const titles = [title, ex.title, clone.title];
  const present = stampedElements(content);
  restoreLeadFigure(content, leadFigures, present, base);
  restoreHeadings(content, pre, present, ledger.removedIds, (t) => titles.some((x) => !!x && titleSimilarity(t, x) >= 0.75));
  restoreNotes(content, noteSnapshots, present, ledger.removedIds, base);
  prepareMath(content);
  sanitizer.view?.prepare(content);
  markBacklinks(content, 'note', DECANT_ROLE_ATTR);
  markFurniture(content, titles, meta?.authors);
  unnestParagraphs(content);
  step('post-clean');

  // 7. Sanitise in place.
  sanitizer.inPlace(content, win);
  step('sanitize');

  // 8. Text, anchors, coverage.
  const text = bodyText(content);
  const wordCount = countWords(text);
  // One pass over the elements (no selector engine): which stamped blocks survived, then only the
  // ledger's anchors keep their stamp.
  const surviving = new Set<string>();
  const stamped: Element[] = [];
  for (const el of listOf(content.getElementsByTagName('*'))) {
    const id = el.getAttribute(DECANT_ID_ATTR);
    if (id) {
      surviving.add(id);
      stamped.push(el);
    }
  }
  const removed = ledger.finish(surviving);
  const articlePath = containerPath(pre, surviving);
  const anchors = new Set(removed.map((r) => r.after).filter((a): a is string => !!a));
  for (const el of stamped) {
    if (!anchors.has(el.getAttribute(DECANT_ID_ATTR)!)) el.removeAttribute(DECANT_ID_ATTR);
  }
  if (options.coverageGuard !== false && sanitizer.view) warnings.push(...sanitizer.view.coverage(pre, surviving, ledger.removedIds, content.textContent ?? '', (t) => titles.some((x) => !!x && titleSimilarity(t, x) >= 0.75)));
  step('text');

  const minWords = options.minWords ?? DEFAULT_MIN_WORDS;
  // Too little text, or (on the click path) a page that only lists other pages.
  const reason =
    wordCount < minWords
      ? wordCount
        ? `No article was found on this page: only ${wordCount} word${wordCount === 1 ? '' : 's'} of running text remain${wordCount === 1 ? 's' : ''} after cleaning (an article has at least ${minWords}).`
        : 'No article was found on this page: no running text remains after cleaning.'
      : sanitizer.view?.listing(doc, articlePath, page, minWords);
  if (reason) return { article: null, reason, removed, warnings, removedProseChars, riskyChars, postRemovedChars, extractedChars, steps };

  // The byline element's text often holds the date shown beside it ("By Ana PérezJan. 16, 2025").
  const shown = sanitizer.view?.shown;
  // Without the view steps (auto-clean's live pass, which shows no article) there is no byline to show.
  const byline = shown ? shown.byline(ex.byline, shape.times, ex.bylineEl) : null;
  const siteName = meta && shown ? shown.site(meta.sources, page, doc.title, [title, ...shape.headlines.map((h) => h.textContent)]) : ex.siteName;
  const dates = shown?.dates(meta?.sources ?? null, ex.publishedTime);
  const authors = shown ? shown.authors(byline, meta?.authors, siteName) : (meta?.authors ?? []);
  const article: Article = {
    title: (shown ? shown.title(title ?? null, siteName, page, shape.headlines) : title) ?? null,
    // The page's own byline when the names come from it ("…and ERIC TUCKER, Associated Press"), else the metadata's names.
    byline: meta?.authors.length ? authors.join(', ') || null : byline,
    authors,
    siteName,
    lang: meta?.lang ?? (ex.lang || null),
    dir: meta?.dir ?? (ex.dir === 'rtl' || ex.dir === 'ltr' ? ex.dir : null),
    publishedTime: dates?.publishedTime ?? shown?.published(shape.times, shape.headlines, titles, ex.byline, page) ?? null,
    modifiedTime: dates?.modifiedTime ?? null,
    excerpt: meta?.excerpt ?? firstBlock(text),
    url,
    canonicalUrl: meta?.canonicalUrl ?? null,
    leadImageUrl: meta?.leadImageUrl ?? firstImage(content),
    wordCount,
    readingTimeMinutes: readingMinutes(wordCount),
    // Serialised only for a shown article: auto-clean's live pass (no view steps) would throw it away on every page load.
    contentHtml: sanitizer.view ? content.innerHTML : '',
    text,
  };
  step('article');
  return { article, removed, warnings, removedProseChars, postRemovedChars, extractedChars, articlePath, steps };
}

/**
 * The article container: the deepest element of the original page that holds every kept paragraph
 * (their common ancestor), as a ledger-style path. The live page's auto-clean never hides it or its
 * ancestors. Paragraphs, not all kept blocks, so a lead figure restored from the page header does not
 * widen it to `body`.
 */
function containerPath(pre: WalkResult, surviving: ReadonlySet<string>): string | null {
  let chain: PathRec[] | null = null;
  const consider = (id: string): void => {
    const rec = pre.blocks.get(id);
    if (!rec?.parent) return;
    const c: PathRec[] = [];
    for (let r: PathRec | null = rec.parent; r; r = r.parent) c.push(r);
    c.reverse();
    if (!chain) chain = c;
    else {
      let i = 0;
      while (i < chain.length && i < c.length && chain[i] === c[i]) i++;
      chain.length = i;
    }
  };
  for (const p of pre.prose) if (p.tag === 'p' && surviving.has(p.id)) consider(p.id);
  if (!chain) for (const id of surviving) consider(id);
  const found = chain as PathRec[] | null;
  return found && found.length ? pathOf(found[found.length - 1]) : null;
}

/** Collects ledger entries; sanitises their HTML in one pass and resolves `after` anchors at the end. */
class Ledger {
  private entries: { entry: LedgerEntry; el: Element; afterIdx: number; closed: string[] }[] = [];
  readonly removedIds = new Set<string>();
  constructor(
    private readonly win: Win,
    private readonly sanitizer: Sanitizer,
  ) {}

  /** Record and detach a candidate; returns the characters of prose (long paragraphs) it held. */
  record(c: Candidate, path: string, from: WalkResult): number {
    const el = c.el;
    let prose = 0;
    // One pass over the block: the stamped ids inside it (for the coverage guard) and its prose.
    const stack: Element[] = [el];
    while (stack.length) {
      const e = stack.pop()!;
      const id = e.getAttribute(DECANT_ID_ATTR);
      if (id) this.removedIds.add(id);
      if (e.localName === 'p') {
        const len = collapse(e.textContent ?? '').length;
        if (len >= 80) prose += len;
        continue;
      }
      for (let ch = e.firstElementChild; ch; ch = ch.nextElementSibling) stack.push(ch);
    }
    const entry: LedgerEntry = {
      id: `r${this.entries.length + 1}`,
      rule: c.family.id,
      category: c.family.category,
      reason: c.signals.map((s) => s.what).join('; '),
      preview: previewOf(el),
      path,
      html: '',
      after: null,
    };
    this.entries.push({ entry, el, afterIdx: c.afterIdx, closed: from.closed });
    el.remove();
    return prose;
  }

  /**
   * Resolve anchors and attach each entry's sanitised HTML. The HTML is computed on first read, for
   * all entries in one DOMPurify pass: the popup and reader read it (structured cloning reads it),
   * while exports, which leave it out, never pay for it.
   */
  finish(surviving: ReadonlySet<string>): LedgerEntry[] {
    const win = this.win;
    const items = this.entries;
    let htmls: string[] | null = null;
    const htmlAt = (i: number): string => {
      if (!htmls) {
        try {
          htmls = this.sanitizer.ledgerHtml(items.map((e) => e.el), win);
        } catch {
          htmls = [];
        }
      }
      return htmls[i] || fallbackHtml(items[i].el, items[i].entry.preview);
    };
    return items.map(({ entry, afterIdx, closed }, i) => {
      for (let k = afterIdx - 1; k >= 0; k--) {
        if (surviving.has(closed[k])) {
          entry.after = closed[k];
          break;
        }
      }
      let cached: string | null = null;
      Object.defineProperty(entry, 'html', {
        enumerable: true,
        configurable: true,
        get: () => (cached ??= htmlAt(i)),
        set: (v: string) => {
          cached = v;
        },
      });
      return entry;
    });
  }
}

/** When a block's HTML is too large or failed to sanitise: its preview as a paragraph (built as nodes). */
function fallbackHtml(el: Element, preview: string): string {
  if (!preview) return '';
  const p = el.ownerDocument.createElement('p');
  p.textContent = preview;
  return p.outerHTML;
}

/** The stamp of the last block that ends before `el` starts, within `root` (where "show again" puts it back). */
function precedingStamp(el: Element, root: Element): string | null {
  for (let at: Element | null = el; at && at !== root; at = at.parentElement) {
    for (let prev = at.previousElementSibling; prev; prev = prev.previousElementSibling) {
      const inner = prev.getElementsByTagName('*');
      for (let i = inner.length - 1; i >= 0; i--) {
        const id = inner[i].getAttribute(DECANT_ID_ATTR);
        if (id) return id;
      }
      const own = prev.getAttribute(DECANT_ID_ATTR);
      if (own) return own;
    }
  }
  return null;
}

/** Path of a post-clean removal: its own stamp, or its nearest stamped ancestor's path plus the rest. */
function postPath(c: Candidate, blocks: Map<string, PathRec>): string {
  const steps: string[] = [];
  for (let el: Element | null = c.el; el; el = el.parentElement) {
    const id = el.getAttribute(DECANT_ID_ATTR);
    const rec = id ? blocks.get(id) : undefined;
    if (rec) return [pathOf(rec), ...steps.reverse()].filter(Boolean).join(' > ');
    let n = 1;
    for (let s = el.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === el.localName) n++;
    steps.push(`${el.localName}:nth-of-type(${n})`);
  }
  return steps.reverse().join(' > ');
}

/** Figures before the first long paragraph: the lead image and its credit, copied before Readability runs. */
function snapshotLeadFigures(body: Element): Element[] {
  const figures = body.getElementsByTagName('figure');
  if (!figures.length) return []; // most pages: no need to look for the first paragraph
  const firstProse = listOf(body.getElementsByTagName('p')).find((p) => collapse(p.textContent ?? '').length >= 120);
  if (!firstProse) return [];
  const out: Element[] = [];
  for (const fig of listOf(figures)) {
    if (!(fig.compareDocumentPosition(firstProse) & 4 /* FOLLOWING */)) break;
    if (fig.getElementsByTagName('img').length || fig.getElementsByTagName('picture').length) out.push(fig.cloneNode(true) as Element);
    if (out.length >= 3) break;
  }
  return out;
}

/** Put the lead figure back at the top when Readability left it out (its credit belongs to the article). */
function restoreLeadFigure(content: Element, figures: Element[], present: ReadonlyMap<string, Element>, base: string | null): void {
  const lead = figures[figures.length - 1];
  if (!lead) return;
  const id = lead.getAttribute(DECANT_ID_ATTR);
  if (id && present.has(id)) return;
  // Readability never saw this copy: promote its lazy image and make its URLs absolute first.
  const copy = content.ownerDocument.importNode(lead, true) as Element;
  fixImages(copy, base);
  const firstP = content.getElementsByTagName('p')[0];
  const leadImg = copy.getElementsByTagName('img')[0]?.getAttribute('src');
  for (const img of listOf(content.getElementsByTagName('img'))) {
    if (leadImg && img.getAttribute('src') === leadImg) return;
    if (firstP && img.compareDocumentPosition(firstP) & 4) return; // the article already opens with an image
  }
  const host = content.firstElementChild && content.firstElementChild.localName === 'div' && content.childElementCount === 1 ? content.firstElementChild : content;
  host.insertBefore(copy, host.firstChild);
}

function firstBlock(text: string): string | null {
  const block = text.split('\n\n').find((b) => b.length >= 40) ?? null;
  return block ? (block.length > 300 ? `${block.slice(0, 297)}…` : block) : null;
}

function firstImage(content: Element): string | null {
  const img = content.getElementsByTagName('img')[0];
  const src = img?.getAttribute('src');
  return src && /^https?:/i.test(src) ? src : null;
}
