// Article metadata from each source — JSON-LD (objects, @graph, arrays, broken JSON), OpenGraph and
// article:*, Twitter cards, Highwire citation_* (with DOI), Dublin Core, Readability's fallbacks — and
// the precedence between them (src/core/metadata.ts). Unknown fields are null, never invented.
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { readMetadata, normalizeDate, shownTitle, withoutSiteName } from '../src/core/metadata';
import { clean } from './helpers';

const URL_ = 'https://news.example.org/2024/03/05/story';

function doc(head: string, body = '<p>Text.</p>', htmlAttrs = ''): Document {
  return new JSDOM(`<!doctype html><html ${htmlAttrs}><head>${head}</head><body>${body}</body></html>`, { url: URL_ }).window.document;
}
const ld = (data: unknown): string => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
const meta = (attr: 'property' | 'name', key: string, content: string): string => `<meta ${attr}="${key}" content="${content}">`;

/** Enough prose for an article, so cleanArticle runs its Readability fallbacks. */
const PROSE = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1} of a story about the harbour wall, long enough to be read as running text by any extractor that looks for it.</p>`).join('');

describe('JSON-LD', () => {
  test('a NewsArticle object gives title, authors, dates, publisher, image, language, description and URL', () => {
    const m = readMetadata(
      doc(
        ld({
          '@context': 'https://schema.org',
          '@type': 'NewsArticle',
          headline: 'Harbour wall to be rebuilt',
          author: [{ '@type': 'Person', name: 'Ada Byrne' }, { '@type': 'Person', name: 'Tom Ruiz' }],
          datePublished: '2024-03-05T08:00:00+01:00',
          dateModified: '2024-03-06T10:30:00+01:00',
          publisher: { '@type': 'Organization', name: 'Coast Gazette' },
          image: { '@type': 'ImageObject', url: 'https://img.example.org/wall.jpg' },
          inLanguage: 'en-GB',
          description: 'The council approved the plan on Monday.',
          mainEntityOfPage: 'https://news.example.org/2024/03/05/story',
        }),
      ),
      URL_,
    );
    expect(m).toMatchObject({
      title: 'Harbour wall to be rebuilt',
      authors: ['Ada Byrne', 'Tom Ruiz'],
      siteName: 'Coast Gazette',
      lang: 'en-GB',
      publishedTime: '2024-03-05T08:00:00+01:00',
      modifiedTime: '2024-03-06T10:30:00+01:00',
      excerpt: 'The council approved the plan on Monday.',
      canonicalUrl: 'https://news.example.org/2024/03/05/story',
      leadImageUrl: 'https://img.example.org/wall.jpg',
    });
  });

  test('an @graph (Yoast style) is searched, and a publisher given by @id is resolved to its name', () => {
    const m = readMetadata(
      doc(
        ld({
          '@context': 'https://schema.org',
          '@graph': [
            { '@type': 'WebSite', '@id': 'https://news.example.org/#website', name: 'Coast Gazette', publisher: { '@id': 'https://news.example.org/#organization' } },
            { '@type': 'Organization', '@id': 'https://news.example.org/#organization', name: 'Coast Gazette Ltd' },
            { '@type': 'WebPage', '@id': 'https://news.example.org/2024/03/05/story', datePublished: '2024-03-05T07:00:00+00:00' },
            {
              '@type': 'Article',
              '@id': 'https://news.example.org/2024/03/05/story#article',
              headline: 'Harbour wall to be rebuilt',
              author: { name: 'Ada Byrne', '@id': 'https://news.example.org/#/schema/person/1' },
              publisher: { '@id': 'https://news.example.org/#organization' },
              datePublished: '2024-03-05T07:00:00+00:00',
              image: { '@id': 'https://news.example.org/#primaryimage' },
            },
          ],
        }),
      ),
      URL_,
    );
    expect(m.title).toBe('Harbour wall to be rebuilt');
    expect(m.authors).toEqual(['Ada Byrne']);
    expect(m.publishedTime).toBe('2024-03-05T07:00:00.000Z');
    // An @id is a reference, not a name or an image: resolve it or leave the field null.
    expect(m.siteName).toBe('Coast Gazette Ltd');
    expect(m.leadImageUrl).toBeNull();
  });

  test('a top-level array is searched, and @type may be an array', () => {
    const m = readMetadata(
      doc(ld([{ '@type': 'BreadcrumbList', itemListElement: [] }, { '@type': ['NewsArticle', 'Article'], headline: 'From an array', author: 'Ada Byrne and Tom Ruiz', datePublished: '2024-03-05' }])),
      URL_,
    );
    expect(m.title).toBe('From an array');
    expect(m.authors).toEqual(['Ada Byrne', 'Tom Ruiz']);
    expect(m.publishedTime).toBe('2024-03-05');
  });

  test('broken JSON-LD is skipped and the other sources still apply', () => {
    const d = doc(`<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken",</script>${meta('property', 'og:title', 'From OpenGraph')}`);
    expect(() => readMetadata(d, URL_)).not.toThrow();
    expect(readMetadata(d, URL_).title).toBe('From OpenGraph');
  });

  test('JSON-LD wrapped in CDATA or an HTML comment is read', () => {
    const d = doc(`<script type="application/ld+json">//<![CDATA[\n${JSON.stringify({ '@type': 'Article', headline: 'In CDATA' })}\n//]]></script>`);
    const d2 = doc(`<script type="application/ld+json"><!--${JSON.stringify({ '@type': 'Article', headline: 'In a comment' })}--></script>`);
    expect(readMetadata(d2, URL_).title).toBe('In a comment');
    // A "//" before CDATA is a JS habit; the JSON parser rejects it, so the page simply has no JSON-LD title.
    expect(readMetadata(d, URL_).title).toBeNull();
  });
});

