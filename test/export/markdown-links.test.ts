// In-page links in the Markdown export (review: "dead in-page links"). The sanitiser prefixes ids
// and `#` links with `user-content-`, and Markdown headings and notes carry no ids, so a written
// `[see below](#user-content-sec2)` went nowhere. A link to a heading now points at the heading's
// slug as GitHub, GitLab, markdown-it-anchor and pandoc make it ("Section two" → `#section-two`,
// repeats get -1, -2…; the `# title` line counts first); a link to a footnote is `[^n]`; a link to
// anything else Markdown cannot address keeps its words and drops the link.
import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { convert } from '../../src/cli/convert';
import { htmlToMarkdown } from '../../src/export/markdown';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');
const doc = window.document;
const win = window as unknown as Window & typeof globalThis;
const md = (html: string, title?: string) => htmlToMarkdown(html, doc, win, { title });

const filler = (n: number) => `<p>${`Paragraph ${n} says what the council decided about the harbour, the library and the roads on Tuesday evening. `.repeat(2)}</p>`;

describe('Markdown in-page links', () => {
  test('a page with section links, a footnote and a skip link: every # link lands on a heading', () => {
    const page = `<!doctype html><html lang="en"><head><title>Harbour plans</title></head><body><article><h1>Harbour plans</h1>
      <p>Contents: <a href="#costs">Costs &amp; “funding”</a>, <a href="#sec2">the vote</a>, <a href="#fig1">the map</a> and <a href="#gone">old notes</a>.</p>
      ${filler(1)}
      <h2 id="costs">Costs &amp; “funding”</h2>${filler(2)}
      <section id="sec2"><h2>The vote</h2>${filler(3)}<p>Passed 7–2.<sup><a href="#fn1" id="ref1">1</a></sup></p></section>
      <figure id="fig1"><img src="https://example.org/map.png" alt="Map"><figcaption>The new quay.</figcaption></figure>${filler(4)}
      <ol class="footnotes"><li id="fn1">Two members were absent. <a href="#ref1">↩</a></li></ol>
    </article></body></html>`;
    const out = convert({ bytes: new TextEncoder().encode(page), url: 'https://example.org/harbour' }).render('md');
    expect(out).toContain('Contents: [Costs & “funding”](#costs--funding), [the vote](#the-vote), the map and old notes.');
    expect(out).toMatch(/Passed 7–2\.\[\^1\]/);
    expect(out).toMatch(/^\[\^1\]: Two members were absent\.$/m);
    // GitHub's slugs of the headings written (github-slugger): the only in-page targets Markdown has.
    expect(out.match(/^#{1,6} .*$/gm)).toEqual(['# Harbour plans', '## Costs & “funding”', '## The vote']);
    expect([...out.matchAll(/\]\(#([^)]*)\)/g)].map((m) => m[1])).toEqual(['costs--funding', 'the-vote']);
    expect(out).not.toMatch(/user-content/);
  });

  test.each([
    ['a heading', '<p><a href="#s">see</a></p><h2 id="s">Results</h2>', '[see](#results)'],
    ['an anchor inside a heading', '<p><a href="#s">see</a></p><h3><a id="s"></a>Results, in full</h3>', '[see](#results-in-full)'],
    ['a section that opens with a heading', '<p><a href="#s">see</a></p><section id="s"><h2>Results</h2><p>x</p></section>', '[see](#results)'],
    ['the second of two headings with the same text', '<h2>Notes</h2><p><a href="#b">see</a></p><h2 id="b">Notes</h2>', '[see](#notes-1)'],
    ['a heading with the title\'s text', '<p><a href="#s">see</a></p><h2 id="s">Harbour plans</h2>', '[see](#harbour-plans-1)', 'Harbour plans'],
    ['a paragraph', '<p><a href="#p">see</a></p><p id="p">x</p>', 'see'],
    ['an id that is not in the article', '<p><a href="#nowhere">see <em>this</em></a></p>', 'see _this_'],
    ['a bare #', '<p><a href="#">top</a></p>', 'top'],
  ])('a link to %s', (_name, html, expected, title?: string) => {
    expect(md(html, title).split('\n\n')).toContain(expected);
  });

  test('links to other pages are untouched', () => {
    expect(md('<p><a href="https://example.org/a#sec">there</a></p>')).toBe('[there](https://example.org/a#sec)');
  });
});
