// Superscripts and subscripts in the Markdown export: Markdown has no syntax for them, and Turndown
// wrote their text inline, so 10<sup>6</sup> read as "106" and H<sub>2</sub>O as "H2O" — a changed
// number in a researcher's copy. They stay as inline HTML, which CommonMark and GFM renderers show;
// a footnote reference (<sup><a href="#fn1">) stays a Markdown footnote.
import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { htmlToMarkdown } from '../../src/export/markdown';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');
const md = (html: string) => htmlToMarkdown(html, window.document, window as unknown as Window & typeof globalThis);

describe('Markdown superscripts and subscripts', () => {
  test('keep their meaning: 10^6 is not 106, H2O keeps its subscript', () => {
    const out = md('<p>The magnet reached 10<sup>6</sup> gauss while H<sub>2</sub>O froze at 2<sup>nd</sup> reading.</p>');
    expect(out).toContain('10<sup>6</sup> gauss');
    expect(out).toContain('H<sub>2</sub>O froze');
    expect(out).toContain('2<sup>nd</sup> reading');
  });

  test('a footnote reference in a <sup> is still a footnote, not HTML', () => {
    const out = md('<p>Passed 7–2.<sup><a href="#fn1" id="ref1">1</a></sup></p><ol><li id="fn1">The clerk’s count. <a href="#ref1">↩</a></li></ol>');
    expect(out).toContain('Passed 7–2.[^1]');
    expect(out).not.toContain('<sup>');
  });
});
