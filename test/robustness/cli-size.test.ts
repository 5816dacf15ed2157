// Size through the command line (`node bin/decant.mjs`, as a user runs it): a page of 200,000 elements
// and a page of 20 MB are cleaned; past the documented hard caps (README: 50 MB, 400,000 elements)
// the CLI refuses with its message — and a page whose HTML the parser would blow up into more elements
// than the cap is refused before jsdom builds them (it would otherwise exhaust the memory and kill the
// whole run). Time and memory for the large pages are measured by `npm run bench:size`, not here; the
// time limits below are hang guards.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, tempDir } from '../cli-lib';
import { ROOT } from '../helpers';
import { amplifyingPage, ARTICLE_MARKER, pageWithBytes, pageWithElements } from './big-pages';

const dir = tempDir('size');

function run(file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, file, '--format', 'txt'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('deep pages are read as a browser nests them', () => {
  // jsdom recursed once per level for each node it added: 20,000 levels overflowed the stack after
  // three 13-second attempts ("The HTML could not be parsed"). Blink nests at most 512 levels.
  test('20,000 levels: the article, in order, with a warning saying how deep the page was', () => {
    const depth = 20_000;
    const paras = ['The council met on Tuesday to discuss the harbour wall and agreed to rebuild it next year.', 'Work will start in March and should be finished before the autumn storms arrive on the coast.', 'Residents will be able to follow the work on a public map that the council updates every week.'];
    const file = path.join(dir, 'deep-20k.html');
    fs.writeFileSync(file, `<!doctype html><html><head><title>Harbour wall</title></head><body>${'<div>'.repeat(depth)}${paras.map((p) => `<p>${p} ${p}</p>`).join('')}${'</div>'.repeat(depth)}</body></html>`);
    const r = spawnSync(process.execPath, [BIN, file, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const record = JSON.parse(r.stdout) as { text: string; warnings: string[] };
    const at = paras.map((p) => record.text.indexOf(p));
    expect(at.every((i) => i >= 0) && at[0] < at[1] && at[1] < at[2]).toBe(true);
    expect(record.warnings.join(' ')).toMatch(/nests its elements 20,00\d levels deep/);
  }, 180_000);
});

describe('large pages are cleaned', () => {
  test('200,000 elements', () => {
    const file = path.join(dir, 'elements-200k.html');
    fs.writeFileSync(file, pageWithElements(200_000));
    const r = run(file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(ARTICLE_MARKER);
    expect(r.stdout).not.toContain('Story number');
  }, 600_000);

  test('20 MB', () => {
    const file = path.join(dir, 'bytes-20mb.html');
    fs.writeFileSync(file, pageWithBytes(20_000_000));
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(20_000_000);
    const r = run(file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(ARTICLE_MARKER);
  }, 600_000);
});

describe('past the hard caps the CLI refuses, with its message', () => {
  test('over 50 MB', () => {
    const file = path.join(dir, 'over-50mb.html');
    fs.writeFileSync(file, pageWithBytes(50 * 1024 * 1024 + 1));
    const r = run(file);
    expect(r.status).toBe(1);
    // In bytes, so that a page just over the limit does not read "50.0 MB; the limit is 50 MB".
    const size = fs.statSync(file).size.toLocaleString('en');
    expect(r.stderr).toBe(`decant: ${file}: it is too large to clean (${size} bytes; the limit is 52,428,800 bytes, 50 MB)\n`);
  }, 600_000);

  test('over 400,000 elements', () => {
    const file = path.join(dir, 'elements-400k.html');
    fs.writeFileSync(file, pageWithElements(400_200));
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`decant: ${file}: it is too large to clean: the HTML parser would build more than 400,000 elements from it, Decant's limit\n`);
  }, 600_000);

  test('parser amplification: 170 KB of misnested formatting tags that would become 6,000,000 elements', () => {
    const file = path.join(dir, 'amplifier.html');
    const html = amplifyingPage(300, 20_000);
    expect(html.length).toBeLessThan(200_000);
    fs.writeFileSync(file, html);
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`decant: ${file}: it is too large to clean: the HTML parser would build more than 400,000 elements from it, Decant's limit\n`);
  }, 600_000);
});
