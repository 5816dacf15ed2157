/**
 * Steps only a shown or exported article needs, run by {@link cleanArticle} and left out of
 * auto-clean's live pass (which shows no article, so its content script stays small):
 * - code blocks: the language named on `<pre lang>`, `data-lang` or a wrapper's class moves to the
 *   `<code>` element's `language-*` class (the one class the sanitiser keeps).
 * - captions: a photo credit in its own element of a `<figcaption>` is set apart from the caption
 *   before it by a space, which the page's stylesheet did with a line break or a margin.
 * It does not change the article's text (text.ts leaves figcaptions out). The view also carries the
 * coverage guard, the fields as shown, and the listing check (listing.ts: a page that only lists
 * other pages is no article), which the live pass does without.
 */
import { LANGUAGE_CLASS } from './structure.data';
import { listOf } from './dom';
import type { Sanitizer } from './pipeline';
import { coverageWarnings } from './coverage';
import { authorsOf, bylineOf, pageDate } from './dateline';
import { citationOf, datesOf, shownFields, shownTitle, siteOf } from './metadata';
import { listingReason } from './listing';

/** Two-letter human-language codes that a `lang` attribute on `<pre>` may carry instead of a programming language. */
const HUMAN_LANG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;
/** Programming languages whose names look like language tags: js, ts, jsx, tsx, go, py, rb, sh, cs, c, r, hs, ml, rs, kt, pl, sql, css, xml, php, lua, vim, bat, ini, yml, diff. */
const SHORT_CODE_LANGS = /^(?:[jt]sx?|go|py|rb|sh|cs|c|r|hs|ml|rs|kt|pl|sql|css|xml|php|lua|vim|bat|ini|yml|diff)$/i;

/** The language a code block's markup names, from the most specific place to the least. */
function codeLanguage(code: Element | null, pre: Element): string | null {
  for (const el of [code, pre]) {
    if (!el) continue;
    const fromClass = LANGUAGE_CLASS.exec(el.getAttribute('class') ?? '')?.[1];
    if (fromClass) return fromClass;
    const data = el.getAttribute('data-lang') ?? el.getAttribute('data-language');
    if (data) return data;
    const lang = el.getAttribute('lang');
    if (lang && (!HUMAN_LANG.test(lang) || SHORT_CODE_LANGS.test(lang))) return lang;
  }
  // GitHub and Pygments name it on the wrapper: div.highlight-source-python, div.language-ruby.
  const wrapper = pre.parentElement;
  return wrapper ? LANGUAGE_CLASS.exec(wrapper.getAttribute('class') ?? '')?.[1] ?? null : null;
}

/** Code blocks name their language on the `<code>` element (`language-*`), the one place views and Markdown read it. */
export function labelCode(content: Element): void {
  for (const pre of listOf(content.getElementsByTagName('pre'))) {
    let code = pre.firstElementChild?.localName === 'code' && pre.childElementCount === 1 ? pre.firstElementChild : null;
    if (code && /(?:^|\s)(?:language|lang)-\S/.test(code.getAttribute('class') ?? '')) continue;
    const lang = codeLanguage(code, pre);
    if (!lang || !/^[\w+#.-]{1,30}$/.test(lang)) continue;
    if (!code) {
      code = pre.ownerDocument.createElement('code');
      while (pre.firstChild) code.appendChild(pre.firstChild);
      pre.appendChild(code);
    }
    code.setAttribute('class', `${code.getAttribute('class') ?? ''} language-${lang.toLowerCase()}`.trim());
  }
}

/** Class words of a caption's credit part (`featured-image__credits`, `photo-credit`, `wp-caption-source`). */
const CREDIT_CLASS = /(?:^|[^a-z])(?:credits?|copyright|photocredit|imagecredit|photographer|source|attribution|courtesy)(?:[^a-z]|$)/i;

/**
 * A credit span glued to the caption before it ("…on Lenin Avenue.</span><span class="credits">Press
 * service") reads "Avenue.Press service" without the page's CSS: put a space between them.
 */
export function spaceCaptionCredits(content: Element): void {
  for (const caption of listOf(content.getElementsByTagName('figcaption'))) {
    for (let el = caption.firstElementChild; el; el = el.nextElementSibling) {
      if (!CREDIT_CLASS.test(el.getAttribute('class') ?? '')) continue;
      const before = el.previousSibling?.textContent ?? '';
      if (before && !/\s$/.test(before) && !/^\s/.test(el.textContent ?? '')) el.before(' ');
    }
  }
}

/** The steps of an article someone will see ({@link Sanitizer}'s `view`): cleanArticle's and content.js's. */
export const ARTICLE_VIEW: NonNullable<Sanitizer['view']> = {
  prepare(content) {
    labelCode(content);
    spaceCaptionCredits(content);
  },
  coverage: coverageWarnings,
  listing: listingReason,
  shown: { byline: bylineOf, authors: authorsOf, published: pageDate, title: shownTitle, citation: citationOf, dates: datesOf, site: siteOf, fields: shownFields },
};

