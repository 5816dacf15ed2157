// Every export format from the same record (CONTRACT §4–5; issue 6): Markdown front matter parses
// back as YAML, JSON validates against schema/article.schema.json, the HTML page has no script, the
// citations carry the page's metadata (DOI and journal when it has them).
import { describe, expect, test } from 'vitest';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { JSDOM } from 'jsdom';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { convert } from '../../src/cli/convert';
import { frontMatterOf, toFailedRecord, type ExportRecord } from '../../src/export/record';
import { toBibtex, toCsl } from '../../src/export/citation';
import { fileNameOf } from '../../src/export/filename';
import { renderRecord } from '../../src/export/formats';
import { ROOT, SAMPLE } from '../helpers';
import { schemaErrors } from '../schema';

const SAMPLE_URL = 'https://www.themoscowtimes.com/2019/03/30/us-warns-russia-over-troops-in-venezuela-threatens-sanctions-a64998';
const JOURNAL = path.join(ROOT, 'test', 'export', 'pages', 'journal-article-doi.html');

const sample = convert({ bytes: new Uint8Array(fs.readFileSync(SAMPLE)), url: SAMPLE_URL, capturedAt: '2019-03-30T09:00:00Z' });
const journal = convert({ bytes: new Uint8Array(fs.readFileSync(JOURNAL)) });
const record = sample.record;

describe('JSON export', () => {
  test('the sample page record validates against the schema and carries its provenance', () => {
    const json = JSON.parse(sample.render('json')) as ExportRecord;
    expect(schemaErrors(json)).toEqual([]);
    expect(json.provenance).toMatchObject({
      url: SAMPLE_URL,
      canonicalUrl: SAMPLE_URL,
      capturedAt: '2019-03-30T09:00:00Z',
      decantVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      rulesVersion: expect.stringMatching(/\S/),
    });
    expect(json.provenance.sha256Html).toBe(sha256File(SAMPLE));
    expect(json.removed.length).toBeGreaterThan(0);
    for (const e of json.removed) expect(e).not.toHaveProperty('html');
  });

  test('the schema rejects what the contract forbids', () => {
    const ok = JSON.parse(sample.render('json'));
    expect(schemaErrors({ ...ok, provenance: { ...ok.provenance, sha256Text: undefined } })).not.toEqual([]);
    expect(schemaErrors({ ...ok, removed: [{ ...ok.removed[0], html: '<p>x</p>' }] })).not.toEqual([]);
    expect(schemaErrors({ ...ok, reading_time: 2 })).not.toEqual([]);
    expect(schemaErrors({ ...ok, removed: [{ ...ok.removed[0], category: 'nag' }] })).not.toEqual([]);
    expect(schemaErrors({ ...ok, publishedTime: 'last Tuesday' })).not.toEqual([]);
  });

  test('a failed batch record validates, with its input and the error', () => {
    const failed = toFailedRecord({ kind: 'jsonl', id: '12' }, { kind: 'input', message: 'line 12 is not JSON' }, { url: 'https://example.org/a' });
    expect(schemaErrors(failed)).toEqual([]);
    expect(schemaErrors({ ...failed, input: { kind: 'jsonl', id: 'twelve' } })).not.toEqual([]);
    expect(schemaErrors({ ...failed, error: undefined })).not.toEqual([]);
  });
});

