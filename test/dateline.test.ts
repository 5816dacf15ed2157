// The date a page shows under its headline, and the byline without it (src/core/dateline.ts): pages
// with no date in their head showed none, and their byline and authors carried the visible date
// ("By Yelena SorokinaJan. 16" in the popup, with the year cut off at its comma).
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { authorsOf, pageDate, stripDates, visibleDate } from '../src/core/dateline';
import { clean } from './helpers';

const body = (html: string): Document => new JSDOM(`<!doctype html><html><head><title>Heated bus shelters</title></head><body>${html}</body></html>`).window.document;
const times = (doc: Document): Element[] => Array.from(doc.querySelectorAll('time'));
const h1s = (doc: Document): Element[] => Array.from(doc.querySelectorAll('h1'));

describe('visibleDate', () => {
  test.each([
    ['Jan. 16, 2025', '2025-01-16'],
    ['December 1, 2025', '2025-12-01'],
    ['Posted on Sept 3rd, 2024 at 10:00', '2024-09-03'],
    ['16 January 2025', '2025-01-16'],
    ['15 gennaio 2025', '2025-01-15'],
    ['3 février 2024', '2024-02-03'],
    ['15. Januar 2025', '2025-01-15'],
    ['15 de enero de 2025', '2025-01-15'],
    ['16 января 2025', '2025-01-16'],
    ['2025-01-16', '2025-01-16'],
    ['16.01.2025, 14:05', '2025-01-16'],
    ['Wed Nov 20 13:38:07 2019', '2019-11-20'],
    ['November 20, 15:23, 2019', '2019-11-20'],
  ])('%s → %s', (text, iso) => {
    expect(visibleDate(text)).toBe(iso);
  });

  test.each(['1 day ago', 'Updated 3 hours ago', 'May', 'Volume 12 2025', 'March 45, 2025', '01/02/2025'])('%s is no full date', (text) => {
    expect(visibleDate(text)).toBeNull();
  });
});

