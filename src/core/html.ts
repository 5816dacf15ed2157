/**
 * The ONLY place where HTML strings meet the DOM, and the only user of DOMPurify.
 *
 * Page content is hostile. Everything Decant renders or exports from a page passes through one frozen
 * DOMPurify configuration with hooks registered once per window:
 * - no scripts, styles, forms, frames, media players, `<base>`/`<meta>`/`<link>`, no `on*` attributes,
 *   no `style` attributes (extension pages run under a strict CSP), no page `data-*` attributes;
 * - ids are prefixed `user-content-` (no DOM clobbering of our pages), and in-page `#fragment` links
 *   follow them, so footnote back-links keep working;
 * - images carry `referrerpolicy="no-referrer"`; links carry `rel="noopener noreferrer"`;
 * - classes are dropped except code-language classes (`language-*`, `lang-*`);
 * - an image source is http(s), relative or `data:image/*`, candidate by candidate in a `srcset`, and
 *   only an `<img>` (or `<picture>`'s `<source>`) has one;
 *   `<source>` keeps a `srcset` only inside `<picture>` (media players are forbidden, so nothing else
 *   of a `<source>` would ever load);
 * - strings are parsed in body context (`FORCE_BODY`): a page's `<frameset>` or head-only markup cannot
 *   empty the document DOMPurify works on;
 * - every string that leaves this module is a fixed point of parse → sanitise → serialise, so what a
 *   browser builds from it (the popup, the reader, an exported file) is exactly the sanitised DOM —
 *   the defence against mutation XSS (DOMPurify's test fixture "<math><mtext><h1><a><h6></a>…" is
 *   sanitised safely but re-parses differently).
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';

type Win = Window & typeof globalThis;

import { DECANT_ID_ATTR, DECANT_ROLE_ATTR, KEPT_CLASS, LEDGER_HTML_CAP, capHtml } from './dom';

/** Attributes Decant itself puts on article blocks (defined in dom.ts, which needs no DOMPurify). */
export { DECANT_ID_ATTR, DECANT_ROLE_ATTR };

/** The cap on one ledger entry's HTML (CONTRACT §2). */
export { LEDGER_HTML_CAP };


const CONFIG: Config = Object.freeze({
  USE_PROFILES: { html: true, mathMl: true },
  FORBID_TAGS: [
    'style', 'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'fieldset', 'legend',
    'iframe', 'frame', 'frameset', 'object', 'embed', 'video', 'audio', 'track', 'canvas', 'dialog',
    'base', 'meta', 'link', 'template', 'slot', 'svg', 'math-style', 'portal', 'noscript', 'marquee',
  ],
  FORBID_ATTR: ['style', 'srcdoc', 'formaction', 'action', 'ping', 'background', 'poster', 'autofocus', 'tabindex', 'contenteditable'],
  // alttext: a formula's TeX source on <math> (structure.ts moves it there from <annotation>, which
  // DOMPurify drops); plain text, read by the Markdown export, never a URL or markup.
  ADD_ATTR: [DECANT_ID_ATTR, DECANT_ROLE_ATTR, 'referrerpolicy', 'loading', 'decoding', 'alttext'],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  FORCE_BODY: true,
}) as Config;

/** The last resort for markup that never settles: its text only (text re-parses to itself). */
const TEXT_ONLY: Config = Object.freeze({ ALLOWED_TAGS: [], ALLOWED_ATTR: [], KEEP_CONTENT: true, FORCE_BODY: true }) as Config;

/** Passes of parse → sanitise → serialise before markup that keeps changing is reduced to its text. */
const MAX_PASSES = 4;

/** A URL scheme, after what browsers strip from it (whitespace and control characters). */
const URL_NOISE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]+/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Attributes that load an image; kept on <img> and <picture>'s <source> only. */
const IMAGE_SOURCE_ATTRS: ReadonlySet<string> = new Set(['src', 'srcset', 'sizes']);

/** An image URL the views may load: http(s), relative, or an inline `data:image/*`. */
function isImageUrl(value: string): boolean {
  const url = value.replace(URL_NOISE, '').toLowerCase();
  const scheme = SCHEME.exec(url)?.[1];
  return !scheme || scheme === 'http' || scheme === 'https' || (scheme === 'data' && url.startsWith('data:image/'));
}