describe('Markdown export', () => {
  const md = sample.render('md');
  const [, front, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(md) ?? [];

  test('front matter parses as YAML and is the record without its body', () => {
    expect(front).toBeDefined();
    const parsed = parseYaml(front);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(frontMatterOf(record))));
    expect(schemaErrors({ ...parsed, contentHtml: record.contentHtml, text: record.text })).toEqual([]);
  });

  test('front matter reads back the same with YAML 1.1 parsers too (PyYAML, js-yaml, Ruby): no string becomes a date, boolean or number', () => {
    const page = convert({
      bytes: new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Yes</title>
        <meta name="author" content="On"><meta name="description" content="0755">
        <meta property="article:published_time" content="2019-03-29T20:30:00-05:00"></head><body><article>
        <h1>Yes</h1>
        ${'<p>The city council voted late on Friday evening to approve the river restoration budget after a debate that lasted five hours.</p>'.repeat(4)}
        </article></body></html>`),
      url: 'https://courier.example/2019/03/29/budget',
      capturedAt: '2019-03-30T09:00:00Z',
    });
    try {
      const yaml = /^---\n([\s\S]*?)\n---\n/.exec(page.render('md'))![1];
      const expected = JSON.parse(JSON.stringify(frontMatterOf(page.record)));
      expect(expected).toMatchObject({ title: 'Yes', byline: 'On', excerpt: '0755', publishedTime: '2019-03-29T20:30:00-05:00' });
      expect(parseYaml(yaml, { version: '1.1' })).toEqual(expected);
      expect(parseYaml(yaml)).toEqual(expected);
    } finally {
      page.close();
    }
  });

  test('front matter lists only the citation fields the page gave (none: no citation key); the JSON record keeps all of them', () => {
    const citationOf = (page: typeof sample): unknown => (parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(page.render('md'))![1]) as { citation?: unknown }).citation;
    // The news sample names its publisher only; the journal page has a DOI, volume, pages but no PDF.
    expect(citationOf(sample)).toEqual({ publisher: 'The Moscow Times' });
    const journalCitation = citationOf(journal) as Record<string, unknown>;
    expect(journalCitation).toMatchObject({ doi: '10.5555/eco.2021.0042', volume: '12', issue: '3' });
    expect(Object.values(journalCitation)).not.toContain(null);
    const bare = convert({
      bytes: new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>River budget</title></head><body><article><h1>River budget</h1>
        ${'<p>The city council voted late on Friday evening to approve the river restoration budget after a debate that lasted five hours.</p>'.repeat(4)}
        </article></body></html>`),
      url: 'https://courier.example/2019/03/29/budget',
    });
    try {
      const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(bare.render('md'))![1]) as Record<string, unknown>;
      expect(front).not.toHaveProperty('citation');
      // Contract fields stay, null when unknown (CONTRACT §1): only the citation's empty keys go.
      expect(front).toMatchObject({ byline: null, modifiedTime: null });
      expect(schemaErrors({ ...front, contentHtml: bare.record.contentHtml, text: bare.record.text })).toEqual([]);
      // JSON round-trips: every citation key, null or not.
      expect(Object.keys(JSON.parse(bare.render('json')).citation ?? {}).sort()).toEqual(['doi', 'firstPage', 'issue', 'journal', 'lastPage', 'pdfUrl', 'publisher', 'volume']);
    } finally {
      bare.close();
    }
  });

  test('the body is the title and the article with its figure caption and subhead', () => {
    expect(body.startsWith(`# ${record.title}\n`)).toBe(true);
    expect(body).toContain('Bruno Kelly / Reuters');
    expect(body).toMatch(/^#+ Russia sends 'specialists'/m);
    expect(body).not.toContain('<');
  });
});

describe('the title heading the article kept', () => {
  // Readability removes one heading like the title; on a page that has another (theantijunecleaver.com
  // in the corpus: a heading in the site's top bar), the article's own <h1> stays in contentHtml and
  // the core marks it data-decant-role="title". The exports write the title above the article already.
  const withTitle = { ...record, contentHtml: `<h1 data-decant-role="title">${record.title}</h1>${record.contentHtml}` };
  const doc = new JSDOM('<!DOCTYPE html><body></body>').window.document;

  test('appears once in Markdown, as the # title line', () => {
    const md = renderRecord(withTitle, 'md', { doc });
    expect(md.split('\n').filter((l) => l.includes(record.title!))).toEqual([`title: ${record.title}`, `# ${record.title}`]);
  });

  test('appears once in the standalone page, as its header', () => {
    const d = new JSDOM(renderRecord(withTitle, 'html', { doc })).window.document;
    expect([...d.querySelectorAll('h1, h2, h3')].filter((h) => h.textContent === record.title).length).toBe(1);
    expect(d.querySelector('article')!.textContent).toContain('The White House on Friday warned Russia');
  });

  test('stays in the article when the record has no title to write above it', () => {
    const untitled = { ...withTitle, title: null };
    expect(renderRecord(untitled, 'md', { doc })).toContain(`# ${record.title}`);
    expect(new JSDOM(renderRecord(untitled, 'html', { doc })).window.document.querySelector('article h1')?.textContent).toBe(record.title);
  });
});

