/**
 * Structure readers see on the page, kept through Readability:
 * - heading levels (Readability turns every h1 into h2) and section headings it drops (a heading
 *   whose class weighs negative, `h2.media-heading`), when the text they introduce is kept;
 * - footnote lists left behind, when the article links to them;
 * - the lead figure's and restored notes' images: lazy sources promoted, URLs absolute;
 * - maths: MathJax source scripts become `<math>` with their TeX, MathML keeps its TeX annotation
 *   as `alttext` (the sanitiser drops `<annotation>`), fallback images of the same formula go.
 * These change the article's text, so every caller of the pipeline runs them (auto-clean's live pass
 * too); view.ts holds the steps that only change how a shown article looks.
 * Pure DOM work on a tree Decant owns (the clone and what Readability returned).
 */
import { DECANT_ID_ATTR } from './dom';
import { absoluteHttpUrl, collapse, firstDescendant, listOf } from './dom';
import type { Attrs } from './rules/attrs';
import type { WalkResult } from './rules/engine';
import { LAZY_SRC_ATTRS, LAZY_SRCSET_ATTRS, NOTE_NAMES, NOTE_ROLES, TEX_SCRIPT_TYPE } from './structure.data';

const HEADINGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Is this element (read through its attributes) a list of footnotes? */
export function isNoteList(attrs: Attrs): boolean {
  if (!attrs.size) return false;
  const role = attrs.get('role');
  if (role && NOTE_ROLES.has(role)) return true;
  if (attrs.id && NOTE_NAMES.has(attrs.id)) return true;
  for (const c of attrs.classes) if (NOTE_NAMES.has(c)) return true;
  return false;
}

/** Stamped element of `root` by id, in one pass. */
export function stampedElements(root: Element): Map<string, Element> {
  const out = new Map<string, Element>();
  for (const el of listOf(root.getElementsByTagName('*'))) {
    const id = el.getAttribute(DECANT_ID_ATTR);
    if (id) out.set(id, el);
  }
  return out;
}

/** Replace `el` by an element of another tag with the same attributes and children. */
function retag(el: Element, tag: string): Element {
  const next = el.ownerDocument.createElement(tag);
  for (const a of Array.from(el.attributes)) next.setAttribute(a.name, a.value);
  while (el.firstChild) next.appendChild(el.firstChild);
  el.replaceWith(next);
  return next;
}

/**
 * Elements whose start tag closes an open `<p>` in the HTML parser ("in body" insertion mode): a
 * paragraph holding one cannot be written as HTML and read back the same.
 */
const CLOSES_P: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'dd', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'search', 'section', 'summary',
  'table', 'ul', 'xmp',
]);
const closesP = (el: Element): boolean => CLOSES_P.has(el.localName);

/**
 * Paragraphs that hold blocks become `<div>`s, attributes kept. Readability turns a `<div>` into a
 * `<p>` when it holds none of a few block tags (a div around a heading or a figcaption becomes a
 * `<p>` around it), and the page's DOM can nest so too. Written out, such a `<p>` reads back as an
 * empty paragraph before the block and another after it: the article gains empty paragraphs, and
 * sanitising has to take the slow path for markup that does not read back as itself.
 */
export function unnestParagraphs(content: Element): void {
  for (const p of listOf(content.getElementsByTagName('p'))) if (firstDescendant(p, closesP)) retag(p, 'div');
}

/**
 * Headings as the page had them. `removed` holds the ids the rules took (never brought back);
 * `isTitle` tells the article's title (Readability drops it on purpose; the view shows it apart).
 */