/** Every candidate of a `srcset` is an image URL. */
function isImageSrcset(value: string): boolean {
  return value.split(',').every((candidate) => {
    const url = candidate.trim().split(/\s+/)[0] ?? '';
    return isImageUrl(url);
  });
}

const purifiers = new WeakMap<object, DOMPurify>();

function registerHooks(purify: DOMPurify): void {
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName === 'is') {
      // A customized built-in's name. DOMPurify drops the whole element (text and all) when it returns
      // DOM, and blanks the attribute when it returns a string — then the parser's "is value" makes the
      // next serialisation differ. Keeping it blank keeps the element and a stable serialisation; no
      // custom element is defined in Decant's pages or exports, so nothing can upgrade it.
      node.setAttribute('is', '');
      data.forceKeepAttr = true;
    } else if (data.attrName === 'class') {
      const kept = data.attrValue.split(/\s+/).filter((c) => KEPT_CLASS.test(c));
      if (kept.length) data.attrValue = kept.join(' ');
      else data.keepAttr = false;
    } else if (data.attrName === 'href' && data.attrValue.startsWith('#') && !data.attrValue.startsWith('#user-content-')) {
      // Follow SANITIZE_NAMED_PROPS's id prefix so footnote links and back-links still land.
      data.attrValue = data.attrValue.length > 1 ? `#user-content-${data.attrValue.slice(1)}` : '#';
    } else if (IMAGE_SOURCE_ATTRS.has(data.attrName)) {
      // DOMPurify's attribute list is global (a <p src> passes) and it lets any data: URI through on
      // <img>: the views load images, and nothing else, from image elements only.
      const tag = node.nodeName;
      if (tag !== 'IMG' && tag !== 'SOURCE') data.keepAttr = false;
      else if (data.attrName === 'src' && !isImageUrl(data.attrValue)) data.keepAttr = false;
      else if (data.attrName === 'srcset' && !isImageSrcset(data.attrValue)) data.keepAttr = false;
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const tag = node.nodeName;
    if (tag === 'SOURCE') {
      // A <source> only ever loads for a media player (forbidden) or, by srcset, inside <picture>.
      node.removeAttribute('src');
      if (node.parentElement?.nodeName !== 'PICTURE') node.removeAttribute('srcset');
      else node.setAttribute('referrerpolicy', 'no-referrer');
    } else if (tag === 'IMG') {
      node.setAttribute('referrerpolicy', 'no-referrer');
      node.setAttribute('decoding', 'async');
    } else if (tag === 'A' && node.hasAttribute('href')) {
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

/** The DOMPurify instance for a window, created once with Decant's hooks. */
function purifierFor(win: Win): DOMPurify {
  let purify = purifiers.get(win);
  if (!purify) {
    purify = createDOMPurify(win);
    if (!purify.isSupported) {
      throw new Error('DOMPurify is not supported by the window passed to Decant; pass a real browser or jsdom window.');
    }
    registerHooks(purify);
    purifiers.set(win, purify);
  }
  return purify;
}

/** DOMPurify over an element's children, where they stand (no re-parse, no stability check). */
function purifyInPlace(purify: DOMPurify, root: Element): void {
  purify.sanitize(root, { ...CONFIG, IN_PLACE: true });
}

/** Sanitise a string to a string. */
function purifyString(purify: DOMPurify, html: string): string {
  return purify.sanitize(html, CONFIG) as unknown as string;
}

/** Sanitise a string to a fragment (never null: a document DOMPurify cannot use gives an empty one). */
function purifyFragment(purify: DOMPurify, html: string, doc: Document): DocumentFragment {
  const fragment = purify.sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true }) as unknown as DocumentFragment | null;
  return fragment ?? doc.createDocumentFragment();
}

/** Serialise a fragment's nodes as a string, leaving them in the fragment. */
function serializeFragment(fragment: DocumentFragment): string {
  const host = fragment.ownerDocument.createElement('div');
  host.appendChild(fragment);
  const html = host.innerHTML;
  while (host.firstChild) fragment.appendChild(host.firstChild);
  return html;
}

