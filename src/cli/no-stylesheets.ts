/**
 * Pages parsed for the command line get no CSSOM from their `<style>` blocks. jsdom builds a style
 * sheet for every `<style>` element of a document that has a window, as the parser closes it, and
 * checks every declaration against css-tree's grammar (throwing and catching an error with a stack
 * for each value it does not know). Nothing Decant runs in Node reads those sheets: the core reads no
 * computed style (STYLE §1; what the live page hides comes from the content script's marks), and
 * Readability and DOMPurify read only inline `style` attributes, which jsdom still parses. In a
 * `decant batch` worker over the corpus, building them was 12% of all CPU (1.86 of 15.1 s on 60
 * pages), before the garbage they leave.
 *
 * The `<style>` elements stay in the document with their text; only `sheet` stays null and
 * `document.styleSheets` empty. Scoped to the documents made inside {@link withoutStyleSheets}: every
 * other jsdom document in the process (tests that want computed style) is untouched. A jsdom without
 * this internal method leaves everything as it was.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

interface StyleElementImpl {
  _ownerDocument: { _defaultView: object | null };
  _updateAStyleBlock(): void;
}

/** Windows whose documents build no style sheets. */
const windows = new WeakSet<object>();
/** Inside {@link withoutStyleSheets}: the document being parsed has no entry in `windows` yet. */
let parsing = 0;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  try {
    const require = createRequire(import.meta.url);
    const impl = path.join(path.dirname(require.resolve('jsdom')), 'jsdom', 'living', 'nodes', 'HTMLStyleElement-impl.js');
    const proto = (require(impl) as { implementation?: { prototype: StyleElementImpl } }).implementation?.prototype;
    if (!proto || typeof proto._updateAStyleBlock !== 'function') return;
    const update = proto._updateAStyleBlock;
    proto._updateAStyleBlock = function (this: StyleElementImpl): void {
      const view = this._ownerDocument._defaultView;
      if (view && parsing > 0) windows.add(view);
      if (view && windows.has(view)) return;
      update.call(this);
    };
  } catch {
    // jsdom laid out differently: its style sheets are built as before
  }
}

/** Run `make` (which creates one jsdom window and parses its page); that window's documents build no style sheets. */
export function withoutStyleSheets<T extends { window: object }>(make: () => T): T {
  install();
  parsing++;
  try {
    const made = make();
    windows.add(made.window);
    return made;
  } finally {
    parsing--;
  }
}
