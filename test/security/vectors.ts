/**
 * The script-injection vectors of ../shared/xss (DOMPurify's fixtures and test suite, H5SC, OWASP;
 * licenses in ../shared/xss/LICENSES.md), read in place — never copied into the project.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SHARED } from '../helpers';

export interface Vector {
  id: string;
  title: string;
  payload: string;
  source: { repo: string; path: string; commit: string };
}

export const XSS_DIR = path.join(SHARED, 'xss');

/** Every vector, in file order (vectors.json then vectors-owasp.json). */
export function loadVectors(): Vector[] {
  const out: Vector[] = [];
  for (const file of ['vectors.json', 'vectors-owasp.json']) {
    out.push(...(JSON.parse(fs.readFileSync(path.join(XSS_DIR, file), 'utf8')) as Vector[]));
  }
  return out;
}

/** The number of vectors the suites promise to cover (../shared/README.md). */
export const EXPECTED_VECTORS = 728;
