/**
 * Marks, on Decant's private copy of the page, what the live page hides from its reader and which
 * elements float over it — read from the live page's computed style and layout, which a copy does
 * not have (CONTRACT §1). The core reads the marks: `data-decant-hidden` drops an element as hidden;
 * `data-decant-pos="fixed|cover|top"` is position evidence for the overlay rules.
 *
 * The live page is only read, never written: the copy is a deep clone made a moment before, so the
 * two trees have the same shape and are walked in step — except that the core's copy leaves out its
 * scripts (all but MathJax sources) and flattens what lies deeper than MAX_READ_DEPTH (core/dom.ts `cloneForReading`), so
 * the walk steps over live scripts the copy lacks and stops at that depth.
 * With an {@link Expand}, the copy also gets what web components draw (composed.ts).
 */

import { MAX_READ_DEPTH } from '../core/dom';
import { safeDom, type SafeDom } from '../core/safe-dom';

export const HIDDEN_ATTR = 'data-decant-hidden';
export const POS_ATTR = 'data-decant-pos';

/**
 * Builds the copy's children of `b` (the live `a`'s twin) itself and returns the new pairs to mark, or
 * null to leave them to the walk: composed.ts copies what web components draw. `building` is true
 * below an element it built.
 */
export type Expand = (a: Element, b: Element, depth: number, building: boolean) => [Element, Element][] | null;

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
export function hasVisibleDescendant(el: Element, view: Window, dom: SafeDom, budget = 300): boolean {
  const all = dom.elementsByTag(el, '*');
  const n = Math.min(all.length, budget);
  for (let i = 0; i < n; i++) {
    if (view.getComputedStyle(all[i]).visibility === 'visible') return true;
  }
  return false;
}

/** How a fixed/sticky element sits over the page: `cover`, `top`, `fixed`, or null for a text column. */
export function positionMark(el: Element, style: CSSStyleDeclaration, view: Window, dom: SafeDom): 'cover' | 'top' | 'fixed' | null {
  if (dom.textContent(el).length > OVERLAY_TEXT_LIMIT) return null;
  const vw = view.innerWidth || 1;
  const vh = view.innerHeight || 1;
  const r = dom.rect(el);
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
 * page cannot forge them. Live elements are read through {@link SafeDom} (forms can shadow their own
 * properties). `onPositioned` hears of each live element that got a position mark (auto-clean scans
 * those floating boxes with its live probe).
 */
export function markCopy(
  live: Document,
  copy: Document,
  view: Window & typeof globalThis,
  dom: SafeDom = safeDom(view),
  onPositioned?: (live: Element, mark: 'cover' | 'top' | 'fixed') => void,
  expand?: Expand,
): MarkStats {
  const stats: MarkStats = { visited: 0, hidden: 0, positioned: 0 };
  const liveBody = dom.body(live);
  const copyBody = dom.body(copy);
  if (!liveBody || !copyBody) return stats;
  /** Live and copy element, depth, and whether the copy's children are still to be built from the live composed tree. */
  const stack: [Element, Element, number, boolean][] = [[liveBody, copyBody, 0, false]];
  while (stack.length) {
    const [a, b, depth, building] = stack.pop()!;
    if (dom.has(b, HIDDEN_ATTR)) dom.remove(b, HIDDEN_ATTR);
    if (dom.has(b, POS_ATTR)) dom.remove(b, POS_ATTR);
    if (SKIP_TAGS.has(dom.localName(a))) continue;
    stats.visited++;
    const style = view.getComputedStyle(a);
    if (style.display === 'none') {
      dom.set(b, HIDDEN_ATTR, 'display');
      stats.hidden++;
      continue;
    }
    if ((style.visibility === 'hidden' || style.visibility === 'collapse') && !hasVisibleDescendant(a, view, dom)) {
      dom.set(b, HIDDEN_ATTR, 'visibility');
      stats.hidden++;
      continue;
    }
    const pos = style.position;
    if (pos === 'fixed' || pos === 'sticky') {
      const mark = positionMark(a, style, view, dom);
      if (mark) {
        const m = pos === 'sticky' && mark !== 'cover' ? 'fixed' : mark;
        dom.set(b, POS_ATTR, m);
        stats.positioned++;
        onPositioned?.(a, m);
      }
    }
    const built = expand?.(a, b, depth, building);
    if (built) {
      for (let i = built.length - 1; i >= 0; i--) stack.push([built[i][0], built[i][1], depth + 1, true]);
      continue;
    }
    if (depth >= MAX_READ_DEPTH) continue; // below it the copy is flattened: the shapes differ
    let x = dom.lastElementChild(a);
    let y = dom.lastElementChild(b);
    while (x && y) {
      if (dom.localName(x) === 'script' && dom.localName(y) !== 'script') {
        x = dom.previousElementSibling(x); // the core's copy has none (a full clone keeps them in step)
        continue;
      }
      stack.push([x, y, depth + 1, false]);
      x = dom.previousElementSibling(x);
      y = dom.previousElementSibling(y);
    }
  }
  return stats;
}

