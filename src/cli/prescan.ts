/**
 * How many elements the HTML parser will build from a page, counted before jsdom builds them.
 *
 * jsdom needs about 10 KB per element (a 390,000-element page peaked at 3.9 GB, near Node's 4 GB
 * heap), and the parser can build far more elements than the text has tags: formatting tags left
 * open across a closed paragraph are rebuilt in every later paragraph, so 17 KB of HTML make 202,104
 * elements and a few hundred KB would exhaust the memory — killing a whole directory run — long
 * before the core could count and refuse. This pass runs parse5 itself (the parser inside jsdom, so
 * the count is the same) over a tree of bare objects, and stops as soon as the limit is passed.
 */
import { parse, serialize, defaultTreeAdapter, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5';

class TooManyElements extends Error {}

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

/**
 * How deep a browser nests elements: Blink's HTML parser puts what would go deeper than 512 levels
 * beside each other at that depth (HTMLConstructionSite's maximum DOM tree depth). parse5, inside
 * jsdom, has no such limit, and jsdom then walks every ancestor, recursively, for each node it adds: a
 * page 20,000 levels deep took 13 s per attempt and overflowed the stack ("The HTML could not be
 * parsed"). {@link shallowHtml} gives the CLI the tree a browser would have built.
 */
export const MAX_PARSE_DEPTH = 512;

/** A tree adapter that records each node's depth and, with `cap`, never places a node deeper than it. */
function depthAdapter(cap: number, onDepth: (depth: number) => void): TreeAdapter<DefaultTreeAdapterMap> {
  const depths = new WeakMap<object, number>();
  const depthOf = (n: ParentNode): number => depths.get(n) ?? 0;
  /** The parent a node goes into: `parent`, or its ancestor at the cap. */
  const placeIn = (parent: ParentNode): ParentNode => {
    let p = parent;
    while (depthOf(p) >= cap && defaultTreeAdapter.getParentNode(p)) p = defaultTreeAdapter.getParentNode(p)!;
    return p;
  };
  const placed = (p: ParentNode, node: ChildNode): void => {
    const d = depthOf(p) + 1;
    depths.set(node, d);
    onDepth(d);
  };
  return {
    ...defaultTreeAdapter,
    appendChild(parent, node) {
      const p = placeIn(parent);
      defaultTreeAdapter.appendChild(p, node);
      placed(p, node);
    },
    insertBefore(parent, node, reference) {
      // Foster parenting (content misplaced in a table) inserts before the table, in its parent.
      defaultTreeAdapter.insertBefore(parent, node, reference);
      placed(parent, node);
    },
  };
}

/** What the parser builds from a page: its elements (counted up to `limit + 1`, then it stops) and its depth. */
export interface Prescan {
  elements: number;
  /** The deepest element's depth below the document (`<html>` is 1). */
  deepest: number;
}

/** Elements the parser builds from `html` and how deep it nests them, before jsdom builds anything. */
export function prescan(html: string, limit: number): Prescan {
  let count = 0;
  let deepest = 0;
  const base = depthAdapter(Infinity, (d) => {
    if (d > deepest) deepest = d;
  });
  const adapter: TreeAdapter<DefaultTreeAdapterMap> = {
    ...base,
    createElement(tagName, namespaceURI, attrs) {
      if (++count > limit) throw new TooManyElements();
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
    // Text is not needed to count elements; dropping it keeps the pass light.
    insertText() {},
    insertTextBefore() {},
    createCommentNode: (data) => defaultTreeAdapter.createCommentNode(data.length > 64 ? '' : data),
  };
  try {
    parse(html, { treeAdapter: adapter });
  } catch (e) {
    if (e instanceof TooManyElements) return { elements: count, deepest };
    throw e;
  }
  return { elements: count, deepest };
}

/** `html` as a browser would nest it: parsed with elements below {@link MAX_PARSE_DEPTH} placed side by side there, and written out again. */
export function shallowHtml(html: string): string {
  return serialize(parse(html, { treeAdapter: depthAdapter(MAX_PARSE_DEPTH, () => {}) }));
}