describe('OpenGraph and article:*', () => {
  const head = [
    meta('property', 'og:title', 'OG title'),
    meta('property', 'og:site_name', 'Coast Gazette'),
    meta('property', 'og:description', 'OG description'),
    meta('property', 'og:image', '/img/wall.jpg'),
    meta('property', 'og:url', 'https://news.example.org/2024/03/05/story?ref=og'),
    meta('property', 'og:locale', 'fr_FR'),
    meta('property', 'article:published_time', '2024-03-05T08:00:00Z'),
    meta('property', 'article:modified_time', '2024-03-07T08:00:00Z'),
    meta('property', 'article:author', 'https://www.facebook.com/ada.byrne'),
  ].join('');

  test('gives title, site, description, image (made absolute), URL, locale and dates', () => {
    expect(readMetadata(doc(head), URL_)).toMatchObject({
      title: 'OG title',
      siteName: 'Coast Gazette',
      excerpt: 'OG description',
      leadImageUrl: 'https://news.example.org/img/wall.jpg',
      canonicalUrl: 'https://news.example.org/2024/03/05/story?ref=og',
      lang: 'fr-FR',
      publishedTime: '2024-03-05T08:00:00.000Z',
      modifiedTime: '2024-03-07T08:00:00.000Z',
    });
  });

  test('an article:author that is a profile URL is not an author name', () => {
    expect(readMetadata(doc(head), URL_).authors).toEqual([]);
  });
});

describe('Twitter cards', () => {
  test('fill in title, description and image when OpenGraph is absent', () => {
    const m = readMetadata(doc([meta('name', 'twitter:card', 'summary_large_image'), meta('name', 'twitter:title', 'Card title'), meta('name', 'twitter:description', 'Card text'), meta('name', 'twitter:image', 'https://img.example.org/card.jpg')].join('')), URL_);
    expect(m).toMatchObject({ title: 'Card title', excerpt: 'Card text', leadImageUrl: 'https://img.example.org/card.jpg' });
  });
});

