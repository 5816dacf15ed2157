/**
 * The export record of a cleaned tab, as the popup, the reader view and the library save and export
 * it; and back: a saved entry as the reader view shows it.
 */
import type { ExportRecord } from '../export/record';
import type { LibraryEntry } from '../library/entry';
import type { Outcome } from '../platform/protocol';
import { sanitizeHtml } from '../core/html';

type ArticleOutcome = Extract<Outcome, { state: 'article' }>;
type Win = Window & typeof globalThis;

/**
 * Outcomes made from a saved entry (`outcomeOfEntry`) → the record that was saved. Their exports are
 * that record: rebuilt, it took the export's time as its processedAt, the entry's savedAt as the
 * capturedAt of a record that had none (the CLI's, an import), and today's Decant and rules versions.
 */
const SAVED = new WeakMap<ArticleOutcome, ExportRecord>();

/**
 * The export record of what the reader sees, with the provenance of the click (CONTRACT §5). The
 * content script's `contentHtml` is page markup (core/deferred.ts): it is sanitised here, so what is
 * saved to the library or exported is the HTML `cleanArticle` gives, the CLI's. A saved copy's is
 * the record saved.
 */
export async function recordOf(outcome: ArticleOutcome, win: Win = window as Win): Promise<ExportRecord> {
  const saved = SAVED.get(outcome);
  if (saved) return saved;
  const { toRecord } = await import('../export/record');
  const article = { ...outcome.article, contentHtml: sanitizeHtml(outcome.article.contentHtml, win) };
  return toRecord(
    { article, removed: outcome.removed, warnings: outcome.warnings, citation: outcome.citation ?? undefined, debug: { steps: [], retried: null, failedRules: [] } },
    { sha256Html: outcome.capture.sha256Html, capturedAt: outcome.capture.capturedAt },
  );
}


/**
 * A saved library entry as the reader view shows it: the record's article, ledger (without the removed
 * HTML, which the record does not keep: "Show again" shows each block's preview) and warnings, with
 * the capture of the original click. No tab: the saved copy is all there is.
 */
export function outcomeOfEntry(entry: LibraryEntry): ArticleOutcome {
  const { removed, warnings, provenance, citation: _citation, ...article } = entry.record;
  const url = provenance.url ?? article.url ?? '';
  const outcome: ArticleOutcome = {
    state: 'article',
    tab: { tabId: null, url: url || null, title: article.title },
    article,
    removed: removed.map((e) => ({ ...e, html: '' })),
    warnings,
    capture: { capturedAt: provenance.capturedAt ?? entry.savedAt, sha256Html: provenance.sha256Html, url, timings: { capture: 0, mark: 0, clean: 0, ledger: 0, hash: 0, total: 0 } },
    citation: entry.citation,
  };
  SAVED.set(outcome, entry.record);
  return outcome;
}
