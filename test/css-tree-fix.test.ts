// The CLI's workaround for css-tree zero-filling its whole, ever-growing token buffer on every parse
// (src/cli/css-tree-fix.ts): CSS must still be read exactly as before once a page with a large
// stylesheet has grown that buffer — style attributes, stylesheet rules, selectors. The fix is applied
// to the css-tree every jsdom in the process loads; CLI pages build no style sheets (no-stylesheets.ts),
// so the sheets here are a plain jsdom's, as tests and other callers make them.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { page } from './helpers';

const plain = (html: string): Document => new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;

describe('CSS after a page with a large stylesheet (css-tree buffer workaround)', () => {
  test('style attributes, rules and selectors of later pages parse as they do on a fresh parser', () => {
    const read = () => {
      const p = page(
        '<html><head><style>.a { color: rgb(1, 2, 3); } @media (min-width: 10px) { .b > p:not(.c) { margin: 1px 2px } }</style></head>' +
          '<body><p class="a" style="color: red; background: url(&quot;x.png&quot;) no-repeat; font: italic bold 12px/30px Georgia, serif">one</p>' +
          '<div class="b"><p>two</p><p class="c">three</p></div></body></html>',
      );
      const el = p.document.querySelector('p.a') as HTMLElement;
      const sheet = plain(`<style>${p.document.querySelector('style')!.textContent}</style>`).styleSheets[0];
      return {
        style: [el.style.color, el.style.backgroundImage, el.style.backgroundRepeat, el.style.fontFamily, el.style.lineHeight, el.style.cssText],
        rules: Array.from(sheet.cssRules, (r) => r.cssText),
        matched: Array.from(p.document.querySelectorAll('.b > p:not(.c), p[style*="italic"]'), (n) => n.textContent),
      };
    };
    const fresh = read();
    // Grow css-tree's buffers: a stylesheet of ~1 MB, then the same small page again.
    const big = Array.from({ length: 40_000 }, (_, i) => `.r${i} > span:hover { color: #${(i % 4096).toString(16).padStart(3, '0')} }`).join('\n');
    const bigPage = plain(`<html><head><style>${big}</style></head><body><p style="color: blue">x</p></body></html>`);
    expect(bigPage.styleSheets[0].cssRules.length).toBe(40_000);
    const after = read();
    expect(after).toEqual(fresh);
    expect(fresh.style[0]).toBe('red');
    expect(fresh.rules).toHaveLength(2);
    expect(fresh.matched).toEqual(['one', 'two']);
  });
});
