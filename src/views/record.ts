/**
 * The export record of a cleaned tab, as the popup, the reader view and the library save and export it.
 */
import type { ExportRecord } from '../export/record';
import type { Outcome } from '../platform/protocol';
import { sanitizeHtml } from '../core/html';

type ArticleOutcome = Extract<Outcome, { state: 'article' }>;
type Win = Window & typeof globalThis;

/**
 * The export record of what the reader sees, with the provenance of the click (CONTRACT §5). The
 * content script's `contentHtml` is page markup (core/deferred.ts): it is sanitised here, so what is
 * saved to the library or exported is the HTML `cleanArticle` gives, the CLI's.
 */
export async function recordOf(outcome: ArticleOutcome, win: Win = window as Win): Promise<ExportRecord> {
  const { toRecord } = await import('../export/record');
  const article = { ...outcome.article, contentHtml: sanitizeHtml(outcome.article.contentHtml, win) };
  return toRecord(
    { article, removed: outcome.removed, warnings: outcome.warnings, debug: { steps: [], retried: null, failedRules: [] } },
    { sha256Html: outcome.capture.sha256Html, capturedAt: outcome.capture.capturedAt },
  );
}

