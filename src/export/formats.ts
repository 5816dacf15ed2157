/**
 * Every export format from one record (CONTRACT §4–5), for the CLI, the popup, the reader view and
 * the library: Markdown with front matter, plain text, JSON, standalone HTML, and the citations.
 * `doc` is only a factory for the DOM work (Turndown and the standalone page); in a browser view it is
 * the view's own document, in Node the page's jsdom document.
 */
import type { CitationMeta } from '../core/types';
import type { ExportRecord } from './record';
import { toMarkdown } from './markdown';
import { toStandaloneHtml } from './standalone';
import { toBibtex, toCslJson } from './citation';
import type { ExportFormat } from './format-list';

type Win = Window & typeof globalThis;

export { FORMAT_FILES, type ExportFormat } from './format-list';

export interface RenderContext {
  doc: Document;
  win?: Win;
  /** The page's citation metadata (`result.citation`), when known; else the record's own. */
  citation?: CitationMeta | null;
}

/** The record in one format, as the text of a file. */
export function renderRecord(record: ExportRecord, format: ExportFormat, ctx: RenderContext): string {
  switch (format) {
    case 'txt':
      // Exactly `text` (CONTRACT §4), so the file's SHA-256 is the record's sha256Text.
      return record.text;
    case 'json':
      return `${JSON.stringify(record, null, 2)}\n`;
    case 'html':
      return toStandaloneHtml(record, ctx.doc, ctx.win);
    case 'md':
      return toMarkdown(record, ctx.doc, ctx.win);
    case 'csl':
      return toCslJson(record, ctx.citation ?? record.citation);
    case 'bib':
      return toBibtex(record, ctx.citation ?? record.citation);
  }
}
