// Where `decant <file|dir> --out DIR` writes, and what it refuses to write (CONTRACT §4): never over an
// input file, never two pages to one name, and a clear word about an --out it cannot use.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { articlePage, decant, tempDir } from './cli-lib';

/** Write `files` (name → HTML) into a fresh directory and return it. */
function dirWith(prefix: string, files: Record<string, string | Uint8Array>): string {
  const dir = tempDir(prefix);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

describe('never writes over an input file', () => {
  test('a directory converted to html into itself: each page whose output is itself is refused and left as it was, exit 1', () => {
    const dir = dirWith('self-dir', { 'a.html': articlePage('First page'), 'c.html': articlePage('Second page') });
    const r = decant([dir, '--format', 'html', '--out', dir]);
    expect(r.status).toBe(1);
    for (const name of ['a.html', 'c.html']) {
      expect(r.stderr).toContain(`decant: ${path.join(dir, name)}: refused: its output ${path.join(dir, name)} is this input file`);
      expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe(articlePage(name === 'a.html' ? 'First page' : 'Second page'));
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['a.html', 'c.html']);
  });

  test('a single file converted to html into its own directory: refused, untouched, exit 1', () => {
    const dir = dirWith('self-file', { 'a.html': articlePage('Only page') });
    const file = path.join(dir, 'a.html');
    const r = decant([file, '--format', 'html', '--out', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/refused: its output .* is this input file/);
    expect(fs.readFileSync(file, 'utf8')).toBe(articlePage('Only page'));
  });

  test('an output name in --out that is a link to the input (another path, same file) is refused too', () => {
    const dir = dirWith('link-in', { 'a.html': articlePage('Linked page') });
    const out = tempDir('link-out');
    fs.symlinkSync(path.join(dir, 'a.html'), path.join(out, 'a.html'));
    const r = decant([path.join(dir, 'a.html'), '--format', 'html', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is this input file');
    expect(fs.readFileSync(path.join(dir, 'a.html'), 'utf8')).toBe(articlePage('Linked page'));
  });

  test('an output that resolves to another input of the same run is refused too', () => {
    const dir = dirWith('other-in', { 'a.html': articlePage('Page one'), 'b.html': articlePage('Page two') });
    const out = tempDir('other-out');
    fs.symlinkSync(path.join(dir, 'b.html'), path.join(out, 'a.html'));
    const r = decant([dir, '--format', 'html', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`decant: ${path.join(dir, 'a.html')}: refused: its output ${path.join(out, 'a.html')} is the input file ${path.join(dir, 'b.html')}`);
    expect(fs.readFileSync(path.join(dir, 'b.html'), 'utf8')).toBe(articlePage('Page two'));
    expect(fs.readFileSync(path.join(out, 'b.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });
});

describe('two pages never share an output name', () => {
  test('a.html and a.htm (and B.HTML and b.html) would each write one file: both of each pair are refused, the rest written, exit 1', () => {
    const dir = dirWith('clash', { 'a.html': articlePage('Page A one'), 'a.htm': articlePage('Page A two'), 'B.HTML': articlePage('Page B one'), 'b.html': articlePage('Page B two'), 'c.html': articlePage('Page C') });
    const out = tempDir('clash-out');
    const r = decant([dir, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`decant: ${path.join(dir, 'a.htm')}: refused: ${path.join(dir, 'a.html')} would be written to the same file, ${path.join(out, 'a.md')}`);
    expect(r.stderr).toContain(`decant: ${path.join(dir, 'a.html')}: refused: ${path.join(dir, 'a.htm')} would be written to the same file`);
    // Names that differ only in case are one file on a case-insensitive file system (macOS, Windows, FAT).
    expect(r.stderr).toContain(`decant: ${path.join(dir, 'b.html')}: refused: ${path.join(dir, 'B.HTML')} would be written to the same file`);
    expect(r.stderr).toMatch(/4 of 5 page\(s\) failed/);
    expect(fs.readdirSync(out)).toEqual(['c.md']);
  });
});

describe('an --out that cannot be a directory is a usage error about --out (exit 2), before any page is read', () => {
  const page = () => dirWith('out-page', { 'p.html': articlePage('A page') });

  test.skipIf(!fs.existsSync('/proc/self'))('--out /proc/nope (mkdir fails with ENOENT under an existing directory) fails at once instead of looping', () => {
    const started = Date.now();
    const r = decant([path.join(page(), 'p.html'), '--out', '/proc/nope/deeper']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^decant: --out \/proc\/nope\/deeper: \/proc\/nope could not be created \(ENOENT/);
  });

  test.each([
    ['a file', (f: string) => f, 'is a file, not a directory'],
    ['a path through a file', (f: string) => path.join(f, 'sub'), 'is a file, not a directory'],
  ])('--out naming %s, for one page and for a directory', (_what, outOf, message) => {
    const dir = page();
    const file = path.join(tempDir('out-file'), 'taken');
    fs.writeFileSync(file, 'keep me');
    for (const input of [path.join(dir, 'p.html'), dir]) {
      const r = decant([input, '--out', outOf(file)]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`decant: --out ${outOf(file)}: ${file} ${message}\n`);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });
});

describe('which files of a directory are pages', () => {
  test.each([
    ['no page among other files', { 'a.txt': 'x' }],
    ['an empty directory', {}],
  ])('%s: says so on stderr and exits 1, and makes no --out', (_what, files) => {
    const dir = dirWith('no-pages', files);
    const out = path.join(tempDir('no-pages-out'), 'out');
    const r = decant([dir, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`decant: ${dir}: no *.html or *.htm file in it (gzipped or not), so nothing was converted\n`);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('gzipped pages (*.html.gz, *.htm.gz) are read, and named without .html.gz; also one given alone', () => {
    const dir = dirWith('gz', { 'mt.html.gz': gzipSync(articlePage('Zipped page')), 'old.HTM.GZ': gzipSync(articlePage('Old zipped page')), 'plain.html': articlePage('Plain page') });
    const out = tempDir('gz-out');
    const r = decant([dir, '--out', out, '--format', 'txt']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['mt.txt', 'old.txt', 'plain.txt']);
    expect(fs.readFileSync(path.join(out, 'mt.txt'), 'utf8')).toContain('The ferry between the two villages');
    const single = tempDir('gz-single');
    expect(decant([path.join(dir, 'mt.html.gz'), '--out', single]).status).toBe(0);
    expect(fs.readdirSync(single)).toEqual(['mt.md']);
  });
});
