/**
 * Small DOM helpers shared by the pipeline steps. Pure: they read the nodes they are given and never
 * touch a global window or document.
 */
import { domOf } from './safe-dom';

/** Attributes Decant itself puts on article blocks (html.ts strips the page's own copies). */
export const DECANT_ID_ATTR = 'data-decant-id';
export const DECANT_ROLE_ATTR = 'data-decant-role';

/** The cap on one ledger entry's HTML (CONTRACT §2). */
export const LEDGER_HTML_CAP = 64 * 1024;

/** The one kind of class html.ts keeps, a code block's language: `language-python` (Prism, highlight.js). */
export const KEPT_CLASS = /^(?:language|lang)-[\w+#.-]{1,40}$/;

/** Collapse whitespace (including NBSP and zero-width spaces) and trim. */
export function collapse(text: string): string {
  return text.replace(/[\s\0\u00a0\u200b\u2028\u2029\ufeff]+/g, ' ').trim();
}

/** Text of a node, whitespace collapsed, cut at `max` characters when given (cheap preview). */
export function textOf(node: Node, max = Infinity): string {
  const raw = node.textContent ?? '';
  return collapse(raw.length > max * 2 ? raw.slice(0, max * 2) : raw).slice(0, max);
}

/**
 * A block's text as a reader sees it, whitespace collapsed, at most `max` characters: a space where a
 * block begins or ends, and before a line break, a link, a button, a label or a box whose role makes it
 * a control or a cell, so `<h2>Support us</h2><p>Just…` and `<span role="tab">Once</span><span
 * role="tab">Monthly</span>` do not run together as they do in `textContent` (markup a script builds
 * has no whitespace between elements). Inline markup (`<b>S</b>upport`) stays joined; script and style
 * text is left out. The ledger's preview (CONTRACT §2) is its first 160 characters.
 */
export function previewOf(node: Node, max = 160): string {
  return collapse(spacedText(node, max * 4)).slice(0, max);
}

/**
 * {@link previewOf}'s text before whitespace is collapsed: text nodes in order, a space where a block
 * begins and ends (and, unless `rules`, before the inline controls of SPACED), read until `limit`
 * characters.
 *
 * `rules`: the text the rule families read (rules/engine.ts, first 3000 characters of it collapsed)
 * spaces blocks only, not list items, links or controls: a minified menu's items
 * ("AppsNewslettersAdvertise") stay one run of text that no sign-up or sponsor phrase matches, as the
 * rules were tuned on (spaced, corpus menus, footers and a tag list turned into newsletter and
 * sponsored blocks). The rules' walk builds that text for every block from its children's as it
 * leaves them, and reads a skipped child's (an `<svg>`, a `<noscript>`) with this.
 */
export function spacedText(node: Node, limit: number, rules = false): string {
  let out = '';
  // `null` closes a block: its children are pushed above it. (A space after a link would split
  // "данных</a>." from its full stop.)
  const stack: (Node | null)[] = [node];
  while (stack.length && out.length < limit) {
    const n = stack.pop();
    if (!n) out += ' ';
    else if (n.nodeType === 3) out += (n as Text).data;
    else if (n.nodeType === 1) {
      const tag = (n as Element).localName;
      if (tag === 'script' || tag === 'style' || tag === 'template') continue;
      const block = BLOCK_TAGS.has(tag) && !(rules && tag === 'li');
      if (block || (!rules && (SPACED.test(tag) || SPACED.test((n as Element).getAttribute('role') ?? '')))) out += ' ';
      if (block) stack.push(null);
      for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
  }
  return out;
}

/**
 * Inline elements that begin a new word in a preview (besides BLOCK_TAGS, which are apart on both
 * sides), and the roles that make any element such a control or a cell: one list, since `button` and
 * `option` are both.
 */
const SPACED = /^(?:br|a|label|button|option|tab|radio|cell|gridcell)$/;

/**
 * A live collection (`getElementsByTagName`, `children`) as an array, in linear time.
 * `Array.from(collection)` and `for…of` read `length` at every step, and jsdom answers every non-index
 * property of an HTMLCollection with a named-item search of the whole collection, so in the CLI they
 * are quadratic: 8,000 <p> took 2.5 s, and a 20 MB page with 17,000 comment blocks 550 s to clean.
 * `slice` reads `length` once. (Browsers are fast either way.)
 */
export function listOf<T extends Element>(collection: HTMLCollectionOf<T>): T[] {
  return Array.prototype.slice.call(collection) as T[];
}

/**
 * The first descendant of `root` in document order that passes `test`, looking at no more than
 * `limit` elements; null when none does.
 */
export function firstDescendant(root: Element, test: (el: Element) => boolean, limit = Infinity): Element | null {
  let n: Element | null = root.firstElementChild;
  let seen = 0;
  while (n && seen++ < limit) {
    if (test(n)) return n;
    if (n.firstElementChild) n = n.firstElementChild;
    else {
      while (n && !n.nextElementSibling && n !== root) n = n.parentElement;
      if (!n || n === root) return null;
      n = n.nextElementSibling;
    }
  }
  return null;
}

/** Parse an inline `style` attribute into lower-case property → value, without the CSSOM (fast, no layout). */
export function inlineStyle(el: Element): Map<string, string> | null {
  const style = el.getAttribute('style');
  if (!style) return null;
  const map = new Map<string, string>();
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i <= 0) continue;
    map.set(decl.slice(0, i).trim().toLowerCase(), decl.slice(i + 1).trim().toLowerCase());
  }
  return map;
}

