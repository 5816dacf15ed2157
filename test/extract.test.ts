// core/extract.ts hands Readability a tag-name walk in place of its querySelectorAll tag lists; the
// article Readability finds depends on getting exactly the same elements, in the same order.
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { allWithTag } from '../src/core/extract';

const page = new JSDOM(`<!doctype html><body>
  <div id="a"><p>One <span>two</span></p><svg><a href="#x"><text>svg link</text></a></svg>
    <template><p>inert</p></template>
    <ul><li><a href="/y">link</a></li></ul><table><tr><td><img src="i.png"></td></tr></table>
    <pre>code</pre><blockquote><p>quote</p></blockquote><dl><dt>t</dt></dl><ol><li>x</li></ol>
  </div><section><h2>Heading</h2><font>old</font><br><br></section></body>`).window.document;

describe('allWithTag (Readability tag lists)', () => {
  const lists = [
    ['SPAN', 'LI', 'TD', 'BLOCKQUOTE', 'DL', 'DIV', 'IMG', 'OL', 'P', 'PRE', 'TABLE', 'UL'], // Readability's upper-case list
    ['p', 'div', 'section', 'h1', 'h2'],
    ['a'],
    ['img', 'picture', 'figure'],
    ['br'],
    ['font'],
  ];
  for (const tags of lists) {
    test(`${tags.join(',')}: the elements querySelectorAll finds, in document order`, () => {
      expect(page.querySelectorAll(tags.join(',')).length).toBeGreaterThan(0);
      for (const root of [page, page.body, page.getElementById('a')!]) {
        expect(allWithTag(root, tags)).toEqual(Array.from(root.querySelectorAll(tags.join(','))));
      }
    });
  }
  test('a static list: removing elements while going through it skips none', () => {
    const doc = new JSDOM('<body><p>1</p><p>2</p><div><p>3</p></div></body>').window.document;
    const found = allWithTag(doc.body, ['p', 'div']);
    for (const el of found) el.remove();
    expect(found).toHaveLength(4);
    expect(doc.body.children).toHaveLength(0);
  });
});