export function restoreHeadings(content: Element, pre: WalkResult, present: Map<string, Element>, removed: ReadonlySet<string>, isTitle: (text: string) => boolean): void {
  const order = pre.closed;
  const at = new Map<string, number>();
  for (let i = 0; i < order.length; i++) at.set(order[i], i);
  let seenProse = false;
  for (const p of pre.prose) {
    if (p.tag === 'p') {
      if (present.has(p.id)) seenProse = true;
      continue;
    }
    const now = present.get(p.id);
    if (now) {
      // Readability renames h1 to h2: give the heading its own level back.
      if (now.localName !== p.tag && HEADINGS.has(now.localName)) present.set(p.id, retag(now, p.tag));
      continue;
    }
    // A dropped heading comes back only inside the kept text, before a block that was kept, and
    // never when the rules took it or it is the title.
    if (!seenProse || removed.has(p.id) || p.el.getElementsByTagName('img').length) continue;
    const text = collapse(p.el.textContent ?? '');
    if (!text || text.length > 200 || isTitle(text)) continue;
    const i = at.get(p.id);
    if (i === undefined) continue;
    const nextId = order[i + 1];
    const next = nextId ? present.get(nextId) : undefined;
    if (!next || !content.contains(next) || next.localName === 'li') continue;
    next.parentNode!.insertBefore(p.el, next);
    present.set(p.id, p.el);
  }
}

/**
 * Footnote lists Readability left out, put back at the end when the article links into them.
 * `snapshots` are copies taken before Readability ran.
 */
export function restoreNotes(content: Element, snapshots: readonly Element[], present: ReadonlyMap<string, Element>, removed: ReadonlySet<string>, base: string | null): void {
  if (!snapshots.length) return;
  const targets = new Set<string>();
  for (const a of listOf(content.getElementsByTagName('a'))) {
    const href = a.getAttribute('href');
    if (href && href.startsWith('#') && href.length > 1) targets.add(decodeFragment(href.slice(1)));
  }
  if (!targets.size) return;
  const host = content.childElementCount === 1 && content.firstElementChild?.localName === 'div' ? content.firstElementChild : content;
  for (const snap of snapshots) {
    const id = snap.getAttribute(DECANT_ID_ATTR);
    if (id && (present.has(id) || removed.has(id))) continue;
    let linked = false;
    for (const el of [snap, ...listOf(snap.getElementsByTagName('*'))]) {
      const own = el.getAttribute('id') ?? el.getAttribute('name');
      if (own && targets.has(own)) {
        linked = true;
        break;
      }
    }
    if (!linked) continue;
    const copy = content.ownerDocument.importNode(snap, true) as Element;
    fixImages(copy, base);
    host.appendChild(copy);
  }
}

function decodeFragment(f: string): string {
  try {
    return decodeURIComponent(f);
  } catch {
    return f;
  }
}

/** Promote lazy sources and make image and link URLs absolute in a subtree Readability did not see. */
export function fixImages(root: Element, base: string | null): void {
  // <noscript><img></noscript> after a placeholder: the fallback is the image.
  for (const ns of listOf(root.getElementsByTagName('noscript'))) {
    const img = ns.getElementsByTagName('img')[0];
    if (!img) continue;
    const prev = ns.previousElementSibling;
    if (prev && prev.localName === 'img') prev.replaceWith(img);
    else ns.replaceWith(img);
    ns.remove();
  }
  for (const img of listOf(root.getElementsByTagName('img'))) {
    const src = img.getAttribute('src');
    if (!src || src.startsWith('data:') || /(?:placeholder|blank|spacer|lazy|grey|gray|pixel)\.(?:gif|png|svg)/i.test(src)) {
      for (const name of LAZY_SRC_ATTRS) {
        const v = img.getAttribute(name);
        if (v && !v.startsWith('data:')) {
          img.setAttribute('src', v);
          break;
        }
      }
    }
    if (!img.hasAttribute('srcset')) {
      for (const name of LAZY_SRCSET_ATTRS) {
        const v = img.getAttribute(name);
        if (v) {
          img.setAttribute('srcset', v);
          break;
        }
      }
    }
  }
  const resolve = (el: Element, name: string): void => {
    const v = el.getAttribute(name);
    if (!v) return;
    if (name === 'srcset') el.setAttribute(name, absoluteSrcset(v, base));
    else if (!v.startsWith('#') && !v.startsWith('data:')) {
      const abs = absoluteHttpUrl(v, base);
      if (abs) el.setAttribute(name, abs);
    }
  };
  for (const el of listOf(root.getElementsByTagName('*'))) {
    const tag = el.localName;
    if (tag === 'img') {
      resolve(el, 'src');
      resolve(el, 'srcset');
    } else if (tag === 'source') resolve(el, 'srcset');
    else if (tag === 'a') resolve(el, 'href');
  }
}

