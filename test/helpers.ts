/**
 * Test helpers: pages become jsdom documents the way the CLI makes them (same parser and fallbacks),
 * and ../shared is found where CI puts it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHtml, type ParsedPage } from '../src/cli/parse';
import { cleanArticle } from '../src/core/index';
import type { CleanOptions, CleanResult } from '../src/core/types';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(process.env.DECANT_SHARED ?? path.join(ROOT, '..', 'shared'));
export const SAMPLE = path.join(ROOT, 'sample', 'moscow-times-venezuela.html');

export function page(html: string, url = 'https://example.org/2024/story'): ParsedPage {
  return parseHtml(html, url);
}

export function clean(html: string, options: CleanOptions = {}, url = 'https://example.org/2024/story'): CleanResult & { page: ParsedPage } {
  const p = page(html, url);
  return { ...cleanArticle(p.document, { url, window: p.window, ...options }), page: p };
}

export function readFile(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** Text normalised the way ../shared/tools/score-nags.mjs compares it. */
export function norm(s: string): string {
  return s.normalize('NFC').replace(/[\s\u00a0\u200b\u2028\u2029]+/g, ' ').trim().toLowerCase();
}
