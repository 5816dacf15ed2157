// @vitest-environment jsdom
// The popup's and reader's article header (src/views/article-view.ts): the excerpt is shown under the
// byline only when it adds something, not when it repeats the article's opening (docs/extension.md).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { cleanArticle } from '../src/core/index';
import type { Article } from '../src/core/types';
import { articleBody, articleHeader, openingTexts, repeatsOpening, showBlock } from '../src/views/article-view';
import { page, SHARED } from './helpers';

type Win = Window & typeof globalThis;

function article(contentHtml: string, excerpt: string | null): Article {
  return {
    title: 'A title', byline: null, authors: [], siteName: null, lang: 'en', dir: null, publishedTime: null, modifiedTime: null,
    excerpt, url: 'https://example.org/a', canonicalUrl: null, leadImageUrl: null, wordCount: 100, readingTimeMinutes: 1, contentHtml, text: '',
  };
}

/** The excerpt as the views show it (null: hidden), built as articleParts builds the header. */
function shownExcerpt(a: Article): string | null {
  const body = articleBody(a, { images: false });
  return articleHeader(a, { opening: openingTexts(body) }).querySelector('[data-field="excerpt"]')?.textContent ?? null;
}

const FIRST = 'When I started this layout, I told my family it would take six months. That was three years ago.';
const STANDFIRST = '<p class="standfirst">Year three of an attic layout that was supposed to take six months</p>';
const FIGURE = '<figure><img src="https://example.org/a.jpg" alt=""><figcaption>The station throat.</figcaption></figure>';

describe('the excerpt is hidden when it repeats the opening', () => {
  test.each([
    ['the first paragraph', `<p>${FIRST}</p><p>More.</p>`, FIRST],
    ['the paragraph after a standfirst and a figure', `${STANDFIRST}${FIGURE}<p>${FIRST}</p><p>More.</p>`, FIRST],
    ['the paragraph after a subheading', `<h2>Officials say the pilot could be extended</h2><p>${FIRST}</p>`, FIRST],
    ['with a trailing ellipsis', `${STANDFIRST}<p>${FIRST}</p>`, 'When I started this layout, I told my family it would…'],
    ['with three dots', `${STANDFIRST}<p>${FIRST}</p>`, 'When I started this layout, I told my family it would...'],
    ['with other whitespace and straight quotes', `${STANDFIRST}<p>“We have options,”\n  she said. ${FIRST}</p>`, '"We have options," she said.  When I started'],
    ['spanning two paragraphs', `${STANDFIRST}<p>When I started this layout,</p><p>I told my family it would take six months.</p>`, 'When I started this layout, I told my family it would take six months.'],
    ['inside a blockquote', `<blockquote><p>${FIRST}</p></blockquote>`, FIRST],
  ])('%s', (_name, html, excerpt) => {
    expect(shownExcerpt(article(html, excerpt))).toBeNull();
  });

  test.each([
    ['a different sentence', `${STANDFIRST}<p>${FIRST}</p>`, 'A model railway in an attic, three years on.'],
    ['only a caption says it', `${FIGURE}<p>${FIRST}</p>`, 'The station throat.'],
    ['the article is empty', '', 'A summary of the piece.'],
    ['it repeats a paragraph far into the article', `<p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p><p>${FIRST}</p>`, FIRST],
  ])('but shown when %s', (_name, html, excerpt) => {
    expect(shownExcerpt(article(html, excerpt))).toBe(excerpt);
  });

  test('a block shown again by the reader is not part of the opening', () => {
    const body = articleBody(article(`<p>${FIRST}</p>`, null), { images: false });
    const restored = document.createElement('aside');
    restored.setAttribute('data-restored', 'x');
    restored.append(Object.assign(document.createElement('p'), { textContent: 'Support us: donate today.' }));
    body.prepend(restored);
    expect(repeatsOpening('Support us: donate today.', openingTexts(body))).toBe(false);
    expect(repeatsOpening(FIRST, openingTexts(body))).toBe(true);
  });
});

// The reviewer's pages: a standfirst (and a lead figure) before the paragraph the description repeats.
const NAGS = ['kofi-model-railway', 'cookiebot-balcony-tomatoes', 'it-pasta-e-ceci', 'nyt-style-small-lot-housing', 'charity-fun-run-trap', 'podcast-repair-cafes', 'moscowtimes-venezuela', 'mt-heated-bus-shelters'];

test.each(NAGS)('nags/%s: the excerpt does not repeat the opening paragraph', (name) => {
  const p = page(fs.readFileSync(path.join(SHARED, 'nags', `${name}.html`), 'utf8'), `https://example.org/${name}`);
  const result = cleanArticle(p.document, { url: p.window.location.href, window: p.window as unknown as Win });
  const a = result.article!;
  expect(a.excerpt, 'the page has a description').toBeTruthy();
  expect(shownExcerpt(a)).toBeNull();
});