describe('standalone HTML export', () => {
  const html = sample.render('html');
  const dom = new JSDOM(html);
  const doc = dom.window.document;

  test('has no script, no event handler and a CSP that forbids both', () => {
    expect(doc.querySelectorAll('script').length).toBe(0);
    expect([...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on'))).toEqual([]);
    expect(html).not.toMatch(/javascript:/i);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
  });

  test('shows the metadata header and the whole article', () => {
    expect(doc.querySelector('h1')?.textContent).toBe(record.title);
    expect(doc.querySelector('header')?.textContent).toContain('The Moscow Times');
    expect(doc.querySelector('article')?.textContent).toContain('The White House on Friday warned Russia');
    expect(doc.querySelector('article img')?.getAttribute('src')).toMatch(/^https:/);
    expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(SAMPLE_URL);
  });

  test('carries none of Decant\'s own anchors (data-decant-id, data-decant-role), which the JSON record keeps for the round trip', () => {
    // The record keeps them: the library's reader view puts a removed block's preview back after its
    // `data-decant-id` anchor, and the Markdown made from a saved record drops footnote back-links by role.
    expect(record.contentHtml).toMatch(/data-decant-id="/);
    expect(record.contentHtml).toMatch(/data-decant-role="/);
    expect(html).not.toMatch(/data-decant-/);
    expect(doc.querySelector('article')?.textContent).toContain('The White House on Friday warned Russia');
  });

  test('dates are written for people (the page\'s own calendar day), with the exact value kept in <time datetime>', () => {
    const page = convert({
      bytes: new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Council votes late on the river budget</title>
        <meta property="article:published_time" content="2019-03-29T20:30:00-05:00">
        <meta property="article:modified_time" content="2019-04-02T10:00:00+00:00"></head><body><article>
        <h1>Council votes late on the river budget</h1>
        ${'<p>The city council voted late on Friday evening to approve the river restoration budget after a debate that lasted five hours.</p>'.repeat(4)}
        </article></body></html>`),
      url: 'https://courier.example/2019/03/29/budget',
      capturedAt: '2019-03-30T09:00:00Z',
    });
    try {
      const d = new JSDOM(page.render('html')).window.document;
      const header = d.querySelector('header')!;
      expect(header.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(header.textContent).toContain('Published March 29, 2019');
      expect(header.textContent).toContain('Updated April 2, 2019');
      expect([...header.querySelectorAll('time')].map((t) => t.getAttribute('datetime'))).toEqual([page.record.publishedTime, page.record.modifiedTime]);
      const footer = d.querySelector('footer')!;
      expect(footer.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(footer.textContent).toContain('captured March 30, 2019, 09:00 UTC');
      expect([...footer.querySelectorAll('time')].map((t) => t.getAttribute('datetime'))).toEqual([page.record.provenance.processedAt, '2019-03-30T09:00:00Z']);
    } finally {
      page.close();
    }
  });
});

describe('plain text export', () => {
  test('is the record text (articleBody), without title or caption', () => {
    const txt = sample.render('txt');
    expect(txt).toBe(record.text);
    expect(txt).not.toContain('Bruno Kelly');
    expect(txt.split('\n\n').length).toBeGreaterThan(5);
  });

  test('a .txt file hashes to the record\'s sha256Text, so `sha256sum file.txt` verifies it', () => {
    const txt = sample.render('txt');
    expect(createHash('sha256').update(txt, 'utf8').digest('hex')).toBe(record.provenance.sha256Text);
  });
});

describe('citations', () => {
  test('a news page is a newspaper article of its site, with date, URL and access date', () => {
    const [item] = JSON.parse(sample.render('csl'));
    expect(item).toMatchObject({
      type: 'article-newspaper',
      title: 'U.S. Warns Russia Over Troops in Venezuela, Threatens Sanctions',
      'container-title': 'The Moscow Times',
      issued: { 'date-parts': [[2019, 3, 30]] },
      accessed: { 'date-parts': [[2019, 3, 30]] },
      URL: SAMPLE_URL,
      language: 'en',
    });
    expect(item).not.toHaveProperty('DOI');
    expect(item.author).toEqual(record.authors.map((a) => expect.objectContaining(a.includes(' ') ? {} : { literal: a })));
  });

  test('a journal page with citation_doi cites the DOI, journal, volume, issue and pages', () => {
    const [item] = JSON.parse(journal.render('csl'));
    expect(item).toMatchObject({
      type: 'article-journal',
      title: 'Urban Hedgerows as Corridors for Pollinators: A Two-Year Field Study',
      'container-title': 'Journal of Applied Urban Ecology',
      publisher: 'Example Academic Press',
      DOI: '10.5555/eco.2021.0042',
      volume: '12',
      issue: '3',
      page: '201-219',
      issued: { 'date-parts': [[2021, 6, 15]] },
      URL: 'https://journals.example.org/ecology/article/10.5555/eco.2021.0042',
    });
    expect(item.author.map((a: { family?: string }) => a.family)).toEqual(['Okafor', 'Berg', 'Rossi']);
    expect(item.author[1]['non-dropping-particle']).toBe('van der');
  });

  test('BibTeX parses back (citation-js) to the same fields', () => {
    const bib = journal.render('bib');
    expect(bib).toMatch(/^@article\{/);
    const [back] = new Cite(bib).format('data', { format: 'object' }) as Record<string, unknown>[];
    expect(back).toMatchObject({ DOI: '10.5555/eco.2021.0042', volume: '12', issue: '3', page: '201-219', 'container-title': 'Journal of Applied Urban Ecology' });
    expect(back.title).toBe('Urban Hedgerows as Corridors for Pollinators: A Two-Year Field Study');
    expect((back.author as { family: string }[]).map((a) => a.family)).toEqual(['Okafor', 'Berg', 'Rossi']);
    const news = new Cite(sample.render('bib')).format('data', { format: 'object' }) as Record<string, unknown>[];
    expect(news[0]).toMatchObject({ 'container-title': 'The Moscow Times', URL: SAMPLE_URL });
  });

  test('an evening article in New York is cited, filed and named on the day the page gives, not UTC\'s next day', () => {
    const html = `<!doctype html><html lang="en"><head><title>Council votes late on the river budget</title>
      <meta property="article:published_time" content="2019-03-29T20:30:00-05:00"></head><body><article>
      <h1>Council votes late on the river budget</h1>
      ${'<p>The city council voted late on Friday evening to approve the river restoration budget after a debate that lasted five hours.</p>'.repeat(4)}
      </article></body></html>`;
    const page = convert({ bytes: new TextEncoder().encode(html), url: 'https://courier.example/2019/03/29/budget' });
    try {
      expect(page.record.publishedTime).toBe('2019-03-29T20:30:00-05:00');
      expect(JSON.parse(page.render('csl'))[0].issued).toEqual({ 'date-parts': [[2019, 3, 29]] });
      expect(page.render('bib')).toMatch(/month = \{mar 29\}/);
      expect(fileNameOf(page.record, 'md')).toMatch(/^2019-03-29-/);
    } finally {
      page.close();
    }
  });

  test('BibTeX keeps every character of a title, name and site in another script, and gives the entry a key', () => {
    // citation-js writes ASCII BibTeX and dropped what it has no LaTeX for: a Russian page was cited
    // as `author = {, }` and a Korean one as `title = {-  ,    }` under the key `2018undefined`.
    const ru = { ...record, title: 'Самые популярные фудблогеры: «Café» & 東京', authors: ['Венера Ерофеева'], siteName: 'Журнал Wday.ru' };
    const bib = toBibtex(ru);
    expect(bib).toMatch(/^@article\{[A-Za-z0-9_]+,\n/);
    expect(bib).not.toMatch(/undefined/);
    const [back] = new Cite(bib).format('data', { format: 'object' }) as Record<string, unknown>[];
    expect(back.title).toBe(ru.title);
    expect(back.author).toEqual([{ given: 'Венера', family: 'Ерофеева' }]);
    expect(back['container-title']).toBe('Журнал Wday.ru');
    // What LaTeX has a command for is still written with it, as before.
    expect(bib).toContain("{\\' e}");
    expect(bib).toContain('\\&');

    const ko = { ...record, title: '엘제이-류화영 진흙탕 싸움', authors: [], siteName: 'Entermedia' };
    const koBib = toBibtex(ko);
    expect(koBib.split('\n')[0]).toBe(`@article{Entermedia2019_${ko.provenance.sha256Text.slice(0, 6)},`);
    const [koBack] = new Cite(koBib).format('data', { format: 'object' }) as Record<string, unknown>[];
    expect(koBack.title).toBe(ko.title);

    // Text that happens to look like the stand-in tokens stays as written.
    const odd = { ...ko, title: 'qdecantkeep0q 東京 qdecantkeepq1q' };
    expect((new Cite(toBibtex(odd)).format('data', { format: 'object' }) as Record<string, unknown>[])[0].title).toBe(odd.title);
  });

  test('a DOI given as a URL is cited as the bare DOI', () => {
    const meta = { ...journal.result.citation!, doi: 'https://doi.org/10.5555%2Feco.2021.0042' };
    expect(toCsl(journal.record, meta).DOI).toBe('10.5555/eco.2021.0042');
  });
});

function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
