// The jsdom layer of the script-injection suite, full path: every vector of ../shared/xss (728) inside
// a paragraph of an article page AND inside a donation appeal, through the CLI's own convert()
// (decode → jsdom → cleanArticle → export record → standalone HTML). The article's contentHtml, every
// ledger entry's html (also re-sanitised, as the views do) and the standalone export are re-parsed
// WITHOUT sanitising (as a browser parses the string) and audited (test/security/audit.ts).
// The render path is in xss-jsdom-render.test.ts.
// The suite counts how many vectors still had markup when the sanitiser ran (the rest were removed by
// the parser, Readability or the hidden-element drop, which proves nothing about the sanitiser).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { convert } from '../../src/cli/convert';
import { sanitizeHtml } from '../../src/core/html';
import { auditDom } from './audit';
import { articlePage, MARK } from './article-page';
import { EXPECTED_VECTORS, loadVectors } from './vectors';
import { ROOT } from '../helpers';

/** What the sanitiser saw for the current vector: was any of the vector's markup still there? */
const probe = vi.hoisted(() => {
  const state = { article: false, ledger: false };
  /** True when an element lies between the text markers `start` and `end` (document order). */
  function markupBetween(root: Node, start: string, end: string): boolean {
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* elements, text */);
    let inside = false;
    for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === 3) {
        const t = (n as Text).data;
        if (!inside && t.includes(start)) {
          inside = true;
          if (t.includes(end, t.indexOf(start))) return false; // only text between the markers
        } else if (inside && t.includes(end)) return false;
      } else if (inside && n !== root) return true;
    }
    return false;
  }
  return { state, markupBetween };
});

vi.mock('../../src/core/html', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/html')>();
  return {
    ...real,
    sanitizeInPlace(root: Element, win: Window & typeof globalThis) {
      if (probe.markupBetween(root, 'VEC-ART-START', 'VEC-ART-END')) probe.state.article = true;
      return real.sanitizeInPlace(root, win);
    },
    sanitizedHtmlBatch(blocks: readonly Element[], win: Window & typeof globalThis) {
      if (blocks.some((b) => probe.markupBetween(b, 'VEC-NAG-START', 'VEC-NAG-END'))) probe.state.ledger = true;
      return real.sanitizedHtmlBatch(blocks, win);
    },
  };
});

const vectors = loadVectors();
const URL = 'https://news.example/2024/05/harbour-sea-wall';
const CSP = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Parse page-derived HTML the way a browser parses a string into a container: no sanitising. */
function rawParse(html: string): DocumentFragment {
  return JSDOM.fragment(html);
}

/** The standalone export's head may hold exactly Decant's own elements. */
function auditStandaloneHead(doc: Document): string[] {
  const problems: string[] = [];
  for (const el of Array.from(doc.head.children)) {
    const tag = el.localName;
    const attrs = Array.from(el.attributes).map((a) => a.name).sort().join(',');
    if (tag === 'title' && !el.children.length) continue;
    if (tag === 'style' && !el.children.length && !/@import|url\(/i.test(el.textContent ?? '')) continue;
    if (tag === 'meta' && attrs === 'charset') continue;
    if (tag === 'meta' && attrs === 'content,http-equiv' && el.getAttribute('http-equiv') === 'Content-Security-Policy' && el.getAttribute('content') === CSP) continue;
    if (tag === 'meta' && attrs === 'content,name' && ['referrer', 'viewport', 'generator', 'author'].includes(el.getAttribute('name')!)) continue;
    if (tag === 'link' && attrs === 'href,rel' && el.getAttribute('rel') === 'canonical' && /^https?:/.test(el.getAttribute('href')!)) continue;
    problems.push(`unexpected element in the standalone head: ${el.outerHTML.slice(0, 120)}`);
  }
  if (doc.head.querySelectorAll('meta[http-equiv]').length !== 1) problems.push('the standalone head must carry exactly one http-equiv (its CSP)');
  return problems;
}

/** A window standing in for the popup's: the views sanitise again with their own window. */
const viewWin = new JSDOM('').window as unknown as Window & typeof globalThis;

const tally = { total: 0, articleReached: 0, ledgerReached: 0, eitherReached: 0, noArticle: 0, ledgerEntries: 0 };

describe('XSS vectors in jsdom', () => {
  test(`the table has all ${EXPECTED_VECTORS} vectors, each with a unique id`, () => {
    expect(vectors).toHaveLength(EXPECTED_VECTORS);
    expect(new Set(vectors.map((v) => v.id)).size).toBe(EXPECTED_VECTORS);
  });

  describe('full path: article page → CLI convert → contentHtml, ledger html, standalone HTML', () => {
    test.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
      probe.state.article = false;
      probe.state.ledger = false;
      const page = convert({ bytes: new TextEncoder().encode(articlePage(v.payload, v.id)), url: URL });
      try {
        const { article } = page.result;
        expect(article, 'the article survives the vector').not.toBeNull();
        const problems: string[] = [];
        problems.push(...auditDom(rawParse(article!.contentHtml)).map((p) => `contentHtml: ${p}`));
        for (const entry of page.result.removed) {
          problems.push(...auditDom(rawParse(entry.html)).map((p) => `ledger ${entry.id}: ${p}`));
          // The popup renders ledger html through the same door; what comes out must be the same.
          problems.push(...auditDom(rawParse(sanitizeHtml(entry.html, viewWin))).map((p) => `ledger ${entry.id} (re-sanitised): ${p}`));
        }
        const standalone = new JSDOM(page.render('html')).window.document;
        problems.push(...auditDom(standalone.body).map((p) => `standalone body: ${p}`));
        problems.push(...auditStandaloneHead(standalone));
        expect(problems).toEqual([]);
        // The vector's paragraph stays readable: the text after the vector is still in the article.
        expect(article!.text).toContain('The council of the small harbour town met');
        tally.total++;
        if (probe.state.article) tally.articleReached++;
        if (probe.state.ledger) tally.ledgerReached++;
        if (probe.state.article || probe.state.ledger) tally.eitherReached++;
        tally.ledgerEntries += page.result.removed.length;
      } finally {
        page.close();
      }
    });
  });

  test('instrumentation check: a plain <img onerror> vector reaches the sanitiser on the full path', () => {
    probe.state.article = false;
    const page = convert({ bytes: new TextEncoder().encode(articlePage('<img src=x onerror=alert(1)>')), url: URL });
    page.close();
    expect(probe.state.article).toBe(true);
  });
});

afterAll(() => {
  if (!tally.total) return;
  const summary = {
    vectors: vectors.length,
    fullPathPassed: tally.total,
    reachedSanitiserInArticle: tally.articleReached,
    reachedSanitiserInLedger: tally.ledgerReached,
    reachedSanitiserEither: tally.eitherReached,
    ledgerEntriesAudited: tally.ledgerEntries,
  };
  fs.mkdirSync(path.join(ROOT, '.reports'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, '.reports', 'xss-jsdom.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`XSS jsdom layer: ${JSON.stringify(summary)}`);
});