describe('Highwire citation_* (scholarly pages)', () => {
  const head = [
    meta('name', 'citation_title', 'Tidal scour at harbour walls'),
    meta('name', 'citation_author', 'Byrne, Ada'),
    meta('name', 'citation_author', 'Ruiz, Tom'),
    meta('name', 'citation_publication_date', '2021/03/15'),
    meta('name', 'citation_journal_title', 'Journal of Coastal Engineering'),
    meta('name', 'citation_publisher', 'Coastal Press'),
    meta('name', 'citation_volume', '12'),
    meta('name', 'citation_issue', '3'),
    meta('name', 'citation_firstpage', '201'),
    meta('name', 'citation_lastpage', '219'),
    meta('name', 'citation_doi', 'doi:10.1234/jce.2021.0042'),
    meta('name', 'citation_pdf_url', '/pdf/jce.2021.0042.pdf'),
    meta('name', 'citation_language', 'en'),
  ].join('');

  test('gives title, authors as "First Last", date, journal and language', () => {
    expect(readMetadata(doc(head), URL_)).toMatchObject({
      title: 'Tidal scour at harbour walls',
      authors: ['Ada Byrne', 'Tom Ruiz'],
      publishedTime: '2021-03-15',
      siteName: 'Journal of Coastal Engineering',
      lang: 'en',
    });
  });

  test('gives the citation record: the bare DOI, journal, volume, issue, pages, PDF URL', () => {
    expect(readMetadata(doc(head), URL_).citation).toEqual({
      doi: '10.1234/jce.2021.0042',
      journal: 'Journal of Coastal Engineering',
      publisher: 'Coastal Press',
      volume: '12',
      issue: '3',
      firstPage: '201',
      lastPage: '219',
      pdfUrl: 'https://news.example.org/pdf/jce.2021.0042.pdf',
    });
  });

  test('a DOI in a Dublin Core identifier is found too', () => {
    expect(readMetadata(doc(meta('name', 'DC.identifier', 'https://doi.org/10.5555/abc-123')), URL_).citation.doi).toBe('10.5555/abc-123');
  });
});

describe('Dublin Core', () => {
  test('gives title, creator, date, language, publisher and description', () => {
    const m = readMetadata(
      doc([meta('name', 'DC.title', 'DC title'), meta('name', 'DC.creator', 'Ada Byrne'), meta('name', 'DC.date', '2023-11-02'), meta('name', 'DC.language', 'de'), meta('name', 'DC.publisher', 'Küstenbote'), meta('name', 'DC.description', 'DC description')].join('')),
      URL_,
    );
    expect(m).toMatchObject({ title: 'DC title', authors: ['Ada Byrne'], publishedTime: '2023-11-02', lang: 'de', siteName: 'Küstenbote', excerpt: 'DC description' });
  });

  test('dcterms.* works as well', () => {
    const m = readMetadata(doc([meta('name', 'dcterms.title', 'Terms title'), meta('name', 'dcterms.created', '2022-01-31')].join('')), URL_);
    expect(m).toMatchObject({ title: 'Terms title', publishedTime: '2022-01-31' });
  });
});