describe('pageDate', () => {
  test('the <time> beside the headline: its datetime when the text agrees', () => {
    const doc = body('<article><h1>Heated bus shelters</h1><div class="byline">Yelena Sorokina <time datetime="2025-01-16T12:00:00+03:00">Jan. 16, 2025</time></div><p>Text.</p></article>');
    expect(pageDate(times(doc), h1s(doc), [])).toBe('2025-01-16T12:00:00+03:00');
  });

  test('the visible date when a template filled datetime with a placeholder', () => {
    const doc = body('<article><header><h1>Model railway</h1><div class="byline">By Arthur Penrose <time datetime="2025-01-01T00:00:00Z">December 1, 2025</time></div></header><p>Text.</p></article>');
    expect(pageDate(times(doc), h1s(doc), [])).toBe('2025-12-01');
  });

  test('a datetime the text does not write out ("1 day ago") is the date', () => {
    const doc = body('<main><h1>Story</h1><p>By A. Writer, <time datetime="2019-11-19T11:45:59.000Z">1 day ago</time></p></main>');
    expect(pageDate(times(doc), h1s(doc), [])).toBe('2019-11-19T11:45:59.000Z');
  });

  test('itemprop="datePublished" wins over an earlier <time>', () => {
    const doc = body('<main><h1>Story</h1><time datetime="2024-05-01">May 1, 2024</time><span><time itemprop="datePublished" datetime="2024-04-30T08:00:00Z">April 30, 2024</time></span></main>');
    expect(pageDate(times(doc), h1s(doc), [])).toBe('2024-04-30T08:00:00.000Z');
  });

  test('a <time> in hAtom\'s .published wins over the headline\'s container; one in a list of other stories does not', () => {
    // digg.com: the story's headline is an <h2>; its date stands in <abbr class="published"> before the first <h1> (another story's).
    const doc = body(
      '<article><div class="meta"><abbr class="published" title="2019-11-18 17:19:53 GMT"><time datetime="2019-11-18 17:19:53 GMT">Nov 18, 2019 @17:19 PM</time></abbr>' +
        '<abbr class="published"><i>Updated: <time datetime="2019-11-18 17:26:05 GMT">Nov 18, 2019</time></i></abbr></div><h2>The early reviews</h2><p>Text.</p></article>' +
        '<div class="more"><h1>Another story</h1><p>Text.</p></div>',
    );
    expect(pageDate(times(doc), h1s(doc), [])).toBe('2019-11-18T17:19:53.000Z');
    const list = body('<ul><li><time class="entry-date published" datetime="2020-01-01">Jan 1, 2020</time></li></ul><div><h1>Story</h1><p>Text.</p></div>');
    expect(pageDate(times(list), h1s(list), [])).toBeNull();
  });

  test('a line of its own under the headline that is only a date is the page date; an update\'s, or one inside a longer line, is not', () => {
    // sciencealert.com: <div class="author-name-name"><span> 18 NOV 2019 </span></div> under the headline, no date in the head.
    const shown = (lines: string): string | null => {
      const doc = body(`<div class="intro"><div class="article-title"><h1>Water plumes on Europa</h1></div><div class="author-name">${lines}</div></div><p>Text.</p>`);
      return pageDate(times(doc), h1s(doc), []);
    };
    expect(shown('<div><span>VICTOR TANGERMANN</span></div><div><span> 18 NOV 2019 </span></div>')).toBe('2019-11-18');
    expect(shown('<div><span>Updated 18 NOV 2019</span></div>')).toBeNull();
    expect(shown('<div><span>Europa was first seen on 7 January 1610 by Galileo</span></div>')).toBeNull();
  });

  test('dates of other stories, comments and links are not the page date', () => {
    const doc = body(
      '<div class="top"><ul><li><a href="/other"><time datetime="2020-01-01">Jan 1, 2020</time> Other story</a></li></ul></div>' +
        '<main><h1>Story</h1><p>Text without a date.</p><aside><time datetime="2021-02-02">Feb 2, 2021</time></aside>' +
        '<div class="comments"><time datetime="2022-03-03">March 3, 2022</time></div></main>' +
        '<footer><time datetime="2023-04-04">April 4, 2023</time></footer>',
    );
    expect(pageDate(times(doc), h1s(doc), [])).toBeNull();
  });

  test('a <time> that shares no container with the headline but <body> is not the page date', () => {
    const doc = body('<div class="sidebar"><time datetime="2020-01-01">Jan 1, 2020</time></div><div class="story"><h1>Story</h1><p>Text.</p></div>');
    expect(pageDate(times(doc), h1s(doc), [])).toBeNull();
  });

  // usatoday.com, detroitnews.com, sportsnet.ca, panarmenian.net, ascom.com: no <time>, no usable date in the head.
  test.each([
    ['<div class="publish-date">Published 10:02 AM EST Nov 19, 2019</div>', '2019-11-19'],
    ['<span class="article-publish-date">November 19, 2019, 9:02 AM</span>', '2019-11-19'],
    ['<div class="article_date font10">November 20, 2019 - 11:28 AMT</div>', '2019-11-20'],
    ['<span class="storyDate">Posted: <span itemprop="datePublished">Fri 6:45 PM, Feb 16, 2018</span></span>', '2018-02-16'],
    ['<p class="entry-meta">By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.</p>', '2019-11-18'],
    ['<div class="post__author-date"><h6>By Carrie Arnold</h6><p>November 15, 2019</p></div>', '2019-11-15'],
  ])('a date the page shows under its headline outside <time>: %s', (dated, iso) => {
    const doc = body(`<div class="page"><main><article><h1>Story</h1>${dated}<p>Text.</p></article></main></div>`);
    expect(pageDate(times(doc), h1s(doc), [])).toBe(iso);
  });

  test('a date outside <time> that dates an update, another story or a part of the story is not the page date', () => {
    const prose = '<p>The city council decided on Tuesday to keep the heated glass shelters along the main avenue open all winter.</p>';
    const doc = body(
      `<div class="page"><main><article><h1>Story</h1><div class="updated-date">Nov 20, 2019</div><div class="date">Last updated: Nov 21, 2019</div>
      <ul><li class="date">Nov 18, 2019</li></ul><aside><span class="date">Nov 17, 2019</span></aside>${prose}<div class="post-date">Nov 16, 2019</div></article></main></div>`,
    );
    expect(pageDate(times(doc), h1s(doc), [])).toBeNull();
  });

  test('a "published" line of its own above the headline, in the headline\'s box, is the page date; a dated line of another box, or a quote\'s, is not', () => {
    // comwrap.com (HubSpot): the author and "publiziert am …" in a <p> before the <h1>, no date in the head.
    const doc = body(
      '<div class="hero"><div class="hero__inner"><p class="about"><span>Von</span> <span><a href="/author/mb">Moritz Bachmann</a></span> <span class="about__block">publiziert am 25. September 2018</span></p>' +
        '<h1>Die elektronische Patientenakte</h1></div></div><p>Text.</p>',
    );
    expect(pageDate(times(doc), h1s(doc), [])).toBe('2018-09-25');
    // politifact.com: the checked statement's "… on Sunday, October 13th, 2019" above the headline; the page's date under it.
    const quote = body(
      '<div class="article"><p class="statement__meta">— Jane Roe on Sunday, October 13th, 2019 in a local newspaper</p><h1>Story</h1>' +
        '<p class="article__meta">By Ana Pérez <span class="article__meta">on Monday, November 18th, 2019 at 11:08 a.m.</span></p></div>',
    );
    expect(pageDate(times(quote), h1s(quote), [])).toBe('2019-11-18');
    const other = body('<main><div class="top"><span>Published 3 March 2020</span></div><div class="story"><h1>Story</h1><p>Text.</p></div></main>');
    expect(pageDate(times(other), h1s(other), [])).toBeNull();
  });

  test('past the story, a line that says it is the first publication is the page date; an update\'s, or a plain date, is not', () => {
    // moneycontrol.com: "Last Updated : …" above the <h1>, "First Published on …" under the story, its JSON-LD broken.
    const prose = '<p>The equity benchmark scaled a new all-time high in the morning trade, while the data pointed to a slowdown.</p>';
    const page = (end: string): Document =>
      body(`<div id="page"><section><div class="article_box"><div class="arttidate">Last Updated : Nov 21, 2019 01:41 PM IST</div><h1>Economy in stress</h1></div><div><article>${prose}${prose}${end}</article></div></section></div>`);
    const shown = (end: string): string | null => {
      const doc = page(end);
      return pageDate(times(doc), h1s(doc), []);
    };
    expect(shown('<div class="arttidate_pub">First Published on Nov 20, 2019 01:38 pm</div>')).toBe('2019-11-20');
    expect(shown('<div class="entry-date">Nov 20, 2019 01:38 pm</div>')).toBeNull();
    expect(shown('<div class="post-meta">Updated on Nov 22, 2019</div>')).toBeNull();
  });

  test('under a logo\'s <h1>, an <h2> that is the title is the headline, and its calendar\'s "November 20 15:23 2019" the date', () => {
    // indiapost.com: <h1>India Post</h1> in the header, the story's title an <h2>, the date a calendar widget.
    const page = (title: string): string | null => {
      const doc = body(
        '<header><div class="logo"><h1>India Post</h1></div></header><div class="main-article-content"><h2 class="article-title">With shattered dreams, deportees return home</h2>' +
          '<div class="article-controls"><div class="date"><div class="calendar-date">November 20</div><div class="calendar-time"><font>15:23</font> <font>2019</font></div></div>' +
          '<div><a href="/author/admin/">by India Post News Weekly</a></div></div><p>Text.</p></div>',
      );
      return pageDate(times(doc), h1s(doc), [title]);
    };
    expect(page('With shattered dreams, deportees return home')).toBe('2019-11-20');
    expect(page('Another story altogether')).toBeNull();
  });

  test('a title box under a logo\'s <h1> is the headline, and a short bare line right after it that shows a date the page date', () => {
    // entermedia.co.kr: <dl class="newsTitle"><dt>…</dt></dl> then the text "기사입력 :[ 2018-08-25 15:24 ]" in the story's box.
    const page = (after: string): string | null => {
      const doc = body(
        `<div id="header"><h1><a href="/">Entermedia</a></h1></div><div class="newsContent"><dl class="newsTitle"><dt>Heated bus shelters stay open</dt></dl>${after}` +
          '<div class="newsArticle"><p>Text.</p></div></div>',
      );
      return pageDate(times(doc), h1s(doc), ['Heated bus shelters stay open']);
    };
    expect(page('\n기사입력 :[ 2018-08-25 15:24 ]\n')).toBe('2018-08-25');
    expect(page('\nUpdated: 2019-01-04\n')).toBeNull();
    // A sentence of the story that mentions a date is no such line.
    expect(page('The shelters, first opened on 3 March 2019, were meant to close in the spring when the city budget ran out.')).toBeNull();
  });

  test('the date in the byline Readability read, then the date in the address, when the page shows none elsewhere', () => {
    const doc = body('<div class="page"><main><h1>Story</h1><p>Text.</p></main></div>');
    expect(pageDate(times(doc), h1s(doc), [], 'by Jeff FoustMonday, November 18, 2019')).toBe('2019-11-18');
    expect(pageDate(times(doc), h1s(doc), [], 'By Ana Pérez', 'https://www.politifact.com/article/2019/nov/18/guide-tariffs/')).toBe('2019-11-18');
    expect(pageDate(times(doc), h1s(doc), [], null, 'https://www.usatoday.com/story/news/2019/11/19/meth-campaign/4236383002/')).toBe('2019-11-19');
    expect(pageDate(times(doc), h1s(doc), [], null, 'https://example.org/2019/story/13/45')).toBeNull();
  });
});

