/**
 * Articles drawn by web components: their text lives in shadow trees, which a copy of the page does
 * not have (cloneNode copies the light tree only), so the popup would show a page without its story
 * and with light nodes the reader never sees. On the click path, markCopy (mark.ts) calls this at
 * each element: under a shadow host, the copy's children are replaced by the host's shadow tree as
 * the reader sees it — each `<slot>` by the light nodes assigned to it, or by its fallback; light
 * nodes no slot takes are not shown, so they go — built node by node from the live page, and marked
 * as they are built. Closed roots are read where the browser lets an extension (content-api.ts), on
 * custom elements (where page components put them); open ones on any element.
 */
import { MAX_READ_DEPTH } from '../core/dom';
import type { SafeDom } from '../core/safe-dom';
import type { Expand } from './mark';

export function composedCopier(copy: Document, view: Window & typeof globalThis, dom: SafeDom, shadowOf: (el: Element) => ShadowRoot | null): Expand {
  const { importNode, createTextNode } = view.Document.prototype; // the copy's own could be clobbered by its named images
  const slotted = view.HTMLSlotElement.prototype.assignedNodes;
  return (a, b, depth, building) => {
    if (depth >= MAX_READ_DEPTH) {
      if (!building) return null;
      dom.appendChild(b, createTextNode.call(copy, dom.textContent(a)));
      return [];
    }
    const root = dom.localName(a).includes('-') ? shadowOf(a) : dom.shadowRoot(a);
    if (!root && !building) return null;
    if (!building) dom.clear(b);
    const pairs: [Element, Element][] = [];
    for (let n = dom.firstChild(root ?? a); n; n = dom.nextSibling(n)) {
      // assignedNodes({ flatten }) goes through nested slots and gives the fallback when nothing is
      // assigned; a slot outside any shadow tree has neither and shows its own children.
      const shown = dom.nodeName(n) === 'slot' ? slotted.call(n, { flatten: true }) : [];
      for (const k of shown.length ? shown : [n]) {
        const type = dom.nodeType(k);
        if (type !== 1 && type !== 3) continue;
        const c = importNode.call(copy, k, false);
        dom.appendChild(b, c);
        if (type === 1) pairs.push([k as Element, c as Element]);
      }
    }
    return pairs;
  };
}
