/**
 * Steps only a shown or exported article needs, run by {@link cleanArticle} and left out of
 * auto-clean's live pass (which shows no article, so its content script stays small):
 * - code blocks: the language named on `<pre lang>`, `data-lang` or a wrapper's class moves to the
 *   `<code>` element's `language-*` class (the one class the sanitiser keeps).
 * It does not change the article's text.
 */
import { LANGUAGE_CLASS } from './structure.data';
import { listOf } from './dom';

/** Two-letter human-language codes that a `lang` attribute on `<pre>` may carry instead of a programming language. */
const HUMAN_LANG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;
const SHORT_CODE_LANGS: ReadonlySet<string> = new Set(['js', 'ts', 'go', 'py', 'rb', 'sh', 'cs', 'c', 'r', 'hs', 'ml', 'rs', 'kt', 'pl', 'sql', 'css', 'xml', 'php', 'lua', 'jsx', 'tsx', 'vim', 'bat', 'ini', 'yml', 'diff']);

/** The language a code block's markup names, from the most specific place to the least. */
function codeLanguage(code: Element | null, pre: Element): string | null {
  for (const el of [code, pre]) {
    if (!el) continue;
    const fromClass = LANGUAGE_CLASS.exec(el.getAttribute('class') ?? '')?.[1];
    if (fromClass) return fromClass;
    const data = el.getAttribute('data-lang') ?? el.getAttribute('data-language');
    if (data) return data;
    const lang = el.getAttribute('lang');
    if (lang && (!HUMAN_LANG.test(lang) || SHORT_CODE_LANGS.has(lang.toLowerCase()))) return lang;
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