describe('stripDates', () => {
  test.each([
    ['Yelena SorokinaJan. 16, 2025', ['Jan. 16, 2025'], 'Yelena Sorokina'],
    ['Arthur Penrose December 1, 2025', ['December 1, 2025'], 'Arthur Penrose'],
    ['Jeff FoustMonday, November 18, 2019', [], 'Jeff Foust'],
    ['FEDERICA LUSIARDI - 2019-04-10', [], 'FEDERICA LUSIARDI'],
    ['Associated Press November 19, 9:02 AM', ['November 19, 9:02 AM'], 'Associated Press'],
    ['Ana Pérez | Updated March 3, 2025 at 10:30 am EST', [], 'Ana Pérez'],
    ['Published on 15 gennaio 2025', [], null],
  ])('%s → %s', (byline, dateTexts, expected) => {
    expect(stripDates(byline, dateTexts)).toBe(expected);
  });

  test('names that look like weekdays or months stay', () => {
    expect(stripDates('Jeff Simon, May Jones')).toBe('Jeff Simon, May Jones');
    expect(stripDates('Jeff Simon Nov 5, 2025')).toBe('Jeff Simon');
    expect(stripDates('Tom Sunday')).toBe('Tom Sunday');
  });
});

describe('authorsOf', () => {
  test.each([
    ['Lena Marsh, Obi Nwachukwu', ['Lena Marsh', 'Obi Nwachukwu']],
    ['Ana Pérez and Tom Ruiz', ['Ana Pérez', 'Tom Ruiz']],
    ['Ilana Muhlstein, MS, RDN', ['Ilana Muhlstein, MS, RDN']],
    ['Jane Doe, PhD, and John Roe', ['Jane Doe, PhD', 'John Roe']],
    ['TOM KRISHER, AP Auto Writer', ['TOM KRISHER']],
    ['Jane Doe, Staff Reporter', ['Jane Doe']],
    ['Staff Reporter', ['Staff Reporter']],
    ['ERIC TUCKER, Associated Press', ['ERIC TUCKER']],
    ['Lena Marsh, Reuters', ['Lena Marsh']],
    ['The Associated Press', ['The Associated Press']],
    ['ERIC TUCKER, AP', ['ERIC TUCKER']],
  ])('%s', (byline, authors) => {
    expect(authorsOf(byline)).toEqual(authors);
  });
});

