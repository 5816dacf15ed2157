/**
 * fast-check generators of hostile pages, for the pipeline's property tests: random trees of real
 * and odd elements (SVG and MathML mixes, forms in forms, broken tables, templates, shadow hosts,
 * custom elements), nag-like markup and wording in random places, script-bearing attributes, entity
 * soup and odd Unicode, around an article of plain prose (so Readability has something to find and
 * the rule families have something to judge).
 *
 * A tree is a plain {@link Spec}. It becomes a page two ways: built node by node with the DOM API
 * ({@link buildPage}: shapes no parser makes, like a form inside a form or a <tr> in a <p>), or written
 * as HTML text with breakage (unclosed and stray tags, unquoted attributes, a cut mid-tag) and parsed
 * the way the CLI parses ({@link writePage}).
 */
import fc from 'fast-check';

export type Ns = 'html' | 'svg' | 'math';
export type Spec =
  | { kind: 'text'; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'el'; tag: string; ns: Ns; attrs: [string, string][]; children: Spec[]; shadow?: Spec[] };

const NS_URI: Record<Ns, string> = {
  html: 'http://www.w3.org/1999/xhtml',
  svg: 'http://www.w3.org/2000/svg',
  math: 'http://www.w3.org/1998/Math/MathML',
};

const PROSE = [
  'The council of the small harbour town met on Tuesday evening to decide whether to build a new sea wall along the eastern quay.',
  'Engineers told the meeting that the old stone wall has shifted by almost forty centimetres since the last survey was carried out.',
  'Fishing families said the wall would protect their livelihoods, while shop owners worried about the cost and months of building work.',
  'The mayor said the town would apply for a regional grant that could cover most of the cost of the construction.',
  'A final decision on the design is expected in the autumn, once the engineers have finished their study of the currents.',
];

/** Nag wording in the six languages the rules cover, and words that look like markup or URLs. */
const NAG_TEXT = [
  'Support us', 'Donate now', 'Subscribe to our newsletter', 'Sign up', 'We use cookies', 'Accept all', 'Advertisement',
  'Read more', 'Related stories', 'Share this article', 'Follow us', 'Comments', 'Subscribe for $1', 'Already a subscriber? Log in',
  'Поддержите нас', 'Подпишитесь на рассылку', 'Jetzt spenden', 'Newsletter abonnieren', 'Faites un don', 'Abonnez-vous',
  'Dona ahora', 'Suscríbete', 'Sostienici', 'Iscriviti alla newsletter', '$5 $10 $25 Monthly Once',
];
const ODD_TEXT = [
  '', ' ', '\u00a0', '\u200b\u200b', '\u202e evil \u202c', '\u0000', '\ud800', '\ufeff', 'x'.repeat(3000), '<script>alert(1)</script>',
  '&lt;img src=x onerror=alert(1)&gt;', 'javascript:alert(1)', ']]>', '--!>', '</p></div></body>', '${7*7}{{7*7}}', 'a\r\nb\rc',
];

const HTML_TAGS = [
  // article-ish
  'p', 'p', 'p', 'div', 'div', 'div', 'span', 'a', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'ul', 'ol', 'li', 'figure',
  'figcaption', 'img', 'picture', 'source', 'blockquote', 'pre', 'code', 'em', 'strong', 'br', 'hr', 'table', 'tbody', 'thead',
  'tr', 'td', 'th', 'caption', 'dl', 'dt', 'dd', 'details', 'summary', 'time', 'sup', 'sub',
  // nag-ish and interactive
  'aside', 'nav', 'header', 'footer', 'dialog', 'form', 'form', 'input', 'button', 'select', 'option', 'textarea', 'label',
  'fieldset', 'ins', 'iframe',
  // dangerous or odd
  'script', 'style', 'noscript', 'template', 'object', 'embed', 'base', 'meta', 'link', 'video', 'audio', 'canvas', 'slot',
  'xmp', 'listing', 'marquee', 'frameset', 'frame', 'x-widget', 'my-paywall', 'svg', 'math',
];
const SVG_TAGS = ['svg', 'g', 'a', 'use', 'image', 'text', 'foreignObject', 'desc', 'title', 'style', 'script', 'animate', 'set', 'feImage', 'path'];
const MATH_TAGS = ['math', 'mi', 'mo', 'mn', 'mtext', 'mrow', 'mglyph', 'malignmark', 'annotation-xml', 'semantics', 'annotation', 'mstyle', 'mtable'];
/** Elements that may host a shadow root (DOM standard). */
const SHADOW_HOSTS = new Set(['div', 'span', 'article', 'section', 'aside', 'main', 'nav', 'header', 'footer', 'p', 'blockquote', 'x-widget', 'my-paywall', 'h1', 'h2', 'h3']);

