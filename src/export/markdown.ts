/**
 * Markdown export: YAML front matter (the export record without its body) + `# title` + the article
 * with figures, captions and credits, through Turndown with GFM tables. Loaded only where Markdown is
 * needed (popup and reader actions, export, CLI) — never in the content script.
 */
import TurndownService from 'turndown';
import { gfm } from '@joplin/turndown-plugin-gfm';
import { Document as YamlDocument, isScalar, Schema, visit } from 'yaml';
import { parseSanitized } from '../core/html';
import { BLOCK_TAGS, listOf } from '../core/dom';
import type { ExportRecord } from './record';
import { frontMatterOf } from './record';
import { removeTitleHeadings } from './title-heading';

type Win = Window & typeof globalThis;

let service: TurndownService | null = null;

/**
 * Footnotes of the document being converted: list-item id → label. Set around one conversion (the
 * Turndown service and its rules are shared), read by the footnote rules.
 */
let notes: Map<string, string> = new Map();

/**
 * In-page link targets of the document being converted that Markdown can address: id → the slug of
 * the heading it is, is in, or opens with. Set around one conversion, read by the link rule.
 */
let anchors: Map<string, string> = new Map();

const HEADINGS = 'h1, h2, h3, h4, h5, h6';

/** Ids that an in-page link of the article points to. */
function findLinkedIds(host: Element): Set<string> {
  const targets = new Set<string>();
  for (const a of listOf(host.getElementsByTagName('a'))) {
    const href = a.getAttribute('href');
    if (href && href.length > 1 && href.startsWith('#')) targets.add(href.slice(1));
  }
  return targets;
}

/** Footnotes: list items with an id that a link in the article points to (`#fn:1`, `#cite_note-3`). */
function findNotes(host: Element, targets: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  if (!targets.size) return out;
  let n = 0;
  for (const li of listOf(host.getElementsByTagName('li'))) {
    const id = li.getAttribute('id');
    if (!id || !targets.has(id)) continue;
    n++;
    const label = id.replace(/^user-content-/, '').replace(/^(?:fn|footnote|endnote|note|cite_note|ref)[-:_]?/i, '');
    out.set(id, /^[\w-]{1,20}$/.test(label) ? label : String(n));
  }
  return out;
}

/**
 * Heading slugs as GitHub makes them (github-slugger, also GitLab's, markdown-it-anchor's and
 * pandoc's in GFM mode): lower case, punctuation and symbols dropped, spaces to hyphens; a repeat
 * gets -1, -2… in document order.
 */
function makeSlugger(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
    let slug = base;
    while (seen.has(slug)) {
      seen.set(base, seen.get(base)! + 1);
      slug = `${base}-${seen.get(base)}`;
    }
    seen.set(slug, 0);
    return slug;
  };
}

/**
 * Linked ids that land on a heading (the heading itself, an anchor inside it, or a section that
 * opens with it) → that heading's slug. The `# title` line comes first, so it takes its slug first.
 */
function findHeadingAnchors(host: Element, targets: Set<string>, title: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!targets.size) return out;
  const slug = makeSlugger();
  if (title) slug(oneLine(title));
  const slugs = new Map<Element, string>();
  for (const h of Array.from(host.querySelectorAll(HEADINGS))) slugs.set(h, slug(oneLine(h.textContent ?? '')));
  for (const el of Array.from(host.querySelectorAll('[id]'))) {
    const id = el.getAttribute('id')!;
    if (!targets.has(id)) continue;
    const opening = el.firstElementChild;
    const heading = el.closest(HEADINGS) ?? (opening?.matches(HEADINGS) ? opening : null);
    const s = heading && slugs.get(heading);
    if (s) out.set(id, s);
  }
  return out;
}

/** The footnote a link points to, if any. */
function noteOf(node: Node): string | undefined {
  if (node.nodeName !== 'A') return undefined;
  const href = (node as Element).getAttribute('href');
  return href && href.startsWith('#') ? notes.get(href.slice(1)) : undefined;
}

