// Markdown export keeps the page's text as text (review: "Markdown does not escape HTML-like text").
// Every vector of ../shared/xss is placed as *text* — a paragraph, a heading, a caption, link text,
// alt text, a table cell and caption, a list item, a quote, the title and the byline — and the
// Markdown must neither create an element in a CommonMark renderer with inline HTML on, nor lose a
// character of it. No CommonMark renderer is in node_modules, so the checks read the Markdown the
// way CommonMark does (spec 0.31 §2.4 backslash escapes, §2.5 entities, §6.5 autolinks, §6.6 raw
// HTML): raw HTML and autolinks start with an unescaped `<` before a letter, `/`, `!` or `?`.
import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { parse as parseYaml } from 'yaml';
import { convert } from '../../src/cli/convert';
import { parseSanitized } from '../../src/core/html';
import { htmlToMarkdown, toMarkdown } from '../../src/export/markdown';
import { EXPECTED_VECTORS, loadVectors } from '../security/vectors';

const vectors = loadVectors();
const { window } = new JSDOM('<!DOCTYPE html><body></body>');
const doc = window.document;
const win = window as unknown as Window & typeof globalThis;

/** A `<` or `&` that CommonMark reads as markup: not preceded by an odd run of backslashes. */
const RAW_HTML = /(?<!\\)(?:\\\\)*<[A-Za-z/!?]/;
const ENTITY = /(?<!\\)(?:\\\\)*&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** What a CommonMark renderer shows for escaped inline text: each backslash escape gives its character. */
const unescape = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
/** Turndown collapses runs of spaces, tabs and line breaks in text, as a browser shows them. */
const collapse = (s: string) => s.replace(/[ \t\r\n]+/g, ' ').trim();

/** The article: one payload in every text context the Markdown export writes. Built as nodes. */
function articleWith(text: string): string {
  const box = doc.createElement('div');
  const add = <K extends keyof HTMLElementTagNameMap>(parent: Element, tag: K, txt?: string) => {
    const el = doc.createElement(tag);
    if (txt !== undefined) el.textContent = txt;
    parent.appendChild(el);
    return el;
  };
  add(box, 'p', text);
  add(box, 'h2', text);
  const fig = add(box, 'figure');
  const img = add(fig, 'img');
  img.setAttribute('src', 'https://example.org/a.jpg');
  img.setAttribute('alt', text);
  add(fig, 'figcaption', text);
  const link = add(add(box, 'p'), 'a', text);
  link.setAttribute('href', 'https://example.org/x');
  link.setAttribute('title', text);
  const table = add(box, 'table');
  add(table, 'caption', text);
  add(add(add(table, 'thead'), 'tr'), 'th', 'Column');
  add(add(add(table, 'tbody'), 'tr'), 'td', text);
  add(add(box, 'ul'), 'li', text);
  add(add(box, 'blockquote'), 'p', text);
  return box.innerHTML;
}

/** Occurrences of `needle` in `hay`. */
function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); needle && i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

