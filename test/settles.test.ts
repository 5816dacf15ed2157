// The sanitiser skips its re-parse check for markup that `settlesAsWritten` vouches for. That is only
// safe if the promise holds: whenever it says yes, parsing the string and serialising it again gives
// the same string (the fixed point that defends against mutation XSS). Random trees and strings made
// to hit the parser's corners, and every script-injection vector, check the promise against jsdom's parser.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { sanitizeInPlace, settlesAsWritten } from '../src/core/html';
import { loadVectors } from './security/vectors';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');
const win = window as unknown as Window & typeof globalThis;
const doc = window.document;
const inert = doc.implementation.createHTMLDocument('');

function reparsed(html: string): string {
  const box = inert.createElement('div');
  box.innerHTML = html;
  return box.innerHTML;
}

/** The promise, for one string; also says which way it went, so the suites can show they test both. */
function check(html: string): boolean {
  const yes = settlesAsWritten(html);
  if (yes) expect(reparsed(html), html).toBe(html);
  return yes;
}

// Tags the fast path knows (mostly), and some it must refuse (foreign content, raw text, forms, ruby).
const KNOWN = [
  'p', 'div', 'span', 'a', 'b', 'i', 'em', 'strong', 'code', 'pre', 'br', 'img', 'hr', 'wbr', 'source', 'picture', 'figure', 'figcaption',
  'h1', 'h2', 'h3', 'ul', 'ol', 'li', 'dl', 'dd', 'dt', 'blockquote', 'section', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody',
  'tfoot', 'tr', 'td', 'th', 'sup', 'font',
];
const REFUSED = ['nobr', 'ruby', 'rt', 'button', 'select', 'option', 'textarea', 'xmp', 'noscript', 'template', 'title', 'style', 'image', 'listing', 'form', 'math', 'svg'];
const tag = fc.oneof({ arbitrary: fc.constantFrom(...KNOWN), weight: 12 }, { arbitrary: fc.constantFrom(...REFUSED), weight: 1 });
const PLAIN = ['a', 'word ', ' ', '\n', '\t', 'é', '&', '<', '>', '"'];
const ODD = ['\r', '\0', '\u00a0', '\ufeff', '&amp;', '</p>', '<!--'];
const text = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...PLAIN), weight: 12 }, { arbitrary: fc.constantFrom(...ODD), weight: 1 }), { minLength: 1, maxLength: 3 })
  .map((a) => a.join(''));
const ATTRS = ['id', 'href', 'title', 'is', 'data-decant-id', 'alt'];

type Tree = { tag: string; attrs: [string, string][]; kids: (Tree | string)[] };
const tree = fc.letrec<{ node: Tree; kid: Tree | string }>((tie) => ({
  node: fc.record({
    tag,
    attrs: fc.array(fc.tuple(fc.constantFrom(...ATTRS), text), { maxLength: 2 }),
    kids: fc.array(tie('kid'), { maxLength: 4 }),
  }),
  kid: fc.oneof({ depthSize: 'small' }, text, tie('node')),
})).node;

function build(t: Tree): Element {
  const el = t.tag === 'math' ? doc.createElementNS('http://www.w3.org/1998/Math/MathML', 'math') : t.tag === 'svg' ? doc.createElementNS('http://www.w3.org/2000/svg', 'svg') : doc.createElement(t.tag);
  for (const [k, v] of t.attrs) el.setAttribute(k, v);
  for (const kid of t.kids) el.append(typeof kid === 'string' ? doc.createTextNode(kid) : build(kid));
  return el;
}

describe('settlesAsWritten only vouches for markup that parses back to itself', () => {
  test('random trees built with DOM calls (so they may be nested as no parser nests them)', () => {
    let yes = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(text, tree), { maxLength: 4 }), (kids) => {
        const root = doc.createElement('div');
        for (const kid of kids) root.append(typeof kid === 'string' ? doc.createTextNode(kid) : build(kid));
        runs++;
        if (check(root.innerHTML)) yes++;
      }),
      { numRuns: 3000, seed: 3 },
    );
    // Both answers occur often enough for the property to mean something.
    expect(yes).toBeGreaterThan(runs * 0.1);
    expect(yes).toBeLessThan(runs * 0.9);
  });

  test('random strings of tags, entities and text (not only what a serialiser writes)', () => {
    const pieces = [
      '<p>', '</p>', '<div>', '</div>', '<a href="x">', '</a>', '<b>', '</b>', '<li>', '</li>', '<ul>', '</ul>', '<table>', '</table>',
      '<tbody>', '</tbody>', '<tr>', '</tr>', '<td>', '</td>', '<pre>', '</pre>', '<br>', '</br>', '<img src="a&amp;b">', '<h2>', '</h2>',
      '<p id="a" id="b">', '<p ID="x">', '<p title="&lt;">', '<p title="&quot;">', 'x', ' ', '\n', '&amp;', '&lt;', '&gt;', '&nbsp;', '&quot;',
      '&copy;', '&', '>', '\u00a0', '<!---->', '<math>', '</math>', '<dl>', '<dd>', '</dd>', '<col>', '<colgroup>', '</colgroup>',
    ];
    let yes = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        if (check(parts.join(''))) yes++;
      }),
      { numRuns: 5000, seed: 7 },
    );
    expect(yes).toBeGreaterThan(250);
  });

  test('every script-injection vector, raw and after sanitising in place', () => {
    let yes = 0;
    for (const v of loadVectors()) {
      if (check(v.payload)) yes++;
      const root = doc.createElement('div');
      root.append(...Array.from(JSDOM.fragment(v.payload).childNodes));
      sanitizeInPlace(root, win);
      if (check(root.innerHTML)) yes++;
    }
    expect(yes).toBeGreaterThan(100);
  });

  test.each([
    ['a plain article', '<h2>Title</h2><p>One &amp; <a href="/x">two</a>&nbsp;three.</p><figure><img src="a.jpg"><figcaption>Cap</figcaption></figure><table><tbody><tr><td>1</td></tr></tbody></table>', true],
    ['a block inside a paragraph', '<p>a<div>b</div></p>', false],
    ['a link inside a link', '<a href="a"><span><a href="b">x</a></span></a>', false],
    ['a line feed opening a pre', '<pre>\ncode</pre>', false],
    ['a row without its table section', '<table><tr><td>x</td></tr></table>', false],
    ['text straight inside a table', '<table>x<tbody></tbody></table>', false],
    ['a carriage return', '<p>a\rb</p>', false],
    ['foreign content (DOMPurify’s mXSS fixture)', '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></h1>', false],
    ['a comment', '<p>a<!-- b --></p>', false],
    ['a list item in a list item', '<li>a<li>b</li></li>', false],
    ['a heading in a heading', '<h2>a<h3>b</h3></h2>', false],
    ['a definition in a definition', '<dl><dd>a<dt>b</dt></dd></dl>', false],
    ['a nested list', '<ul><li>a<ul><li>b</li></ul></li></ul>', true],
  ])('%s', (_title, html, expected) => {
    expect(settlesAsWritten(html)).toBe(expected);
    if (expected) expect(reparsed(html)).toBe(html);
  });
});