describe('precedence: the most reliable source first', () => {
  const all = {
    ld: ld({ '@type': 'NewsArticle', headline: 'LD title', author: { name: 'LD Author' }, datePublished: '2024-01-01T00:00:00Z', publisher: { name: 'LD Publisher' }, url: 'https://news.example.org/ld' }),
    og: meta('property', 'og:title', 'OG title') + meta('property', 'og:site_name', 'OG Site') + meta('property', 'article:published_time', '2024-02-02T00:00:00Z') + meta('property', 'og:url', 'https://news.example.org/og'),
    tw: meta('name', 'twitter:title', 'Twitter title'),
    cit: meta('name', 'citation_title', 'Citation title') + meta('name', 'citation_author', 'Author, Citation') + meta('name', 'citation_publication_date', '2024/03/03'),
    dc: meta('name', 'DC.title', 'DC title') + meta('name', 'DC.creator', 'DC Author') + meta('name', 'DC.date', '2024-04-04'),
    author: meta('name', 'author', 'Meta Author'),
    canonical: '<link rel="canonical" href="/canonical">',
  };
  const read = (...parts: string[]) => readMetadata(doc(parts.join('')), URL_);

  test.each([
    ['JSON-LD', [all.ld, all.og, all.tw, all.cit, all.dc], 'LD title'],
    ['OpenGraph', [all.og, all.tw, all.cit, all.dc], 'OG title'],
    ['Twitter', [all.tw, all.cit, all.dc], 'Twitter title'],
    ['citation_*', [all.cit, all.dc], 'Citation title'],
    ['Dublin Core', [all.dc], 'DC title'],
  ])('title from %s when it is the best source present', (_name, parts, title) => {
    expect(read(...parts).title).toBe(title);
  });

  test('authors: JSON-LD, then citation_author, then meta author / Dublin Core', () => {
    expect(read(all.ld, all.cit, all.author).authors).toEqual(['LD Author']);
    expect(read(all.cit, all.author, all.dc).authors).toEqual(['Citation Author']);
    expect(read(all.author, all.dc).authors).toEqual(['Meta Author', 'DC Author']);
  });

  test('published time: JSON-LD, then article:published_time, then citation, then Dublin Core', () => {
    expect(read(all.ld, all.og, all.cit, all.dc).publishedTime).toBe('2024-01-01T00:00:00.000Z');
    expect(read(all.og, all.cit, all.dc).publishedTime).toBe('2024-02-02T00:00:00.000Z');
    expect(read(all.cit, all.dc).publishedTime).toBe('2024-03-03');
    expect(read(all.dc).publishedTime).toBe('2024-04-04');
  });

  test('site name: og:site_name before the JSON-LD publisher', () => {
    expect(read(all.ld, all.og).siteName).toBe('OG Site');
    expect(read(all.ld).siteName).toBe('LD Publisher');
  });

  test('canonical URL: <link rel=canonical> (made absolute), then og:url, then the JSON-LD url', () => {
    expect(read(all.canonical, all.og, all.ld).canonicalUrl).toBe('https://news.example.org/canonical');
    expect(read(all.og, all.ld).canonicalUrl).toBe('https://news.example.org/og');
    expect(read(all.ld).canonicalUrl).toBe('https://news.example.org/ld');
  });

  test('language: <html lang> before og:locale before JSON-LD inLanguage', () => {
    expect(readMetadata(doc(meta('property', 'og:locale', 'de_DE'), '', 'lang="it"'), URL_).lang).toBe('it');
    expect(readMetadata(doc(meta('property', 'og:locale', 'de_DE') + ld({ '@type': 'Article', headline: 'x', inLanguage: 'es' })), URL_).lang).toBe('de-DE');
    expect(readMetadata(doc(ld({ '@type': 'Article', headline: 'x', inLanguage: 'es' })), URL_).lang).toBe('es');
  });
});