describe('authorsOf the metadata\'s names, as a reader sees them', () => {
  // JSON-LD and meta author names as corpus pages give them (Hearst's AP pages, CNN, Business Insider,
  // cleveland.com, NJ.com, a split "MS, RDN").
  test.each([
    [['By TOM KRISHER, AP Auto Writer'], 'Connecticut Post', ['TOM KRISHER']],
    [['By MEG KINNARD and ERRIN HAINES, Associated Press'], 'Connecticut Post', ['MEG KINNARD', 'ERRIN HAINES']],
    [['Analysis by Chris Cillizza', 'CNN Editor-at-large'], 'CNN', ['Chris Cillizza']],
    [['Jill Disis', 'CNN Business'], 'CNN', ['Jill Disis']],
    [['Sandee LaMotte, CNN'], 'MSN', ['Sandee LaMotte']],
    [['Tanza Loudenback', 'Business Insider'], 'Business Insider Deutschland', ['Tanza Loudenback']],
    [['Troy L. Smith, Cleveland.com'], 'cleveland', ['Troy L. Smith']],
    [['Amy Kuperinsky | NJ Advance Media for NJ.com'], null, ['Amy Kuperinsky']],
    [['Ilana Muhlstein', 'MS', 'RDN'], 'The Beachbody Blog', ['Ilana Muhlstein, MS, RDN']],
    [['Lia Eustachewich', 'Yaron Steinbuch'], 'New York Post', ['Lia Eustachewich', 'Yaron Steinbuch']],
    [['CBS News'], 'CBS News', ['CBS News']],
    [['Finian Cunningham. Sputnik International'], 'Sputnik International', ['Finian Cunningham']],
    [['Victor Tangermann, Futurism'], 'ScienceAlert', ['Victor Tangermann']],
    [['Regan'], 'The Anti-June Cleaver', ['Regan']],
    [['Smith', 'Jones'], null, ['Smith', 'Jones']],
    [['Lena Marsh', 'Obi Nwachukwu'], null, ['Lena Marsh', 'Obi Nwachukwu']],
    [['kei_eno'], null, ['kei_eno']],
  ])('%j on %s', (named, site, authors) => {
    expect(authorsOf(null, named, site)).toEqual(authors);
  });

  // therealdeal.com (JSON-LD "kevin-r", the page "By David Jeans"), autoracing.com.br and inexhibit.com ("admin").
  test.each([
    [['kevin-r'], 'David Jeans', ['David Jeans']],
    [['jsmith2'], 'Jane Smith and Ana Pérez', ['Jane Smith', 'Ana Pérez']],
    [['admin'], null, []],
    [['admin'], 'admin', []],
    [['webmaster'], null, []],
    [['kei_eno'], 'kei_eno', ['kei_eno']],
  ])('a CMS account or login %j with the byline %j', (named, byline, authors) => {
    expect(authorsOf(byline, named)).toEqual(authors);
  });

  test('in the article: a CMS account is neither author nor byline', () => {
    const r = clean(
      `<!doctype html><html lang="en"><head><title>Light festival</title><meta name="author" content="admin"></head><body><article><h1>Light festival</h1><p class="byline">By admin</p>${Array.from({ length: 6 }, () => '<p>The festival lights up the canals of the old town every winter, with works by artists from twenty countries.</p>').join('')}</article></body></html>`,
    );
    expect(r.article).toMatchObject({ authors: [], byline: null });
  });
});

