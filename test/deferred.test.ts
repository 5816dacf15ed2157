/**
 * content.js runs the core without DOMPurify (core/deferred.ts) and the views sanitise what it hands
 * them. That is only right if a reader sees, saves and exports exactly what `cleanArticle` gives: the
 * same fields, ledger and text, and — once html.ts has sanitised it — the same article and ledger HTML.
 */
import { describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanArticle } from '../src/core/index';
import { cleanDeferred } from '../src/core/deferred';
import { sanitizeHtml } from '../src/core/html';
import type { CleanResult } from '../src/core/types';
import { recordOf } from '../src/views/record';
import type { Outcome } from '../src/platform/protocol';
import { page, readFile, ROOT, SAMPLE } from './helpers';

type Win = Window & typeof globalThis;

/** Everything but the HTML. */
function fields(r: CleanResult) {
  const { contentHtml: _c, ...article } = r.article ?? { contentHtml: null };
  return {
    article: r.article ? article : null,
    reason: r.reason ?? null,
    removed: r.removed.map(({ html: _h, ...e }) => e),
    warnings: r.warnings,
    articlePath: r.articlePath ?? null,
    retried: r.debug?.retried ?? null,
  };
}

function compare(html: string, url: string, name: string): { entries: number } {
  const p = page(html, url);
  const win = p.window as unknown as Win;
  const full = cleanArticle(p.document, { url, window: win });
  const deferred = cleanDeferred(p.document, { url, window: win });
  expect(fields(deferred), name).toEqual(fields(full));
  if (full.article) expect(sanitizeHtml(deferred.article!.contentHtml, win), name).toBe(full.article.contentHtml);
  let entries = 0;
  full.removed.forEach((e, i) => {
    if (!e.html) return;
    // Every entry, capped ones included: the unsanitised HTML loses DOMPurify's attributes first, so the cap cuts where it did.
    expect(sanitizeHtml(deferred.removed[i].html, win), `${name}: ledger entry ${e.id} (${e.rule})`).toBe(sanitizeHtml(e.html, win));
    entries++;
  });
  p.window.close();
  return { entries };
}

describe('cleanDeferred: the core as content.js runs it, sanitised by the views', () => {
  test('gives cleanArticle\'s article, ledger and text, and its HTML once sanitised, on every fixture and the sample page', () => {
    const dir = path.join(ROOT, 'test', 'fixtures');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(10);
    let entries = 0;
    for (const f of files) {
      const html = readFile(path.join(dir, f));
      const url = /"url"\s*:\s*"([^"]+)"/.exec(html.split('\n', 1)[0])?.[1] ?? 'https://example.org/2024/story';
      entries += compare(html, url, f).entries;
    }
    entries += compare(readFile(SAMPLE), 'https://www.themoscowtimes.com/2026/01/03/story', 'sample').entries;
    // The ledger comparison ran on real entries, not on none.
    expect(entries).toBeGreaterThan(50);
  });

  test('keeps out of the text and word count what DOMPurify drops with its content (players\' fallbacks, SVG titles)', () => {
    const paras = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} of the report: the council met on Tuesday and voted on the budget for the coming year, after a long debate about the bridge.</p>`).join('');
    const fallback = 'Your browser cannot play this video. '.repeat(8);
    const p = page(`<!DOCTYPE html><html lang="en"><head><title>Council votes budget</title></head><body><main><article><h1>Council votes budget</h1>${paras}<video controls src="v.mp4"><p>${fallback}</p></video><p>Chart: <svg viewBox="0 0 10 10"><title>Spending by department, hidden title text</title><rect width="5" height="5"/></svg> spending rose by a tenth over the year before.</p><audio src="a.mp3"><p>Your browser cannot play this audio clip at all, sorry about that.</p></audio>${paras}</article></main></body></html>`);
    const win = p.window as unknown as Win;
    const full = cleanArticle(p.document, { window: win });
    const deferred = cleanDeferred(p.document, { window: win });
    expect(full.article?.text).toContain('spending rose by a tenth');
    expect(deferred.article?.text).not.toMatch(/cannot play|hidden title text/);
    expect(fields(deferred)).toEqual(fields(full));
    expect(sanitizeHtml(deferred.article!.contentHtml, win)).toBe(full.article!.contentHtml);
    p.window.close();
  });

  test('leaves page markup in contentHtml, which the export record sanitises', async () => {
    const paras = Array.from({ length: 8 }, (_, i) => `<p class="x" style="color:red" onclick="steal()">Paragraph ${i + 1} of the report: the council met on Tuesday and voted on the budget for the coming year.</p>`).join('');
    const p = page(`<!DOCTYPE html><html lang="en"><head><title>Council votes budget</title></head><body><main><article><h1>Council votes budget</h1>${paras}<p><img src="https://example.org/a.jpg" onerror="steal()" alt="A bridge"></p></article></main></body></html>`);
    const win = p.window as unknown as Win;
    const deferred = cleanDeferred(p.document, { window: win });
    expect(deferred.article!.contentHtml).toContain('onerror');
    const outcome = {
      tab: { tabId: 1, url: 'https://example.org/2024/story', title: null },
      state: 'article',
      article: deferred.article!,
      removed: deferred.removed,
      warnings: deferred.warnings,
      capture: { capturedAt: '2026-11-28T00:00:00.000Z', sha256Html: '0'.repeat(64), url: 'https://example.org/2024/story', timings: { capture: 0, mark: 0, clean: 0, ledger: 0, hash: 0, total: 0 } },
    } as Extract<Outcome, { state: 'article' }>;
    const record = await recordOf(outcome, win);
    expect(record.contentHtml).not.toMatch(/onerror|onclick|style=|class=/);
    expect(record.contentHtml).toContain('<img src="https://example.org/a.jpg"');
    expect(record.contentHtml).toBe(cleanArticle(p.document, { window: win }).article!.contentHtml);
    p.window.close();
  });
});