describe('site names that are names', () => {
  const site = (head: string, url: string): string | null => readMetadata(doc(head), url).siteName;
  const article = (publisher: string, extra: Record<string, unknown> = {}): string => ld({ '@type': 'NewsArticle', ...extra, publisher: { '@type': 'Organization', name: publisher } });

  test('an address or a handle in og:site_name gives way to the publisher; alone, a handle is no name and an address gives its host', () => {
    // newsnation.in, hawaiinewsnow.com, politifact.com
    expect(site(meta('property', 'og:site_name', 'https://www.newsnation.in') + article('News Nation', { headline: 'Oxygen bar' }), 'https://www.newsnation.in/fact-check/x.html')).toBe('News Nation');
    expect(site(meta('property', 'og:site_name', 'https://www.hawaiinewsnow.com'), 'https://www.hawaiinewsnow.com/2019/11/19/x/')).toBe('hawaiinewsnow.com');
    expect(site(meta('property', 'og:site_name', '@politifact'), 'https://www.politifact.com/x/')).toBeNull();
  });

  test('in the article too: Readability\'s reading of the same og:site_name does not bring the address back', () => {
    const r = clean(`<!doctype html><html lang="en"><head><title>Story</title>${meta('property', 'og:site_name', 'https://www.hawaiinewsnow.com')}</head><body><article><h1>Story</h1>${PROSE}</article></body></html>`);
    expect(r.article?.siteName).toBe('hawaiinewsnow.com');
  });

  test('what <title> adds to the headline it shows names the site', () => {
    // nytimes.com ("… - The New York Times" beside og:title), vortexcannon.org (beside the <h1>), wday.ru, thespacereview.com
    const head = (title: string, extra = ''): string => `<title>${title}</title>${extra}`;
    expect(site(head('Trade war keeps world guessing - The New York Times', meta('property', 'og:title', 'Trade war keeps world guessing')), 'https://www.nytimes.com/2019/x.html')).toBe('The New York Times');
    expect(readMetadata(doc(head('About bugs – Vortex Cannon Entertainment'), '<h1>About bugs</h1><p>Text.</p>'), 'https://vortexcannon.org/about-bugs/').siteName).toBe('Vortex Cannon Entertainment');
    expect(site(head('Модель боится стареть — www.wday.ru', meta('property', 'og:title', 'Модель боится стареть')), 'http://www.wday.ru/articles/x')).toBe('wday.ru');
    expect(site(head('The Space Review: Seeking a bigger role', meta('property', 'og:title', 'Seeking a bigger role')), 'https://www.thespacereview.com/article/3834/1')).toBe('The Space Review');
    // A logo's <h1> ("Coast Gazette") does not make the headline the site's name.
    expect(readMetadata(doc(head('Harbour wall to be rebuilt at last – Coast Gazette'), '<h1>Coast Gazette</h1><p>Text.</p>'), 'https://x.example/a').siteName).toBeNull();
    // A title that only is the headline, or one that differs from it, names nothing.
    expect(site(head('Trade war keeps world guessing', meta('property', 'og:title', 'Trade war keeps world guessing')), 'https://x.example/a')).toBeNull();
    expect(site(head('Trade war - part two', meta('property', 'og:title', 'Trade war keeps world guessing')), 'https://x.example/a')).toBeNull();
    // What follows a colon is a subtitle, not the site.
    expect(site(head('Harbour wall to be rebuilt: what it means for the town', meta('property', 'og:title', 'Harbour wall to be rebuilt')), 'https://x.example/a')).toBeNull();
  });

  test('the host\'s bare label in og:site_name ("cleveland") gives way to the name in <title> that names the host ("cleveland.com")', () => {
    const head = `<title>Doobie Brothers to reunite - cleveland.com</title>${meta('property', 'og:title', 'Doobie Brothers to reunite')}${meta('property', 'og:site_name', 'cleveland')}`;
    expect(site(head, 'https://www.cleveland.com/entertainment/x.html')).toBe('cleveland.com');
  });

  test('a name that only repeats a subdomain gives way to the domain the site\'s handle names', () => {
    // hosted.ap.org: og:site_name and <title> say "Hosted" (the AP's hosting platform), twitter:site is "@ap".
    const hosted = (handle: string): string =>
      `<title>Sondland faces questions | Hosted</title>${meta('property', 'og:title', 'Sondland faces questions')}${meta('property', 'og:site_name', 'Hosted')}${meta('property', 'twitter:site', handle)}`;
    const url = 'https://hosted.ap.org/berkshireeagle/article/6486944b/sondland';
    expect(site(hosted('@ap'), url)).toBe('ap.org');
    expect(site(hosted('AP'), url)).toBe('ap.org');
    expect(site(hosted('@berkshireeagle'), url)).toBe('Hosted');
    // profootballtalk.nbcsports.com: the subdomain is the outlet, and its handle says so.
    const pft = meta('property', 'og:site_name', 'ProFootballTalk') + meta('name', 'twitter:site', '@ProFootballTalk');
    expect(site(pft, 'https://profootballtalk.nbcsports.com/2019/11/19/x/')).toBe('ProFootballTalk');
  });

  test('without the page\'s address, its canonical address tells which name names the host', () => {
    // The CLI's batch knows no URL: reuters.com's og:site_name "U.S." (a section) beside the publisher "Reuters".
    const head = meta('property', 'og:site_name', 'U.S.') + article('Reuters', { headline: 'Oil' }) + '<link rel="canonical" href="https://www.reuters.com/article/x">';
    expect(readMetadata(doc(head), null).siteName).toBe('Reuters');
  });

  test('a tagline after the name is cut off', () => {
    // linknaija.com, autoracing.com.br, jpost.com, remember8090.it
    expect(site(meta('property', 'og:site_name', "LinkNaija | Nigeria's popular news platform"), 'https://www.linknaija.com/2018/10/x.html')).toBe('LinkNaija');
    expect(site(meta('property', 'og:site_name', 'Autoracing | F1 | Indy | MotoGP | StockCar | NASCAR'), 'http://www.autoracing.com.br/x/')).toBe('Autoracing');
    expect(site(meta('property', 'og:site_name', ' The Jerusalem Post | JPost.com '), 'https://www.jpost.com/x')).toBe('The Jerusalem Post');
    expect(site(meta('property', 'og:site_name', 'Remember 80/90 - Memorabilia anni 80/90'), 'http://www.remember8090.it/x/')).toBe('Remember 80/90');
  });

  test('the host\'s bare label ("usatoday") is a last resort; the publisher of a JSON-LD article without a headline names the site', () => {
    // usatoday.com, detroitnews.com: og:site_name "usatoday", a NewsArticle with only dates and a publisher
    const usat = meta('property', 'og:site_name', 'usatoday') + article('USA TODAY', { datePublished: '0001-01-01T00:00:00Z' });
    expect(site(usat, 'https://www.usatoday.com/story/news/x/')).toBe('USA TODAY');
    expect(site(meta('property', 'og:site_name', 'usatoday'), 'https://www.usatoday.com/story/news/x/')).toBe('usatoday');
  });

  test('a name that names the host wins over a section\'s ("U.S." on reuters.com)', () => {
    expect(site(meta('property', 'og:site_name', 'U.S.') + article('Reuters', { headline: 'Oil' }), 'https://www.reuters.com/article/x')).toBe('Reuters');
    expect(site(meta('property', 'og:site_name', 'Coast Gazette') + article('Gazette Media Group', { headline: 'Oil' }), 'https://www.coastgazette.example/x')).toBe('Coast Gazette');
  });
});

