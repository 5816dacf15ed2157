// The pipeline's promises on odd input (CONTRACT §1, STYLE §3–4): the caller's document is never
// changed, byte for byte — on every fixture, on the sample page, when the safety valve re-runs and
// when a rule throws; no article gives a reason instead; a rule that throws becomes a warning while
// the other rules still work; huge pages are refused with a reason; malformed HTML still reads.
import fs from 'node:fs';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { clean, norm, page, readFile, SAMPLE } from './helpers';
import { fixtureHeader, fixturePath, listFixtures } from './fixture-lib';
import { cleanArticle } from '../src/core/index';
import { RULES } from '../src/core/rules/index';
import type { CleanOptions } from '../src/core/types';

const PARA = (n: number, topic = 'the river crossing') =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} about ${topic}: the ferry has run since 1921, and residents on both banks say they would rather keep it than see a bridge built upstream.</p>`).join('\n');

/**
 * A charity's appeal letter, opened on purpose: every paragraph asks for money and links to the
 * donate page, so the donation rule takes each of them and nothing is left; the safety valve re-runs
 * without the risky families and keeps the letter.
 */
const APPEAL = (i: number) =>
  `<p>Letter paragraph ${i}: this winter the ferry trust needs to replace the landing stage before the spring floods, and the work cannot wait another year. Please <a href="/donate/?src=letter">donate today</a>.</p>`;
const VALVE_PAGE = `<!doctype html><html lang="en"><head><title>A letter from the ferry trust</title></head><body>
<header><a href="/">The Ferry Trust</a></header>
<article><h1>A letter from the ferry trust</h1>
${[1, 2, 3, 4, 5].map(APPEAL).join('\n')}
</article>
</body></html>`;

/** Parse like the CLI, serialise the caller's document (doctype included), run, serialise again. */
function unchangedBy(html: string, url: string, options: CleanOptions = {}): { before: string; after: string; result: ReturnType<typeof cleanArticle> } {
  const p = page(html, url);
  const before = p.dom.serialize();
  const result = cleanArticle(p.document, { url, window: p.window, ...options });
  return { before, after: p.dom.serialize(), result };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the caller's document is never changed", () => {
  const pages = [
    ...listFixtures().map((name) => {
      const html = fs.readFileSync(fixturePath(name), 'utf8');
      return [name, html, fixtureHeader(html, name).url] as const;
    }),
    ['sample page', readFile(SAMPLE), 'https://www.themoscowtimes.com/2019/03/30/us-warns-russia-over-troops-in-venezuela-threatens-sanctions-a64998'] as const,
  ];

  test.each(pages)('%s', (_name, html, url) => {
    const { before, after, result } = unchangedBy(html, url);
    expect(result.article).not.toBeNull();
    expect(after).toBe(before);
  });

  test('when the safety valve re-runs the pipeline', () => {
    const { before, after, result } = unchangedBy(VALVE_PAGE, 'https://ferrytrust.example.org/letter');
    expect(result.debug.retried).not.toBeNull();
    expect(after).toBe(before);
  });

  test('when a rule throws', () => {
    vi.spyOn(RULES.find((r) => r.id === 'social')!, 'signals').mockImplementation(() => {
      throw new Error('boom');
    });
    const { before, after } = unchangedBy(readFile(SAMPLE), 'https://www.themoscowtimes.com/x');
    expect(after).toBe(before);
  });

  test('with every rule off, and with only some categories', () => {
    for (const options of [{ rules: false }, { categories: ['cookie', 'ad'] as const }, { disableRules: ['donation'] }] as CleanOptions[]) {
      const { before, after } = unchangedBy(readFile(SAMPLE), 'https://www.themoscowtimes.com/x', options);
      expect(after).toBe(before);
    }
  });
});

describe('a page nested past the reading depth', () => {
  test('its headings and paragraphs stay apart, in order, and the empty wrappers around them are no trouble', () => {
    // Below MAX_READ_DEPTH a block that holds elements gives way to its children: "Deep</h2><p>The council"
    // used to read "DeepThe council", and 20,000 empty wrappers side by side made Readability quadratic.
    const para = (n: number): string => `<p>Paragraph ${n}: the council met on Tuesday to discuss the harbour wall and agreed to rebuild it next year with money from the fund.</p>`;
    const body = `${'<div>'.repeat(300)}<div><div></div><div></div></div><h2>Section <b>one</b></h2>${para(1)}${para(2)}<h2>Section two</h2>${para(3)}${para(4)}${'</div>'.repeat(300)}`;
    const r = clean(`<!doctype html><html lang="en"><head><title>Harbour wall</title></head><body>${body}</body></html>`);
    const lines = r.article!.text.split('\n\n');
    expect(lines).toEqual(['Section one', expect.stringMatching(/^Paragraph 1:/), expect.stringMatching(/^Paragraph 2:/), 'Section two', expect.stringMatching(/^Paragraph 3:/), expect.stringMatching(/^Paragraph 4:/)]);
    expect(r.warnings.join(' ')).toMatch(/more than 128 levels deep/);
  });
});

describe('the safety valve', () => {
  test('brings back an article the risky rules took whole, and says so', () => {
    const r = clean(VALVE_PAGE, {}, 'https://ferrytrust.example.org/letter');
    expect(r.article).not.toBeNull();
    expect(norm(r.article!.text)).toContain(norm('Letter paragraph 5: this winter the ferry trust needs'));
    expect(r.debug.retried).toMatch(/without .*donation/);
    expect(r.warnings.join(' ')).toMatch(/kept some blocks it would usually remove/);
  });

  test('brings back a post written with <br> lines that a sign-up box\'s evidence, split around it, took whole', () => {
    // A Blogger post: no <p>, its lines apart with <br>, in the row that also holds the sidebar's "Follow
    // by Email" title and, in the next widget, its e-mail field: the two kinds of evidence meet only at
    // the row, which the newsletter rule takes, post and all. (The corpus page this is drawn from,
    // 34a7328535, lost its story this way only in Chromium, where its template hides more of the
    // sidebar: test/e2e/auto-clean-pages.test.ts failed on it; this jsdom shape is a guard that the
    // valve brings such a post back, by the post-clean's share here.)
    const lines = Array.from({ length: 8 }, (_, i) => `Line ${i + 1} of the post: the actress spoke to reporters in Lagos about her new film and the charity she founded last year`).join('<br>\n');
    // The site's footer holds most of the page's other text (so the row is under half of it).
    const labels = Array.from({ length: 40 }, (_, i) => `<li><a href="/label/topic-${i}">Entertainment topic number ${i}</a></li>`).join('');
    const html = `<!doctype html><html lang="en"><head><title>Actress opens up about her new film</title></head><body><header><a href="/">Naija Gist</a></header><div id="content-wrapper" class="row"><div class="post"><h1 class="post-title">Actress opens up about her new film</h1><div class="post-body">${lines}</div></div><div class="widget"><h3 class="title">Follow by Email</h3></div><div class="widget"><form action="/subscribe"><input type="email" name="email"><input type="submit" value="Submit"></form></div></div><footer class="footer"><ul>${labels}</ul></footer></body></html>`;
    const r = clean(html, {}, 'https://gist.example.com/2019/11/actress.html');
    expect(r.article, r.reason).not.toBeNull();
    expect(norm(r.article!.text)).toContain(norm('Line 8 of the post'));
    expect(r.debug.retried).toMatch(/without .*newsletter/);
  });

  test('stays off when asked', () => {
    const r = clean(VALVE_PAGE, { safetyValve: false }, 'https://ferrytrust.example.org/letter');
    expect(r.debug.retried).toBeNull();
    expect(r.article?.text ?? '').not.toContain('Letter paragraph 5');
  });
});

describe('no article: a reason, never a throw', () => {
  test('fewer than 40 words of body text', () => {
    const r = clean('<!doctype html><html><body><article><h1>Short</h1><p>Only a dozen words are on this page, which is not an article at all.</p></article></body></html>');
    expect(r.article).toBeNull();
    expect(r.reason).toMatch(/No article was found/);
    expect(r.reason).toMatch(/only \d+ words?|too little running text|no running text/);
  });

  test('an empty page', () => {
    const r = clean('');
    expect(r.article).toBeNull();
    expect(r.reason).toMatch(/No article|no body|no running text/i);
    expect(r.removed).toEqual([]);
  });

  test('a page that is only its header, navigation and footer', () => {
    const links = Array.from({ length: 8 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
    const r = clean(`<!doctype html><html><body><nav><ul>${links}</ul></nav><footer><a href="/about">About</a></footer></body></html>`);
    expect(r.article).toBeNull();
    expect(r.reason).toBeTruthy();
  });

  test('a page whose only text is a cookie banner', () => {
    const r = clean('<!doctype html><html><body><div id="onetrust-banner-sdk"><p>We use cookies to improve your experience on our site and to show you relevant advertising.</p><button>Accept all</button><button>Reject all</button></div></body></html>');
    expect(r.article).toBeNull();
    expect(r.reason).toBeTruthy();
    expect(r.removed.map((e) => e.category)).toContain('cookie');
  });

  // No vendor markup and no fixed position: the banner goes only when its consent wording and a
  // consent button agree. A button's label is its value (input) or its text; both must be found.
  test.each([
    ['submit inputs', '<input type="submit" value="Accept all"><input type="submit" value="Settings">'],
    ['an input with a role', '<input type="text" role="button" value="Accept all" readonly><button>Settings</button><button>Close</button>'],
    ['buttons and a role=button span', '<span role="button">Reject all</span><button>Settings</button><button>Close</button>'],
  ])('a plain consent bar whose consent choice is in %s', (_name, controls) => {
    const bar = `<div class="notice-bar"><p>We use cookies to improve your experience on our site.</p>${controls}</div>`;
    const r = clean(`<!doctype html><html><body><article><h1>The ferry stays</h1>${PARA(5)}</article>${bar}</body></html>`);
    const entry = r.removed.find((e) => e.category === 'cookie');
    expect(entry?.reason).toMatch(/buttons, one of them “(?:Accept all|Reject all)”/);
    expect(r.article!.text).not.toMatch(/We use cookies/);
  });

  test('minWords is the caller’s to set', () => {
    const html = `<!doctype html><html><body><article>${PARA(2)}</article></body></html>`;
    expect(clean(html).article).not.toBeNull();
    const r = clean(html, { minWords: 500 });
    expect(r.article).toBeNull();
    expect(r.reason).toMatch(/at least 500/);
  });
});

describe('a rule that throws', () => {
  const PAGE = `<!doctype html><html lang="en"><head><title>Ferry</title></head><body>