/** An inert document per window, for test parses that must load nothing (no browsing context). */
const inertDocs = new WeakMap<Document, Document>();

function inertDocFor(doc: Document): Document {
  let inert = inertDocs.get(doc);
  if (!inert) {
    inert = doc.implementation.createHTMLDocument('');
    inertDocs.set(doc, inert);
  }
  return inert;
}

/**
 * Set to `true` by the extension build (esbuild `define`). A browser's HTML parser is native, so the
 * check parse that {@link settlesAsWritten} saves costs little there, while the scanner would add
 * ~1.3 KB gzipped to each content script; against jsdom's JavaScript parser (CLI, batch, tests) the
 * scanner halves the sanitise step. Either way the output is the same: the scanner only answers
 * "yes" where the parse would. Written inline as `typeof` at each use, so that builds without the define still run and the
 * extension build drops the scanner as dead code.
 */
declare const __DECANT_NATIVE_PARSER__: boolean | undefined;

/** Elements the parser never nests differently from how they are written, within the rules of {@link settlesAsWritten}. */
const PHRASING_TAGS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'acronym', 'area', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img', 'ins',
  'kbd', 'label', 'map', 'mark', 'picture', 'q', 's', 'samp', 'small', 'source', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dir', 'div', 'dl', 'dd', 'dt', 'figcaption', 'figure', 'footer',
  'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'ul', 'li', 'p', 'section', 'summary', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'hr',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
]);
const VOID_TAGS: ReadonlySet<string> = new Set(['area', 'br', 'col', 'hr', 'img', 'source', 'wbr']);
const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const SECTION_ROWS: ReadonlySet<string> = new Set(['tr']);
/** Table parts: what each may hold (nothing else but ASCII whitespace)… */
const TABLE_CHILDREN: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['table', new Set(['caption', 'colgroup', 'thead', 'tbody', 'tfoot'])],
  ['thead', SECTION_ROWS],
  ['tbody', SECTION_ROWS],
  ['tfoot', SECTION_ROWS],
  ['tr', new Set(['td', 'th'])],
  ['colgroup', new Set(['col'])],
]);
/** …and where each must stand (anywhere else the parser drops it or adds the missing parent). */
const TABLE_PARENTS: ReadonlyMap<string, string> = new Map([
  ['caption', 'table'], ['colgroup', 'table'], ['thead', 'table'], ['tbody', 'table'], ['tfoot', 'table'],
  ['tr', 'thead|tbody|tfoot'], ['td', 'tr'], ['th', 'tr'], ['col', 'colgroup'],
]);
/** Deeper markup is left to the real parse (browsers cap the depth their parser builds). */
const MAX_SETTLED_DEPTH = 128;
const TEXT_RUN = /[^<]*/y;
const TAG = /<(\/?)([a-z][a-z0-9]*)((?: [a-z][a-z0-9_.:-]*="[^"<>]*")*)>/y;
const ATTR = / ([a-z][a-z0-9_.:-]*)="([^"]*)"/g;
/** Text as every HTML serialiser writes it: `&`, `<`, `>` and no-break spaces escaped, and nothing the parser rewrites. */
const BAD_TEXT = /[>\r\0\u00a0]|&(?!(?:amp|lt|gt|nbsp);)/;
/** Attribute values likewise; `<` and `>` are escaped by some serialisers and not by others, so neither is accepted. */
const BAD_VALUE = /[\r\0\u00a0]|&(?!(?:amp|quot|nbsp);)/;
const SPACE_ONLY = /^[ \t\n\f]*$/;
const IN_P = 1, IN_A = 2, IN_HEADING = 4, IN_LI = 8, IN_DD = 16;

/**
 * Does this markup certainly parse back to itself (body context, as {@link reparsesToItself} parses
 * it)? A conservative test on the string alone, true only for markup in a small, well-understood
 * part of HTML: known elements, written as an HTML serialiser writes them, nested as the parser
 * nests them (no block in a `<p>`, no link in a link, no heading in a heading, no list item in a list
 * item without its own list, table parts only in their places, no line feed opening a `<pre>`).
 * Anything else — comments, foreign content (`<math>`, `<svg>`), raw-text elements, a character the
 * parser rewrites — answers false, and the caller runs the real parse. Most sanitised articles fall
 * inside, so they skip a parse of the whole article.
 */
