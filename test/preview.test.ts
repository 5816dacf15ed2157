// Ledger previews (CONTRACT §2: the first 160 characters of the block's text) read as a browser shows
// the block: words of neighbouring blocks, buttons, tabs and cells apart, words inside a line together.
import { describe, expect, test } from 'vitest';
import { previewOf } from '../src/core/dom';
import { readablePreview } from '../src/views/ledger-view';
import { clean, page, readFile, SAMPLE } from './helpers';

const el = (html: string): Element => page(`<!DOCTYPE html><html><body>${html}</body></html>`).document.body.firstElementChild!;

describe('previewOf', () => {
  test('the sample page’s amount picker reads "Once Monthly Annual", not "OnceMonthlyAnnual"', () => {
    const form = page(readFile(SAMPLE)).document.querySelector('.contribute-widget')!;
    expect(previewOf(form)).toBe('Once Monthly Annual $2 $5 $10 Continue Not ready to support today? Remind me later.');
  });

  test('element boundaries of blocks, controls and boxes a role makes a control or a cell are spaced', () => {
    expect(previewOf(el('<div><p>First line.</p>Loose text<h3>Heading</h3>after</div>'))).toBe('First line. Loose text Heading after');
    expect(previewOf(el('<div><button>Yes</button><button>No</button><a href="/a">Later</a></div>'))).toBe('Yes No Later');
    expect(previewOf(el('<div role="tablist"><span role="tab">Once</span><span role="tab">Monthly</span></div>'))).toBe('Once Monthly');
    expect(previewOf(el('<ul><li>One</li><li>Two</li></ul>'))).toBe('One Two');
    expect(previewOf(el('<table><tr><td>$5</td><td>$10</td></tr></table>'))).toBe('$5 $10');
    expect(previewOf(el('<div><label><input type="radio">Monthly</label><label><input type="radio">Annual</label></div>'))).toBe('Monthly Annual');
  });

  test('a NUL a script put in a text node is no text (a parser drops it, so a ledger entry made of it would not re-sanitise to itself)', () => {
    const box = el('<div><p>x</p></div>');
    box.firstElementChild!.textContent = '\u0000';
    expect(previewOf(box)).toBe('');
    box.firstElementChild!.textContent = 'Give\u0000now';
    expect(previewOf(box)).toBe('Give now');
  });

  test('inline markup inside a word or a line stays together; script and style text is no text', () => {
    expect(previewOf(el('<p><b>S</b>upport <em>our</em> work<span>,</span> please.</p>'))).toBe('Support our work, please.');
    expect(previewOf(el('<div>Give<script>var x = 1;</script><style>p{}</style> now</div>'))).toBe('Give now');
  });

  test('the ledger of a page carries such previews', () => {
    const r = clean('<!DOCTYPE html><html><body><main><article><h1>Budget passes</h1>' + '<p>The council voted on Tuesday to pass the budget for the coming year after a long debate about the bridge and the harbour.</p>'.repeat(6) + '<aside class="donate-box"><h3>Support us</h3><div class="tabs"><span role="tab">Once</span><span role="tab">Monthly</span></div><a href="/donate">Donate</a></aside></article></main></body></html>');
    expect(r.removed.map((e) => e.preview)).toContain('Support us Once Monthly Donate');
  });
});

describe('the popup’s line for a removed block', () => {
  test('a modal’s preview reads without the close button’s glyph it starts with', () => {
    const r = clean(readFile(SAMPLE));
    const modal = r.removed.find((e) => e.preview.includes('Enjoying ad-free content?'))!;
    expect(modal.preview).toMatch(/^× Enjoying/); // the block's text, as the ledger records it
    expect(readablePreview(modal.preview)).toMatch(/^Enjoying ad-free content\? Since July 1, 2024/);
    expect(readablePreview('✕ Before you go: can you chip in?')).toBe('Before you go: can you chip in?');
    expect(readablePreview('X marks the spot')).toBe('X marks the spot');
    expect(readablePreview('×')).toBe('');
  });
});
