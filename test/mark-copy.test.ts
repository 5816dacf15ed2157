// The content script marks the core's private copy from the live page (src/content/mark.ts). That copy
// leaves out every <script> and flattens what lies deeper than MAX_READ_DEPTH (core/dom.ts), so the
// walk that pairs live elements with copied ones must step over live scripts and stop at that depth —
// otherwise a hidden block after a script is paired with the wrong element and its mark lands on a
// paragraph of the article.
import { describe, expect, test } from 'vitest';
import { cloneForReading, MAX_READ_DEPTH, shapeOf } from '../src/core/dom';
import { HIDDEN_ATTR, markCopy } from '../src/content/mark';
import { page } from './helpers';

describe('markCopy on the core\'s reading copy', () => {
  test('a hidden block between scripts is marked, and nothing else', () => {
    const p = page('<!DOCTYPE html><html><body><p id="a">First</p><script>var a = 1;</script><div id="nag" style="display:none">Hidden nag</div><script type="application/ld+json">{}</script><p id="b">Second</p></body></html>');
    const { doc: copy } = cloneForReading(p.document);
    expect(copy.getElementsByTagName('script').length).toBe(0);
    markCopy(p.document, copy, p.window);
    expect(Array.from(copy.querySelectorAll(`[${HIDDEN_ATTR}]`)).map((e) => e.id)).toEqual(['nag']);
  });

  test('a full clone (the live cleaner\'s) keeps its scripts in step', () => {
    const p = page('<!DOCTYPE html><html><body><p id="a">First</p><script>var a = 1;</script><div id="nag" style="display:none">Hidden nag</div><p id="b">Second</p></body></html>');
    const copy = p.document.cloneNode(true) as Document;
    markCopy(p.document, copy, p.window);
    expect(Array.from(copy.querySelectorAll(`[${HIDDEN_ATTR}]`)).map((e) => e.id)).toEqual(['nag']);
  });

  test('a page nested past MAX_READ_DEPTH: marks above the depth land on the right elements, none below it', () => {
    const deep = `${'<div>'.repeat(MAX_READ_DEPTH + 20)}<p id="deep">Deep text</p><span style="display:none">deep hidden</span>${'</div>'.repeat(MAX_READ_DEPTH + 20)}`;
    const p = page(`<!DOCTYPE html><html><body><div id="nag" style="display:none">Hidden nag</div>${deep}<p id="last">Last</p></body></html>`);
    const { doc: copy, flattened } = cloneForReading(p.document);
    expect(flattened).toBeGreaterThan(0);
    markCopy(p.document, copy, p.window);
    expect(Array.from(copy.querySelectorAll(`[${HIDDEN_ATTR}]`)).map((e) => e.id || e.localName)).toEqual(['nag']);
  });
});

describe('shapeOf: one walk for the size limit, the depth check, the scripts to leave out and the metadata elements', () => {
  const cases: [string, string][] = [
    ['a plain page', '<!DOCTYPE html><html><head><title>t</title><meta name="a" content="b"></head><body><p>One</p><div><p>Two <b>b</b></p></div></body></html>'],
    ['a form that clobbers its DOM properties', '<!DOCTYPE html><html><body><form><input name="firstElementChild"><input name="nextElementSibling"><input name="parentElement"><input name="localName"><script>1</script></form><p>After</p></body></html>'],
    ['scripts of every kind, MathJax sources kept', '<!DOCTYPE html><html><body><script>1</script><p>x<script type="math/tex">x^2</script></p><svg><script>2</script></svg><template><script>3</script></template></body></html>'],
    ['an empty body', '<!DOCTYPE html><html><head></head><body></body></html>'],
    ['metadata in head and body', '<!DOCTYPE html><html><head><meta property="og:title" content="A"><link rel="canonical" href="/a"><script type="application/ld+json">{}</script><script>1</script></head><body><div itemscope><meta itemprop="datePublished" content="2024-01-01"></div><link rel="author" href="/me"><script type=" Application/LD+JSON ">{}</script></body></html>'],
    ['no body at all', '<html><head><title>t</title><meta name="a" content="b"></head><frameset><frame src="a"></frameset></html>'],
    ['nested past the limit', `<!DOCTYPE html><html><body>${'<div>'.repeat(MAX_READ_DEPTH + 3)}x${'</div>'.repeat(MAX_READ_DEPTH + 3)}<p>after</p></body></html>`],
  ];
  test.each(cases)('%s: counts and lists what getElementsByTagName would', (_name, html) => {
    const { document } = page(html);
    const shape = shapeOf(document);
    expect(shape.elements).toBe(document.getElementsByTagName('*').length);
    expect(shape.scripts).toEqual(Array.from(document.body.getElementsByTagName('script')).filter((s) => !/^math\//i.test(s.getAttribute('type') ?? '')));
    expect(shape.deep).toBe(_name === 'nested past the limit');
    expect(shape.metas).toEqual(Array.from(document.getElementsByTagName('meta')));
    expect(shape.links).toEqual(Array.from(document.getElementsByTagName('link')));
    expect(shape.jsonLd).toEqual(Array.from(document.getElementsByTagName('script')).filter((s) => s.getAttribute('type')?.trim().toLowerCase() === 'application/ld+json'));
  });
});
