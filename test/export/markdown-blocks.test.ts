// Tables and figure captions in the Markdown export, read as a researcher reads them: rows in the
// order the page shows them, every caption paragraph under its image on its own line.
import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { htmlToMarkdown } from '../../src/export/markdown';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');
const md = (html: string) => htmlToMarkdown(html, window.document, window as unknown as Window & typeof globalThis);

describe('Markdown tables', () => {
  // A <tfoot> may come before the <tbody> in the source (HTML 4 required it; SB Nation's stat tables
  // still do); browsers draw it last. The Markdown wrote its rows first, under the header.
  test('footer rows come after the body rows, as the page shows them', () => {
    const out = md(`<table><thead><tr><th>Player</th><th>Snaps</th></tr></thead>
      <tfoot><tr><td>Total</td><td>137</td></tr></tfoot>
      <tbody><tr><td>Ogunjobi</td><td>63</td></tr><tr><td>Garrett</td><td>74</td></tr></tbody></table>`);
    expect(out.split('\n').map((l) => l.replace(/\s+/g, ' '))).toEqual(['| Player | Snaps |', '| --- | --- |', '| Ogunjobi | 63 |', '| Garrett | 74 |', '| Total | 137 |']);
  });

  test('a footer that repeats the header is not read as a last data row', () => {
    const out = md(`<table><thead><tr><th>Pos</th><th>Player</th></tr></thead>
      <tfoot><tr><th>Pos</th><th>Player</th></tr></tfoot>
      <tbody><tr><td>DL</td><td>Myles Garrett</td></tr></tbody></table>`);
    expect(out.split('\n').map((l) => l.replace(/\s+/g, ' '))).toEqual(['| Pos | Player |', '| --- | --- |', '| DL | Myles Garrett |']);
  });
});