describe('dates in the header and the library', () => {
  test('show the calendar day the page gives, whatever the reader\'s time zone', async () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      vi.resetModules();
      const { formatDate } = await import('../src/export/dates');
      const day = (iso: string): string => formatDate(iso)!.replace(/\D+/g, ' ').trim();
      // A plain date is that day everywhere, not UTC midnight shown as the evening before in California.
      expect(day('2024-03-05')).toMatch(/\b5\b/);
      // An evening in New York is the 29th, not UTC's 30th.
      expect(day('2019-03-29T20:30:00-05:00')).toMatch(/\b29\b/);
      expect(day('2019-03-30T06:00:00+09:00')).toMatch(/\b30\b/);
      expect(formatDate('2019')).toBe('2019');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
      vi.resetModules();
    }
  });
});

describe('Decant\'s own words in a right-to-left article', () => {
  const rtl = (contentHtml: string): Article => ({ ...article(contentHtml, null), lang: 'ar', dir: 'rtl' });
  /** The nearest `dir` and `lang` an element inherits (what the browser lays it out and reads it by). */
  const inherited = (el: Element): [string | null, string | null] => [el.closest('[dir]')?.getAttribute('dir') ?? null, el.closest('[lang]')?.getAttribute('lang') ?? null];

  test('the "Shown again" bar stays left to right and English; the block shown again keeps the article\'s direction', () => {
    (globalThis as { CSS?: object }).CSS ??= { escape: (v: string) => v }; // jsdom has none; the ids need no escaping
    const body = articleBody(rtl('<p data-decant-id="b1">نص المقال الأول.</p><p data-decant-id="b2">نص المقال الثاني.</p>'), { images: false });
    const entry = { id: 'r1', rule: 'donation', category: 'donation', reason: 'markup', preview: 'ادعمنا اليوم', path: 'body > div', html: '<p>ادعمنا اليوم</p>', after: 'b1' } as const;
    const block = showBlock(body, entry, ['r1'], { images: false }, () => {});
    const bar = block.querySelector('.restored-bar')!;
    expect(bar.textContent).toMatch(/^Shown again · .*Hide again$/);
    expect(inherited(bar)).toEqual(['ltr', 'en']);
    expect(inherited(block.querySelector('.restored-bar button')!)).toEqual(['ltr', 'en']);
    // Its label for screen readers is Decant's English too.
    expect(block.getAttribute('aria-label')).toMatch(/^Removed by Decant/);
    expect(inherited(block)).toEqual(['ltr', 'en']);
    expect(inherited(block.querySelector('.restored-content p')!)).toEqual(['rtl', 'ar']);
  });

  test('an image placeholder\'s sentence stays left to right and English; the image\'s description keeps the article\'s', () => {
    const body = articleBody(rtl('<p>نص</p><figure><img src="https://example.org/a.jpg" alt="صورة الميناء"></figure>'), { images: false });
    expect(inherited(body.querySelector('.img-placeholder-label')!)).toEqual(['ltr', 'en']);
    expect(inherited(body.querySelector('.img-placeholder-alt')!)).toEqual(['rtl', 'ar']);
  });
});

test('the header of a right-to-left article: Decant\'s words (length, reading time, language, dates) and the address read left to right; the title and byline keep the article\'s', () => {
  const a: Article = { ...article('<p>نص</p>', null), lang: 'ar', dir: 'rtl', byline: 'سارة أحمد', siteName: 'الصحيفة', publishedTime: '2024-03-05', modifiedTime: '2024-03-06', canonicalUrl: 'https://example.org/ar/2024/story' };
  // As the views place it: inside <article lang dir>.
  const host = document.createElement('article');
  host.setAttribute('lang', 'ar');
  host.setAttribute('dir', 'rtl');
  host.appendChild(articleHeader(a));
  const at = (field: string): [string | null, string | null] => {
    const el = host.querySelector(`[data-field="${field}"]`)!;
    return [el.closest('[dir]')!.getAttribute('dir'), el.closest('[lang]')!.getAttribute('lang')];
  };
  expect(['wordCount', 'readingTime', 'lang', 'publishedTime', 'modifiedTime'].map(at)).toEqual(Array(5).fill(['ltr', 'en']));
  expect(at('canonicalUrl')[0]).toBe('ltr');
  expect(['title', 'byline', 'siteName'].map(at)).toEqual(Array(3).fill(['rtl', 'ar']));
});