/**
 * Hidden in the sense of CONTRACT §1 for a document without layout (jsdom, the CLI, a clone):
 * `hidden`, `aria-hidden="true"`, inline `display:none` / `visibility:hidden`, `<template>`, or a
 * `data-decant-hidden` mark the content script set from the live page's computed style.
 */
export function isHiddenElement(attrs: { get(name: string): string | null; has(name: string): boolean; size: number }, tag: string): boolean {
  if (tag === 'template') return true;
  if (!attrs.size) return false;
  if (attrs.has('hidden') || attrs.has('data-decant-hidden')) return true;
  if (attrs.get('aria-hidden') === 'true') return true;
  const style = attrs.get('style');
  if (style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style)) return true;
  return false;
}

/** Resolve a possibly relative URL against a base; null when it cannot be parsed or is not http(s). */
export function absoluteHttpUrl(value: string | null | undefined, base: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (!v) return null;
  try {
    const u = base ? new URL(v, base) : new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Block-level tags: text extraction separates them, the ledger anchors removed blocks after them. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr',
  'td', 'th', 'caption', 'ul', 'math', 'center',
]);

export const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Share of an element's text that sits inside links (0–1). */
export function linkDensity(el: Element, textLength: number): number {
  if (!textLength) return 0;
  let linked = 0;
  for (const a of listOf(el.getElementsByTagName('a'))) linked += collapse(a.textContent ?? '').length;
  return Math.min(1, linked / textLength);
}

/** Head elements a reader of the clone needs: the title, meta tags (Readability's fallbacks) and the base URL. */
const KEPT_HEAD_TAGS: ReadonlySet<string> = new Set(['title', 'meta', 'base']);

/**
 * How deep the copy Decant reads may nest. Real pages stay far below it (../shared corpora: median 16,
 * deepest 51 of 189 pages; browsers' parsers stop nesting at 512), while Readability's cost grows with
 * the square of the depth and it recurses (`_hasChildBlockElement`): a page nested 1,000 deep took
 * 80 s in jsdom, and jsdom's own deep clone overflows the stack near 10,000.
 */
export const MAX_READ_DEPTH = 128;

/** A copy to read from, and how many elements below {@link MAX_READ_DEPTH} were flattened into it. */
export interface ReadingCopy {
  doc: Document;
  flattened: number;
  /** The copy's body: in `doc` already, or, when cloned with `detachBody`, once `attach()` has run. */
  body: Element | null;
  /** Put the body into the copy (nothing to do unless cloned with `detachBody`). */
  attach(): void;
}

const ATTACHED = (): void => {};

