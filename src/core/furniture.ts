/**
 * Article furniture: title, kicker, byline, dateline, standfirst, captions, photo and reporting
 * credits, author notes. They stay in `contentHtml` (readers see them) and are marked with
 * `data-decant-role` so `text` leaves them out (CONTRACT §1). Nothing here removes anything, so
 * nothing here goes in the ledger.
 *
 * A block gets a role from its markup (a caption or byline class), from its place (the article's
 * header, before the first paragraph of prose; the tail, after the last one) together with its shape
 * (a short line), or from a whole-line pattern ("By Jane Doe", "Published 11:11 PM EST Nov 19, 2019",
 * "(AP Photo/Jane Doe)"). Patterns that could match a sentence of prose only count in the header or
 * the tail, never in the middle of the article.
 */
import { collapse, listOf, BLOCK_TAGS, DECANT_ROLE_ATTR } from './dom';
import { tokenize } from './rules/match';
import { Attrs } from './rules/attrs';
import {
  AUTHOR_BOX_TOKENS, AUTHOR_NOTE_LINE, BYLINE_LINE, BYLINE_TOKENS, CAPTION_CREDIT_END, CAPTION_START, CAPTION_TOKENS, CREDIT_LINE, DATE_LINE,
  HEADER_TOKENS, KICKER_TOKENS, NOTICE_LINE, REPORTING_LINE, STANDFIRST_TOKENS,
} from './furniture.data';

export type FurnitureRole = 'title' | 'kicker' | 'byline' | 'dateline' | 'caption' | 'credit' | 'standfirst' | 'note';

const PARA: ReadonlySet<string> = new Set(['p']);
const CONTAINERS: ReadonlySet<string> = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'blockquote', 'figure', 'section']);
const HEADINGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** A paragraph this long is prose: the article's header ends before the first, its tail starts after the last. */
const PROSE_CHARS = 120;

/** Descendants with one of `tags`, counted up to `stop` (no selector engine: this runs per element). */
function countDescendants(el: Element, tags: ReadonlySet<string>, stop: number): number {
  let n = 0;
  const stack: Element[] = [];
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push(c);
  while (stack.length) {
    const e = stack.pop()!;
    if (tags.has(e.localName) && ++n >= stop) return n;
    for (let c = e.firstElementChild; c; c = c.nextElementSibling) stack.push(c);
  }
  return n;
}

function hasToken(tokens: readonly string[], set: ReadonlySet<string>): string | null {
  for (const t of tokens) if (set.has(t)) return t;
  return null;
}

/** Lower-case words of a text. */
function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * How much a heading looks like the title (0–1): the share of its words found in the title, when it
 * carries at least half of the title's words (so "Battery life" is not the title of "… battery life review").
 */
export function titleSimilarity(heading: string, title: string): number {
  const h = words(heading);
  const t = words(title);
  if (!h.length || !t.length) return 0;
  const set = new Set(t);
  let hit = 0;
  for (const w of h) if (set.has(w)) hit++;
  if (hit * 2 < Math.min(t.length, 12)) return 0;
  return hit / h.length;
}

interface Zone {
  /** Before the first paragraph of prose. */
  head: boolean;
  /** After the last paragraph of prose. */
  tail: boolean;
  /** Inside a `<header>` or an element whose markup says header. */
  header: boolean;
}

/**
 * Mark furniture blocks inside the extracted article. `titles` are the article's title as the page
 * states it in several places (metadata, `<title>`); a heading like one of them is the title, not body.
 * `authors` are the names the page's metadata gives (names of two words or more count).
 */