/**
 * Text CommonMark would read as markup rather than show (spec 0.31 §6.5 autolinks, §6.6 raw HTML,
 * §2.5 entities): a `<` before a letter, `/`, `!` or `?`, and an `&` that starts an entity. At the
 * end of a text node the next node may complete it (`&lt;<span>script</span>&gt;`), so a `<` or a
 * bare `&name` there is escaped too. "a < b", "x<3" and "AT&T" stay as they are.
 */
const HTML_START = /<(?=[A-Za-z/!?]|$)/g;
const ENTITY_START = /&(?=#?[A-Za-z0-9]*(?:;|$))/g;

/** Escape text so a Markdown renderer shows it and builds nothing from it. */
function escapeHtmlLike(text: string): string {
  return text.replace(HTML_START, '\\<').replace(ENTITY_START, '\\&');
}

/** Turndown's Markdown escaping (`*`, `_`, `[`, leading `#`…), then the HTML-like text. */
const escapeMarkdown = (text: string): string => escapeHtmlLike(TurndownService.prototype.escape.call(null, text));

/** An attribute or title on one line: runs of spaces, tabs and line breaks become one space, as Turndown does in text. */
function oneLine(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').trim();
}

/**
 * An ATX heading's text, escaped; a trailing run of `#` would be read as the closing sequence. A
 * heading is one line: a `<br>` in it (Turndown's hard break, `  \n`) becomes a space, or the rest of
 * the heading would be read as a paragraph below it.
 */
function headingText(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, ' ').trim().replace(/(^|[ \t])(#+)[ \t]*$/, '$1\\$2');
}

/**
 * A link or image destination: whitespace and controls percent-encoded (as a browser would send
 * them), so it stays one destination; brackets, parentheses and backslashes escaped; entities kept
 * literal.
 */
function destinationOf(url: string): string {
  return url
    .replace(/[\\<>()]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/[\u0000-\u0020\u007f]/g, (c) => encodeURIComponent(c));
}

/**
 * ` "title"` of a link or image, escaped so a trailing backslash or quote cannot leave it open (and
 * should it ever be read as text, it still opens no tag).
 */
function titlePartOf(el: Element): string {
  const title = oneLine(el.getAttribute('title') ?? '');
  return title ? ` "${escapeHtmlLike(title.replace(/[\\"]/g, '\\$&'))}"` : '';
}

/**
 * A fenced code block whose fence no line of the code can close: CommonMark closes a fence on a
 * line of at least as many backticks indented up to three spaces, which Turndown's own count misses.
 */
function fenced(code: string, language = ''): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `\n\n${fence}${language}\n${code.replace(/\n$/, '')}\n${fence}\n\n`;
}

/** A block Markdown cannot put in a link's text: a list item, quote, table row or code fence. */
const UNLINKABLE_BLOCK = /^(?:[-*+] |\d+[.)] |>|\||```|~~~| {4})/;

/**
 * `[content](target)`. A link around blocks (a card's heading and teaser, an image in a `<div>`)
 * cannot be one Markdown link, whose text is inline: written so, `[` and `](…)` stood on lines of
 * their own around the blocks. There the first heading or paragraph carries the link, and the
 * blocks stay blocks.
 */
function linkOver(content: string, target: string): string {
  if (!/\n[ \t]*\n/.test(content)) {
    // A <br> that ends the link's text is a line break after the link.
    const end = /(?: {2}\n)+$/.exec(content)?.[0] ?? '';
    return `[${content.slice(0, content.length - end.length)}](${target})${end}`;
  }
  const blocks = content.trim().split(/\n[ \t]*\n+/);
  const i = blocks.findIndex((b) => !UNLINKABLE_BLOCK.test(b));
  if (i >= 0) {
    const heading = /^(#{1,6} )([^\n]*)$/.exec(blocks[i]);
    blocks[i] = heading ? `${heading[1]}[${heading[2]}](${target})` : `[${blocks[i]}](${target})`;
  }
  return `\n\n${blocks.join('\n\n')}\n\n`;
}

/**
 * The text of a code block as it is drawn: a `<br>` is a line break, and so is the end of a block
 * element (highlighters write one `<div>` per line); textContent alone ran such lines together.
 */
function codeText(root: Node): string {
  let out = '';
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += (c as Text).data;
      else if (c.nodeName === 'BR') out += '\n';
      else if (c.nodeType === 1) {
        walk(c);
        if (BLOCK_TAGS.has((c as Element).localName) && out && !out.endsWith('\n')) out += '\n';
      }
    }
  };
  walk(root);
  return out;
}

/**
 * TeX between `$`s is read as Markdown by renderers without maths: a space after `<` or `&` (which
 * TeX ignores) stops it opening a tag or an entity.
 */
function texSafe(tex: string): string {
  return tex.replace(/([<&])(?=[A-Za-z#/!?])/g, '$1 ');
}

/** A table caption as a paragraph before its table, where it is escaped like any text (the GFM plugin writes its raw textContent). */
function captionsToParagraphs(host: Element): void {
  for (const caption of listOf(host.getElementsByTagName('caption'))) {
    const table = caption.parentElement;
    if (!table) continue;
    const p = host.ownerDocument.createElement('p');
    while (caption.firstChild) p.appendChild(caption.firstChild);
    table.before(p);
    caption.remove();
  }
}

/** What in a figure is not caption text: the picture itself, and blocks that are article content. */
const FIGURE_CONTENT = 'img, picture, video, audio, svg, math, table, pre, blockquote, ul, ol, figure';

/**
 * A figure's caption and credit written outside `<figcaption>` (SB Nation's `<cite>` in a span
 * after the picture, the Los Angeles Times' `<p>`s, the BBC's spans around the image, Vox's
 * `<cite>` beside its `<figcaption>`): the core counts all text in a figure as caption or credit
 * (text.ts), so here it is gathered, in order, into a `<figcaption>` at the figure's end and
 * written like one, under the image.
 */
function figureTextToCaptions(host: Element): void {
  const doc = host.ownerDocument;
  const kept = `${FIGURE_CONTENT}, figcaption`;
  for (const figure of listOf(host.getElementsByTagName('figure'))) {
    if (!figure.querySelector(FIGURE_CONTENT)) continue;
    const caption = doc.createElement('figcaption');
    let space = false;
    const gather = (parent: Element): void => {
      for (const node of Array.from(parent.childNodes)) {
        const el = node.nodeType === 1 ? (node as Element) : null;
        if (el && (el.matches(kept) || el.querySelector(kept))) {
          if (!el.matches(kept)) gather(el);
          space = true;
        } else if (!(node.textContent ?? '').trim()) {
          space ||= node.nodeType === 3 && !!(node as Text).data;
        } else {
          if (space && caption.firstChild) caption.append(' ');
          caption.appendChild(node);
          space = false;
        }
      }
    };
    gather(figure);
    if (caption.firstChild) figure.appendChild(caption);
  }
}

/** A row's cells as text, to compare rows. */
const rowText = (row: Element): string => listOf(row.children).map((c) => oneLine(c.textContent ?? '')).join('\u0000');

/**
 * Table footers where a browser draws them: a `<tfoot>` may come before the `<tbody>` in the source
 * (HTML 4 put it there; SB Nation's stat tables still do), and the GFM plugin writes rows in source
 * order, so its rows came first, under the header. A footer row that repeats the header row (long
 * tables repeat it at the bottom) goes: GFM has no footer, and there it would read as a data row.
 */
function footersLast(host: Element): void {
  for (const tfoot of listOf(host.getElementsByTagName('tfoot'))) {
    const table = tfoot.parentElement as HTMLTableElement | null;
    if (table?.localName !== 'table') continue;
    const header = table.rows[0]; // the <thead>'s first row, else the body's: the row GFM makes the header
    for (const row of listOf(tfoot.children)) {
      if (header && !tfoot.contains(header) && row.localName === 'tr' && rowText(row) === rowText(header)) row.remove();
    }
    if (tfoot.children.length) table.appendChild(tfoot);
    else tfoot.remove();
  }
}

function turndown(): TurndownService {
  if (service) return service;
  const td = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    strongDelimiter: '**',
    hr: '---',
  });
  td.use(gfm);
  td.escape = escapeMarkdown;
  td.addRule('heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => `\n\n${'#'.repeat(Number(node.nodeName.charAt(1)))} ${headingText(content)}\n\n`,
  });
  // Links and images: Turndown leaves a backslash at the end of a title or in a destination free to
  // break the link open, and its text then reads as Markdown (raw HTML included).
  // An in-page link goes to its heading's slug; Markdown has no other target (no ids on paragraphs,
  // figures or removed blocks), so there it keeps its words only. Footnote links are the rules below.
  td.addRule('link', {
    filter: (node) => node.nodeName === 'A' && !!(node as Element).getAttribute('href'),
    replacement: (content, node) => {
      if (!content.trim()) return ''; // an empty link shows nothing on the page either
      const href = (node as Element).getAttribute('href')!;
      if (!href.startsWith('#')) return linkOver(content, `${destinationOf(href)}${titlePartOf(node as Element)}`);
      const slug = anchors.get(href.slice(1));
      return slug ? linkOver(content, `#${slug}`) : content;
    },
  });
  td.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const el = node as Element;
      const src = el.getAttribute('src');
      return src ? `![${escapeMarkdown(oneLine(el.getAttribute('alt') ?? ''))}](${destinationOf(src)}${titlePartOf(el)})` : '';
    },
  });
  // Turndown quotes with /^/gm, which also starts a line after U+2028 (not a line ending in CommonMark).
  td.addRule('blockquote', {
    filter: 'blockquote',
    replacement: (content) => `\n\n${content.replace(/^\n+|\n+$/g, '').replace(/^|(?<=\n)/g, '> ')}\n\n`,
  });
  td.addRule('codeBlock', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const code = node.firstChild?.nodeName === 'CODE' ? node.firstChild : node;
      const language = /language-(\S+)/.exec((code as Element).getAttribute?.('class') ?? '')?.[1] ?? '';
      return fenced(codeText(code), language);
    },
  });
  // A figure's caption and credit get their own lines under the image, in italics: one line per
  // paragraph (emphasis cannot span paragraphs), and a line that is in italics already is not wrapped
  // again (`__…__` is strong emphasis).
  td.addRule('figcaption', {
    filter: 'figcaption',
    replacement: (content) => {
      const lines = content.split(/\n[ \t]*\n/).map((p) => p.replace(/[ \t]*\n[ \t]*/g, ' ').trim()).filter(Boolean);
      const italic = (line: string): string => (/^_[^_]*_$/.test(line) ? line : `_${line}_`);
      return lines.length ? `\n\n${lines.map(italic).join('\n\n')}\n\n` : '';
    },
  });
  // TeX kept from MathML annotations: $…$ inline, $$…$$ for display maths.
  td.addRule('math', {
    filter: (node) => node.nodeName.toLowerCase() === 'math',
    replacement: (content, node) => {
      const el = node as Element;
      const tex = el.querySelector('annotation[encoding="application/x-tex"], annotation[encoding="TeX"]')?.textContent?.trim();
      const body = tex || (el.getAttribute('alttext') ?? content).trim();
      const safe = texSafe(body);
      return el.getAttribute('display') === 'block' ? `\n\n$$\n${safe}\n$$\n\n` : `$${safe}$`;
    },
  });
  // Footnotes as GitHub-flavoured Markdown: [^1] in the text, "[^1]: …" definitions; back-links go.
  td.addRule('footnoteBacklink', {
    filter: (node) => node.nodeName === 'A' && (node as Element).getAttribute('data-decant-role') === 'note',
    replacement: () => '',
  });
  td.addRule('footnoteRef', {
    filter: (node) => noteOf(node) !== undefined,
    replacement: (_content, node) => `[^${noteOf(node)}]`,
  });
  td.addRule('footnoteDefinition', {
    filter: (node) => node.nodeName === 'LI' && notes.has((node as Element).getAttribute('id') ?? ''),
    replacement: (content, node) => {
      const body = content.trim().replace(/\n{2,}/g, '\n\n    ');
      return `\n[^${notes.get((node as Element).getAttribute('id')!)}]: ${body}\n`;
    },
  });
  // Markdown has no superscript or subscript: written inline, 10<sup>6</sup> read "106". They stay as
  // inline HTML (CommonMark shows it); a footnote reference inside one is a footnote (footnoteRef).
  td.addRule('supSub', {
    filter: (node) => (node.nodeName === 'SUP' || node.nodeName === 'SUB') && !listOf((node as Element).children).some((c) => noteOf(c) !== undefined),
    replacement: (content, node) => (content.trim() ? `<${node.nodeName.toLowerCase()}>${content}</${node.nodeName.toLowerCase()}>` : ''),
  });
  td.remove(['script', 'style', 'noscript', 'button', 'form']);
  service = td;
  return td;
}

