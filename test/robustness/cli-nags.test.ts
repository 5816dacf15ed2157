// Zero crashes through the CLI over ../shared/nags (issue 7; the corpus is covered by the batch test's
// whole-corpus run in test/batch/batch.test.ts): a directory run writes every page, reports none.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { decant, tempDir } from '../cli-lib';
import { SHARED } from '../helpers';

const NAGS = path.join(SHARED, 'nags');

describe('the nag pages through the CLI', () => {
  test('every page is cleaned, none fails', () => {
    const out = tempDir('nags-out');
    const pages = fs.readdirSync(NAGS).filter((f) => f.endsWith('.html')).sort();
    expect(pages.length).toBeGreaterThanOrEqual(8);
    const r = decant([NAGS, '--out', out, '--format', 'json']);
    expect(r.stderr).not.toMatch(/decant: .*: /);
    expect(r.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(pages.map((p) => p.replace(/\.html$/, '.json')));
    for (const f of fs.readdirSync(out)) expect(JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')).wordCount, f).toBeGreaterThan(40);
  }, 120_000);
});