export function markFurniture(content: Element, titles: readonly (string | null | undefined)[], authors: readonly string[] = []): void {
  const all = listOf(content.getElementsByTagName('*'));
  const names = authors.map((a) => words(a).join(' ')).filter((n) => n.includes(' '));
  const known = titles.filter((t): t is string => !!t && t.trim().length > 0);
  // Where the prose begins and ends: the header sits before it, the tail after it.
  let firstProse = -1;
  let lastProse = -1;
  const prose: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (el.localName === 'p' && (el.textContent ?? '').length >= PROSE_CHARS && collapse(el.textContent ?? '').length >= PROSE_CHARS) {
      if (firstProse < 0) firstProse = i;
      lastProse = i;
      prose.push(i);
    }
  }
  // A long closing line of furniture (a reporting credit, a note about the author, a notice) is not
  // the last paragraph of prose: the tail starts before it, so it and the short lines around it are
  // judged as the tail they are ("Reporting by …; Editing by …", "Jane Doe is the editor of …").
  // So is a paragraph of the author box that closes the article.
  for (let k = prose.length - 1; k > 0 && (isTailLine(all[prose[k]]) || inAuthorBox(all[prose[k]], content, all[prose[0]])); k--) lastProse = prose[k - 1];
  // Nor is a caption worded as agencies word them ("In this … file photo, …") the first one: the
  // header runs on past a photo line above the byline.
  for (let k = 0; k < prose.length - 1 && prose[k + 1] <= lastProse && isCaptionLine(collapse(all[prose[k]].textContent ?? '')); k++) firstProse = prose[k + 1];
  const firstEl = firstProse >= 0 ? all[firstProse] : null;
  const lastEl = lastProse >= 0 ? all[lastProse] : null;
  let titleMarked = false;
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (el.hasAttribute(DECANT_ROLE_ATTR)) continue;
    const tag = el.localName;
    if (tag === 'figcaption') continue; // text.ts skips it already
    const head = firstEl ? i < firstProse && !el.contains(firstEl) : false;
    const tail = lastEl ? i > lastProse && !lastEl.contains(el) : false;
    const zone: Zone = { head, tail, header: head && inHeader(el, content) };
    const role = roleOf(el, tag, zone, titleMarked ? [] : known, names);
    if (role) {
      el.setAttribute(DECANT_ROLE_ATTR, role);
      if (role === 'title') titleMarked = true;
    }
  }
}

/** Inside an article header: a `<header>`/`<hgroup>` element or one whose markup says header, below `root`. */
function inHeader(el: Element, root: Element): boolean {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
    const tag = e.localName;
    if (tag === 'header' || tag === 'hgroup') return true;
    if (e.attributes.length && hasToken(tokenize(Attrs.of(e)), HEADER_TOKENS)) return true;
  }
  return false;
}