/**
 * A copy of `doc` to extract from: the document (URL and base kept, so relative links resolve as in
 * the page), the root element's attributes (lang, dir), the head's title, meta and base elements,
 * and the body. Scripts, styles and links of the head are left behind: copying them is a third of
 * the cost of a full `cloneNode(true)` in jsdom, and no step reads them (metadata comes from the
 * original document); so are the body's scripts but MathJax sources, which Readability would remove first thing (JSON-LD
 * is read from the original by metadata.ts). A body nested deeper than MAX_READ_DEPTH is copied node by
 * node with what lies below that depth flattened (see {@link copyFlattened}). `shape` is the
 * document's {@link shapeOf}, measured once per page by the pipeline.
 *
 * With `detachBody`, the body comes back outside the copy, for the caller to clean before `attach()`:
 * jsdom pays for every change to a tree in a document (each setAttribute or removal renews the
 * document's style cache and walks every ancestor; each insertion attaches every descendant), and a
 * body attached after the pre-clean attaches only what is left of it.
 */
export function cloneForReading(doc: Document, shape: PageShape = shapeOf(doc), detachBody = false): ReadingCopy {
  const root = doc.documentElement;
  const body = doc.body;
  if (!root || !body) {
    const whole = doc.cloneNode(true) as Document;
    return { doc: whole, flattened: 0, body: whole.body, attach: ATTACHED };
  }
  const copy = doc.cloneNode(false) as Document;
  for (let n = doc.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 10) copy.appendChild(copy.importNode(n, false)); // the doctype keeps standards mode
  }
  const rootCopy = copy.importNode(root, false) as Element;
  copy.appendChild(rootCopy);
  const head = doc.head;
  if (head) {
    const headCopy = copy.importNode(head, false) as Element;
    for (let el = head.firstElementChild; el; el = el.nextElementSibling) {
      if (KEPT_HEAD_TAGS.has(el.localName)) headCopy.appendChild(copy.importNode(el, true));
    }
    rootCopy.appendChild(headCopy);
  }
  if (!shape.deep) {
    // MathJax sources (`<script type="math/tex">`) stay: structure.ts turns them into <math>.
    const { scripts } = shape;
    let bodyCopy = scripts.length ? copyWithout(copy, body, scripts) : (copy.importNode(body, true) as Element);
    if (!bodyCopy) {
      bodyCopy = copy.importNode(body, true) as Element;
      removeNodes(listOf(bodyCopy.getElementsByTagName('script')).filter((s) => !/^math\//i.test(s.getAttribute('type') ?? '')));
    }
    return withBody(copy, rootCopy, bodyCopy, 0, detachBody);
  }
  const { el, flattened } = copyFlattened(copy, body, MAX_READ_DEPTH);
  return withBody(copy, rootCopy, el, flattened, detachBody);
}

function withBody(copy: Document, root: Element, body: Element, flattened: number, detached: boolean): ReadingCopy {
  const attach = (): void => {
    if (!body.parentNode) root.appendChild(body);
  };
  if (!detached) attach();
  return { doc: copy, flattened, body, attach: detached ? attach : ATTACHED };
}

/**
 * A deep copy of `src` into `copy` without the `skip` elements (descendants of `src`): the subtrees
 * that hold none of them are copied whole by the DOM, and only the elements on the way to a skipped
 * one are copied one by one. The same tree as a deep copy with those elements removed afterwards,
 * for less than the cost of copying the scripts alone (and none of removing them). Built detached,
 * attached once by the caller; iterative; clobbering-proof (see safe-dom.ts). Null when a skipped
 * element lies in a `<template>`'s children (a template copied alone would lose its content).
 */
function copyWithout(copy: Document, src: Element, skip: readonly Element[]): Element | null {
  const dom = domOf(src);
  const gone = new Set<Node>(skip);
  const onPath = new Set<Node>();
  for (const el of skip) {
    for (let p = dom.parentNode(el); p && p !== src && !onPath.has(p); p = dom.parentNode(p)) {
      if (dom.nodeName(p) === 'template') return null;
      onPath.add(p);
    }
  }
  const top = copy.importNode(src, false) as Element;
  const from: Node[] = [src];
  const to: Node[] = [top];
  while (from.length) {
    const s = from.pop()!;
    const d = to.pop()!;
    for (let c = dom.firstChild(s); c; c = dom.nextSibling(c)) {
      if (gone.has(c)) continue;
      if (onPath.has(c)) {
        const e = copy.importNode(c, false);
        dom.appendChild(d, e);
        from.push(c);
        to.push(e);
      } else dom.appendChild(d, copy.importNode(c, true));
    }
  }
  return top;
}

/**
 * Remove nodes in time linear in their parents' sizes. jsdom finds a node's index by counting its
 * preceding siblings after every change, so removing many children of one parent one by one is
 * quadratic (Readability removing 17,000 sibling scripts took most of a 20 MB page's 47 s); a parent
 * losing several children is rebuilt from the ones it keeps instead. Clobbering-proof (see safe-dom.ts).
 */
export function removeNodes(nodes: readonly ChildNode[]): void {
  if (!nodes.length) return;
  const dom = domOf(nodes[0]);
  const byParent = new Map<Node, Set<Node>>();
  for (const n of nodes) {
    const parent = dom.parentNode(n);
    if (!parent) continue;
    let set = byParent.get(parent);
    if (!set) byParent.set(parent, (set = new Set()));
    set.add(n);
  }
  for (const [parent, gone] of byParent) {
    if (gone.size < 8) {
      for (const n of gone) dom.removeChild(parent, n);
      continue;
    }
    const kept: Node[] = [];
    for (let c = dom.firstChild(parent); c; c = dom.nextSibling(c)) if (!gone.has(c)) kept.push(c);
    dom.clear(parent);
    const fragment = dom.fragmentFor(parent);
    for (const c of kept) dom.appendChild(fragment, c);
    dom.appendChild(parent, fragment);
  }
}

/** What one read-only pass over a document says about it, before anything is copied or read. */
export interface PageShape {
  /** Elements in the document, as `getElementsByTagName('*').length` counts them. */
  elements: number;
  /** The body nests elements deeper than {@link MAX_READ_DEPTH} below it. */
  deep: boolean;
  /** The body's scripts a reading copy leaves out (all but MathJax sources), in document order. */
  scripts: Element[];
  /** What metadata.ts reads, in document order: every `<meta>`, every `<link>`, every JSON-LD script. */
  metas: Element[];
  links: Element[];
  jsonLd: Element[];
  /** The body's `<time>` elements and `<h1>` headings, in document order (dateline.ts: the date shown under the headline). */
  times: Element[];
  headlines: Element[];
}

/** The script types metadata.ts parses as JSON-LD. */
export function isJsonLd(script: Element): boolean {
  return (script.getAttribute('type') ?? '').trim().toLowerCase() === 'application/ld+json';
}

/** Elements that, empty, hold nothing to read: {@link copyFlattened} leaves them out below its depth. */
const EMPTY_WRAPPERS: ReadonlySet<string> = new Set(['div', 'span', 'section', 'article', 'p', 'font', 'center', 'b', 'i', 'u', 'em', 'strong', 'small', 'big']);

/** How many `<time>` and `<h1>` elements {@link shapeOf} keeps (a live blog has hundreds; the date is near the top). */
const MAX_TIMES = 64;

/**
 * The page's size, depth, scripts and metadata elements in one walk of the document: the size limit,
 * the reading copy's depth check and its scripts to leave out, and the metadata's meta, link and
 * JSON-LD elements were six walks of every element (`getElementsByTagName` each). Clobbering-proof
 * (see safe-dom.ts).
 */
export function shapeOf(doc: Document): PageShape {
  const root = doc.documentElement;
  const body = doc.body;
  const shape: PageShape = { elements: 0, deep: false, scripts: [], metas: [], links: [], jsonLd: [], times: [], headlines: [] };
  if (!root) return shape;
  const dom = domOf(root);
  let depth = 0;
  let inBody = false;
  let el: Element = root;
  for (;;) {
    shape.elements++;
    const tag = dom.localName(el);
    if (tag === 'script') {
      if (isJsonLd(el)) shape.jsonLd.push(el);
      if (inBody && !/^math\//i.test(el.getAttribute('type') ?? '')) shape.scripts.push(el);
    } else if (tag === 'meta') shape.metas.push(el);
    else if (tag === 'link') shape.links.push(el);
    else if (tag === 'time' && inBody && shape.times.length < MAX_TIMES) shape.times.push(el);
    else if (tag === 'h1' && inBody && shape.headlines.length < MAX_TIMES) shape.headlines.push(el);
    let next = dom.firstElementChild(el);
    if (next) {
      depth++;
    } else {
      while (el !== root && !(next = dom.nextElementSibling(el))) {
        el = dom.parentElement(el)!;
        depth--;
      }
      if (!next) break;
    }
    el = next;
    if (depth === 1) inBody = el === body;
    else if (inBody && depth - 1 > MAX_READ_DEPTH) shape.deep = true;
  }
  return shape;
}

/**
 * Copy `src` into `copy` node by node (iterative: no recursion however deep the page), building the
 * copy detached and attaching it once. Below `maxDepth`, an element that holds elements is not copied
 * but replaced by its children (a block's after a space), while one that holds only text is copied
 * whole, so the text, images and links keep their order one or two levels under the
 * element at `maxDepth`. Linear: every node is visited once and each append moves a single node.
 * Clobbering-proof (see safe-dom.ts).
 */
export function copyFlattened(copy: Document, src: Element, maxDepth: number): { el: Element; flattened: number } {
  const dom = domOf(src);
  const top = copy.importNode(src, false) as Element;
  let flattened = 0;
  const nodes: Node[] = [];
  const parents: Node[] = [];
  const depths: number[] = [];
  const pushChildren = (from: Node, parent: Node, depth: number): void => {
    for (let c = dom.lastChild(from); c; c = dom.previousSibling(c)) {
      nodes.push(c);
      parents.push(parent);
      depths.push(depth);
    }
  };
  pushChildren(src, top, 1);
  while (nodes.length) {
    const n = nodes.pop()!;
    const parent = parents.pop()!;
    const depth = depths.pop()!;
    const element = dom.nodeType(n) === 1;
    const name = element ? dom.nodeName(n) : '';
    if (name === 'script') continue; // never read (as above)
    if (!element || name === 'template') {
      dom.appendChild(parent, copy.importNode(n, true)); // text, comments; a template with its content
    } else if (depth > maxDepth && dom.firstElementChild(n as Element)) {
      flattened++;
      // A block's text stays apart from what came before it ("Deep</h2><p>The council" read "DeepThe council").
      if (BLOCK_TAGS.has(name)) dom.appendChild(parent, copy.createTextNode(' '));
      pushChildren(n, parent, depth);
    } else if (depth > maxDepth) {
      // An empty wrapper there holds nothing to read, and a page nested thousands deep has thousands of
      // them side by side (as a browser's parser leaves them past 512 levels), which made Readability's
      // loops quadratic: 13 s on a page 20,000 deep.
      if (!dom.firstChild(n) && EMPTY_WRAPPERS.has(name)) flattened++;
      else dom.appendChild(parent, copy.importNode(n, true)); // a leaf (text only, or an image): one level more keeps a paragraph whole
    } else {
      const el = copy.importNode(n, false);
      dom.appendChild(parent, el);
      pushChildren(n, el, depth + 1);
    }
  }
  return { el: top, flattened };
}

/**
 * A wrapped block's inner HTML, capped at {@link LEDGER_HTML_CAP} by dropping trailing children, so
 * what remains is still well-formed; '' when even that does not fit (the caller keeps the preview).
 */
export function capHtml(wrap: Element): string {
  let html = wrap.innerHTML;
  if (html.length <= LEDGER_HTML_CAP) return html;
  // Descend through single-child wrappers, then keep leading children while they fit.
  let host: Element = wrap;
  while (host.childNodes.length === 1 && host.firstElementChild) host = host.firstElementChild;
  let used = html.length - host.innerHTML.length;
  let cut = false;
  for (const child of Array.from(host.childNodes)) {
    const size = child.nodeType === 1 ? (child as Element).outerHTML.length : (child.textContent ?? '').length * 1.2;
    if (cut || used + size > LEDGER_HTML_CAP) {
      cut = true;
      host.removeChild(child);
    } else used += size;
  }
  html = wrap.innerHTML;
  // A single enormous text node or a block we could not split: the caller keeps its preview instead.
  return html.length <= LEDGER_HTML_CAP ? html : '';
}