describe('dates', () => {
  test.each([
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    // A written offset is kept: the page's calendar date and hour are what a reader and a citation use
    // (an evening in New York is the next day in UTC).
    ['2024-03-05T08:00:00+02:00', '2024-03-05T08:00:00+02:00'],
    ['2024-03-05T20:30:00-05:00', '2024-03-05T20:30:00-05:00'],
    ['2024-03-05T20:30-0500', '2024-03-05T20:30:00-05:00'],
    ['2024-03-05 20:30:15.250+05:30', '2024-03-05T20:30:15.250+05:30'],
    ['2024-03-05T08:00:00+00:00', '2024-03-05T08:00:00.000Z'],
    ['2024-03-05T08:00:00Z', '2024-03-05T08:00:00.000Z'],
    ['Tue, 05 Mar 2024 08:00:00 GMT', '2024-03-05T08:00:00.000Z'],
    ['1709625600', '2024-03-05T08:00:00.000Z'],
    ['2024', '2024'],
  ])('%s → %s', (input, output) => {
    expect(normalizeDate(input)).toBe(output);
  });

  test.each(['yesterday', 'vor 3 Stunden', '', '0000-00-00T00:00:00', '1066-10-14T09:00:00Z', '2024-13-45T08:00:00+02:00', '1066-10-14T09:00:00+01:00'])('"%s" is not a date: null', (input) => {
    expect(normalizeDate(input)).toBeNull();
  });
});