function roleOf(el: Element, tag: string, zone: Zone, titles: readonly string[], names: readonly string[]): FurnitureRole | null {
  const isHeading = HEADINGS.has(tag);
  if (isHeading && titles.length && zone.head) {
    const t = collapse(el.textContent ?? '');
    // h1/h2 may word the title a little differently; a lower heading must say it exactly.
    const like = tag === 'h1' || tag === 'h2' ? (title: string) => titleSimilarity(t, title) >= 0.8 : (title: string) => words(t).join(' ') === words(title).join(' ');
    if (t && t.length <= 400 && titles.some(like)) return 'title';
  }
  if (el.childElementCount > 30) return null; // a container, not a line
  const attrs = Attrs.of(el);
  const tokens = attrs.size ? tokenize(attrs) : [];
  // Nothing below applies to a container of blocks without markup: skip its (long) text.
  if (!tokens.length && (!BLOCK_TAGS.has(tag) || countDescendants(el, CONTAINERS, 1))) return null;
  const raw = el.textContent ?? '';
  const len = raw.length > 2000 ? 2000 : collapse(raw).length;
  if (tokens.length) {
    if (hasToken(tokens, CAPTION_TOKENS) && len <= 600 && countDescendants(el, PARA, 2) < 2) return 'caption';
    if (hasToken(tokens, BYLINE_TOKENS) && len <= 200 && countDescendants(el, PARA, 1) === 0) return 'byline';
    if (zone.head && hasToken(tokens, STANDFIRST_TOKENS) && len <= 500) return 'standfirst';
    if (zone.head && hasToken(tokens, KICKER_TOKENS) && len <= 80) return 'kicker';
    if (attrs.get('rel') === 'author' || attrs.get('itemprop') === 'author') return len <= 200 ? 'byline' : null;
    if (zone.tail && hasToken(tokens, AUTHOR_BOX_TOKENS) && len <= AUTHOR_BOX_CHARS && countDescendants(el, HEADINGS, 2) < 2) return 'note';
  }
  if (!BLOCK_TAGS.has(tag)) return null;
  if (len === 0 || len > 600) return null;
  // Only leaf-ish blocks: a line, not a container of paragraphs.
  if (countDescendants(el, CONTAINERS, 1)) return null;
  const text = collapse(raw);
  // In the article's own header (before the prose): everything but the title is furniture.
  if (zone.header && !isHeading && len <= 500) return 'standfirst';
  if (zone.header && isHeading && tag !== 'h1' && len <= 300) return 'standfirst';
  if (len <= 200) {
    if (DATE_LINE.test(text)) return zone.head || zone.tail || len <= 60 ? 'dateline' : null;
    if (BYLINE_LINE.test(text)) return 'byline';
    // A line of the header that starts with an author the page names ("Staff Reports", "The Associated
    // Press" and the date beside it) is the byline, even without a class or a "By": not a sentence.
    if (zone.head && !isHeading && !/[.!?]\W*$/.test(text) && names.some((n) => `${words(text).join(' ')} `.startsWith(`${n} `))) return 'byline';
    if (CREDIT_LINE.test(text) && len <= 120) return 'credit';
  }
  if (!isHeading && isCaptionLine(text)) return 'caption';
  if (zone.head && isHeading && tag !== 'h1' && len <= 200 && isStandfirstHeading(el)) return 'standfirst';
  if (zone.tail || zone.head) {
    if (REPORTING_LINE.test(text) && len <= 400) return 'credit';
    if (AUTHOR_NOTE_LINE.test(text) && len <= 500) return 'note';
    if (NOTICE_LINE.test(text) && len <= 400) return 'note';
  }
  return null;
}

/** Longest author box (characters): a few lines about the writer, not a section of the article. */
const AUTHOR_BOX_CHARS = 1000;

/** Is `el` inside a short author box (markup) below `root` that does not hold the article's first paragraph of prose? */
function inAuthorBox(el: Element, root: Element, first: Element): boolean {
  for (let e = el.parentElement; e && e !== root; e = e.parentElement) {
    if (e.contains(first)) return false;
    if (isAuthorBox(e)) return true;
  }
  return false;
}

function isAuthorBox(e: Element): boolean {
  if (!e.attributes.length) return false;
  const tokens = tokenize(Attrs.of(e));
  return !!hasToken(tokens, AUTHOR_BOX_TOKENS) && collapse(e.textContent ?? '').length <= AUTHOR_BOX_CHARS;
}

/** A caption's line by its words: a credit in brackets at its end, or an agency's opening ("In this … photo"). */
function isCaptionLine(text: string): boolean {
  return text.length <= 400 && (CAPTION_CREDIT_END.test(text) || CAPTION_START.test(text));
}

/** A paragraph that is one of the lines closing an article (credits, a note about the author, a notice), not prose. */
function isTailLine(el: Element): boolean {
  const text = collapse(el.textContent ?? '');
  return text.length <= 500 && (REPORTING_LINE.test(text) || AUTHOR_NOTE_LINE.test(text) || NOTICE_LINE.test(text));
}

/** An h2 right under the h1 at the top (a deck), not a section heading: it has no heading before it but the title. */
function isStandfirstHeading(el: Element): boolean {
  const prev = el.previousElementSibling;
  return !!prev && prev.localName === 'h1' && collapse(el.textContent ?? '').length >= 30;
}
