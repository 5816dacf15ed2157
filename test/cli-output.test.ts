// Where `decant <file|dir> --out DIR` writes, and what it refuses to write (CONTRACT §4): never over an
// input file, never two pages to one name, and a clear word about an --out it cannot use.
import fs from 'node:fs';
import path from 'node:path';
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