/**
 * Convert sanitised article HTML to Markdown (no front matter). `title`: the `# title` line written
 * above it, if any, whose slug in-page links to headings must not take, and which stands for the
 * article's own title heading.
 */
export function htmlToMarkdown(contentHtml: string, doc: Document, win?: Win, { title }: { title?: string | null } = {}): string {
  const host = doc.createElement('div');
  host.appendChild(parseSanitized(contentHtml, doc, win));
  if (title) removeTitleHeadings(host);
  captionsToParagraphs(host);
  footersLast(host);
  figureTextToCaptions(host);
  const targets = findLinkedIds(host);
  notes = findNotes(host, targets);
  anchors = findHeadingAnchors(host, targets, title);
  try {
    return turndown().turndown(host as unknown as HTMLElement).trim();
  } finally {
    notes = new Map();
    anchors = new Map();
  }
}

/** Markup starts in a whole string (unlike HTML_START, nothing follows it to complete a tag). */
const RISKY_LT = /<(?=[A-Za-z/!?])/g;
const RISKY_AMP = /&(?=#?[A-Za-z0-9]+;)/g;

/**
 * Plain scalars that YAML 1.1 reads as something other than a string. Most front-matter readers
 * are YAML 1.1 (PyYAML and python-frontmatter, js-yaml and gray-matter, Ruby's Psych in Jekyll):
 * unquoted, a title `Yes` came back as `true` and every date-time (publishedTime, processedAt) as a
 * date object, with the page's offset lost. `=` is 1.1's value key, which PyYAML refuses to load.
 * (What YAML 1.2 would retype, the yaml library quotes by itself.)
 */
const YAML_11_TYPED: readonly RegExp[] = new Schema({ schema: 'yaml-1.1', merge: true }).tags.flatMap((t) => ('test' in t && t.test && t.tag !== 'tag:yaml.org,2002:str' ? [t.test] : []));
const retypedByYaml11 = (v: string): boolean => v === '=' || YAML_11_TYPED.some((re) => re.test(v));

/**
 * The front matter as YAML. A renderer that knows no front matter shows it as a paragraph, so a
 * string with a `<` that could open a tag or an `&` that starts an entity is written double-quoted
 * with those characters as `\x3C` and `\x26` (the same string to a YAML parser); a string a YAML 1.1
 * reader would take for another type is double-quoted too; others stay plain.
 */
function frontMatterYaml(record: ExportRecord): string {
  const yaml = new YamlDocument(frontMatterOf(record));
  const risky = (v: unknown) => typeof v === 'string' && (v.search(RISKY_LT) >= 0 || v.search(RISKY_AMP) >= 0 || retypedByYaml11(v));
  visit(yaml, {
    Scalar(_key, node) {
      if (isScalar(node) && risky(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // Only double-quoted scalars can hold these patterns now; there `\x3C` and `\x26` are escapes.
  return yaml.toString({ lineWidth: 0 }).replace(RISKY_LT, '\\x3C').replace(RISKY_AMP, '\\x26').trimEnd();
}
/** The full Markdown document of an export record. */
export function toMarkdown(record: ExportRecord, doc: Document, win?: Win): string {
  const front = frontMatterYaml(record);
  const title = record.title ? `# ${headingText(escapeMarkdown(oneLine(record.title)))}\n\n` : '';
  return `---\n${front}\n---\n\n${title}${htmlToMarkdown(record.contentHtml, doc, win, { title: record.title })}\n`;
}
