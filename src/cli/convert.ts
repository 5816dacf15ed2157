/**
 * One page through the pipeline, the same way everywhere the command line needs it (single files,
 * directories, batch workers): decode → parse → clean → export record → the requested format.
 */
import { cleanArticle } from '../core/index';
import type { CleanResult } from '../core/types';
import { decodeHtml, InputError, MAX_INPUT_BYTES } from './decode';
import { closePage, parseHtml } from './parse';
import { MAX_PARSE_DEPTH, prescan, shallowHtml } from './prescan';
import { DEFAULT_MAX_ELEMENTS } from '../core/pipeline';
import { toRecord, type ExportRecord } from '../export/record';
import { renderRecord } from '../export/formats';
import type { ExportFormat } from '../export/format-list';

export type Format = ExportFormat;

/** The page was read but holds no article (Readability found nothing, or under 40 words of body). */
export class NoArticleError extends InputError {
  override name = 'NoArticleError';
}

/** Pages larger than this are refused (CONTRACT: a documented hard cap; see README). */
export { MAX_INPUT_BYTES };

export interface ConvertInput {
  bytes: Uint8Array;
  url?: string | null;
  /** Charset from the transport (WARC/HTTP header, JSONL field). */
  charset?: string | null;
  capturedAt?: string | null;
}

export interface Converted {
  record: ExportRecord;
  result: CleanResult;
  /** Render the record in a format (uses the page's own jsdom window). */
  render(format: Format): string;
  /** Free the page's jsdom window. */
  close(): void;
}

/** Clean one page. Throws InputError (with a message for the user) when there is nothing to export. */
export function convert(input: ConvertInput): Converted {
  if (input.bytes.length > MAX_INPUT_BYTES) {
    // In bytes: in MB, a page just over the limit read "50.0 MB; the limit is 50 MB".
    const bytes = (n: number): string => `${n.toLocaleString('en')} bytes`;
    throw new InputError(`it is too large to clean (${bytes(input.bytes.length)}; the limit is ${bytes(MAX_INPUT_BYTES)}, ${MAX_INPUT_BYTES / 1048576} MB)`);
  }
  const decoded = decodeHtml(input.bytes, input.charset);
  const scan = prescan(decoded.text, DEFAULT_MAX_ELEMENTS);
  if (scan.elements > DEFAULT_MAX_ELEMENTS) {
    throw new InputError(`it is too large to clean: the HTML parser would build more than ${DEFAULT_MAX_ELEMENTS.toLocaleString('en')} elements from it, Decant's limit`);
  }
  const deep = scan.deepest > MAX_PARSE_DEPTH;
  const page = parseHtml(deep ? shallowHtml(decoded.text) : decoded.text, input.url ?? null);
  if (deep) page.warnings.push(`This page nests its elements ${scan.deepest.toLocaleString('en')} levels deep; as a browser does, Decant read those below level ${MAX_PARSE_DEPTH} side by side at that level.`);
  try {
    const result = cleanArticle(page.document, { url: input.url ?? page.baseUrl ?? undefined, window: page.window });
    if (!result.article) throw new NoArticleError(result.reason ?? 'no article was found');
    const withArticle = result as CleanResult & { article: NonNullable<CleanResult['article']> };
    if (!input.url) withArticle.article.url = null; // the page's address is unknown; canonicalUrl says where it claims to live
    withArticle.warnings.unshift(...page.warnings);
    const record = toRecord(withArticle, { source: input.bytes, capturedAt: input.capturedAt ?? null });
    const doc = page.document;
    const win = page.window;
    return {
      record,
      result,
      render: (format) => renderRecord(record, format, { doc, win, citation: result.citation }),
      close: () => closePage(page),
    };
  } catch (e) {
    closePage(page);
    throw e;
  }
}
