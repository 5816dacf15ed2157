// The jsdom layer of the script-injection suite, render path: every vector of ../shared/xss (728) as
// if it were the article's HTML, through parseSanitized (the popup's and reader's door) and
// sanitizeHtml (exports). The rendered DOM, the string it serialises to (re-parsed without
// sanitising, as a browser would) and sanitizeHtml's output are audited; the rendered HTML must
// re-sanitise to itself (no mutation-XSS drift). The full path is in xss-jsdom-full.test.ts.
import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { parseSanitized, sanitizeHtml } from '../../src/core/html';
import { auditDom } from './audit';
import { EXPECTED_VECTORS, loadVectors } from './vectors';

const vectors = loadVectors();

/** Parse page-derived HTML the way a browser parses a string into a container: no sanitising. */
function rawParse(html: string): DocumentFragment {
  return JSDOM.fragment(html);
}

describe('XSS vectors in jsdom', () => {
  test(`all ${EXPECTED_VECTORS} vectors are here`, () => {
    expect(vectors).toHaveLength(EXPECTED_VECTORS);
  });

  describe('render path: the vector as the article HTML, through parseSanitized and sanitizeHtml', () => {
    const { window } = new JSDOM('<!DOCTYPE html><body><main id="article"></main></body>');
    const win = window as unknown as Window & typeof globalThis;
    test.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
      const host = window.document.getElementById('article')!;
      host.replaceChildren(parseSanitized(v.payload, window.document));
      const rendered = host.innerHTML;
      const asString = sanitizeHtml(v.payload, win);
      expect([
        ...auditDom(host, { root: false }).map((p) => `rendered: ${p}`),
        ...auditDom(rawParse(rendered)).map((p) => `rendered, re-parsed: ${p}`),
        ...auditDom(rawParse(asString)).map((p) => `sanitizeHtml: ${p}`),
      ]).toEqual([]);
      // Sanitising is a fixed point: what the views render re-sanitises to itself (no mutation XSS drift).
      expect(sanitizeHtml(rendered, win)).toBe(rendered);
    });
  });

});
