// Pages that are not articles (CONTRACT §1: "No article" with a reason), modelled on what a reader
// opens Decant on by mistake: a shop's product grid, a news section front of headline teasers, a
// search results page. Readability finds "content" on each (names and prices, one-line summaries,
// snippets), over the 40-word floor; the popup must still say "No article on this page", with a
// reason that says why. And a short real article beside lists of links must stay an article.
// One small page per case in test/fixtures/pages/ (`article--…` pages are articles, the rest not).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { clean, norm, page, ROOT } from './helpers';
import { fixtureHeader } from './fixture-lib';
import { decant } from './cli-lib';
import { cleanDeferred } from '../src/core/deferred';
import { cleanArticle } from '../src/core/index';
import { parseHtml } from '../src/cli/parse';

const DIR = path.join(ROOT, 'test', 'fixtures', 'pages');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.html')).sort();
const listings = files.filter((f) => !f.startsWith('article--'));

const LISTING = /^No article was found on this page: it is a list of \d+ links to other pages \(such as products, stories or search results\), with (?:only \d+ words? of|no) running text besides them \(an article has at least 40\)\.$/;

function run(file: string) {
  const html = fs.readFileSync(path.join(DIR, file), 'utf8');
  const { url } = fixtureHeader(html, file);
  return { html, url, r: clean(html, {}, url) };
}

describe('pages that list other pages are no article', () => {
  test('there is a shop listing, a section front, a blog index and a search page, each small with a url header', () => {
    expect(listings.map((f) => f.split('--')[0])).toEqual(expect.arrayContaining(['blog', 'news', 'search', 'shop']));
    for (const f of files) expect(Buffer.byteLength(fs.readFileSync(path.join(DIR, f)))).toBeLessThan(16 * 1024);
  });

  test.each(listings)('%s: no article, and the reason says it is a list', (file) => {
    const { r } = run(file);
    expect(r.article, `${file} came out as an article of ${r.article?.wordCount} words`).toBeNull();
    expect(r.reason).toMatch(LISTING);
    expect(r.articlePath ?? null).toBeNull();
  });

  test('a list of which Readability takes one card alone (a blog\'s first excerpt) is read whole', () => {
    // Short excerpts without a list around them: Readability's best candidate is the first post's summary.
    const excerpt = 'After three winters on the allotment I finally have a routine that works: mulch in October, cover crops on the empty beds, and a strict rule about not walking on wet soil. Here is what changed.';
    const post = (i: number) => `<article class="post"><h2 class="entry-title"><a href="/2025/0${i}/post-${i}/">Post number ${i} about the allotment</a></h2><div class="entry-meta">March ${i}, 2025</div><div class="entry-summary"><p>${excerpt}</p></div><a class="more-link" href="/2025/0${i}/post-${i}/">Continue reading</a></article>`;
    const html = `<!doctype html><html lang="en"><head><title>Allotment notes</title></head><body class="home blog"><header><h1>Allotment notes</h1></header><main id="main">${[1, 2, 3, 4, 5].map(post).join('')}</main><footer>© 2025</footer></body></html>`;
    const r = clean(html, {}, 'https://allotmentnotes.example.org/');
    expect(r.article, `an article of ${r.article?.wordCount} words`).toBeNull();
    expect(r.reason).toMatch(/a list of 5 links to other pages/);
  });

  test.each(listings)('%s: the content script\'s pipeline says the same', (file) => {
    const { html, url, r } = run(file);
    const p = page(html, url);
    const d = cleanDeferred(p.document, { url, window: p.window });
    expect(d.article).toBeNull();
    expect(d.reason).toBe(r.reason);
  });

  test.each(listings)('%s: without the page\'s address too (the command line on a saved file)', (file) => {
    const p = parseHtml(fs.readFileSync(path.join(DIR, file), 'utf8'), null);
    const r = cleanArticle(p.document, { window: p.window });
    expect(r.article).toBeNull();
    expect(r.reason).toMatch(LISTING);
  });

  test('the command line names the file and says why, and exits 1', () => {
    const file = path.join(DIR, 'shop--fashion-category-listing.html');
    const r = decant([file, '--format', 'txt']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`decant: ${file}: No article was found on this page: it is a list of 9 links to other pages (such as products, stories or search results), with only 7 words of running text besides them (an article has at least 40).`);
  });
});

describe('short articles beside lists of links stay articles', () => {
  test('a 60-word news brief with a "Read more" list in its body and a "Most read" rail', () => {
    const { r } = run('article--news-brief-short.html');
    expect(r.article, r.reason).not.toBeNull();
    expect(r.article!.wordCount).toBe(60);
    const text = norm(r.article!.text);
    expect(text).toContain(norm('The Old Town bridge will close to all traffic from Monday'));
    expect(text).toContain(norm('The council expects the bridge to reopen on 2 June.'));
  });

  test('beside six teaser cards, 40 words of its own text make an article, and fewer do not', () => {
    const card = (i: number) => `<div class="card"><h3><a href="/story-${i}">Story number ${i} elsewhere</a></h3><p>The summary of story ${i} says in one line what happened and where.</p></div>`;
    const prose = (n: number) => `<p>${Array.from({ length: n }, (_, i) => `word${i}`).join(' ')}.</p>`;
    const body = (n: number) => `<!doctype html><html lang="en"><body><main>${prose(n)}${[1, 2, 3, 4, 5, 6].map(card).join('')}</main></body></html>`;
    expect(clean(body(40), {}, 'https://example.org/2025/story').article).not.toBeNull();
    const r = clean(body(39), {}, 'https://example.org/2025/story');
    expect(r.article).toBeNull();
    expect(r.reason).toContain('a list of 6 links to other pages (such as products, stories or search results), with only 39 words of running text besides them');
  });
});

describe('a page with too little text says how little, in English', () => {
  test.each([
    ['<article><p>Hello</p></article>', 'only 1 word of running text remains after cleaning'],
    ['<article><p>Hello there</p></article>', 'only 2 words of running text remain after cleaning'],
  ])('%s', (body, words) => {
    const r = clean(`<!DOCTYPE html><html><head><title>T</title></head><body>${body}</body></html>`, {}, 'https://example.org/a');
    expect(r.article).toBeNull();
    expect(r.reason).toBe(`No article was found on this page: ${words} (an article has at least 40).`);
  });
});
