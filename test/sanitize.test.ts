// The sanitising module's contract, case by case (test/sanitize.cases.ts), and the fixed-point rule
// for every string it hands out.
import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { parseSanitized, sanitizeHtml, sanitizeInPlace, sanitizedHtmlBatch } from '../src/core/html';
import { SANITIZE_CASES } from './sanitize.cases';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');
const win = window as unknown as Window & typeof globalThis;
const doc = window.document;

function serialize(fragment: DocumentFragment): string {
  const host = doc.createElement('div');
  host.append(fragment);
  return host.innerHTML;
}

describe('sanitizeHtml and parseSanitized', () => {
  test.each(SANITIZE_CASES.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const out = sanitizeHtml(c.input, win);
    expect(out).toBe(c.expected);
    expect(serialize(parseSanitized(c.input, doc))).toBe(c.expected);
    expect(sanitizeHtml(out, win)).toBe(out);
  });
});

describe('the core’s serialisations are fixed points too', () => {
  const unstable = SANITIZE_CASES.find((c) => c.title.includes('mutation XSS'))!;

  test('sanitizeInPlace replaces markup that would re-parse differently', () => {
    const root = doc.createElement('div');
    root.append(...Array.from(JSDOM.fragment(unstable.input).childNodes));
    sanitizeInPlace(root, win);
    expect(root.innerHTML).toBe(unstable.expected);
    expect(sanitizeHtml(root.innerHTML, win)).toBe(root.innerHTML);
  });

  test('the ledger batch settles the one unstable entry and leaves the others as they are', () => {
    const blocks = ['<div class="appeal"><p>Support us</p><form><button>Give</button></form></div>', unstable.input, '<aside><p id="n">Newsletter</p></aside>'].map((h) => {
      const wrap = doc.createElement('div');
      wrap.append(...Array.from(JSDOM.fragment(h).childNodes));
      return wrap.firstElementChild ?? wrap;
    });
    const htmls = sanitizedHtmlBatch(blocks, win);
    expect(htmls).toEqual([
      '<div><p>Support us</p>Give</div>',
      unstable.expected,
      '<aside><p id="user-content-n">Newsletter</p></aside>',
    ]);
    for (const h of htmls) expect(sanitizeHtml(h, win)).toBe(h);
  });
});