const NAG_TOKENS = [
  'donate', 'donation', 'contribute-banner', 'newsletter', 'signup', 'subscribe', 'paywall', 'piano-offer', 'tp-modal', 'cookie-banner',
  'onetrust-banner-sdk', 'gdpr', 'ad-slot', 'advert', 'adsbygoogle', 'dfp-ad', 'taboola', 'outbrain', 'OUTBRAIN', 'related-posts',
  'read-more', 'share-bar', 'social-share', 'comments', 'disqus_thread', 'modal', 'overlay', 'backdrop', 'sticky', 'popup',
  'article-body', 'story', 'content', 'entry-content', 'language-python', 'lang-js',
];

const attrValue = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NAG_TOKENS) },
  { weight: 2, arbitrary: fc.constantFrom('javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>', 'data:image/png;base64,iVBORw0KGgo=', '/donate', 'https://news.example/story', '#fn1', '//evil.example/x.js', 'x" onerror="alert(1)') },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('display:none', 'position:fixed;z-index:99999;top:0', 'visibility:hidden', 'background:url(https://evil.example/x)', 'overflow:hidden') },
);

/** Attribute names, valid for setAttribute (so both builders can use them). */
const attrName = fc.constantFrom(
  'class', 'class', 'class', 'id', 'id', 'style', 'hidden', 'aria-hidden', 'role', 'href', 'src', 'srcset', 'alt', 'title', 'name',
  'onerror', 'onclick', 'onload', 'onmouseover', 'formaction', 'action', 'srcdoc', 'data-x', 'data-ad-slot', 'xlink:href', 'is',
  'rel', 'target', 'tabindex', 'contenteditable', 'lang', 'dir', 'open', 'type', 'value', 'colspan', 'rowspan', 'shadowrootmode',
);
const roleValue = fc.constantFrom('dialog', 'alertdialog', 'banner', 'complementary', 'region', 'article', 'main', 'button', 'presentation');

const attrs = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.tuple(attrName, attrValue) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('role'), roleValue) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('aria-hidden'), fc.constant('true')) },
  ),
  { maxLength: 4 },
);

const text: fc.Arbitrary<Spec> = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PROSE) },
    { weight: 3, arbitrary: fc.constantFrom(...NAG_TEXT) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_TEXT) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  )
  .map((t) => ({ kind: 'text' as const, text: t }));

const comment: fc.Arbitrary<Spec> = fc.constantFrom('', ' ad slot ', '[if IE]><script>alert(1)</script><![endif]', '--><img src=x onerror=alert(1)>').map((t) => ({ kind: 'comment' as const, text: t }));

/** A random tree at most `depth` levels deep. */
export const tree = fc.letrec<{ node: Spec; children: Spec[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: text },
    { weight: 1, arbitrary: comment },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...HTML_TAGS), attrs, tie('children'), fc.option(tie('children'), { freq: 8 })).map(([tag, a, children, shadow]) => ({ kind: 'el' as const, tag, ns: (tag === 'svg' ? 'svg' : tag === 'math' ? 'math' : 'html') as Ns, attrs: a, children, ...(shadow && SHADOW_HOSTS.has(tag) ? { shadow } : {}) })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SVG_TAGS), attrs, tie('children')).map(([tag, a, children]) => ({ kind: 'el' as const, tag, ns: 'svg' as Ns, attrs: a, children })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...MATH_TAGS), attrs, tie('children')).map(([tag, a, children]) => ({ kind: 'el' as const, tag, ns: 'math' as Ns, attrs: a, children })) },
  ),
  children: fc.array(tie('node'), { maxLength: 5, depthIdentifier: 'tree' }),
})).node;

/** A page: random trees before, inside (between the article's paragraphs) and after an article. */
export interface PageSpec {
  before: Spec[];
  inside: Spec[][];
  after: Spec[];
  /** Wrap the article in an <article> (else a bare <div>), and give it a title. */
  articleTag: boolean;
}

export const page: fc.Arbitrary<PageSpec> = fc.record({
  before: fc.array(tree, { maxLength: 4 }),
  inside: fc.array(fc.array(tree, { maxLength: 2 }), { minLength: PROSE.length + 1, maxLength: PROSE.length + 1 }),
  after: fc.array(tree, { maxLength: 4 }),
  articleTag: fc.boolean(),
});

