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
import { parse, defaultTreeAdapter, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5';

class TooManyElements extends Error {}

/** Elements the parser builds from `html`, counted up to `limit + 1` (then it stops). */
export function countElements(html: string, limit: number): number {
  let count = 0;
  const adapter: TreeAdapter<DefaultTreeAdapterMap> = {
    ...defaultTreeAdapter,
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
    if (e instanceof TooManyElements) return count;
    throw e;
  }
  return count;
}
