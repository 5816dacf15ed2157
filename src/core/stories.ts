/**
 * Other stories that Readability took along with the article.
 *
 * Teaser cards: a run of `<article>` elements after the article's first paragraph of prose, each short
 * and headed by a link to another page (a "more stories" grid of kicker, headline and blurb). Markup
 * (an article element), structure (two or more short cards beside the story, none holding its prose)
 * and a link heading to another page agree.
 *
 * WordPress post loops: a WordPress page names its own post in
 * the body class (`postid-1806`) and each post block in its id (`article#post-7816`); when the
 * extracted content holds post blocks of other ids that do not hold the article's first paragraph of
 * prose, they are teasers of other stories (a "more posts" loop under the article), not its text.
 *
 * Two kinds of evidence agree for each: markup (a post block of another id than the page's) and
 * structure (it stands beside the main story, not around it). They go in the ledger as `related`.
 * This step is not part of the safety valve's budget: a loop of ten teasers is often longer than
 * the article it follows, and taking it is the point.
 */
import { collapse, listOf } from './dom';
import type { Signal } from './rules/types';

const PAGE_POST_ID = /(?:^|\s)(?:postid|page-id)-(\d+)(?:\s|$)/;
const BLOCK_POST_ID = /^(?:post|page)-(\d+)$/;

/** The post ids a page says it shows: WordPress's `postid-N` / `page-id-N` body classes. */
export function pagePostIds(body: Element): Set<string> {
  const out = new Set<string>();
  const m = PAGE_POST_ID.exec(body.getAttribute('class') ?? '');
  if (m) out.add(m[1]);
  return out;
}

export interface OtherStory {
  el: Element;
  signals: Signal[];
}

/** Post blocks of other ids beside the main story, outermost first. */
export function findOtherStories(content: Element, pageIds: ReadonlySet<string>): OtherStory[] {
  if (!pageIds.size) return [];
  const firstProse = findFirstProse(content);
  if (!firstProse) return [];
  const out: OtherStory[] = [];
  for (const el of listOf(content.getElementsByTagName('*'))) {
    const id = el.getAttribute('id');
    if (!id) continue;
    const m = BLOCK_POST_ID.exec(id);
    if (!m || pageIds.has(m[1])) continue;
    if (el.contains(firstProse) || out.some((o) => o.el.contains(el))) continue;
    out.push({
      el,
      signals: [
        { kind: 'markup', what: `another post (#${id}) on the page of post ${[...pageIds].join(', ')}` },
        { kind: 'structure', what: 'beside the article’s own text, not around it' },
      ],
    });
  }
  return out;
}

/** A teaser card is at most this long (kicker, headline, blurb, credit). */
export const CARD_MAX_CHARS = 600;

/** The link a card's heading leads to: a link inside the heading or around it. */
function headingLink(card: Element): string | null {
  for (const h of Array.from(card.querySelectorAll('h1, h2, h3, h4'))) {
    const a = h.querySelector('a[href]') ?? h.closest('a[href]');
    if (a && card.contains(a)) return a.getAttribute('href');
  }
  return null;
}

/** Does `href` lead to another page than `page` (not a fragment of it, nor itself with a query)? */
export function isOtherPage(href: string, page: URL): boolean {
  if (!href || href.startsWith('#') || /^(?:javascript|mailto|tel):/i.test(href)) return false;
  let u: URL;
  try {
    u = new URL(href, page);
  } catch {
    return false;
  }
  return u.origin !== page.origin || u.pathname.replace(/\/+$/, '') !== page.pathname.replace(/\/+$/, '');
}

/**
 * Teaser cards of other stories after the article's first paragraph of prose (see above); none unless
 * two or more, and none when the page's address (`url`) is unknown.
 */
export function findTeaserCards(content: Element, url: string | null): OtherStory[] {
  const cards = content.getElementsByTagName('article');
  if (cards.length < 2) return [];
  const firstProse = findFirstProse(content);
  if (!firstProse) return [];
  // Without the page's own address a permalink to it cannot be told from a link elsewhere.
  let page: URL;
  try {
    page = new URL(url ?? '');
  } catch {
    return [];
  }
  const out: OtherStory[] = [];
  for (const el of Array.from(cards)) {
    if (el.contains(firstProse) || !(firstProse.compareDocumentPosition(el) & 4)) continue; // 4: FOLLOWING
    if (out.some((o) => o.el.contains(el))) continue;
    const raw = el.textContent ?? '';
    if (raw.length > 4 * CARD_MAX_CHARS || collapse(raw).length > CARD_MAX_CHARS) continue;
    const href = headingLink(el);
    if (!href || !isOtherPage(href, page)) continue;
    out.push({
      el,
      signals: [
        { kind: 'markup', what: 'an <article> card headed by a link to another page' },
        { kind: 'structure', what: 'one of several short story cards after the article’s own text' },
      ],
    });
  }
  return out.length >= 2 ? out : [];
}

function findFirstProse(root: Element): Element | null {
  for (const p of listOf(root.getElementsByTagName('p'))) {
    const raw = p.textContent ?? '';
    if (raw.length >= 120 && collapse(raw).length >= 120) return p;
  }
  return null;
}
