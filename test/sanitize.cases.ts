/**
 * Sanitiser cases (STYLE.md §5): `{title, input, expected}` for src/core/html.ts, each naming the gap it
 * closes. `expected` is what sanitizeHtml() returns; parseSanitized() must serialise to the same.
 */
export interface SanitizeCase {
  title: string;
  input: string;
  expected: string;
}

export const SANITIZE_CASES: readonly SanitizeCase[] = [
  {
    title: 'a frameset document leaves nothing, and does not crash the views (DOMPurify fixture 088, H5SC 31, OWASP L572)',
    input: '<frameset onload=alert(1)><frame src="javascript:alert(2)"></frameset>',
    expected: '',
  },
  {
    title: 'a frameset after text is ignored by the body-context parse',
    input: 'Before<frameset onpageshow="alert(1)"><body onpageshow="alert(1)">after',
    expected: 'Beforeafter',
  },
  {
    title: 'an image source that is an HTML document is dropped (DOMPurify allows any data: on <img>)',
    input: '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" alt="x">',
    expected: '<img alt="x" referrerpolicy="no-referrer" decoding="async">',
  },
  {
    title: 'an inline data:image is kept',
    input: '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
    expected: '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot" referrerpolicy="no-referrer" decoding="async">',
  },
  {
    title: 'a srcset with one script candidate is dropped whole',
    input: '<img src="/a.jpg" srcset="a.jpg 1x, JaVaScRiPt:alert(1) 2x">',
    expected: '<img src="/a.jpg" referrerpolicy="no-referrer" decoding="async">',
  },
  {
    title: 'a srcset of image URLs is kept',
    input: '<img src="/a.jpg" srcset="/a.jpg 1x, https://cdn.example/a@2x.jpg 2x" alt="">',
    expected: '<img src="/a.jpg" srcset="/a.jpg 1x, https://cdn.example/a@2x.jpg 2x" alt="" referrerpolicy="no-referrer" decoding="async">',
  },
  {
    title: 'a <source> in <picture> keeps its srcset and loses a media src',
    input: '<picture><source srcset="a.webp" src="movie.mp4" type="image/webp"><img src="a.jpg" alt=""></picture>',
    expected: '<picture><source srcset="a.webp" type="image/webp" referrerpolicy="no-referrer"><img src="a.jpg" alt="" referrerpolicy="no-referrer" decoding="async"></picture>',
  },
  {
    title: 'a <source> outside <picture> loads nothing (DOMPurify fixture 010)',
    input: '<source src="data:,012" srcset="y.jpg"><video src="data:,789"></video>',
    expected: '<source>',
  },
  {
    title: 'only images carry image sources (found by the property tests: <p src>, <span srcset>)',
    input: '<p src="donate" srcset="a.jpg 1x">Text</p><span sizes="10px">x</span>',
    expected: '<p>Text</p><span>x</span>',
  },
  {
    title: 'an element with a customized built-in name keeps its text in every view (found by the property tests)',
    input: '<p is="x-donate" id="a">Text</p>',
    expected: '<p is="" id="user-content-a">Text</p>',
  },
  {
    title: 'markup that re-parses differently is settled to its stable form (DOMPurify fixture 210, mutation XSS)',
    input: '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=\'alert(1)\'>"></style></h1>',
    expected: '<math><mtext><h1><a></a></h1><h6><a></a></h6></mtext></math>',
  },
  {
    title: 'ids are prefixed and in-page links follow them (no DOM clobbering of the views)',
    input: '<p id="fn1">Note <a href="#fn1">back</a></p>',
    expected: '<p id="user-content-fn1">Note <a href="#user-content-fn1" rel="noopener noreferrer">back</a></p>',
  },
];
