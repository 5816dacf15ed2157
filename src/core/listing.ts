/**
 * Pages that list other pages: a shop's product grid, a section front's story teasers, search
 * results. Readability still finds "content" there (the grid of names and prices, the teasers'
 * one-line summaries), and it is often over the 40-word floor, but it is no article (CONTRACT §1:
 * no article when fewer than 40 words of body text remain — here, once the list is set aside).
 *
 * Read on the ORIGINAL page, in the article container the pipeline chose (`articlePath`): the rules
 * may already have taken the teasers' headline links from the copy, and the copy's items no longer
 * show that they lead elsewhere. An item is one of three or more children of one element, short
 * (a card, not a section of prose), not a paragraph, and headed by a link to another page: a link
 * in or around its first heading, or, without a heading, around its first text. Markup (the repeated
 * children), structure (each led by a link away) and the text (next to nothing besides them) agree.
 *
 * Only the click path runs it (the {@link Sanitizer} `view`): auto-clean's live pass shows no
 * article, and a container it guards on a listing page is the list, which it should not hide anyway.
 * Reads through {@link domOf}, since on the click the page is the live one (DOM clobbering).
 */
import { collapse, MAX_READ_DEPTH } from './dom';
import { domOf, resolvePath, type SafeDom } from './safe-dom';
import { CARD_MAX_CHARS, isOtherPage } from './stories';
import { countWords } from './text';

/** Most elements in one item (a card is a few links, images, headings and lines). */
const MAX_CARD_ELEMENTS = 100;
/** Fewest items that make a list. */
const MIN_ITEMS = 3;
/** Not running text, wherever they stand: nothing in them counts besides the list. */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'nav', 'header', 'footer', 'aside', 'form', 'select', 'button', 'iframe']);
const HEADING = /^h[1-6]$/;

/** Does `href` lead to another page (with the page's address unknown: any link but a fragment or a script)? */
function leadsAway(href: string | null, page: URL | null): boolean {
  if (!href || /^\s*(?:#|javascript:|mailto:|tel:)/i.test(href)) return false;
  return !page || isOtherPage(href, page);
}

/** The element whose own text comes first in `el`. */
function firstText(d: SafeDom, el: Element): Element | null {
  for (let n = d.firstChild(el); n; n = d.nextSibling(n)) {
    if (d.nodeType(n) === 3 && collapse(d.textContent(n))) return el;
    const inner = d.nodeType(n) === 1 && !NOT_TEXT.has(d.localName(n as Element)) ? firstText(d, n as Element) : null;
    if (inner) return inner;
  }
  return null;
}

/** The link that heads `item`: in or around its first heading, else around its first text. */
function leadLink(d: SafeDom, item: Element): Element | null {
  let lead: Element | null = null;
  for (const el of Array.from(d.elementsByTag(item, '*'))) {
    if (HEADING.test(d.localName(el))) {
      lead = d.elementsByTag(el, 'a')[0] ?? el;
      break;
    }
  }
  // Without a heading, its first text: an image link before it (a product photo) does not count.
  lead ??= firstText(d, item);
  const link = lead && d.closest(lead, 'a[href]');
  return link && d.position(item, link) & 16 ? link : null; // 16: `item` holds it
}

/**
 * Does `el` hold more than `max` elements? Counts no further than that: the length of
 * getElementsByTagName('*') walks the whole subtree, at every ancestor that is asked.
 */
function holdsMoreThan(d: SafeDom, el: Element, max: number): boolean {
  let n = 0;
  for (let c = d.firstElementChild(el); c; ) {
    if (++n > max) return true;
    let next = d.firstElementChild(c);
    for (let up: Element | null = c; !next && up && up !== el; up = d.parentElement(up)) next = d.nextElementSibling(up);
    c = next;
  }
  return false;
}

function isItem(d: SafeDom, el: Element, page: URL | null): boolean {
  const tag = d.localName(el);
  if (tag === 'p' || NOT_TEXT.has(tag) || holdsMoreThan(d, el, MAX_CARD_ELEMENTS)) return false;
  const len = collapse(d.textContent(el)).length;
  if (!len || len > CARD_MAX_CHARS) return false;
  const link = leadLink(d, el);
  return !!link && leadsAway(d.get(link, 'href'), page);
}

/** The children of `el` that are the items of a list (none unless {@link MIN_ITEMS} or more). */
function listOf(d: SafeDom, el: Element, page: URL | null): Element[] {
  const kids: Element[] = [];
  let own = '';
  for (let n = d.firstChild(el); n; n = d.nextSibling(n)) {
    if (d.nodeType(n) === 1) kids.push(n as Element);
    else if (d.nodeType(n) === 3) own += d.textContent(n);
  }
  // Links within a sentence ("see <a>…</a>, <a>…</a> and <a>…</a>") are no list of items.
  const listed = kids.length >= MIN_ITEMS && !/[\p{L}\p{N}]/u.test(own) ? kids.filter((c) => isItem(d, c, page)) : [];
  return listed.length >= MIN_ITEMS ? listed : [];
}

/**
 * Why the page is not an article when its container (`articlePath` in `doc`) is a list of links to
 * other pages with fewer than `minWords` words of text besides them; null otherwise.
 */
export function listingReason(doc: Document, articlePath: string | null, url: string | null, minWords: number): string | null {
  const d = domOf(doc);
  // Walked step by step: a selector of nth-of-type steps costs a search of the whole page (in jsdom,
  // two thirds of this check's time on the corpus).
  let root = resolvePath(doc, articlePath, d);
  if (!root) return null;
  let page: URL | null = null;
  try {
    page = url ? new URL(url) : null;
  } catch {
    // an unreadable address: any link away counts
  }
  // Readability may take one card of the list (a blog's first excerpt): then the list is read whole.
  for (let a: Element | null = root; a && collapse(d.textContent(a)).length <= CARD_MAX_CHARS; a = d.parentElement(a)) {
    const parent = d.parentElement(a);
    if (parent && listOf(d, parent, page).includes(a)) {
      root = parent;
      break;
    }
  }
  let items = 0;
  let itemWords = 0;
  // Running words, counted piece by piece (each piece starts with a space, so the sum is the count of
  // the whole); the walk stops once they make an article, as on almost every page that is one.
  let words = 0;
  const add = (text: string): void => {
    words += countWords(` ${text}`);
  };
  const visit = (el: Element, depth: number): void => {
    const tag = d.localName(el);
    if (words >= minWords || NOT_TEXT.has(tag)) return;
    // A paragraph is running text, links and all; so is what lies deeper than the pipeline reads.
    if (tag === 'p' || depth > MAX_READ_DEPTH) return add(d.textContent(el));
    const listed = new Set(listOf(d, el, page));
    for (let n = d.firstChild(el); n; n = d.nextSibling(n)) if (d.nodeType(n) === 3) add(d.textContent(n));
    for (let c = d.firstElementChild(el); c; c = d.nextElementSibling(c)) {
      if (!listed.has(c)) visit(c, depth + 1);
      else {
        items++;
        itemWords += countWords(d.textContent(c));
      }
    }
  };
  visit(root, 0);
  if (!items || words >= minWords || words >= itemWords) return null;
  const besides = words ? `only ${words} word${words === 1 ? '' : 's'} of running text besides them` : 'no running text besides them';
  return `No article was found on this page: it is a list of ${items} links to other pages (such as products, stories or search results), with ${besides} (an article has at least ${minWords}).`;
}
