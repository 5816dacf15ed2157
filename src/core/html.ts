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
 * - classes are dropped except code-language classes (`language-*`, `lang-*`).
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';

type Win = Window & typeof globalThis;

/** Attributes Decant itself puts on article blocks; the page's own copies are stripped before use. */
export const DECANT_ID_ATTR = 'data-decant-id';
export const DECANT_ROLE_ATTR = 'data-decant-role';

/** The cap on one ledger entry's HTML (CONTRACT §2). */
export const LEDGER_HTML_CAP = 64 * 1024;

const KEPT_CLASS = /^(?:language|lang)-[\w+#.-]{1,40}$/; // code blocks: `language-python` (Prism, highlight.js)

const CONFIG: Config = Object.freeze({
  USE_PROFILES: { html: true, mathMl: true },
  FORBID_TAGS: [
    'style', 'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'fieldset', 'legend',
    'iframe', 'frame', 'frameset', 'object', 'embed', 'video', 'audio', 'track', 'canvas', 'dialog',
    'base', 'meta', 'link', 'template', 'slot', 'svg', 'math-style', 'portal', 'noscript', 'marquee',
  ],
  FORBID_ATTR: ['style', 'srcdoc', 'formaction', 'action', 'ping', 'background', 'poster', 'autofocus', 'tabindex', 'contenteditable'],
  ADD_ATTR: [DECANT_ID_ATTR, DECANT_ROLE_ATTR, 'referrerpolicy', 'loading', 'decoding'],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
}) as Config;

const purifiers = new WeakMap<object, DOMPurify>();

function registerHooks(purify: DOMPurify): void {
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'class') {
      const kept = data.attrValue.split(/\s+/).filter((c) => KEPT_CLASS.test(c));
      if (kept.length) data.attrValue = kept.join(' ');
      else data.keepAttr = false;
    } else if (data.attrName === 'href' && data.attrValue.startsWith('#') && !data.attrValue.startsWith('#user-content-')) {
      // Follow SANITIZE_NAMED_PROPS's id prefix so footnote links and back-links still land.
      data.attrValue = data.attrValue.length > 1 ? `#user-content-${data.attrValue.slice(1)}` : '#';
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const tag = node.nodeName;
    if (tag === 'IMG' || tag === 'SOURCE') {
      node.setAttribute('referrerpolicy', 'no-referrer');
      if (tag === 'IMG') node.setAttribute('decoding', 'async');
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

/**
 * Sanitise an element's subtree where it stands (no re-parse). The element itself must be an allowed
 * container (`div`, `article`, …); its children are cleaned.
 */
export function sanitizeInPlace(root: Element, win: Win): void {
  purifierFor(win).sanitize(root, { ...CONFIG, IN_PLACE: true });
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
  sanitizeInPlace(batch, win);
  return wraps.map((wrap) => capHtml(wrap));
}

function capHtml(wrap: Element): string {
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

/** Serialise an element's children (sanitised beforehand). */
export function innerHtmlOf(el: Element): string {
  return el.innerHTML;
}

/**
 * Parse an HTML string into a sanitised fragment owned by `doc`, ready to insert. This is how the popup,
 * the reader view and exports turn any page-derived HTML (contentHtml, ledger html) into nodes.
 */
export function parseSanitized(html: string, doc: Document, win: Win = doc.defaultView as Win): DocumentFragment {
  if (!win) throw new Error('parseSanitized needs a document with a window (or the window as third argument).');
  const fragment = purifierFor(win).sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true }) as unknown as DocumentFragment;
  return doc === fragment.ownerDocument ? fragment : (doc.importNode(fragment, true) as DocumentFragment);
}

/** Sanitise an HTML string to an HTML string (for standalone exports). */
export function sanitizeHtml(html: string, win: Win): string {
  return purifierFor(win).sanitize(html, { ...CONFIG }) as unknown as string;
}

/**
 * Parse a whole page given as a string into a Document without running anything (DOMParser makes an
 * inert document: no scripts, no loads). Used where the page arrives as text in a browser context.
 */
export function parsePage(html: string, win: Win): Document {
  return new win.DOMParser().parseFromString(html, 'text/html');
}
