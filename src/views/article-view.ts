/**
 * The article as the popup and the reader view show it, in their own document (CONTRACT §3): the
 * metadata header, the sanitised body, and removed blocks put back in place on request.
 *
 * Page HTML (contentHtml, ledger html) enters ONLY through `parseSanitized` (core/html.ts), into an
 * inert document first: there Decant applies its image policy (no image loads at all when images
 * are off; `referrerpolicy="no-referrer"` and lazy loading when on) and its link policy (new tab,
 * no opener, no referrer) before the nodes join this page and start loading anything.
 */
import { parseSanitized } from '../core/html';
import { CATEGORY_LABELS, type Article, type LedgerEntry } from '../core/types';
import { append, h } from './dom';
import { formatDate } from '../export/dates';

export interface ViewOptions {
  /** Load the article's images (the user's setting). */
  images: boolean;
}

type Win = Window & typeof globalThis;

function placeholder(alt: string, why: 'off' | 'failed'): HTMLElement {
  const label = why === 'off' ? 'Image not loaded (images are off)' : 'Image could not be loaded';
  // The sentence is Decant's (English, left to right, in an RTL article too); the alt text is the page's.
  return h('span', { class: 'img-placeholder', role: 'img', 'aria-label': alt ? `${label}: ${alt}` : label }, h('span', { class: 'img-placeholder-label', lang: 'en', dir: 'ltr' }, label), alt ? h('span', { class: 'img-placeholder-alt' }, alt) : null);
}

function isHttp(url: string | null | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

/** Apply the image and link policy to nodes that are not in a live document yet. */
function applyPolicy(root: DocumentFragment | Element, options: ViewOptions): void {
  const doc = root.ownerDocument!;
  for (const img of Array.from(root.querySelectorAll('img'))) {
    if (!options.images || !isHttp(img.getAttribute('src')) && !/^data:image\//i.test(img.getAttribute('src') ?? '')) {
      const ph = placeholder(img.getAttribute('alt') ?? '', options.images ? 'failed' : 'off');
      img.replaceWith(doc.importNode(ph, true));
      continue;
    }
    img.setAttribute('referrerpolicy', 'no-referrer');
    img.setAttribute('loading', 'lazy');
    img.setAttribute('decoding', 'async');
    const srcset = img.getAttribute('srcset');
    if (srcset && /(?:^|,)\s*(?!https?:)[a-z][\w+.-]*:/i.test(srcset)) img.removeAttribute('srcset');
  }
  for (const source of Array.from(root.querySelectorAll('source'))) {
    if (!options.images) source.remove();
    else source.setAttribute('referrerpolicy', 'no-referrer');
  }
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (href.startsWith('#')) continue;
    if (!/^(?:https?|mailto|tel):/i.test(href)) {
      a.removeAttribute('href');
      continue;
    }
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
    a.setAttribute('referrerpolicy', 'no-referrer');
  }
}

/** After the nodes joined the page: an image that fails becomes a quiet placeholder with its alt text. */
function watchImages(root: ParentNode): void {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    img.addEventListener('error', () => img.replaceWith(placeholder(img.getAttribute('alt') ?? '', 'failed')), { once: true });
  }
}

/** Sanitised page HTML as nodes of this document, with Decant's policies applied. */
export function pageNodes(html: string, options: ViewOptions): DocumentFragment {
  const inert = document.implementation.createHTMLDocument('');
  const fragment = parseSanitized(html, inert, window as Win);
  applyPolicy(fragment, options);
  const live = document.importNode(fragment, true);
  watchImages(live);
  return live;
}

export function languageName(tag: string | null): string | null {
  if (!tag) return null;
  try {
    const names = new Intl.DisplayNames([navigator.language || 'en'], { type: 'language' });
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = decodeURI(u.pathname + u.search).replace(/\/$/, '');
    return `${u.host.replace(/^www\./, '')}${path}`;
  } catch {
    return url;
  }
}

