// Pages parsed for the command line build no CSSOM from their <style> blocks (src/cli/no-stylesheets.ts):
// nothing in Node reads it, and building it was an eighth of a batch worker's CPU. What a reader of the
// CLI's output sees must not change: inline styles still hide what they hide, the <style> elements keep
// their text, and a stylesheet jsdom cannot parse no longer costs the page a warning. Every other
// jsdom document in the process still gets its style sheets.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { clean, page } from './helpers';

const PROSE = 'The council met on Tuesday evening to discuss the new cycle lanes on the high street, which residents say have changed the way they shop, walk and meet their neighbours.';

describe('CLI pages without style sheets', () => {
  test('no sheet is built, the <style> text stays, inline styles are still read', () => {
    const p = page(`<html><head><style>p { color: red } .gone { display: none }</style></head><body><p id="a" style="display: none; color: blue">hidden</p><style>b { color: green }</style></body></html>`);
    expect(p.document.styleSheets.length).toBe(0);
    expect(Array.from(p.document.querySelectorAll('style'), (s) => s.textContent)).toEqual(['p { color: red } .gone { display: none }', 'b { color: green }']);
    const el = p.document.getElementById('a') as HTMLElement;
    expect([el.style.display, el.style.color]).toEqual(['none', 'blue']);
    // A <style> added later to the same page builds no sheet either.
    const s = p.document.createElement('style');
    s.textContent = 'i { color: red }';
    p.document.head.append(s);
    expect(p.document.styleSheets.length).toBe(0);
  });

  test('a paragraph hidden by its inline style stays out of the article', () => {
    const body = Array.from({ length: 6 }, (_, i) => `<p>${i}: ${PROSE}</p>`).join('');
    const r = clean(`<html><head><title>Lanes</title><style>.x { color: red }</style></head><body><article><h1>Lanes</h1>${body}<p style="display:none">Hidden teaser that the reader never sees.</p></article></body></html>`);
    expect(r.article?.text).toContain('5: The council met');
    expect(r.article?.text).not.toContain('Hidden teaser');
  });

  test('a stylesheet jsdom cannot parse (a SASS variable left in calc) no longer costs a warning or the styles', () => {
    // From a corpus page (scrapinghub f5c90a6d…): jsdom's CSS parser throws '")" is expected' on it.
    const css = '@media (min-width:64em){.gallery .slides{min-height:calc(($container-max-width - $secondary-max-width - 16px) / 16 * 9)}}';
    expect(() => new JSDOM(`<style>${css}</style>`, { virtualConsole: new VirtualConsole() })).toThrow();
    const body = Array.from({ length: 6 }, (_, i) => `<p>${i}: ${PROSE}</p>`).join('');
    const p = page(`<html><head><title>Lanes</title><style>${css}</style></head><body><article><h1>Lanes</h1>${body}</article></body></html>`);
    expect(p.warnings).toEqual([]);
    expect(p.document.querySelector('style')?.textContent).toBe(css);
  });

  test('other jsdom documents in the same process still build their sheets and compute style', () => {
    page('<html><head><style>p { color: red }</style></head><body><p>x</p></body></html>');
    const d = new JSDOM('<style>p { color: rgb(1, 2, 3) }</style><p>x</p>', { virtualConsole: new VirtualConsole() });
    expect(d.window.document.styleSheets.length).toBe(1);
    expect(d.window.getComputedStyle(d.window.document.querySelector('p')!).color).toBe('rgb(1, 2, 3)');
  });
});
