/**
 * Large pages for the size tests and `npm run bench:size`: an ordinary article with a very large site
 * around it — a navigation of list items (to reach an element count) or thousands of reader comments
 * each carrying a JSON script (to reach a byte size), as real archived pages grow.
 */

const PROSE = 'The council of the small harbour town met on Tuesday evening to decide whether to build a new sea wall along the eastern quay, after two winters of storms flooded the fish market.';

/** The article's paragraphs; the tests look for them in the output. */
export const ARTICLE_MARKER = 'after two winters of storms flooded the fish market. (11)';

function wrap(nav: string, extra: string): string {
  const article = Array.from({ length: 12 }, (_, i) => `<p>${PROSE} (${i})</p>`).join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour town votes on a new sea wall</title></head><body><header><nav><ul>${nav}</ul></nav></header><main><article><h1>Harbour town votes on a new sea wall</h1>${article}</article></main>${extra}</body></html>`;
}

/** A page the parser turns into `elements` elements (within a few dozen). */
export function pageWithElements(elements: number): string {
  const items: string[] = [];
  for (let n = 30; n < elements; n += 2) items.push(`<li><a href="/s/${n}">Story number ${n}</a></li>`);
  return wrap(items.join(''), '');
}

/** A page of at least `bytes` characters (ASCII, so bytes), most of it comments with JSON scripts. */
export function pageWithBytes(bytes: number): string {
  const base = wrap('<li><a href="/">Home</a></li>', '');
  const json = `<script type="application/json">{"k":"${'x'.repeat(1000)}"}</script>`;
  const parts: string[] = [];
  let size = base.length + 40;
  for (let k = 0; size < bytes; k++) {
    const chunk = `<div class="comment"><p>Reader comment ${k}: ${PROSE}</p></div>${json}`;
    parts.push(chunk);
    size += chunk.length;
  }
  return base.replace('</main>', `</main><section id="comments">${parts.join('')}</section>`);
}

/**
 * Parser amplification: formatting tags left open across a closed paragraph are rebuilt by the HTML
 * parser in every later paragraph, so a small text makes `distinct × paragraphs` elements.
 */
export function amplifyingPage(distinct: number, paragraphs: number): string {
  const open = Array.from({ length: distinct }, (_, i) => `<b class="c${i}">`).join('');
  return wrap('', `<p>${open}</p>${'<p>x</p>'.repeat(paragraphs)}`);
}