const base = convert({ bytes: new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Base</title></head><body><article><h1>Base</h1><p>${'The council met on Tuesday to discuss the annual budget and the library plans. '.repeat(6)}</p></article></body></html>`) });

describe('Markdown keeps HTML-like text as text', () => {
  test(`all ${EXPECTED_VECTORS} vectors are here`, () => {
    expect(vectors).toHaveLength(EXPECTED_VECTORS);
  });

  test('the reviewer\'s paragraph: <img onerror> and <script> typed as text stay text', () => {
    const md = htmlToMarkdown('<p>Attackers typed &lt;img src=x onerror=alert(document.cookie)&gt; into the name field, and &lt;script&gt;steal()&lt;/script&gt; in the body; a literal &amp;lt; stays.</p>', doc, win);
    expect(md).toBe('Attackers typed \\<img src=x onerror=alert(document.cookie)> into the name field, and \\<script>steal()\\</script> in the body; a literal \\&lt; stays.');
  });

  test.each([
    ['a < b and x<3 and 5 > 4', 'a < b and x<3 and 5 > 4'],
    ['AT&T & co, &c.', 'AT&T & co, &c.'],
    ['&amp; &#60; &#x3C; &copy;', '\\&amp; \\&#60; \\&#x3C; \\&copy;'],
    ['<https://example.org> <me@example.org>', '\\<https://example.org> \\<me@example.org>'],
    ['<!-- c --> <?php ?> <!DOCTYPE x> <![CDATA[x]]>', '\\<!-- c --> \\<?php ?> \\<!DOCTYPE x> \\<!\\[CDATA\\[x\\]\\]>'],
  ])('text %j becomes %j: only what would be markup is escaped', (text, expected) => {
    const p = doc.createElement('p');
    p.textContent = text;
    expect(htmlToMarkdown(p.outerHTML, doc, win)).toBe(expected);
  });

  test('text split across inline elements cannot join into a tag or an entity', () => {
    const md = htmlToMarkdown('<p>&lt;<span>script</span>&gt; and &amp;<span>lt;</span></p>', doc, win);
    expect(md).not.toMatch(RAW_HTML);
    expect(md).not.toMatch(ENTITY);
    expect(unescape(md)).toBe('<script> and &lt;');
  });

  test.each([
    ['a line of backticks indented inside the code', 'code', 'x\n  ```\n<script>alert(1)</script>'],
    ['a bare pre with both fence kinds', 'pre', '~~~\n```\n<img src=x onerror=alert(1)>\n~~~'],
  ])('a code block keeps its code inside the fence: %s', (_name, inner, code) => {
    const pre = doc.createElement('pre');
    if (inner === 'code') pre.appendChild(doc.createElement('code')).textContent = code;
    else pre.textContent = code;
    const lines = htmlToMarkdown(pre.outerHTML, doc, win).split('\n');
    const fence = lines[0];
    expect(fence).toMatch(/^`{3,}$/);
    // CommonMark closes a fence on a line of at least as many backticks, indented up to three spaces.
    const closer = new RegExp(`^ {0,3}\`{${fence.length},}\\s*$`);
    const closes = lines.map((l, i) => (i > 0 && closer.test(l) ? i : -1)).filter((i) => i > 0);
    expect(closes).toEqual([lines.length - 1]);
    expect(lines.slice(1, -1).join('\n')).toBe(code);
  });

  test('a link title ending in a backslash does not break the link open', () => {
    const md = htmlToMarkdown('<p><a href="https://example.org/a" title="&lt;img src=x onerror=alert(1)&gt;\\">read</a></p>', doc, win);
    expect(md).toBe('[read](https://example.org/a "\\<img src=x onerror=alert(1)>\\\\")');
  });

  test('link and image destinations with spaces, brackets, backslashes and entities stay one destination', () => {
    const md = htmlToMarkdown('<p><a href="https://example.org/a b/(c)\\&amp;lt;<x>">l</a> <img src="https://example.org/i m.png?a=1&amp;copy;" alt="i"></p>', doc, win);
    expect(md).toBe('[l](https://example.org/a%20b/\\(c\\)\\\\\\&lt;\\<x\\>) ![i](https://example.org/i%20m.png?a=1\\&copy;)');
  });

  test('TeX keeps its meaning and opens no tag', () => {
    const md = htmlToMarkdown('<p><math alttext="a<b &amp;lt; c"><mi>a</mi></math></p>', doc, win);
    expect(md).not.toMatch(RAW_HTML);
    expect(md).not.toMatch(ENTITY);
    expect(md).toBe('$a< b & lt; c$');
  });

  test('the title line is escaped Markdown text, and a trailing # is not a closing sequence', () => {
    const render = (title: string) => toMarkdown({ ...base.record, title }, doc, win).split('\n').find((l) => l.startsWith('# '));
    expect(render('"><script>alert(1)</script><img src=x onerror=alert(2)>')).toBe('# ">\\<script>alert(1)\\</script>\\<img src=x onerror=alert(2)>');
    expect(render('*Breaking*: [news] # 1. <b>x</b> _under_ `tick`')).toBe('# \\*Breaking\\*: \\[news\\] # 1. \\<b>x\\</b> \\_under\\_ \\`tick\\`');
    expect(render('We are number #')).toBe('# We are number \\#');
  });

  test('front matter: a hostile title is a double-quoted YAML string with its `<` escaped; a harmless one stays plain', () => {
    const hostile = '"><script>alert(1)</script>&lt;';
    const md = toMarkdown({ ...base.record, title: hostile, byline: 'Ann <ann@example.org>', siteName: 'A < B & C' }, doc, win);
    const front = md.split('\n---\n')[0];
    expect(front).toContain('title: "\\">\\x3Cscript>alert(1)\\x3C/script>\\x26lt;"');
    expect(front).toContain('byline: "Ann \\x3Cann@example.org>"');
    expect(front).toContain('siteName: A < B & C');
    expect(parseYaml(front.slice(4))).toMatchObject({ title: hostile, byline: 'Ann <ann@example.org>', siteName: 'A < B & C' });
  });

  describe.each(vectors.map((v) => [v.id, v.payload] as const))('%s', (_id, payload) => {
    test('as text in every context: no element, every character kept; front matter reads back', () => {
      const text = collapse(payload);
      const record = { ...base.record, title: payload, byline: payload, authors: [payload], siteName: payload, contentHtml: articleWith(payload) };
      const md = toMarkdown(record, doc, win);
      const [, front, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(md) ?? [];
      expect(body, 'no front matter').toBeDefined();
      expect(parseYaml(front)).toMatchObject({ title: payload, byline: payload, authors: [payload], siteName: payload });
      // A renderer that knows no front matter shows it as a paragraph: it must build nothing either.
      expect(front).not.toMatch(RAW_HTML);
      expect(front).not.toMatch(ENTITY);
      const m = RAW_HTML.exec(body);
      expect(m && JSON.stringify(body.slice(m.index, m.index + 60))).toBeNull();
      expect(body).not.toMatch(ENTITY);
      if (!text) return;
      // The title, paragraph, heading, caption, link text, table cell and caption, list item and
      // quote each show the text; so do the alt text and link title when the sanitiser kept them.
      const kept = parseSanitized(record.contentHtml, doc, win);
      const attrs = [kept.querySelector('img')?.getAttribute('alt'), kept.querySelector('a')?.getAttribute('title')];
      const contexts = 9 + attrs.filter((a) => a !== null && a !== undefined).length;
      expect(count(unescape(body), text)).toBeGreaterThanOrEqual(contexts);
    });
  });
});
