// Structure readers see on the page, kept through the pipeline (issue 3, "Structure fidelity"), and
// the coverage guard. One small page per structure in test/fixtures/structure/, each modelled on the
// markup its first comment names; each test asserts what a reader of the article view, the text
// export or the Markdown export would notice.
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { clean, ROOT } from './helpers';
import { fixtureHeader } from './fixture-lib';
import { htmlToMarkdown } from '../src/export/markdown';

const DIR = path.join(ROOT, 'test', 'fixtures', 'structure');

function run(name: string) {
  const html = fs.readFileSync(path.join(DIR, `${name}.html`), 'utf8');
  const { url } = fixtureHeader(html, name);
  const r = clean(html, {}, url);
  expect(r.article, `${name}: no article (${r.reason})`).not.toBeNull();
  const a = r.article!;
  const view = JSDOM.fragment(a.contentHtml);
  const md = htmlToMarkdown(a.contentHtml, r.page.document, r.page.window);
  return { r, a, view, md };
}

const texts = (root: ParentNode, sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('structure', () => {
  test('every structure fixture is a small page with a url header', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const f of files) {
      const html = fs.readFileSync(path.join(DIR, f), 'utf8');
      expect(() => fixtureHeader(html, f)).not.toThrow();
      expect(Buffer.byteLength(html)).toBeLessThan(16 * 1024);
    }
  });

  test('headings keep their levels, and a heading Readability drops for its class comes back', () => {
    const { view, md, a } = run('headings--wordpress-section-levels');
    const heads = Array.from(view.querySelectorAll('h1,h2,h3,h4,h5,h6')).map((h) => `${h.localName} ${(h.textContent ?? '').trim()}`);
    expect(heads).toEqual([
      'h2 Choosing the site',
      'h3 Shade and wind',
      'h3 Water',
      'h1 What the first winter taught me',
      'h2 Neighbours and the law',
      'h4 A note on swarms',
    ]);
    // In its place: before the paragraph it introduces.
    expect(a.text).toMatch(/Neighbours and the law\n\nMost cities allow hives/);
    expect(md).toMatch(/^# What the first winter taught me$/m);
    expect(md).toMatch(/^#### A note on swarms$/m);
    // The title is shown apart, never repeated as a body heading.
    expect(heads.join('\n')).not.toMatch(/Field notes on urban beekeeping/);
  });

  test('figures keep their images, captions and credits in the view, out of the text', () => {
    const { view, a, md } = run('figures--guardian-captions');
    const figs = Array.from(view.querySelectorAll('figure'));
    expect(figs).toHaveLength(2);
    expect(figs[0].querySelector('img')?.getAttribute('src')).toBe('https://news.example.co.uk/img/bog-800.jpg');
    expect(figs[0].querySelector('source')?.getAttribute('srcset')).toBe('https://news.example.co.uk/img/bog-1200.webp 1200w');
    expect(texts(view, 'figcaption')).toEqual([
      'Pools have returned to a bog in the Flow Country after drains were blocked. Photograph: Ann Reid',
      'A peat dam holds back water in a former drain. Photograph: Flow Country Partnership',
    ]);
    expect(a.text).not.toMatch(/Photograph:|Pools have returned|peat dam holds back/);
    expect(md).toContain('![A peat dam across a drain](https://news.example.co.uk/img/dam.jpg)');
    expect(md).toContain('_A peat dam holds back water in a former drain. Photograph: Flow Country Partnership_');
  });

  test('a credit in its own span of the caption is set apart from it, in the view and the Markdown', () => {
    // The Moscow Times' markup (../shared/nags/mt-heated-bus-shelters.html): two spans the page's CSS puts on two lines.
    const paras = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1}: the glass cabins along the main avenue are heated while people wait inside them for the bus.</p>`).join('');
    const r = clean(
      `<!doctype html><html lang="en"><head><title>Heated shelters</title></head><body><article><h1>Heated shelters</h1>
      <figure class="article__featured-image"><img src="https://example.org/lead.jpg" alt=""><figcaption class=""><span class="article__featured-image__caption">Commuters wait inside one of the new heated shelters on Lenin Avenue.</span><span class="article__featured-image__credits">Press service</span></figcaption></figure>
      ${paras}</article></body></html>`,
    );
    const view = JSDOM.fragment(r.article!.contentHtml);
    expect(texts(view, 'figcaption')).toEqual(['Commuters wait inside one of the new heated shelters on Lenin Avenue. Press service']);
    expect(htmlToMarkdown(r.article!.contentHtml, r.page.document, r.page.window)).toContain('Lenin Avenue. Press service');
    expect(r.article!.text).not.toContain('Press service');
  });

  test('lazy images are promoted (data-src, data-srcset, data-original, <noscript>) and srcset is absolute', () => {
    const { view } = run('lazy-images--wordpress-lazyload');
    const imgs = Array.from(view.querySelectorAll('img')).map((i) => ({ src: i.getAttribute('src'), srcset: i.getAttribute('srcset') }));
    expect(imgs).toEqual([
      {
        src: 'https://travel.example.com/wp-content/uploads/2024/08/vernazza.jpg',
        srcset: 'https://travel.example.com/wp-content/uploads/2024/08/vernazza-640.jpg 640w, https://travel.example.com/wp-content/uploads/2024/08/vernazza-1280.jpg 1280w',
      },
      { src: 'https://cdn.travel.example.com/corniglia.jpg', srcset: null },
      {
        src: 'https://travel.example.com/wp-content/uploads/2024/08/manarola.jpg',
        srcset: 'https://travel.example.com/wp-content/uploads/2024/08/manarola-640.jpg 640w, https://travel.example.com/wp-content/uploads/2024/08/manarola-1280.jpg 1280w',
      },
      { src: 'https://travel.example.com/img/riomaggiore.jpg', srcset: 'https://travel.example.com/img/riomaggiore-640.jpg 640w, https://travel.example.com/img/riomaggiore-1280.jpg 2x' },
    ]);
    // No placeholder left behind.
    expect(view.querySelectorAll('img[src^="data:"], img[src$="grey.gif"], img[src*="blur-"]')).toHaveLength(0);
  });

  test('code blocks keep line breaks, indentation and their language', () => {
    const { view, a, md } = run('code--github-blog-highlight');
    const codes = Array.from(view.querySelectorAll('pre > code'));
    expect(codes.map((c) => c.getAttribute('class'))).toEqual(['language-python', 'language-bash']);
    expect(codes[0].textContent).toContain('def backoff(attempt, base=0.1):\n    cap = min(30, base * 2 ** attempt)\n    return');
    expect(a.text).toContain('for i in 1 2 3 4 5; do\n  curl -fsS https://api.example.com/health && break\n  sleep');
    expect(md).toContain('```python\ndef backoff(attempt, base=0.1):\n    cap = min(30, base * 2 ** attempt)');
    expect(md).toContain('```bash\nfor i in 1 2 3 4 5; do\n  curl');
    expect(md).toContain('The `cap` keeps the wait bounded');
  });

  test('data tables stay whole: caption, header cells, row headers, colspan', () => {
    const { view, md } = run('tables--wikipedia-data-table');
    const table = view.querySelector('table')!;
    expect(table).not.toBeNull();
    expect(table.querySelector('caption')?.textContent).toBe('Tallest active lighthouses');
    expect(texts(table, 'thead th')).toEqual(['Lighthouse', 'Country', 'Height (m)', 'First lit']);
    expect(texts(table, 'tbody th[scope="row"]')).toEqual(['Île Vierge', 'Gorf', 'Phare de Gatteville', 'Lanterna di Genova']);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(5);
    expect(table.querySelector('td[colspan="4"]')?.textContent).toBe('Heights from the national lighthouse services.');
    expect(md).toContain('| Lighthouse | Country | Height (m) | First lit |');
    expect(md).toContain('| Phare de Gatteville | France | 75.0 | 1835 |');
  });

  test('footnotes stay, and references and back-links point at each other', () => {
    const { view, a, md } = run('footnotes--jekyll-kramdown');
    const refs = Array.from(view.querySelectorAll('sup a[href^="#"]'));
    expect(refs).toHaveLength(2);
    for (const ref of refs) {
      const note = view.querySelector(`[id="${ref.getAttribute('href')!.slice(1)}"]`);
      expect(note, `${ref.getAttribute('href')} has no target`).not.toBeNull();
      const back = note!.querySelector('a[href^="#"]')!;
      const sup = view.querySelector(`[id="${back.getAttribute('href')!.slice(1)}"]`);
      expect(sup, `back-link ${back.getAttribute('href')} has no target`).not.toBeNull();
      expect(sup!.contains(ref)).toBe(true);
    }
    expect(a.text).toContain('Sales figures from the agency');
    expect(a.text).not.toContain('↩');
    expect(md).toMatch(/bad at the big picture\.\[\^2\]/);
    expect(md).toMatch(/^\[\^1\]: Sales figures from the agency's annual report/m);
    expect(md).not.toContain('↩');
  });

  test('MathML keeps its TeX, MathJax source becomes maths, fallback images of the same formula go', () => {
    const { view, md, a } = run('math--wikipedia-mathml-tex');
    const maths = Array.from(view.querySelectorAll('math'));
    expect(maths.map((m) => [m.getAttribute('alttext'), m.getAttribute('display')])).toEqual([
      ['m\\ddot{x} = -kx', 'block'],
      ['\\omega = \\sqrt{k/m}', null],
      ['x(t) = A\\cos(\\omega t + \\varphi)', null],
      ['E = \\tfrac{1}{2} m \\dot{x}^2 + \\tfrac{1}{2} k x^2', 'block'],
    ]);
    expect(view.querySelectorAll('img')).toHaveLength(0);
    expect(md).toContain('$$\nm\\ddot{x} = -kx\n$$');
    expect(md).toContain('angular frequency $\\omega = \\sqrt{k/m}$, whatever');
    expect(md).toContain('general solution is $x(t) = A\\cos(\\omega t + \\varphi)$, and');
    expect(md).toContain('$$\nE = \\tfrac{1}{2} m \\dot{x}^2 + \\tfrac{1}{2} k x^2\n$$');
    // Inline maths stays in its sentence in the text export.
    expect(a.text).toMatch(/general solution is x\(t\) = A\\cos\(\\omega t \+ \\varphi\), and the energy/);
  });

  test('Markdown of a page with a table, a code block, a figure and footnotes reads correctly', () => {
    const { md } = run('markdown--blog-mixed-structure');
    expect(md).toContain('kept the median. The differences were larger than the documentation suggests.[^1]');
    expect(md).toContain('| Parser | Median (s) | Peak memory (MB) |\n| --- | --- | --- |\n| stdlib | 4.8 | 1210 |');
    expect(md).toContain('```python\nimport time, statistics\n\ndef bench(parse, path, runs=5):\n    times = []\n    for _ in range(runs):');
    expect(md).toContain('![Bar chart of parse times](https://devnotes.example.io/img/json-bench.png)\n\n_Median parse time per library. Chart: the author_');
    expect(md).toMatch(/^\[\^1\]: Laptop with 16 GB of memory and an SSD; files read from a warm page cache\.$/m);
    expect(md).toMatch(/^\[\^2\]: Peak resident memory as reported by the operating system\.$/m);
    // Order: table before code before figure before notes.
    const at = (s: string) => md.indexOf(s);
    expect(at('| Parser')).toBeLessThan(at('```python'));
    expect(at('```python')).toBeLessThan(at('![Bar chart'));
    expect(at('![Bar chart')).toBeLessThan(at('[^1]:'));
    expect(md).not.toMatch(/↩|fnref|user-content/);
  });

  test('a heading or caption in a div Readability turns into a paragraph stays a block, with no empty paragraphs around it', () => {
    const para = (n: number) => `<p>Paragraph ${n} of the story says what happened at the harbour on Tuesday, who was there, and what the council decided to do about the flooding that followed the storm.</p>`;
    const html = `<!doctype html><html><head><title>Harbour floods</title></head><body><article>
      ${para(1)}${para(2)}
      <div class="subhead"><h2>What the council decided</h2></div>
      ${para(3)}${para(4)}
      <div class="photo"><img src="/harbour.jpg" alt="The harbour"><div class="credit"><figcaption>The harbour on Tuesday.</figcaption></div></div>
      ${para(5)}${para(6)}</article></body></html>`;
    const { article } = clean(html);
    const view = article!.contentHtml;
    expect(view).toContain('What the council decided</h2>');
    expect(view).not.toMatch(/<p[^>]*>\s*<\/p>/);
    expect(view).not.toMatch(/<p[^>]*>\s*<(?:h2|figcaption)/);
    // What is written reads back as itself.
    const box = new JSDOM('').window.document.createElement('div');
    box.innerHTML = view;
    expect(box.innerHTML).toBe(view);
    expect(article!.text).toContain('Paragraph 3 of the story');
    expect(article!.text.split('\n\n')).toContain('What the council decided');
  });
});

describe('coverage guard', () => {
  test('a section Readability drops in the middle of the article is named in a warning', () => {
    const { r, a } = run('coverage--cms-split-sections');
    expect(a.text).not.toContain('Road deaths are now the biggest');
    const w = r.warnings.join('\n');
    expect(w).toMatch(/left out 3 paragraphs of the article \(about \d+% of its text\): “The recovery is not finished/);
    expect(w).toMatch(/left out a section of the article: “New threats on the bank”/);
  });

  test('no warning when the whole article is kept, or when the guard is off', () => {
    for (const name of ['headings--wordpress-section-levels', 'figures--guardian-captions', 'markdown--blog-mixed-structure', 'footnotes--jekyll-kramdown']) {
      expect(run(name).r.warnings, name).toEqual([]);
    }
    const html = fs.readFileSync(path.join(DIR, 'coverage--cms-split-sections.html'), 'utf8');
    expect(clean(html, { coverageGuard: false }, fixtureHeader(html, 'c').url).warnings).toEqual([]);
  });

  test('sidebars, teasers and blocks the rules removed are no loss', () => {
    const body = (extra: string) => `<!doctype html><html lang="en"><head><title>Story</title></head><body><main><article><h1>Story</h1>
      <p>${'The council voted on Tuesday to keep the library open for another year while it looks for a new tenant. '.repeat(2)}</p>
      <p>${'Residents had collected more than four thousand signatures against the closure in only a fortnight. '.repeat(2)}</p>
      <p>${'The decision will be reviewed next spring when the budget for the following year is set by the council. '.repeat(2)}</p>
      </article>${extra}</main></body></html>`;
    const aside = `<aside class="sidebar"><h2>Most read</h2><p>${'A completely different story about the harbour and its new ferry timetable for the summer. '.repeat(2)}</p></aside>`;
    const teasers = `<div class="more-stories"><h3><a href="/2024/other">Another story</a></h3><p>${'A teaser for another story that the reader may want to open after this one. '.repeat(2)}</p></div>`;
    for (const extra of [aside, teasers]) {
      const r = clean(body(extra));
      expect(r.article).not.toBeNull();
      expect(r.warnings.filter((w) => /left out/.test(w))).toEqual([]);
    }
  });
});
