/**
 * Marks, on Decant's private copy of the page, what the live page hides from its reader and which
 * elements float over it — read from the live page's computed style and layout, which a copy does
 * not have (CONTRACT §1). The core reads the marks: `data-decant-hidden` drops an element as hidden;
 * `data-decant-pos="fixed|cover|top"` is position evidence for the overlay rules.
 *
 * The live page is only read, never written: the copy is a deep clone made a moment before, so the
 * two trees have the same shape and are walked in step.
 */

export const HIDDEN_ATTR = 'data-decant-hidden';
export const POS_ATTR = 'data-decant-pos';

/** Not rendered content; the core handles them itself. */
const SKIP_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'title', 'base']);

/** A sticky or fixed element holding this much text is part of the page (an article column), not an overlay. */
const OVERLAY_TEXT_LIMIT = 2500;
/** z-index from which a floating element counts as on top of the page. */
const ON_TOP_Z = 1000;

export interface MarkStats {
  /** Elements whose style was read. */
  visited: number;
  hidden: number;
  positioned: number;
}

/** True when some descendant overrides an ancestor's `visibility: hidden` (it is then still shown). */
function hasVisibleDescendant(el: Element, view: Window, budget = 300): boolean {
  const all = el.getElementsByTagName('*');
  const n = Math.min(all.length, budget);
  for (let i = 0; i < n; i++) {
    if (view.getComputedStyle(all[i]).visibility === 'visible') return true;
  }
  return false;
}

function positionMark(el: Element, style: CSSStyleDeclaration, view: Window): string | null {
  if ((el.textContent ?? '').length > OVERLAY_TEXT_LIMIT) return null;
  const vw = view.innerWidth || 1;
  const vh = view.innerHeight || 1;
  const r = el.getBoundingClientRect();
  const w = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
  const h = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
  if (w >= 0.9 * vw && h >= 0.85 * vh) return 'cover';
  const z = Number.parseInt(style.zIndex, 10);
  if ((Number.isFinite(z) && z >= ON_TOP_Z) || (w * h) / (vw * vh) >= 0.25) return 'top';
  return 'fixed';
}

/**
 * Walk `live` and `copy` (its clone) in step from `<body>`, marking the copy. Hidden subtrees are not
 * entered (the core drops them whole). Page-made copies of Decant's own marks are removed first, so a
 * page cannot forge them.
 */
export function markCopy(live: Document, copy: Document, view: Window): MarkStats {
  const stats: MarkStats = { visited: 0, hidden: 0, positioned: 0 };
  const liveBody = live.body;
  const copyBody = copy.body;
  if (!liveBody || !copyBody) return stats;
  const stack: [Element, Element][] = [[liveBody, copyBody]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    if (b.hasAttribute(HIDDEN_ATTR)) b.removeAttribute(HIDDEN_ATTR);
    if (b.hasAttribute(POS_ATTR)) b.removeAttribute(POS_ATTR);
    if (SKIP_TAGS.has(a.localName)) continue;
    stats.visited++;
    const style = view.getComputedStyle(a);
    if (style.display === 'none') {
      b.setAttribute(HIDDEN_ATTR, 'display');
      stats.hidden++;
      continue;
    }
    if ((style.visibility === 'hidden' || style.visibility === 'collapse') && !hasVisibleDescendant(a, view)) {
      b.setAttribute(HIDDEN_ATTR, 'visibility');
      stats.hidden++;
      continue;
    }
    const pos = style.position;
    if (pos === 'fixed' || pos === 'sticky') {
      const mark = positionMark(a, style, view);
      if (mark) {
        b.setAttribute(POS_ATTR, pos === 'sticky' && mark !== 'cover' ? 'fixed' : mark);
        stats.positioned++;
      }
    }
    let x = a.lastElementChild;
    let y = b.lastElementChild;
    while (x && y) {
      stack.push([x, y]);
      x = x.previousElementSibling;
      y = y.previousElementSibling;
    }
  }
  return stats;
}