describe('in the article', () => {
  const PROSE = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}: the glass cabins along the main avenue are heated while people wait inside them, and the city will decide in March whether to keep them.</p>`).join('');

  test('a page with no date in its head: byline and authors without the date, the date from the byline', () => {
    const r = clean(
      `<!doctype html><html lang="en"><head><title>Siberian City Tests Heated Bus Shelters</title></head><body>
      <article><h1>Siberian City Tests Heated Bus Shelters</h1>
      <div class="byline"><a class="byline__author" href="#">Yelena Sorokina</a><time class="byline__datetime" datetime="2025-01-16T12:00:00+03:00">Jan. 16, 2025</time></div>
      ${PROSE}</article></body></html>`,
    );
    expect(r.article).toMatchObject({ byline: 'Yelena Sorokina', authors: ['Yelena Sorokina'], publishedTime: '2025-01-16T12:00:00+03:00' });
  });

  test('a byline labelled "Текст:" gives the name alone', () => {
    const r = clean(`<!doctype html><html lang="ru"><head><title>Story</title></head><body><article><h1>Story</h1><p class="byline">Текст: Венера Ерофеева</p>${PROSE}</article></body></html>`);
    expect(r.article?.authors).toEqual(['Венера Ерофеева']);
  });

  test('a placeholder date in the head ("0001-01-01") gives way to the one the page shows', () => {
    // usatoday.com, detroitnews.com, floridatoday.com: JSON-LD says year 1, the page "Published 10:02 AM EST Nov 19, 2019".
    const r = clean(
      `<!doctype html><html lang="en"><head><title>Story</title><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Story", "datePublished": "0001-01-01T00:00:00Z", "dateModified": "0001-01-01T00:00:00Z"}</script></head><body>
      <div class="page"><article><h1>Story</h1><div class="asset-metabar"><div class="publish-date">Published 10:02 AM EST Nov 19, 2019</div></div>${PROSE}</article></div></body></html>`,
      {},
      'https://www.usatoday.com/story/news/nation/2019/11/19/story/4236383002/',
    );
    expect(r.article?.publishedTime).toBe('2019-11-19');
  });

  test('the head\'s date still wins over the page\'s', () => {
    const r = clean(
      `<!doctype html><html lang="en"><head><title>Story</title><meta property="article:published_time" content="2025-01-15T08:00:00Z"></head><body>
      <article><h1>Story</h1><div class="byline">By Ana Pérez <time datetime="2025-01-16">Jan. 16, 2025</time></div>${PROSE}</article></body></html>`,
    );
    expect(r.article?.publishedTime).toBe('2025-01-15T08:00:00.000Z');
    expect(r.article?.byline).toBe('Ana Pérez');
  });

  test('names and the agency in elements of their own are read apart, not glued ("ERIC TUCKERAssociated Press")', () => {
    // apnews.com's hosted pages: the names and the agency are two <div>s with nothing between them.
    const r = clean(
      `<!doctype html><html lang="en"><head><title>Envoy faces questions</title></head><body><main><div class="ap-story">
      <div class="ap-story-timestamp">Nov. 20, 2019 5:52 AM EST</div><h2 class="ap-story-headline">Envoy faces questions</h2>
      <div class="ap-story-byline"><div class="field field-name-field-byline-original">By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER</div><div class="field field-name-field-byline-title">Associated Press</div></div>
      ${PROSE}</div></main></body></html>`,
    );
    expect(r.article).toMatchObject({
      byline: 'LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER, Associated Press',
      authors: ['LISA MASCARO', 'MARY CLARE JALONICK', 'ERIC TUCKER'],
    });
  });

  test('a label and a name on lines of their own, and a date on the next, give the name alone', () => {
    const r = clean(
      `<!doctype html><html lang="en"><head><title>Story</title></head><body><article><h1>Story</h1>
      <div class="byline"><span>By</span><br><a rel="author" href="/a/ana">Ana Pérez</a><div>Published Jan. 16, 2025</div></div>${PROSE}</article></body></html>`,
    );
    expect(r.article).toMatchObject({ byline: 'Ana Pérez', authors: ['Ana Pérez'] });
  });

  test('the metadata\'s author as the page names it ("By TOM KRISHER, AP Auto Writer") gives the name alone', () => {
    const r = clean(
      `<!doctype html><html lang="en"><head><title>New SUVs highlight auto show</title><meta property="og:site_name" content="Connecticut Post">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "New SUVs highlight auto show", "author": {"@type": "Person", "name": "By TOM KRISHER, AP Auto Writer"}}</script>
      </head><body><article><h1>New SUVs highlight auto show</h1>${PROSE}</article></body></html>`,
    );
    expect(r.article).toMatchObject({ byline: 'TOM KRISHER', authors: ['TOM KRISHER'] });
  });
});