/** Every candidate URL of a `srcset`, absolute. */
export function absoluteSrcset(value: string, base: string | null): string {
  return value
    .split(/,\s+|,(?=\S+\s+\d+[wx])/)
    .map((candidate) => {
      const [url, ...rest] = candidate.trim().split(/\s+/);
      if (!url) return '';
      const abs = url.startsWith('data:') ? url : absoluteHttpUrl(url, base) ?? url;
      return [abs, ...rest].join(' ');
    })
    .filter(Boolean)
    .join(', ');
}

/** MathJax source scripts (`<script type="math/tex">`) become `<math>` holding their TeX, before Readability drops scripts. */
export function keepTexScripts(scripts: readonly Element[]): void {
  for (const s of scripts) {
    const m = TEX_SCRIPT_TYPE.exec(s.getAttribute('type') ?? '');
    const tex = (s.textContent ?? '').trim();
    if (!m || !tex || !s.parentNode) continue;
    const doc = s.ownerDocument;
    const math = doc.createElementNS('http://www.w3.org/1998/Math/MathML', 'math');
    math.setAttribute('alttext', tex);
    if (m[1]) math.setAttribute('display', 'block');
    const mtext = doc.createElementNS('http://www.w3.org/1998/Math/MathML', 'mtext');
    mtext.textContent = tex;
    math.appendChild(mtext);
    s.replaceWith(math);
  }
}

/**
 * Before sanitising: MathML keeps its TeX as `alttext` (DOMPurify drops `<semantics>`' annotation
 * but would keep its text inside the formula), and an image showing the same formula goes.
 */
export function prepareMath(content: Element): void {
  const maths = content.getElementsByTagName('math');
  if (!maths.length) return;
  for (const math of listOf(maths)) {
    for (const ann of listOf(math.getElementsByTagName('annotation'))) {
      const enc = (ann.getAttribute('encoding') ?? '').toLowerCase();
      if (!math.getAttribute('alttext') && /tex/.test(enc)) math.setAttribute('alttext', (ann.textContent ?? '').trim());
      ann.remove();
    }
    for (const ann of listOf(math.getElementsByTagName('annotation-xml'))) ann.remove();
    const tex = math.getAttribute('alttext');
    if (!tex) continue;
    // MediaWiki: span.mwe-math-element > (span > math) + img[alt=TeX]
    const wrapper = math.parentElement?.localName === 'span' ? math.parentElement.parentElement : math.parentElement;
    if (!wrapper) continue;
    for (const img of listOf(wrapper.getElementsByTagName('img'))) {
      if ((img.getAttribute('alt') ?? '').trim() === tex) img.remove();
    }
  }
}

/** A footnote's way back to its reference: "↩", "↑", "^" alone. */
const BACKLINK_TEXT = /^[\s\u21a9\u21aa\u2191\u2934\u2b06\ufe0e\ufe0f^]+$/;

/** Footnote back-links stay links in the view and leave the body text (role `note`). */
export function markBacklinks(content: Element, role: string, attr: string): void {
  for (const a of listOf(content.getElementsByTagName('a'))) {
    const href = a.getAttribute('href');
    if (href && href.startsWith('#') && BACKLINK_TEXT.test(a.textContent ?? '')) a.setAttribute(attr, role);
  }
}