<article><h1>The ferry stays</h1>${PARA(5)}
<div class="share-bar"><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a> <a href="https://twitter.com/intent/tweet?url=x">Tweet</a></div>
</article>
<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk"><p id="onetrust-policy-text">We use cookies to improve your experience.</p><button id="onetrust-accept-btn-handler">Accept All Cookies</button></div></div>
</body></html>`;

  test('becomes a warning naming the rule, and every other rule still runs', () => {
    vi.spyOn(RULES.find((r) => r.id === 'social')!, 'signals').mockImplementation(() => {
      throw new Error('the social rule broke');
    });
    let r: ReturnType<typeof clean> | undefined;
    expect(() => (r = clean(PAGE))).not.toThrow();
    expect(r!.article).not.toBeNull();
    expect(norm(r!.article!.text)).toContain(norm('Paragraph 5 about the river crossing'));
    expect(r!.warnings.join(' ')).toMatch(/social/);
    expect(r!.debug.failedRules).toEqual(['social']);
    // The cookie banner still goes: one broken rule does not switch the others off.
    expect(r!.removed.map((e) => e.category)).toContain('cookie');
    expect(r!.article!.text).not.toContain('We use cookies');
  });

  test('a rule that throws on one element only still removes what it can elsewhere', () => {
    const social = RULES.find((r) => r.id === 'social')!;
    const original = social.signals.bind(social);
    vi.spyOn(social, 'signals').mockImplementation((f) => {
      if (f.el.id === 'boom') throw new Error('odd element');
      return original(f);
    });
    const r = clean(PAGE.replace('<h1>', '<h1 id="boom">'));
    expect(r.article).not.toBeNull();
    expect(r.debug.failedRules).toEqual(['social']);
    expect(r.warnings.join(' ')).toMatch(/social/);
  });
});

describe('huge pages', () => {
  test('more elements than the cap: refused with a reason that gives the numbers', () => {
    const html = `<!doctype html><html><body><article>${PARA(5)}<div>${'<span>x</span>'.repeat(3000)}</div></article></body></html>`;
    const r = clean(html, { maxElements: 2000 });
    expect(r.article).toBeNull();
    expect(r.reason).toMatch(/too large/);
    expect(r.reason).toMatch(/3,0\d\d elements/);
    expect(r.reason).toMatch(/2,000/);
  });

  test('the same page under the cap is cleaned', () => {
    const html = `<!doctype html><html><body><article>${PARA(5)}<div>${'<span>x</span>'.repeat(3000)}</div></article></body></html>`;
    expect(clean(html, { maxElements: 10_000 }).article).not.toBeNull();
  });
});

describe('malformed HTML still reads', () => {
  test.each([
    ['unclosed paragraphs and divs', `<html><body><div class="story"><h1>The ferry stays</h1><p>${'The ferry has run since 1921, and residents on both banks say they would rather keep it. '.repeat(3)}<p>${'A second paragraph that is never closed either, like the div around it. '.repeat(3)}<div><p>Third paragraph with enough words to count as running prose for the reader.`],
    ['stray closing tags and misnested inline markup', `<html><body></div></span><article><h1>The ferry</h1></b><p>${'The ferry has <b>run <i>since</b> 1921</i>, and residents say they would rather keep it. '.repeat(4)}</p></td><p>${'Another paragraph after a stray table cell end tag, which parsers ignore. '.repeat(3)}</p></article></body></html>`],
    ['unquoted and duplicated attributes, a NUL byte and a bare ampersand', `<html><body><article class=story id=a id=b><h1 title=ferry>The ferry</h1><p class=x class=y>${'Fares & timetables \u0000 stay the same; residents say they would rather keep the ferry. '.repeat(4)}</p><p>${'A second paragraph with plain words in it, enough for an article. '.repeat(3)}</p></article></body></html>`],
    ['text directly inside a table and an unclosed comment at the end', `<html><body><article><h1>The ferry</h1><table>${'The ferry has run since 1921 and residents want to keep it running. '.repeat(2)}<tr><td>cell</td></tr></table><p>${'Paragraph after the table, long enough to be read as part of the story. '.repeat(4)}</p></article><!-- never closed`],
    ['a body inside the body and a second html element', `<html><body><article><h1>The ferry</h1><p>${'The ferry has run since 1921, and residents say they would rather keep it. '.repeat(4)}</p><html lang="xx"><body class="inner"><p>${'A paragraph after a second html start tag, which parsers fold in. '.repeat(3)}</p></article></body></html>`],
  ])('%s', (_name, html) => {
    let r: ReturnType<typeof clean> | undefined;
    expect(() => (r = clean(html))).not.toThrow();
    expect(r!.article, r!.reason).not.toBeNull();
    expect(r!.article!.wordCount).toBeGreaterThanOrEqual(40);
  });

  test('very deep nesting: an article or a reason, never a throw', () => {
    // Readability is super-linear in depth (400 levels ≈ 6 s, 800 ≈ 30 s on a loaded 2-core box), so this
    // checks correctness at a depth real pages reach; the hang on hostile depths is a known gap.
    const depth = 150;
    const html = `<html><body>${'<div>'.repeat(depth)}<article><h1>Deep</h1>${PARA(5)}</article>${'</div>'.repeat(depth)}</body></html>`;
    let r: ReturnType<typeof clean> | undefined;
    expect(() => (r = clean(html))).not.toThrow();
    expect(r!.article !== null || !!r!.reason).toBe(true);
  });
});

describe('programming errors say what to fix', () => {
  test('no Document', () => {
    expect(() => cleanArticle(null as unknown as Document)).toThrow(/needs a Document/);
    expect(() => cleanArticle({} as Document)).toThrow(/needs a Document/);
  });
});

describe('a document with no address of its own', () => {
  // A page read from a string or saved without its address (JSDOM without a url, DOMParser): the
  // canonical link stands in for the address, as it does for the metadata. A live blog's oldest
  // entries come after its last long paragraph, and their headings, links to the page's own address
  // with a query and a fragment, would otherwise read as "read more" lines in the article's tail.
  test("a live blog's permalink headings stay, the oldest ones too, and the rail goes", () => {
    const canonical = 'https://www.northgazette.example.com/politics/live/2025/may/14/cabinet-reshuffle-live';
    const html = readFile(fixturePath('related--liveblog-permalink-headings')).replace('href="#post-123"', `href="${canonical}?page=with:block-123#block-123"`);
    expect(html).toContain(`<link rel="canonical" href="${canonical}">`);
    const dom = new JSDOM(html);
    expect(dom.window.document.URL).toBe('about:blank');
    const result = cleanArticle(dom.window.document, { window: dom.window as unknown as CleanOptions['window'] });
    expect(result.article?.canonicalUrl).toBe(canonical);
    const html2 = result.article?.contentHtml ?? '';
    for (const heading of ['14:10 New chancellor named', '13:31 Opposition calls for early election', '12:04 Minister resigns', '11:15 What we know so far']) expect(html2).toContain(heading);
    expect(result.removed.map((r) => r.preview)).toEqual([expect.stringContaining('Three resignations in three days')]);
  });
});
