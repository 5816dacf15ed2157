/**
 * The article body as plain text, in the sense of schema.org `articleBody` and the public benchmark:
 * headings, paragraphs, lists, quotes, tables and code, blocks separated by a blank line; no title,
 * byline, dateline, figure captions or photo credits (blocks marked with `data-decant-role`, and
 * `figure`/`figcaption` text outside quotes).
 */
import { BLOCK_TAGS, DECANT_ROLE_ATTR } from './dom';

/** Roles whose text is furniture, not body: kept in contentHtml, left out of `text`. */
export const NON_BODY_ROLES: ReadonlySet<string> = new Set(['title', 'kicker', 'byline', 'dateline', 'caption', 'credit', 'standfirst', 'note']);

const SKIP_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'figcaption', 'button', 'select', 'textarea', 'svg']);

/** Extract body text from sanitised article content. Iterative, so deep nesting cannot overflow. */
export function bodyText(root: Element): string {
  const blocks: string[] = [];
  let line = '';
  let linePre = false;
  const flush = (): void => {
    // Code keeps its indentation and line breaks; prose is collapsed.
    const t = linePre ? line.replace(/^\n+|\s+$/g, '') : line.replace(/[ \t\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (t) blocks.push(t);
    line = '';
    linePre = false;
  };
  type Item = { node: Node; pre: boolean; inFigure: boolean; closeBlock?: boolean; cellEnd?: string };
  const stack: Item[] = [];
  for (let c = root.lastChild; c; c = c.previousSibling) stack.push({ node: c, pre: false, inFigure: false });
  while (stack.length) {
    const item = stack.pop()!;
    if (item.closeBlock) {
      if (item.cellEnd) line += item.cellEnd;
      else flush();
      continue;
    }
    const node = item.node;
    if (node.nodeType === 3) {
      if (item.inFigure) continue; // text in a figure (outside a quote) is a caption or a credit
      const data = (node as Text).data;
      line += item.pre ? data : data.replace(/[\s\u00a0]+/g, ' ');
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.localName;
    if (SKIP_TAGS.has(tag) || tag === 'img') continue;
    const role = el.getAttribute(DECANT_ROLE_ATTR);
    if (role && NON_BODY_ROLES.has(role)) continue;
    if (tag === 'br') {
      line += '\n';
      continue;
    }
    const pre = item.pre || tag === 'pre';
    // A pull quote inside a figure is body text; everything else in a figure is not.
    const inFigure = tag === 'figure' ? true : tag === 'blockquote' ? false : item.inFigure;
    const isCell = tag === 'td' || tag === 'th';
    // A formula is a block only when displayed as one (inline maths stays in its sentence).
    const isBlock = tag === 'math' ? el.getAttribute('display') === 'block' : BLOCK_TAGS.has(tag) && !isCell;
    if (isBlock) flush();
    if (tag === 'pre') linePre = true; // after the flush above, which resets it: code keeps its indentation
    if (isCell) stack.push({ node: el, pre, inFigure, closeBlock: true, cellEnd: '\t' });
    else if (isBlock) stack.push({ node: el, pre, inFigure, closeBlock: true });
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push({ node: c, pre, inFigure });
  }
  flush();
  return blocks.join('\n\n');
}

/** Words in a text: runs of letters and digits; each CJK character counts as a word. */
export function countWords(text: string): number {
  let n = 0;
  const re = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu;
  while (re.exec(text)) n++;
  return n;
}

/** Reading time at 238 words per minute (Brysbaert 2019, silent reading of non-fiction), at least 1. */
export function readingMinutes(words: number): number {
  return words ? Math.max(1, Math.round(words / 238)) : 0;
}