/** Blocks that may open an article: its standfirst, first paragraphs, a lead quote or list. */
const OPENING_BLOCKS = 'p, h2, h3, h4, h5, h6, blockquote, li, pre';
/** How many of them count as the opening (a standfirst and a caption often come before the text). */
const OPENING_COUNT = 4;
/** How much of the excerpt must match: descriptions are often cut short without an ellipsis. */
const EXCERPT_PREFIX = 80;

/** Text compared for sameness: whitespace collapsed, curly quotes straightened, lower case. */
function comparable(text: string): string {
  return text.normalize('NFC').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The text of the body's first few blocks, in order: innermost blocks only, not captions (figures)
 * nor blocks shown again.
 */
export function openingTexts(body: ParentNode, count = OPENING_COUNT): string[] {
  const texts: string[] = [];
  for (const el of Array.from(body.querySelectorAll(OPENING_BLOCKS))) {
    if (el.closest('figure, [data-restored]') || el.querySelector(OPENING_BLOCKS)) continue;
    const text = comparable(el.textContent ?? '');
    if (text) texts.push(text);
    if (texts.length >= count) break;
  }
  return texts;
}

/**
 * Whether an excerpt only repeats the article's opening: without a trailing ellipsis, its start is
 * the start of one of the opening blocks (or of the text running on from one). Pages put a standfirst
 * before their first paragraph (nags: kofi-model-railway, nyt-style-small-lot-housing), so the first
 * block alone is not enough.
 */
export function repeatsOpening(excerpt: string, opening: readonly string[]): boolean {
  const start = comparable(excerpt).replace(/(?:…|\.{3})$/, '').trimEnd().slice(0, EXCERPT_PREFIX);
  return !start || opening.some((_, i) => opening.slice(i).join(' ').startsWith(start));
}

/**
 * Decant's own words in the header (dates, length, reading time, the language's name): English, left
 * to right, each isolated, so that in a right-to-left article "206 words" does not read "words 206".
 */
const DECANT_WORDS = { lang: 'en', dir: 'ltr' } as const;

/** The metadata header: site and date, title, byline, language, length, excerpt, canonical URL. */
export function articleHeader(article: Article, options: { opening?: readonly string[] } = {}): HTMLElement {
  const published = formatDate(article.publishedTime);
  const modified = article.modifiedTime && article.modifiedTime !== article.publishedTime ? formatDate(article.modifiedTime) : null;
  const kicker = h('p', { class: 'kicker' });
  append(
    kicker,
    article.siteName ? h('span', { class: 'site', 'data-field': 'siteName' }, article.siteName) : null,
    published ? h('time', { class: 'published', datetime: article.publishedTime ?? '', 'data-field': 'publishedTime', ...DECANT_WORDS }, published) : null,
    modified ? h('span', { class: 'modified', 'data-field': 'modifiedTime', ...DECANT_WORDS }, `Updated ${modified}`) : null,
  );
  const facts = h('p', { class: 'facts' });
  const lang = languageName(article.lang);
  append(
    facts,
    lang ? h('span', { 'data-field': 'lang', ...DECANT_WORDS }, lang) : null,
    h('span', { 'data-field': 'wordCount', ...DECANT_WORDS }, `${article.wordCount.toLocaleString()} words`),
    h('span', { 'data-field': 'readingTime', ...DECANT_WORDS }, `${article.readingTimeMinutes} min read`),
  );
  // The excerpt is shown when it adds something: many pages' description is their first sentence.
  const excerpt = article.excerpt && !repeatsOpening(article.excerpt, options.opening ?? []) ? article.excerpt : null;
  const canonical = isHttp(article.canonicalUrl) ? article.canonicalUrl : isHttp(article.url) ? article.url : null;
  return h(
    'header',
    { class: 'article-header' },
    kicker.childNodes.length ? kicker : null,
    h('h1', { class: 'article-title', 'data-field': 'title' }, article.title ?? 'Untitled article'),
    article.byline ? h('p', { class: 'byline', 'data-field': 'byline' }, `By ${article.byline}`) : null,
    facts,
    excerpt ? h('p', { class: 'excerpt', 'data-field': 'excerpt' }, excerpt) : null,
    canonical
      ? h('p', { class: 'source' }, h('a', { href: canonical, target: '_blank', rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', 'data-field': 'canonicalUrl', title: canonical, dir: 'ltr' }, shortUrl(canonical)))
      : null,
  );
}

/** The article body; the lead image is added on top when the body has no image of its own. */
export function articleBody(article: Article, options: ViewOptions): HTMLElement {
  // `titled`: the header prints the title, so the story's own title heading (kept by Readability
  // when another heading on the page repeated it first; the core marks it) is not shown twice (base.css).
  const body = h('div', { class: article.title ? 'article-body titled' : 'article-body', 'data-field': 'contentHtml' });
  if (article.lang) body.setAttribute('lang', article.lang);
  if (article.dir) body.setAttribute('dir', article.dir);
  body.appendChild(pageNodes(article.contentHtml, options));
  if (article.leadImageUrl && isHttp(article.leadImageUrl) && !body.querySelector('img, .img-placeholder')) {
    const img = options.images
      ? h('img', { src: article.leadImageUrl, alt: '', referrerpolicy: 'no-referrer', decoding: 'async' })
      : placeholder('', 'off');
    if (img instanceof HTMLImageElement) watchImages(h('div', {}, img));
    body.insertBefore(h('figure', { class: 'lead-image', 'data-field': 'leadImageUrl' }, img), body.firstChild);
  }
  return body;
}

// --- Show again ----------------------------------------------------------------------------------

const RESTORED_ATTR = 'data-restored';

/** Whether a removed block is shown again in this body. */
export function isShown(body: Element, id: string): boolean {
  return !!body.querySelector(`[${RESTORED_ATTR}="${CSS.escape(id)}"]`);
}

/**
 * Put a removed block back where it was: its sanitised HTML right after the article block it
 * followed (`after`, CONTRACT §2), or at the top when it came before all of them. Blocks sharing an
 * anchor keep the ledger's order. Returns the inserted element.
 */
export function showBlock(body: Element, entry: LedgerEntry, order: readonly string[], options: ViewOptions, onHide: () => void): HTMLElement {
  const existing = body.querySelector<HTMLElement>(`[${RESTORED_ATTR}="${CSS.escape(entry.id)}"]`);
  if (existing) return existing;
  // Decant's bar and label are English, left to right, in a right-to-left article too; the block's
  // own content takes the article's language and direction back (the body carries them).
  const block = h(
    'aside',
    { class: 'restored', [RESTORED_ATTR]: entry.id, 'data-category': entry.category, lang: 'en', dir: 'ltr', 'aria-label': `Removed by Decant, shown again: ${CATEGORY_LABELS[entry.category]}` },
    h('div', { class: 'restored-bar' }, h('span', { class: 'restored-label' }, `Shown again · ${CATEGORY_LABELS[entry.category]}`), h('button', { type: 'button', class: 'link-button', onclick: onHide }, 'Hide again')),
  );
  const content = h('div', { class: 'restored-content', lang: body.getAttribute('lang'), dir: body.getAttribute('dir') });
  content.appendChild(entry.html ? pageNodes(entry.html, options) : document.createTextNode(entry.preview));
  block.appendChild(content);

  const anchor = entry.after ? body.querySelector(`[data-decant-id="${CSS.escape(entry.after)}"]`) : null;
  const rank = order.indexOf(entry.id);
  const later = (el: Element | null): boolean => !!el && el.hasAttribute(RESTORED_ATTR) && order.indexOf(el.getAttribute(RESTORED_ATTR)!) < rank;
  if (anchor) {
    let ref: Element = anchor;
    while (later(ref.nextElementSibling)) ref = ref.nextElementSibling!;
    ref.after(block);
  } else {
    const host = body.firstElementChild && body.childElementCount === 1 && !body.firstElementChild.hasAttribute(RESTORED_ATTR) ? body.firstElementChild : body;
    let ref: Element | null = host.firstElementChild;
    while (later(ref)) ref = ref!.nextElementSibling;
    host.insertBefore(block, ref);
  }
  return block;
}

export function hideBlock(body: Element, id: string): void {
  body.querySelector(`[${RESTORED_ATTR}="${CSS.escape(id)}"]`)?.remove();
}