describe('Readability fallbacks and unknown fields (through cleanArticle)', () => {
  test('with no metadata at all: title from <title>, byline from the page, language and direction from <html>', () => {
    const r = clean(`<!doctype html><html lang="he" dir="rtl"><head><title>Harbour wall to be rebuilt | Coast Gazette</title></head><body><article><h1>Harbour wall to be rebuilt</h1><p class="byline">By Ada Byrne</p>${PROSE}</article></body></html>`);
    expect(r.article).toMatchObject({ title: 'Harbour wall to be rebuilt', byline: 'Ada Byrne', lang: 'he', dir: 'rtl' });
  });

  test('fields no source gives are null, never invented', () => {
    const r = clean(`<!doctype html><html><head></head><body><div>${PROSE}</div></body></html>`, {}, 'https://news.example.org/x');
    const a = r.article!;
    expect(a).not.toBeNull();
    expect(a).toMatchObject({ byline: null, authors: [], siteName: null, lang: null, dir: null, publishedTime: null, modifiedTime: null, canonicalUrl: null, leadImageUrl: null });
    expect(a.url).toBe('https://news.example.org/x');
    expect(r.citation).toEqual({ doi: null, journal: null, publisher: null, volume: null, issue: null, firstPage: null, lastPage: null, pdfUrl: null });
  });

  test('page metadata wins over what Readability guesses', () => {
    const r = clean(`<!doctype html><html lang="en"><head><title>Wrong | Site</title>${meta('property', 'og:title', 'Right title')}${meta('property', 'og:site_name', 'Coast Gazette')}${meta('name', 'author', 'Ada Byrne')}</head><body><article><h1>Right title</h1><p class="byline">By Someone Else</p>${PROSE}</article></body></html>`);
    expect(r.article).toMatchObject({ title: 'Right title', siteName: 'Coast Gazette', authors: ['Ada Byrne'], byline: 'Ada Byrne' });
  });

  test('metadata is read from the page the caller passed, before any cleaning', () => {
    // JSON-LD lives in <script>, which the cleaned copy no longer has.
    const r = clean(`<!doctype html><html><head>${ld({ '@type': 'NewsArticle', headline: 'From JSON-LD', datePublished: '2020-02-02' })}</head><body><article>${PROSE}</article></body></html>`);
    expect(r.article).toMatchObject({ title: 'From JSON-LD', publishedTime: '2020-02-02' });
  });
});

