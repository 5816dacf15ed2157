/**
 * Article furniture: title, byline, dateline, standfirst, captions and photo credits. They stay in
 * `contentHtml` (readers see them) and are marked with `data-decant-role` so `text` leaves them out
 * (CONTRACT §1). Nothing here removes anything, so nothing here goes in the ledger.
 */
import { DECANT_ROLE_ATTR } from './html';
import { collapse, BLOCK_TAGS } from './dom';
import { tokenize } from './rules/match';
import { Attrs } from './rules/attrs';
import { BYLINE_LINE, CAPTION_TOKENS, BYLINE_TOKENS, CREDIT_LINE, DATE_LINE, STANDFIRST_TOKENS } from './furniture.data';

export type FurnitureRole = 'title' | 'byline' | 'dateline' | 'caption' | 'credit' | 'standfirst';

const PARA: ReadonlySet<string> = new Set(['p']);
const CONTAINERS: ReadonlySet<string> = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table']);

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

/** Normalise a title for comparison. */
function norm(s: string): string {
  return collapse(s).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Mark furniture blocks inside the extracted article. `title` is the article's title (a heading equal
 * to it is the title, not body).
 */
export function markFurniture(content: Element, title: string | null): void {
  const titleKey = title ? norm(title) : '';
  const all = Array.from(content.getElementsByTagName('*'));
  // Where the prose begins: standfirst and byline lines sit before it (or just after the headline).
  let firstProseIndex = all.length;
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (el.localName === 'p' && collapse(el.textContent ?? '').length >= 120) {
      firstProseIndex = i;
      break;
    }
  }
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (el.hasAttribute(DECANT_ROLE_ATTR)) continue;
    const tag = el.localName;
    if (tag === 'figcaption') continue; // text.ts skips it already
    const role = roleOf(el, tag, i < firstProseIndex, titleKey);
    if (role) el.setAttribute(DECANT_ROLE_ATTR, role);
  }
}

function roleOf(el: Element, tag: string, beforeProse: boolean, titleKey: string): FurnitureRole | null {
  const isHeading = /^h[1-6]$/.test(tag);
  if (isHeading && titleKey) {
    const key = norm(el.textContent ?? '');
    if (key && (key === titleKey || (tag === 'h1' && (titleKey.startsWith(key) || key.startsWith(titleKey)) && key.length > 15))) return 'title';
  }
  if (el.childElementCount > 30) return null; // a container, not a line
  const attrs = Attrs.of(el);
  const tokens = tokenize(attrs);
  const len = collapse(el.textContent ?? '').length;
  if (tokens.length) {
    if (hasToken(tokens, CAPTION_TOKENS) && len <= 600 && countDescendants(el, PARA, 2) < 2) return 'caption';
    if (hasToken(tokens, BYLINE_TOKENS) && len <= 200 && countDescendants(el, PARA, 1) === 0) return 'byline';
    if (beforeProse && hasToken(tokens, STANDFIRST_TOKENS) && len <= 500) return 'standfirst';
    if (attrs.get('rel') === 'author' || attrs.get('itemprop') === 'author') return len <= 200 ? 'byline' : null;
  }
  if (!BLOCK_TAGS.has(tag)) return null;
  if (len === 0 || len > 200) return null;
  const text = collapse(el.textContent ?? '');
  // Only leaf-ish blocks: a line, not a container of paragraphs.
  if (countDescendants(el, CONTAINERS, 1)) return null;
  if (DATE_LINE.test(text)) return beforeProse || len <= 60 ? 'dateline' : null;
  if (BYLINE_LINE.test(text)) return 'byline';
  if (CREDIT_LINE.test(text) && len <= 120) return 'credit';
  if (beforeProse && isHeading && tag !== 'h1' && isStandfirstHeading(el)) return 'standfirst';
  return null;
}

/** An h2 right under the h1 at the top (a deck), not a section heading: it has no heading before it but the title. */
function isStandfirstHeading(el: Element): boolean {
  const prev = el.previousElementSibling;
  return !!prev && prev.localName === 'h1' && collapse(el.textContent ?? '').length >= 30;
}
