/**
 * Which files of a directory are saved pages, for `decant DIR` and `decant batch DIR` alike, and what
 * the single-page command names their output. Pages are often stored gzipped (README: gzip files are
 * read as such).
 */
import path from 'node:path';

/** `*.html`, `*.htm`, each optionally `.gz`, in any case. */
export const HTML_FILE = /\.html?(\.gz)?$/i;

/** An output's name without its extension: the input's name without `.gz` and then its last extension (`mt.html.gz` → `mt`). */
export function outputBaseOf(file: string): string {
  return path.basename(file).replace(/\.gz$/i, '').replace(/\.[^.]+$/, '');
}
