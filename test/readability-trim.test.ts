// The content scripts ship Readability without the code Decant's options never reach
// (scripts/readability-trim.mjs: the debug logger, the JSON-LD reader, class cleaning, the tag lists
// extract.ts replaces, JSDOMParser's branches). With the options and the tag lists core/extract.ts passes, the trimmed copy must find exactly the article the published package finds;
// a source the cuts no longer fit must stop the build instead of shipping a half-trimmed copy.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import Readability from '@mozilla/readability/Readability.js';
import { ROOT, page } from './helpers';
import { allWithTag } from '../src/core/extract';
// @ts-expect-error — a plain ES module without types
import { trimReadability } from '../scripts/readability-trim.mjs';

const published = fs.readFileSync(createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js'), 'utf8');
const Trimmed = new Function('module', `${trimReadability(published)}\nreturn module.exports;`)({}) as typeof Readability;

/** Readability as extract.ts runs it: classes kept, no JSON-LD, its tag lists, the element itself as content. */
function parse(Reader: typeof Readability, html: string, url: string, options: Record<string, unknown> = {}) {
  const doc = page(html, url).document;
  const reader = new Reader<Element>(doc, { keepClasses: true, disableJSONLD: true, charThreshold: 500, serializer: (el) => el as Element, ...options });
  (reader as unknown as { _getAllNodesWithTag: typeof allWithTag })._getAllNodesWithTag = allWithTag;
  const r = reader.parse();
  return r && { ...r, content: r.content?.outerHTML ?? null };
}

const fixtures = path.join(ROOT, 'test', 'fixtures');
const pages = fs.readdirSync(fixtures).filter((f) => f.endsWith('.html')).sort();

describe('Readability trimmed for the content scripts', () => {
  test.each(pages)('%s: the same article, title, byline and excerpt as the published package', (name) => {
    const html = fs.readFileSync(path.join(fixtures, name), 'utf8');
    const url = /"url"\s*:\s*"([^"]+)"/.exec(html.split('\n', 1)[0])?.[1] ?? 'https://example.org/2024/story';
    const want = parse(Readability, html, url);
    expect(parse(Trimmed, html, url)).toEqual(want);
  });

  test('asked for what it no longer has (JSON-LD, class cleaning), the trimmed copy says what to pass instead of going without', () => {
    const html = fs.readFileSync(path.join(fixtures, pages[0]), 'utf8');
    expect(() => parse(Trimmed, html, 'https://example.org/2024/story', { disableJSONLD: false })).toThrow(/disableJSONLD: true/);
    expect(() => parse(Trimmed, html, 'https://example.org/2024/story', { keepClasses: false })).toThrow(/keepClasses: true/);
  });

  test('a source the cuts no longer fit stops the build, naming the cut', () => {
    expect(() => trimReadability(published.replace('_getJSONLD(doc) {', '_readJSONLD(doc) {'))).toThrow(/_getJSONLD matched 0 times/);
    expect(() => trimReadability(published.replace('if (this._docJSDOMParser && nodeList._isLiveNodeList) {', 'if (nodeList._isLiveNodeList) {'))).toThrow(/live-list guards matched 1 times/);
    expect(() => trimReadability(published.replace(/\n(\s*)this\.log\("Candidate:"/, '\n$1this.log("x");\n$1this.log("Candidate:"'))).toThrow(/found 24 this\.log/);
    expect(() => trimReadability(published.replace('this.log("**** grabArticle ****");', 'var x = this.log("**** grabArticle ****") || 1;'))).toThrow(/not a statement|found 22/);
  });
});
