// The core's live-page API (issue 5): a read-only scan of a subtree inserted late, ledger paths mapped
// back to the live elements, and the guard that never lets auto-clean hide the article container or
// an ancestor of it.
import { describe, expect, test } from 'vitest';
import { cleanArticle } from '../src/core/index';
import fs from 'node:fs';
import path from 'node:path';
import { articleGuard, cleanLivePage, locateRemoved, resolvePath, scanLive, type LiveFacts } from '../src/core/live-scan';
import type { CleanResult } from '../src/core/types';
import { page, readFile, ROOT, SAMPLE } from './helpers';

const PARAS = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} of the report: the council met on Tuesday and voted on the budget for the coming year, after a long debate about the bridge.</p>`).join('\n');

const MODAL = `<div class="donate-modal" role="dialog" aria-modal="true">
  <h2>Support independent journalism</h2>
  <p>Our reporting is funded by readers like you. Please donate today.</p>
  <a href="/donate?amount=5">Give $5</a> <a href="/donate?amount=10">Give $10</a> <button>Donate now</button>
</div>`;

const LIVE_ENTRY = '<article class="entry"><time>12:04</time><p>The mayor has just arrived at the council and is speaking to reporters outside.</p></article>';

function doc(body: string) {
  return page(`<!DOCTYPE html><html lang="en"><head><title>Council votes budget</title></head><body>${body}</body></html>`).document;
}

describe('scanLive: a read-only scan of a live subtree', () => {
  test('finds a donation modal inserted late, the inserted element itself, and changes nothing', () => {
    const d = doc(`<main><article><h1>Council votes budget</h1>${PARAS}</article></main>`);
    d.body.insertAdjacentHTML('beforeend', MODAL);
    const modal = d.body.lastElementChild!;
    const before = d.documentElement.outerHTML;
    const found = scanLive(modal);
    expect(found).toHaveLength(1);
    expect(found[0].el).toBe(modal);
    expect(found[0].category).toBe('donation');
    expect(found[0].positioned).toBe(true);
    expect(found[0].preview).toMatch(/^Support independent journalism/);
    expect(found[0].reason).toMatch(/dialog/);
    expect(d.documentElement.outerHTML).toBe(before); // no stamps, nothing removed
    expect(d.querySelector('[data-decant-id]')).toBeNull();
  });

  test('a donation modal inside a modal wrapper with its backdrop is a donation modal on every path, not an overlay', () => {
    // The wrapper's "modal" markup and the backdrop inside made it an overlay in the pipeline (the
    // click path and auto-clean's first pass), while a late scan found the dialog and named it donation.
    const wrapped = `<div class="modal-wrap"><div class="modal-backdrop" style="position: fixed; inset: 0"></div><div class="modal" role="dialog" aria-modal="true"><button class="close" aria-label="Close">×</button><h2>Before you go</h2><p>Our newsroom is funded by readers like you. Please donate today.</p><button class="give">Give now</button></div></div>`;
    const html = `<!DOCTYPE html><html lang="en"><head><title>Council votes budget</title></head><body><main><article><h1>Council votes budget</h1>${PARAS}</article></main>${wrapped}</body></html>`;
    const named = (r: CleanResult) => r.removed.filter((e) => e.preview.includes('Before you go')).map((e) => [e.category, e.path]);
    const wrapPath = ['body > div:nth-of-type(1)'];
    expect(named(cleanArticle(page(html).document))).toEqual([['donation', ...wrapPath]]);
    expect(named(cleanLivePage(page(html).document))).toEqual([['donation', ...wrapPath]]);
    const d = doc(`<main><article><h1>Council votes budget</h1>${PARAS}</article></main>`);
    d.body.insertAdjacentHTML('beforeend', wrapped);
    const found = scanLive(d.querySelector('.modal-wrap')!);
    expect(found.map((c) => [c.category, c.el.className])).toEqual([['donation', 'modal-wrap']]);
    expect(found[0].reason).toMatch(/Please donate/);
  });

  test('an ordinary live-blog entry is not a candidate', () => {
    const d = doc(`<main><article>${PARAS}<section class="live">${LIVE_ENTRY}</section></article></main>`);
    expect(scanLive(d.querySelector('.entry')!)).toEqual([]);
  });

  test('hidden elements are skipped, never removed', () => {
    const d = doc(`<div class="wrap"><div hidden>${MODAL}</div><p>Short note.</p></div>`);
    const wrap = d.querySelector('.wrap')!;
    const before = wrap.outerHTML;
    expect(scanLive(wrap)).toEqual([]);
    expect(wrap.outerHTML).toBe(before);
  });

  test('categories switch families off', () => {
    const d = doc(MODAL);
    expect(scanLive(d.body.firstElementChild!, { categories: ['newsletter', 'ad'] })).toEqual([]);
    expect(scanLive(d.body.firstElementChild!, { categories: ['donation'] })).toHaveLength(1);
  });

  test('a probe supplies what only the live page knows: an empty layer covering the viewport is a backdrop', () => {
    const d = doc('<div class="layer-x7" aria-hidden="true"></div>');
    const layer = d.body.firstElementChild!;
    // Without layout facts an aria-hidden empty div is nothing (and hidden, in the jsdom sense).
    expect(scanLive(layer)).toEqual([]);
    const probe = (el: Element): LiveFacts => ({ hidden: false, pos: el === layer ? 'cover' : null });
    const found = scanLive(layer, { probe });
    expect(found.map((c) => [c.el, c.category])).toEqual([[layer, 'overlay']]);
    expect(found[0].reason).toMatch(/backdrop/);
  });

  test('with a probe, computed style alone decides what is hidden', () => {
    const d = doc(`<div class="wrap">${MODAL}</div>`);
    const wrap = d.querySelector('.wrap')!;
    const modal = d.querySelector('.donate-modal')!;
    expect(scanLive(wrap, { probe: (el) => ({ hidden: el === modal, pos: null }) })).toEqual([]);
    // Visible: the wrapper, which holds nothing but the modal, goes with it (as in the pipeline).
    expect(scanLive(wrap, { probe: () => ({ hidden: false, pos: null }) }).map((c) => c.el)).toEqual([wrap]);
  });

  test('maxText keeps a long block out, however much it looks like an appeal', () => {
    const story = `<section class="donate-modal" role="dialog"><h2>Support independent journalism</h2>${PARAS}<p>Please donate today.</p></section>`;
    const section = doc(story).body.firstElementChild!;
    expect(scanLive(section, { maxText: 5000 }).map((c) => c.el)).toEqual([section]);
    expect(scanLive(section, { maxText: 600 })).toEqual([]);
  });
});

describe('ledger paths map back to the live page', () => {
  const live = page(readFile(SAMPLE), 'https://www.themoscowtimes.com/2019/03/30/story').document;
  // The content script cleans a copy; the live document is never touched.
  const result = cleanArticle(live.cloneNode(true) as Document, { window: live.defaultView as Window & typeof globalThis });

  test('every ledger entry of the sample page locates its live element, whose text starts with the preview', () => {
    expect(result.removed.length).toBeGreaterThanOrEqual(4);
    for (const entry of result.removed) {
      const el = locateRemoved(live, entry);
      expect(el, entry.path).not.toBeNull();
      expect(el!.isConnected).toBe(true);
      expect(el!.ownerDocument).toBe(live);
    }
    const modal = locateRemoved(live, result.removed.find((e) => e.preview.startsWith('× Enjoying ad-free'))!);
    expect(modal?.getAttribute('role')).toBe('dialog');
    const backdrop = locateRemoved(live, result.removed.find((e) => e.rule === 'overlay')!);
    expect(backdrop?.className).toBe('modal-backdrop');
  });

  test('a path that leads to another block (the page changed) is refused', () => {
    const entry = result.removed.find((e) => e.category === 'donation' && e.preview)!;
    const para = live.querySelector('.article__content p')!;
    expect(locateRemoved(live, { path: pathTo(para), preview: entry.preview })).toBeNull();
    expect(locateRemoved(live, { path: 'body > div:nth-of-type(99)', preview: entry.preview })).toBeNull();
  });

  test.each([
    ['', null],
    ['main > div', null],
    ['body > main:nth-of-type(1) > span:nth-of-type(7)', null],
    ['body > main:nth-of-type(1) > article:nth-of-type(1)', 'article'],
  ])('resolvePath(%j)', (path, tag) => {
    expect(resolvePath(live, path)?.localName ?? null).toBe(tag);
  });
});

describe('articleGuard: auto-clean never hides the article or what holds it', () => {
  const live = page(readFile(SAMPLE), 'https://www.themoscowtimes.com/2019/03/30/story').document;
  const result = cleanArticle(live.cloneNode(true) as Document, { window: live.defaultView as Window & typeof globalThis });
  const guard = articleGuard(live, result.articlePath);
  const container = resolvePath(live, result.articlePath)!;

  test('the pipeline names the container that holds every kept paragraph', () => {
    expect(container.className).toBe('article__content');
    const kept = Array.from(live.querySelectorAll('p')).filter((p) => p.textContent!.length > 120 && result.article!.text.includes(p.textContent!.trim().slice(0, 60)));
    expect(kept.length).toBeGreaterThan(5);
    for (const p of kept) expect(container.contains(p)).toBe(true);
  });

  test('guards the container, each of its ancestors, html and body', () => {
    const chain: Element[] = [];
    for (let el: Element | null = container; el; el = el.parentElement) chain.push(el);
    expect(chain.map((e) => e.localName)).toEqual(['div', 'article', 'main', 'body', 'html']);
    for (const el of chain) expect(guard(el)).toBe(true);
    expect(guard(live.head)).toBe(true);
  });

  test('does not guard nags beside or inside the article, nor the article’s own paragraphs', () => {
    for (const entry of result.removed) expect(guard(locateRemoved(live, entry)!), entry.path).toBe(false);
    expect(guard(container.querySelector('p')!)).toBe(false);
  });

  test('filters out whatever an over-eager scan flags that holds the article', () => {
    const d = doc(`<div id="app"><main><article>${PARAS}</article></main></div>${MODAL}`);
    const r = cleanArticle(d.cloneNode(true) as Document, { window: d.defaultView as Window & typeof globalThis });
    const app = d.getElementById('app')!;
    const article = d.querySelector('article')!;
    const g = articleGuard(d, r.articlePath);
    expect(resolvePath(d, r.articlePath)).toBe(article);
    expect([app, article, d.querySelector('main')!].map(g)).toEqual([true, true, true]);
    // A scroll-locked app shell (fixed and covering, as the live probe reports it), and no text
    // limit: the scan flags a block that holds the article; the guard lets none of those through.
    const flagged = scanLive(d.body, { probe: (el) => ({ hidden: false, pos: el === app ? 'cover' : null }), maxText: 100_000 }).map((c) => c.el);
    expect(flagged.some((el) => el.contains(article))).toBe(true);
    expect(flagged.filter((el) => !g(el)).some((el) => el.contains(article))).toBe(false);
    // The modal itself, scanned as a late insertion, is not guarded.
    const modal = d.querySelector('.donate-modal')!;
    expect(scanLive(modal).map((c) => c.el)).toEqual([modal]);
    expect(g(modal)).toBe(false);
  });

  test('without an article only the document structure is guarded', () => {
    const d = doc('<p>Too short.</p><div class="x">y</div>');
    const r = cleanArticle(d.cloneNode(true) as Document, { window: d.defaultView as Window & typeof globalThis });
    expect(r.article).toBeNull();
    expect(r.articlePath).toBeNull();
    const g = articleGuard(d, r.articlePath);
    expect(g(d.body)).toBe(true);
    expect(g(d.querySelector('.x')!)).toBe(false);
  });
});

function pathTo(el: Element): string {
  const steps: string[] = [];
  for (let e: Element | null = el; e && e.localName !== 'body'; e = e.parentElement) {
    let n = 1;
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === e.localName) n++;
    steps.unshift(`${e.localName}:nth-of-type(${n})`);
  }
  return ['body', ...steps].join(' > ');
}

describe('cleanLivePage: auto-clean\'s first pass without DOMPurify', () => {
  /** What the live page uses of a result (and what decides it: text, the retry, the reason). */
  const used = (r: CleanResult) => ({
    removed: r.removed.map((e) => ({ rule: e.rule, category: e.category, reason: e.reason, preview: e.preview, path: e.path, after: e.after })),
    articlePath: r.articlePath ?? null,
    reason: r.reason ?? null,
    retried: r.debug?.retried ?? null,
    text: r.article?.text ?? null,
  });

  test('a player\'s fallback text stays out of the text, as DOMPurify leaves it out', () => {
    const fallback = 'Your browser cannot play this video. '.repeat(12);
    const p = page(`<!DOCTYPE html><html lang="en"><head><title>Council votes budget</title></head><body><main><article><h1>Council votes budget</h1>${PARAS}<video controls src="v.mp4"><p>${fallback}</p></video>${PARAS}</article></main></body></html>`);
    const live = cleanLivePage(p.document, { window: p.window });
    const full = cleanArticle(p.document, { window: p.window });
    expect(full.article?.text).toContain('Paragraph 8 of the report');
    expect(full.article?.text).not.toContain('cannot play');
    expect(live.article?.text).not.toContain('cannot play');
    expect(used(live)).toEqual(used(full));
  });

  test('gives cleanArticle\'s ledger, article container and text on every fixture', () => {
    const dir = path.join(ROOT, 'test', 'fixtures');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const html = readFile(path.join(dir, f));
      const url = /"url"\s*:\s*"([^"]+)"/.exec(html.split('\n', 1)[0])?.[1] ?? 'https://example.org/2024/story';
      const p = page(html, url);
      const full = used(cleanArticle(p.document, { url, window: p.window }));
      const live = used(cleanLivePage(p.document, { url, window: p.window }));
      expect(live, f).toEqual(full);
      p.window.close();
    }
  });
});
