/**
 * "Read more" rails and "Read also" lines: a list of links (headline cards), a rail label, related
 * markup — any two. A line inside the article ("Read more: <headline>") is mostly link text.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { tailSignal } from './shared';
import { BLOCK_TAGS, listOf } from '../dom';
import { RELATED_LABEL, RELATED_STEMS, RELATED_TOKENS, RELATED_VENDORS } from './related.data';

/** A headline set in capitals: four words or more, letters, no lower case (Fox News' in-article links). */
const CAPS_HEADLINE = /^(?=(?:[^\p{L}]*\p{L}+){4})[^\p{Ll}]+$/u;

/**
 * Do the block's links all lead to a place on the page itself? A live blog heads each entry with a link
 * to the entry's own permalink (`<h2><a href="#post-123">12:04 …`, or the page's address with a query and
 * a fragment): that line is the story, not a link to another one (fixture:
 * related--liveblog-permalink-headings). A bare `#` or a script link is a button, not a permalink; a
 * link that changes one of the page's own parameters goes to another page on sites that number
 * articles (`news_view.html?idx=…`). The page's address is the walk's (see WalkOptions.page); with
 * none, only `#…` links are known to stay on it.
 */
function permalinkLine(f: Facts): boolean {
  // A rail's own label or tab ("Most read", "Read more" linking to #tab-…) stays a rail label.
  return !RELATED_LABEL.test(f.text()) && onlySelfLinks(f.el, f.page);
}

function onlySelfLinks(el: Element, page: URL | null): boolean {
  for (const a of listOf(el.getElementsByTagName('a'))) {
    const href = (a.getAttribute('href') ?? '').trim();
    if (href && !isPermalink(href, page)) return false;
  }
  return true;
}

/**
 * The walk asks about the same links once per enclosing block (a paragraph, then each wrapper): each
 * href is resolved once per page. Bounded, like the engine's other memos, for long batch runs.
 */
let memoPage: URL | null = null;
const memo = new Map<string, boolean>();
const MEMO_LIMIT = 4096;

function isPermalink(href: string, page: URL | null): boolean {
  if (href.startsWith('#')) return href.length > 1;
  if (!page || /^(?:javascript|mailto|tel):/i.test(href)) return false;
  if (page !== memoPage) {
    memoPage = page;
    memo.clear();
  }
  let known = memo.get(href);
  if (known === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(href, (known = resolvesToPage(href, page)));
  }
  return known;
}

function resolvesToPage(href: string, page: URL): boolean {
  let u: URL;
  try {
    u = new URL(href, page);
  } catch {
    return false;
  }
  const path = (x: URL): string => x.pathname.replace(/\/+$/, '');
  if (u.origin !== page.origin || path(u) !== path(page)) return false;
  // The page's own parameters, kept as they are; a link may add its own (`?entry=2`, `?page=with:block-…`).
  for (const [k, v] of page.searchParams) if (u.searchParams.get(k) !== v) return false;
  return true;
}

function structure(f: Facts): Signal[] {
  const s = f.stats;
  const out: Signal[] = [];
  // A link inside a paragraph is part of the sentence; only blocks (a line, a list, a rail) are judged.
  // An e-mail or phone link makes a line an author's contact line, not a rail.
  if (!BLOCK_TAGS.has(f.tag)) return out;
  const density = s.textLen ? s.linkTextLen / s.textLen : 0;
  if (s.links >= 3 && density >= 0.5) out.push({ kind: 'structure', what: `a list of ${s.links} links (${Math.round(density * 100)}% link text)` });
  else if (s.links >= 1 && s.links <= 2 && s.textLen <= 250 && density >= 0.5 && s.paras <= 1 && s.contactLinks === 0 && !permalinkLine(f)) {
    out.push({ kind: 'structure', what: 'a line that is mostly a link' });
    if (s.textLen >= 20 && CAPS_HEADLINE.test(f.text())) out.push({ kind: 'text', what: 'a headline in capitals' });
  }
  if (s.relatedLinks > 0 && s.relatedLinks * 2 >= s.links) out.push({ kind: 'markup', what: `${s.relatedLinks} link(s) tagged as related reading` });
  if (out.length) out.push(...tailSignal(f));
  return out;
}

export const related = defineFamily({
  id: 'related',
  category: 'related',
  risky: true,
  vendors: RELATED_VENDORS,
  markup: { exact: RELATED_TOKENS, stems: RELATED_STEMS },
  text: { regex: RELATED_LABEL, scope: 'label', what: 'rail label', before: true },
  maxText: 4000,
  maxParas: 4,
  structure,
});
