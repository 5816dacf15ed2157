/**
 * Export and Save for the popup and the reader view (issue 6 §1–2): every format of the export record
 * (Markdown, JSON, HTML page, plain text, CSL-JSON, BibTeX), each to download or to copy, and "Save"
 * into the library. The formats, citation-js and IndexedDB code are loaded only when a reader asks
 * (dynamic imports: their own chunks), never with the view and never in the content script.
 */
import './exports.css';
import type { ExportRecord } from '../export/record';
import type { ExportFormat } from '../export/formats';
import type { CitationMeta } from '../core/types';
import type { Outcome } from '../platform/protocol';
import { browser } from '../platform/browser';
import { copyText, sizeLabel, toast } from './actions';
import { closesOnEscape, h, icon } from './dom';

type ArticleOutcome = Extract<Outcome, { state: 'article' }>;
type Win = Window & typeof globalThis;

export interface Rendered {
  text: string;
  fileName: string;
  mime: string;
}

/** A record in one format, with its file name and type. */
export async function renderAs(record: ExportRecord, format: ExportFormat, citation: CitationMeta | null | undefined): Promise<Rendered> {
  const [{ renderRecord, FORMAT_FILES }, { fileNameOf }] = await Promise.all([import('../export/formats'), import('../export/filename')]);
  // An inert document: converting never loads the article's images.
  const inert = document.implementation.createHTMLDocument('');
  const text = renderRecord(record, format, { doc: inert, win: window as Win, citation: citation ?? null });
  return { text, fileName: fileNameOf(record, FORMAT_FILES[format].ext), mime: FORMAT_FILES[format].mime };
}

/** Offer bytes or text as a download with a file name (an object URL and a download link; no permission needed). */
export function download(data: string | Uint8Array, fileName: string, mime: string): void {
  const blob = new Blob([typeof data === 'string' ? data : (data as Uint8Array<ArrayBuffer>)], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName, class: 'visually-hidden' });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'md', label: 'Markdown' },
  { format: 'json', label: 'JSON record' },
  { format: 'html', label: 'HTML page' },
  { format: 'txt', label: 'Plain text' },
  { format: 'csl', label: 'Citation · CSL-JSON' },
  { format: 'bib', label: 'Citation · BibTeX' },
];

/** What an Export menu exports: a cleaned tab (popup, reader view) or a saved entry (library). */
export interface ExportSource {
  record(): Promise<ExportRecord>;
  citation: CitationMeta | null | undefined;
}

/**
 * The export record of a cleaned tab (record.ts), loaded when first asked for: it sanitises with
 * DOMPurify, which the library page, loading this module for its rows' menus, otherwise never needs.
 */
export async function recordOf(outcome: ArticleOutcome): Promise<ExportRecord> {
  return (await import('./record')).recordOf(outcome);
}

export const fromOutcome = (outcome: ArticleOutcome): ExportSource => ({ record: () => recordOf(outcome), citation: outcome.citation });

/** The Export menu: one row per format, each with Download and Copy. */
export function exportMenu(from: ArticleOutcome | ExportSource, options: { up?: boolean } = {}): HTMLElement {
  const source: ExportSource = 'state' in from ? fromOutcome(from) : from;
  const run = (format: ExportFormat, how: 'download' | 'copy') => async () => {
    try {
      const rendered = await renderAs(await source.record(), format, source.citation);
      if (how === 'download') {
        download(rendered.text, rendered.fileName, rendered.mime);
        toast(`Downloading ${rendered.fileName}`);
      } else {
        await copyText(rendered.text);
        toast(`Copied ${FORMATS.find((f) => f.format === format)!.label} (${sizeLabel(rendered.text)})`);
      }
    } catch (e) {
      toast(`Could not export: ${(e as Error).message}`, 'error');
    }
  };
  // The rows are made when the menu first opens (a library of 500 rows has 500 menus): on the
  // summary's click, which comes before the menu opens, or on a toggle from anything else.
  const panel = h('div', { class: 'export-panel', role: 'group', 'aria-label': 'Export formats' });
  const fill = (): void => {
    if (panel.firstChild) return;
    for (const { format, label } of FORMATS) {
      panel.appendChild(
        h(
          'div',
          { class: 'export-row', 'data-format': format },
          h('span', { class: 'export-label' }, label),
          h('button', { type: 'button', class: 'button small', 'data-export': format, 'data-how': 'download', 'aria-label': `Download ${label}`, onclick: run(format, 'download') }, 'Download'),
          h('button', { type: 'button', class: 'button small ghost', 'data-export': format, 'data-how': 'copy', 'aria-label': `Copy ${label}`, onclick: run(format, 'copy') }, 'Copy'),
        ),
      );
    }
  };
  const menu = closesOnEscape(h(
    'details',
    { class: `export-menu${options.up ? ' up' : ''}` },
    h('summary', { class: 'button ghost', 'data-action': 'export', title: 'Download or copy as Markdown, JSON, HTML, text or a citation', onclick: fill }, icon('download'), 'Export'),
    panel,
  ));
  menu.addEventListener('toggle', () => {
    if (menu.open) fill();
  });
  return menu;
}

/** The Save button: stores the record (and the page's citation metadata) in the library. `saved`: it is there already. */
export function saveButton(outcome: ArticleOutcome, saved = false): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'button ghost', 'data-action': 'save', title: 'Save to your Decant library', 'data-saved': saved ? 'true' : null }, icon('save'), saved ? 'Saved' : 'Save');
  button.addEventListener('click', () => {
    button.disabled = true;
    void (async () => {
      try {
        const [{ Library }, record] = await Promise.all([import('../library/store'), recordOf(outcome)]);
        const library = await Library.open();
        try {
          const r = await library.save(record, outcome.citation ?? null);
          toast(r.status === 'saved' ? 'Saved to your library' : 'Already in your library');
          button.dataset.saved = 'true';
          button.lastChild!.textContent = 'Saved';
        } finally {
          library.close();
        }
      } catch (e) {
        toast((e as Error).message, 'error');
      } finally {
        button.disabled = false;
      }
    })();
  });
  return button;
}

/** Opens the library page in a tab (no permission needed for the extension's own page). */
export function openLibrary(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('library.html') }).catch((e: unknown) => toast(`Could not open the library: ${(e as Error).message}`, 'error'));
}

export function libraryButton(): HTMLButtonElement {
  return h('button', { type: 'button', class: 'button ghost', 'data-action': 'library', title: 'Open your saved articles', onclick: openLibrary }, icon('library'), 'Library');
}
