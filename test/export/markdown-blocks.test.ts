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

describe('Markdown figure captions', () => {
  const img = '<img src="https://example.org/quay.jpg" alt="The new quay">';
  const lines = (html: string) => md(html).split('\n\n');

  test('each paragraph of a caption is its own italic line under the image', () => {
    // nj.com: the credit and the caption are two <p>s in the <figcaption>; they ran together as
    // "_Alex Wong | Getty Images Kristi Noem, governor of…_".
    expect(lines(`<figure>${img}<figcaption><p>Alex Wong | Getty Images</p><p>Kristi Noem, governor of South Dakota.</p></figcaption></figure>`))
      .toEqual(['![The new quay](https://example.org/quay.jpg)', '_Alex Wong | Getty Images_', '_Kristi Noem, governor of South Dakota._']);
  });

  test('a caption already in italics stays italic, not bold', () => {
    // `_` around `_Photo: AP_` made `__Photo: AP__`, which Markdown reads as strong emphasis.
    expect(lines(`<figure>${img}<figcaption><em>Photo: AP</em></figcaption></figure>`)).toEqual(['![The new quay](https://example.org/quay.jpg)', '_Photo: AP_']);
    expect(lines(`<figure>${img}<figcaption>The quay, <em>looking north</em></figcaption></figure>`)[1]).toBe('_The quay, _looking north__');
  });

  test('a figure\'s caption and credit written without <figcaption> are captions too, under the image', () => {
    // SB Nation: <span><cite>Photo by …</cite></span> after the picture ran on after the image link;
    // the Los Angeles Times: caption and credit in <p>s were body paragraphs; the BBC: spans around the image.
    expect(lines(`<figure><span><span>${img}</span><span><cite>Photo by Kirk Irwin/Getty Images</cite></span></span></figure>`))
      .toEqual(['![The new quay](https://example.org/quay.jpg)', '_Photo by Kirk Irwin/Getty Images_']);
    expect(lines(`<figure>${img}<div><p>Disney said demand was overwhelming.<br></p><p>(Reed Saxon / Associated Press)</p></div></figure>`))
      .toEqual(['![The new quay](https://example.org/quay.jpg)', '_Disney said demand was overwhelming._', '_(Reed Saxon / Associated Press)_']);
    expect(lines(`<figure><span>${img} <span>Image copyright</span> <span>Getty Images</span></span></figure>`))
      .toEqual(['![The new quay](https://example.org/quay.jpg)', '_Image copyright Getty Images_']);
  });

  test('a credit beside the <figcaption> is a caption line too', () => {
    // Vox: <figcaption> and <cite><a>Berkeley Earth</a></cite> side by side in a span; the credit was a body paragraph.
    expect(lines(`<figure><span>${img}</span><span><figcaption>Air pollution in Delhi remains unhealthy.</figcaption> <cite><a href="https://example.org/be">Berkeley Earth</a></cite></span></figure>`))
      .toEqual(['![The new quay](https://example.org/quay.jpg)', '_Air pollution in Delhi remains unhealthy._', '_[Berkeley Earth](https://example.org/be)_']);
  });

  test('a quote or table in a figure is not made a caption', () => {
    expect(lines('<figure><blockquote><p>We will build it.</p></blockquote><figcaption>The mayor</figcaption></figure>')).toEqual(['> We will build it.', '_The mayor_']);
  });
});

describe('Markdown headings', () => {
  test('a heading with a line break in it stays one heading', () => {
    // An ATX heading is one line: after `## Line one  ` the rest was a paragraph of body text.
    expect(md('<h2>Mayor resigns<br>Council to vote on Friday</h2><p>Body.</p>').split('\n\n')).toEqual(['## Mayor resigns Council to vote on Friday', 'Body.']);
    expect(md('<h3>A <a href="https://example.org/">linked<br>title</a></h3>').split('\n\n')).toEqual(['### A [linked title](https://example.org/)']);
  });
});

describe('Markdown links around blocks', () => {
  // IGN's deals page: <a><output><img></output></a> before each deal's text was written `[`, the image and
  // `](https://…)` run into the next sentence, on three lines: Markdown links hold inline text only.
  test('a linked image in a block of its own is a linked image on a line of its own', () => {
    expect(md('<section><a href="https://example.org/deal"><div><img src="https://example.org/pad.jpg" alt="Controller"></div></a>The price has dropped.</section>').split('\n\n'))
      .toEqual(['[![Controller](https://example.org/pad.jpg)](https://example.org/deal)', 'The price has dropped.']);
  });

  test('a linked card (heading and teaser) links its heading and keeps its teaser', () => {
    expect(md('<a href="https://example.org/story"><h3>Council votes</h3><p>The budget passed.</p></a>').split('\n\n'))
      .toEqual(['### [Council votes](https://example.org/story)', 'The budget passed.']);
    expect(md('<a href="https://example.org/story"><figure><img src="https://example.org/q.jpg" alt="Quay"><figcaption>The quay</figcaption></figure></a>').split('\n\n'))
      .toEqual(['[![Quay](https://example.org/q.jpg)](https://example.org/story)', '_The quay_']);
  });

  test('a line break that ends a link\'s text comes after the link', () => {
    // remember8090.it: `[http://amzn.to/…  ⏎](http://amzn.to/…)` put the link's end on the next line.
    expect(md('<p><a href="https://example.org/a">https://example.org/a<br></a>7) Indiana Jones</p>')).toBe('[https://example.org/a](https://example.org/a)  \n7) Indiana Jones');
  });

  test('a link with nothing to show is left out', () => {
    expect(md('<h2>Deals of the day<a href="https://example.org/tracker"></a></h2>')).toBe('## Deals of the day');
  });
});

describe('Markdown code blocks', () => {
  test('lines a code block draws with <br> or one element per line stay lines', () => {
    // Blog engines and highlighters write code as `line<br>line` or `<div class="line">…</div>`: the
    // fenced block read the text alone, "first linesecond line", which no longer runs.
    expect(md('<pre><code>if (ok) {<br>  run();<br>}</code></pre>')).toBe('```\nif (ok) {\n  run();\n}\n```');
    expect(md('<pre><code class="language-py"><div class="line">def f(x):</div><div class="line">    return x</div></code></pre>')).toBe('```py\ndef f(x):\n    return x\n```');
    expect(md('<pre><code>a = 1\nb = 2\n</code></pre>')).toBe('```\na = 1\nb = 2\n```');
  });
});