function paragraph(i: number): Spec {
  return { kind: 'el', tag: 'p', ns: 'html', attrs: [], children: [{ kind: 'text', text: `${PROSE[i]} ${PROSE[(i + 2) % PROSE.length]}` }] };
}

/** The page as one tree under <body>. */
export function pageTree(p: PageSpec): Spec[] {
  const article: Spec[] = [{ kind: 'el', tag: 'h1', ns: 'html', attrs: [], children: [{ kind: 'text', text: 'Harbour town votes on a new sea wall' }] }];
  p.inside.forEach((extra, i) => {
    article.push(...extra);
    if (i < PROSE.length) article.push(paragraph(i));
  });
  return [...p.before, { kind: 'el', tag: p.articleTag ? 'article' : 'div', ns: 'html', attrs: [], children: article }, ...p.after];
}

function setAttr(el: Element, name: string, value: string): void {
  try {
    if (name === 'xlink:href') el.setAttributeNS('http://www.w3.org/1999/xlink', name, value);
    else el.setAttribute(name, value);
  } catch {
    // an attribute this element refuses is simply absent
  }
}

/** Build specs under `parent` with the DOM API, iteratively (deep specs cannot overflow the stack). */
export function buildInto(parent: Node, specs: readonly Spec[]): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  const work: [Node, Spec][] = specs.map((s) => [parent, s] as [Node, Spec]).reverse();
  while (work.length) {
    const [host, spec] = work.pop()!;
    if (spec.kind === 'text') host.appendChild(doc.createTextNode(spec.text));
    else if (spec.kind === 'comment') host.appendChild(doc.createComment(spec.text));
    else {
      let el: Element;
      try {
        el = doc.createElementNS(NS_URI[spec.ns], spec.tag);
      } catch {
        continue;
      }
      for (const [k, v] of spec.attrs) setAttr(el, k, v);
      host.appendChild(el);
      if (spec.shadow) {
        try {
          const root = (el as HTMLElement).attachShadow({ mode: 'open' });
          for (const s of [...spec.shadow].reverse()) work.push([root, s]);
        } catch {
          // not a valid shadow host
        }
      }
      for (const s of [...spec.children].reverse()) work.push([el, s]);
    }
  }
}

/** A document built with the DOM API from a page spec. */
export function buildPage(doc: Document, p: PageSpec): void {
  doc.title = 'Harbour town votes on a new sea wall';
  buildInto(doc.body, pageTree(p));
}

const escapeText = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Breakage applied when a page is written as text. */
export interface Breakage {
  /** Leave some end tags out (by position in the walk). */
  dropEndTags: number[];
  /** Write some attribute values without quotes. */
  unquoted: boolean;
  /** Cut the text at this fraction of its length (1 = no cut): a page truncated mid-tag. */
  cutAt: number;
  /** Stray markup inserted at the start of the body. */
  stray: string;
}

export const breakage: fc.Arbitrary<Breakage> = fc.record({
  dropEndTags: fc.array(fc.nat({ max: 60 }), { maxLength: 6 }),
  unquoted: fc.boolean(),
  cutAt: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.double({ min: 0.5, max: 1, noNaN: true }) }),
  stray: fc.constantFrom('', '</div></table>', '<table><div>', '<tr><td>', '<form><form>', '&amp&lt;&#0;&#x110000;&#xD800;&nosuchentity;', '<![CDATA[ x ]]>', '<!-- unclosed', '<p><table><p>', '<select><option><div>'),
});

/** Write a page spec as HTML text with breakage. */
export function writePage(p: PageSpec, b: Breakage): string {
  const out: string[] = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour town votes on a new sea wall</title></head><body>', b.stray];
  let count = 0;
  const work: (Spec | string)[] = [...pageTree(p)].reverse();
  while (work.length) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      if (!b.dropEndTags.includes(count++)) out.push(item);
      continue;
    }
    if (item.kind === 'text') out.push(escapeText(item.text));
    else if (item.kind === 'comment') out.push(`<!--${item.text}-->`);
    else {
      const a = item.attrs.map(([k, v]) => (b.unquoted && !/[\s"'>=`<]/.test(v) && v ? ` ${k}=${v}` : ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)).join('');
      out.push(`<${item.tag}${a}>`);
      work.push(`</${item.tag}>`);
      for (const c of [...item.children].reverse()) work.push(c);
    }
  }
  out.push('</body></html>');
  const html = out.join('');
  return b.cutAt < 1 ? html.slice(0, Math.floor(html.length * b.cutAt)) : html;
}