export function settlesAsWritten(html: string): boolean {
  if (html.charCodeAt(0) === 0xfeff) return false;
  const tags: string[] = [''];
  const flags: number[] = [0];
  let pos = 0;
  let preOpened = false;
  for (;;) {
    TEXT_RUN.lastIndex = pos;
    const text = TEXT_RUN.exec(html)![0];
    if (text) {
      if (BAD_TEXT.test(text)) return false;
      if (preOpened && text.charCodeAt(0) === 10) return false;
      if (TABLE_CHILDREN.has(tags[tags.length - 1]) && !SPACE_ONLY.test(text)) return false;
      pos += text.length;
    }
    if (pos >= html.length) return tags.length === 1;
    TAG.lastIndex = pos;
    const m = TAG.exec(html);
    if (!m) return false;
    pos = TAG.lastIndex;
    const name = m[2];
    const parent = tags[tags.length - 1];
    if (m[1]) {
      if (name !== parent || m[3]) return false;
      tags.pop();
      flags.pop();
      preOpened = false;
      continue;
    }
    const phrasing = PHRASING_TAGS.has(name);
    if (!phrasing && !BLOCK_TAGS.has(name)) return false;
    const up = flags[flags.length - 1];
    if (up & IN_P && !phrasing) return false;
    if (name === 'a' && up & IN_A) return false;
    const heading = HEADING_TAGS.has(name);
    if (heading && up & IN_HEADING) return false;
    if (name === 'li' && up & IN_LI) return false;
    if ((name === 'dd' || name === 'dt') && up & IN_DD) return false;
    const allowed = TABLE_CHILDREN.get(parent);
    if (allowed && !allowed.has(name)) return false;
    const place = TABLE_PARENTS.get(name);
    if (place && !place.split('|').includes(parent)) return false;
    if (m[3]) {
      const seen: string[] = [];
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(m[3]); a; a = ATTR.exec(m[3])) {
        if (a[1] === 'is' || seen.includes(a[1]) || BAD_VALUE.test(a[2])) return false;
        seen.push(a[1]);
      }
    }
    preOpened = false;
    if (VOID_TAGS.has(name)) continue;
    if (tags.length > MAX_SETTLED_DEPTH) return false;
    let f = up;
    if (name === 'p') f |= IN_P;
    else if (name === 'a') f |= IN_A;
    else if (heading) f |= IN_HEADING;
    else if (name === 'li') f |= IN_LI;
    else if (name === 'ul' || name === 'ol') f &= ~IN_LI;
    else if (name === 'dd' || name === 'dt') f |= IN_DD;
    else if (name === 'dl') f &= ~IN_DD;
    tags.push(name);
    flags.push(f);
    preOpened = name === 'pre';
  }
}

/**
 * Does sanitised HTML parse back to the same markup? Then it also re-sanitises to itself (sanitising
 * an already sanitised DOM changes nothing), at the price of a plain parse instead of a DOMPurify pass
 * — and of no parse at all when the markup {@link settlesAsWritten}.
 */
function reparsesToItself(html: string, doc: Document): boolean {
  if (typeof __DECANT_NATIVE_PARSER__ === 'undefined' && settlesAsWritten(html)) return true;
  const box = inertDocFor(doc).createElement('div');
  box.innerHTML = html;
  return box.innerHTML === html;
}

/** Sanitise until the string re-sanitises to itself; markup that never settles keeps its text only. */
function stableString(purify: DOMPurify, html: string, doc: Document): string {
  let out = purifyString(purify, html);
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    if (reparsesToItself(out, doc)) return out;
    out = purifyString(purify, out);
  }
  return reparsesToItself(out, doc) ? out : (purify.sanitize(out, TEXT_ONLY) as unknown as string);
}

