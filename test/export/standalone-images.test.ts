// The standalone HTML export is opened from disk, where a relative image source would resolve to a
// file: URL (the script-injection suite in Chromium found `<img src="#">` loading the exported file
// itself). Its images are absolute http(s) or data:image, or have no source at all.
import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { convert } from '../../src/cli/convert';

const PROSE = 'The council of the small harbour town met on Tuesday evening to decide whether to build a new sea wall along the eastern quay, after two winters of storms flooded the fish market.';
const IMAGES = '<img src="#" alt="a" width="400" height="300"><img src="/img/quay.jpg" alt="c" width="400" height="300"><img src="data:image/png;base64,iVBORw0KGgo=" alt="e" width="400" height="300">';
const page = `<!DOCTYPE html><html><head><title>Sea wall</title></head><body><article><h1>Sea wall</h1><p>${PROSE}</p><p>${PROSE} ${IMAGES}</p><p>${PROSE}</p></article></body></html>`;

describe('standalone HTML export: image sources', () => {
  test.each([['with the page address', 'https://news.example/2024/sea-wall'], ['without one', undefined]])('%s: nothing resolves to the file itself or the disk', (_what, url) => {
    const c = convert({ bytes: new TextEncoder().encode(page), url });
    const out = new JSDOM(c.render('html')).window.document;
    c.close();
    const imgs = Array.from(out.querySelectorAll('article img')).map((i) => [i.getAttribute('alt'), i.getAttribute('src')]);
    expect(imgs).toEqual([
      ['a', null],
      ['c', url ? 'https://news.example/img/quay.jpg' : null],
      ['e', 'data:image/png;base64,iVBORw0KGgo='],
    ]);
  });
});