describe('the title without the site name', () => {
  test.each([
    ['Trump admin doubles down on meth campaign | TheHill', 'TheHill', 'https://thehill.com/homenews/x', 'Trump admin doubles down on meth campaign'],
    ['Argentina keeps hope alive in Davis Cup Finals - Sportsnet.ca', 'Sportsnet.ca', 'https://www.sportsnet.ca/tennis/x', 'Argentina keeps hope alive in Davis Cup Finals'],
    ['Black Friday deals on AirPods - IGN', null, 'https://www.ign.com/articles/x', 'Black Friday deals on AirPods'],
    ['TheHill — New York man pleads guilty', 'TheHill', null, 'New York man pleads guilty'],
    // A title with no spaces between its words (Japanese, Chinese) still has words when the site's name goes.
    ['商品の改造が商標法違反に！？ - 特許業務法人ライトハウス国際特許事務所', '特許業務法人ライトハウス国際特許事務所', 'https://www.lighthouse-ip.jp/x', '商品の改造が商標法違反に！？'],
  ])('%s', (title, site, url, expected) => {
    expect(withoutSiteName(title, site, url)).toBe(expected);
  });

  test.each([
    ['Opinion | Republicans Are Following Trump to Nowhere', null, 'https://www.nytimes.com/2019/x'],
    ['The Guardian view on Hong Kong | Editorial', 'the Guardian', 'https://www.theguardian.com/x'],
    ['Take C.A.R.E. - comwrap auf der DMEXCO 2018', null, 'https://blog.comwrap.com/x'],
    ['News | TheHill', 'TheHill', 'https://thehill.com/x'],
    ['COVID-19 cases rise', 'Health', null],
  ])('%s stays as it is', (title, site, url) => {
    expect(withoutSiteName(title, site, url)).toBe(title);
  });

  test('the page\'s own headline wins over a title that only adds to it', () => {
    // nytimes.com: og:title "Opinion | …" over <h1>"…"; autoindustriya.com: og:title "… - Auto News"
    const page = (og: string, h1: string): string | null | undefined =>
      clean(`<!doctype html><html lang="en"><head><title>x</title>${meta('property', 'og:title', og)}</head><body><article><h1>${h1}</h1>${PROSE}</article></body></html>`).article?.title;
    expect(page('Opinion | Republicans Are Following Trump to Nowhere', 'Republicans Are Following Trump to Nowhere')).toBe('Republicans Are Following Trump to Nowhere');
    expect(page('Lexus wants you to go topless - Auto News', 'Lexus wants you to go topless')).toBe('Lexus wants you to go topless');
    // A headline that is not the title's start or end, or only a word of it, changes nothing.
    expect(page('Harbour wall to be rebuilt', 'Harbour')).toBe('Harbour wall to be rebuilt');
    expect(page('Harbour wall to be rebuilt by 2026', 'Harbour wall to be rebuilt')).toBe('Harbour wall to be rebuilt by 2026');
    expect(page('Harbour wall to be rebuilt: what it means', 'Harbour wall to be rebuilt')).toBe('Harbour wall to be rebuilt: what it means');
    // A logo's <h1> that is what the title adds (a site name the metadata spells otherwise) is not the headline.
    const logo = clean(
      `<!doctype html><html lang="en"><head><title>x</title>${meta('property', 'og:title', 'Harbour wall to be rebuilt at last | Coast Gazette')}${meta('property', 'og:site_name', 'Gazette Media')}</head><body><header><h1>Coast Gazette</h1></header><article><h2>Harbour wall to be rebuilt at last</h2>${PROSE}</article></body></html>`,
    ).article;
    expect(logo?.title).toBe('Harbour wall to be rebuilt at last | Coast Gazette');
  });

  test('the article\'s title loses the site name og:title carries', () => {
    const r = clean(`<!doctype html><html lang="en"><head><title>x</title>${meta('property', 'og:title', 'Harbour wall to be rebuilt | Coast Gazette')}${meta('property', 'og:site_name', 'Coast Gazette')}</head><body><article><h1>Harbour wall to be rebuilt</h1>${PROSE}</article></body></html>`);
    expect(r.article).toMatchObject({ title: 'Harbour wall to be rebuilt', siteName: 'Coast Gazette' });
  });
});

describe('the title as a reader sees it: character references decoded', () => {
  // WordPress writes its titles into JSON-LD and og:title with HTML character references; the corpus
  // showed six titles with "&#8217;", "&#8211;", "&#163;" in them.
  test.each([
    ['&#8216;The Medium is the Message&#8217;: the 7th Amsterdam Light Festival', '‘The Medium is the Message’: the 7th Amsterdam Light Festival'],
    ['Chelsea Activate &#163;71.6m Release Clause', 'Chelsea Activate £71.6m Release Clause'],
    ['Anthony Lynn: &#8220;We needed to win this&nbsp;game&#8221;', 'Anthony Lynn: “We needed to win this game”'],
    ['Review &#x2013; shoots for the moon &amp; lands among the stars', 'Review – shoots for the moon & lands among the stars'],
    ['Q&A: what &#0; &#xD800; and &bogus; are', 'Q&A: what &#0; &#xD800; and &bogus; are'],
    ['&quot;Quoted&quot; &lt;tag&gt;', '"Quoted" <tag>'],
  ])('%s', (title, expected) => {
    expect(shownTitle(title, null, null)).toBe(expected);
  });

  test('through cleanArticle: a JSON-LD headline with references', () => {
    const r = clean(`<!doctype html><html lang="en"><head><title>x</title>${ld({ '@type': 'NewsArticle', headline: 'Red Dead Redemption 2 doesn&#8217;t run at a stable 60fps' })}</head><body><article>${PROSE}</article></body></html>`);
    expect(r.article?.title).toBe('Red Dead Redemption 2 doesn’t run at a stable 60fps');
  });
});
