/**
 * The export formats and their files (CONTRACT §4–5), as data only: what lists or names formats (the
 * CLI's argument check, file names) loads this, not the renderers behind formats.ts (Turndown, the
 * citation code).
 */
export type ExportFormat = 'md' | 'txt' | 'json' | 'html' | 'csl' | 'bib';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['md', 'txt', 'json', 'html', 'csl', 'bib'];

/** File extension and MIME type of each format. */
export const FORMAT_FILES: Readonly<Record<ExportFormat, { ext: string; mime: string; label: string }>> = {
  md: { ext: 'md', mime: 'text/markdown;charset=utf-8', label: 'Markdown' },
  txt: { ext: 'txt', mime: 'text/plain;charset=utf-8', label: 'Plain text' },
  json: { ext: 'json', mime: 'application/json', label: 'JSON' },
  html: { ext: 'html', mime: 'text/html;charset=utf-8', label: 'HTML page' },
  csl: { ext: 'csl.json', mime: 'application/vnd.citationstyles.csl+json', label: 'Citation (CSL-JSON)' },
  bib: { ext: 'bib', mime: 'application/x-bibtex', label: 'Citation (BibTeX)' },
};
