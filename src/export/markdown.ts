/**
 * Markdown export: YAML front matter (the export record without its body) + `# title` + the article
 * with figures, captions and credits, through Turndown with GFM tables. Loaded only where Markdown is
 * needed (popup and reader actions, export, CLI) — never in the content script.
 */
import TurndownService from 'turndown';
import { gfm } from '@joplin/turndown-plugin-gfm';
import { stringify } from 'yaml';
import { parseSanitized } from '../core/html';
import { listOf } from '../core/dom';
import type { ExportRecord } from './record';
import { frontMatterOf } from './record';

type Win = Window & typeof globalThis;

let service: TurndownService | null = null;

/**
 * Footnotes of the document being converted: list-item id → label. Set around one conversion (the
 * Turndown service and its rules are shared), read by the footnote rules.
 */
let notes: Map<string, string> = new Map();

/** Footnotes: list items with an id that a link in the article points to (`#fn:1`, `#cite_note-3`). */
function findNotes(host: Element): Map<string, string> {
  const targets = new Set<string>();
  for (const a of listOf(host.getElementsByTagName('a'))) {
    const href = a.getAttribute('href');
    if (href && href.length > 1 && href.startsWith('#')) targets.add(href.slice(1));
  }
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

/** The footnote a link points to, if any. */
function noteOf(node: Node): string | undefined {
  if (node.nodeName !== 'A') return undefined;
  const href = (node as Element).getAttribute('href');
  return href && href.startsWith('#') ? notes.get(href.slice(1)) : undefined;
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
  // A figure's caption and credit get their own line under the image, in italics.
  td.addRule('figcaption', {
    filter: 'figcaption',
    replacement: (content) => {
      const c = content.trim().replace(/\n+/g, ' ');
      return c ? `\n\n_${c}_\n\n` : '';
    },
  });
  // TeX kept from MathML annotations: $…$ inline, $$…$$ for display maths.
  td.addRule('math', {
    filter: (node) => node.nodeName.toLowerCase() === 'math',
    replacement: (content, node) => {
      const el = node as Element;
      const tex = el.querySelector('annotation[encoding="application/x-tex"], annotation[encoding="TeX"]')?.textContent?.trim();
      const body = tex || (el.getAttribute('alttext') ?? content).trim();
      return el.getAttribute('display') === 'block' ? `\n\n$$\n${body}\n$$\n\n` : `$${body}$`;
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
  // A <pre> without a <code> inside is still a code block.
  td.addRule('bareCodeBlock', {
    filter: (node) => node.nodeName === 'PRE' && node.firstChild?.nodeName !== 'CODE',
    replacement: (_content, node) => {
      const code = (node.textContent ?? '').replace(/\n$/, '');
      const fence = code.includes('```') ? '~~~' : '```';
      return `\n\n${fence}\n${code}\n${fence}\n\n`;
    },
  });
  td.remove(['script', 'style', 'noscript', 'button', 'form']);
  service = td;
  return td;
}

/** Convert sanitised article HTML to Markdown (no front matter). */
export function htmlToMarkdown(contentHtml: string, doc: Document, win?: Win): string {
  const host = doc.createElement('div');
  host.appendChild(parseSanitized(contentHtml, doc, win));
  notes = findNotes(host);
  try {
    return turndown().turndown(host as unknown as HTMLElement).trim();
  } finally {
    notes = new Map();
  }
}

/** The full Markdown document of an export record. */
export function toMarkdown(record: ExportRecord, doc: Document, win?: Win): string {
  const front = stringify(frontMatterOf(record), { lineWidth: 0 }).trimEnd();
  const title = record.title ? `# ${record.title.replace(/\s+/g, ' ')}\n\n` : '';
  return `---\n${front}\n---\n\n${title}${htmlToMarkdown(record.contentHtml, doc, win)}\n`;
}