/** Sanitise to a fragment whose serialisation re-sanitises to the same fragment. */
function stableFragment(purify: DOMPurify, html: string, doc: Document): DocumentFragment {
  let fragment = purifyFragment(purify, html, doc);
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const out = serializeFragment(fragment);
    if (reparsesToItself(out, doc)) return fragment;
    fragment = purifyFragment(purify, out, doc);
  }
  const out = serializeFragment(fragment);
  return reparsesToItself(out, doc) ? fragment : (purify.sanitize(out, { ...TEXT_ONLY, RETURN_DOM_FRAGMENT: true }) as unknown as DocumentFragment);
}

/**
 * Sanitise an element's subtree where it stands (no re-parse). The element itself must be an allowed
 * container (`div`, `article`, …); its children are cleaned. When their serialisation would re-parse
 * differently (mutation XSS), they are replaced by the stable form, so `innerHTML` is a fixed point.
 */
export function sanitizeInPlace(root: Element, win: Win): void {
  const purify = purifierFor(win);
  purifyInPlace(purify, root);
  const html = root.innerHTML;
  const doc = root.ownerDocument;
  if (reparsesToItself(html, doc)) return;
  const stable = stableFragment(purify, html, doc);
  root.replaceChildren(stable.ownerDocument === doc ? stable : doc.importNode(stable, true));
}

/**
 * Sanitised HTML of removed blocks, for the ledger, in ONE DOMPurify pass (its per-call setup is the
 * expensive part). Each block is wrapped, so a forbidden root (a form, an `ins` slot) keeps its
 * readable content, and capped at {@link LEDGER_HTML_CAP} by dropping trailing children, so what
 * remains is still well-formed. The blocks are moved into the batch (they are already detached).
 */
export function sanitizedHtmlBatch(blocks: readonly Element[], win: Win): string[] {
  if (!blocks.length) return [];
  const doc = blocks[0].ownerDocument;
  const batch = doc.createElement('div');
  const wraps = blocks.map((el) => {
    const wrap = doc.createElement('div');
    wrap.appendChild(el);
    batch.appendChild(wrap);
    return wrap;
  });
  const purify = purifierFor(win);
  purifyInPlace(purify, batch);
  const htmls = wraps.map((wrap) => capHtml(wrap));
  // One parse tells which entries would re-parse differently; only those are settled one by one. When
  // the whole batch certainly parses back to itself, each entry does, and no parse is needed.
  const batchHtml = htmls.map((h) => `<div>${h}</div>`).join('');
  if (typeof __DECANT_NATIVE_PARSER__ === 'undefined' && settlesAsWritten(batchHtml)) return htmls;
  const check = inertDocFor(doc).createElement('div');
  check.innerHTML = batchHtml;
  const again = check.children;
  return htmls.map((h, i) => (again.length === htmls.length && again[i].innerHTML === h ? h : stableString(purify, h, doc)));
}

/** Serialise an element's children (sanitised beforehand). */
export function innerHtmlOf(el: Element): string {
  return el.innerHTML;
}

/**
 * Parse an HTML string into a sanitised fragment owned by `doc`, ready to insert. This is how the popup,
 * the reader view and exports turn any page-derived HTML (contentHtml, ledger html) into nodes. Never
 * throws on content; the fragment serialises to a string that re-parses to the same fragment.
 */
export function parseSanitized(html: string, doc: Document, win: Win = doc.defaultView as Win): DocumentFragment {
  if (!win) throw new Error('parseSanitized needs a document with a window (or the window as third argument).');
  const fragment = stableFragment(purifierFor(win), html, win.document);
  return doc === fragment.ownerDocument ? fragment : (doc.importNode(fragment, true) as DocumentFragment);
}

/** Sanitise an HTML string to an HTML string (for standalone exports); the result re-sanitises to itself. */
export function sanitizeHtml(html: string, win: Win): string {
  return stableString(purifierFor(win), html, win.document);
}

/**
 * Parse a whole page given as a string into a Document without running anything (DOMParser makes an
 * inert document: no scripts, no loads). Used where the page arrives as text in a browser context.
 */
export function parsePage(html: string, win: Win): Document {
  return new win.DOMParser().parseFromString(html, 'text/html');
}
