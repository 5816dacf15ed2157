/**
 * Markdown export: YAML front matter (the export record without its body) + `# title` + the article
 * with figures, captions and credits, through Turndown with GFM tables. Loaded only where Markdown is
 * needed (popup and reader actions, export, CLI) — never in the content script.
 */
import TurndownService from 'turndown';
import { gfm } from '@joplin/turndown-plugin-gfm';
import { stringify } from 'yaml';
import { parseSanitized } from '../core/html';
import type { ExportRecord } from './record';
import { frontMatterOf } from './record';

type Win = Window & typeof globalThis;

let service: TurndownService | null = null;

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
  td.remove(['script', 'style', 'noscript', 'button', 'form']);
  service = td;
  return td;
}

/** Convert sanitised article HTML to Markdown (no front matter). */
export function htmlToMarkdown(contentHtml: string, doc: Document, win?: Win): string {
  const host = doc.createElement('div');
  host.appendChild(parseSanitized(contentHtml, doc, win));
  return turndown().turndown(host as unknown as HTMLElement).trim();
}

/** The full Markdown document of an export record. */
export function toMarkdown(record: ExportRecord, doc: Document, win?: Win): string {
  const front = stringify(frontMatterOf(record), { lineWidth: 0 }).trimEnd();
  const title = record.title ? `# ${record.title.replace(/\s+/g, ' ')}\n\n` : '';
  return `---\n${front}\n---\n\n${title}${htmlToMarkdown(record.contentHtml, doc, win)}\n`;
}
