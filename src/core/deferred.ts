/**
 * The pipeline for the extension's content scripts, which never show HTML themselves: DOMPurify runs
 * where page HTML is shown or stored instead (the popup, the reader view, the library, exports —
 * `parseSanitized` / `sanitizeHtml` in html.ts), not a second time in the page.
 *
 * The views always sanitised what the content script handed them (a page's renderer is not to be
 * trusted with that), so sanitising in the page too was the same work twice on the reader's click,
 * and DOMPurify was a third of content.js. Step 7 here only drops what DOMPurify drops together with
 * its content (scripts, styles, frames, players, SVG…), so the text, word count, kept blocks, ledger
 * and article container are those of {@link cleanArticle}; test/deferred.test.ts checks that, and that
 * DOMPurify over this `contentHtml` gives `cleanArticle`'s, on every fixture.
 *
 * NOT SANITISED: `contentHtml` and each ledger entry's `html` are page markup (with the page's
 * attributes, event handlers included). Only html.ts may turn them into nodes or into anything stored
 * or exported.
 */
import type { CleanOptions, CleanResult } from './types';
import { runPipeline, type Sanitizer } from './pipeline';
import { DECANT_ID_ATTR, DECANT_ROLE_ATTR, KEPT_CLASS, capHtml, listOf } from './dom';
import { ARTICLE_VIEW } from './view';

/**
 * Elements DOMPurify (html.ts) removes together with their content: not allowed by Decant's
 * configuration and in DOMPurify's FORBID_CONTENTS (dompurify 3.5.0). Elements it removes but whose
 * content it keeps change neither the text nor the kept paragraphs.
 */
export const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set([
  'script', 'style', 'iframe', 'video', 'audio', 'template', 'svg', 'noscript', 'noembed', 'noframes',
  'plaintext', 'xmp', 'title', 'head', 'selectedcontent', 'annotation-xml',
]);

/** Remove, where they stand, the descendants of `root` that DOMPurify would drop with their content. */
export function dropWithContent(root: Element): void {
  const drop = listOf(root.getElementsByTagName('*')).filter((el) => DROPPED_WITH_CONTENT.has(el.localName));
  for (const el of drop) el.remove();
}

/** Attributes DOMPurify always drops (html.ts: no styles, handlers or page data, no class but a code block's language). */
function dropsAttribute(name: string, value: string): boolean {
  if (name === 'class') return !value.split(/\s+/).some((c) => KEPT_CLASS.test(c));
  return name === 'style' || name.startsWith('on') || (name.startsWith('data-') && name !== DECANT_ID_ATTR && name !== DECANT_ROLE_ATTR);
}

/**
 * The ledger's HTML of removed (detached) blocks, unsanitised: each block's markup without what
 * DOMPurify drops with its content and without the attributes it always drops (so the cap cuts a big
 * block where it cut its sanitised HTML), capped like the sanitised HTML. A block DOMPurify would drop
 * whole (an iframe, an SVG) has none, so the views show its preview, as they did.
 */
function ledgerHtml(blocks: readonly Element[]): string[] {
  if (!blocks.length) return [];
  const doc = blocks[0].ownerDocument;
  return blocks.map((el) => {
    if (DROPPED_WITH_CONTENT.has(el.localName)) return '';
    const wrap = doc.createElement('div');
    wrap.appendChild(el);
    for (const e of listOf(wrap.getElementsByTagName('*'))) {
      if (DROPPED_WITH_CONTENT.has(e.localName)) {
        e.remove();
        continue;
      }
      for (let i = e.attributes.length - 1; i >= 0; i--) {
        const a = e.attributes[i];
        if (dropsAttribute(a.name, a.value)) e.removeAttribute(a.name);
      }
    }
    return capHtml(wrap);
  });
}

const DEFERRED: Sanitizer = { inPlace: dropWithContent, ledgerHtml, view: ARTICLE_VIEW };

/** {@link cleanArticle} with sanitising left to the views: `contentHtml` and ledger `html` are NOT sanitised. */
export function cleanDeferred(doc: Document, options: CleanOptions = {}): CleanResult {
  return runPipeline(doc, options, DEFERRED);
}
