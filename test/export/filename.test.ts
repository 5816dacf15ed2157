// Export file names: slugged from title and date, safe on every file system, nothing of the title's
// letters lost, stable for one article and unique across articles (issue 6).
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { fileNameOf, slugify } from '../../src/export/filename';

const rec = (title: string | null, publishedTime: string | null = '2019-03-30T06:12:00.000Z', text = 'a') => ({
  title,
  publishedTime,
  provenance: { capturedAt: null, sha256Text: sha256(text) },
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f]/;
const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('export file names', () => {
  test.each([
    ['a plain title', 'U.S. Warns Russia Over Troops in Venezuela, Threatens Sanctions', '2019-03-30-u-s-warns-russia-over-troops-in-venezuela-threatens-sanctions-'],
    ['slashes and colons', 'AC/DC: Back in Black? "Yes" <live> | 1980', '2019-03-30-ac-dc-back-in-black-yes-live-1980-'],
    ['Cyrillic', 'Путин: «Мы не вмешиваемся»', '2019-03-30-путин-мы-не-вмешиваемся-'],
    ['accents, apostrophes (NFC)', "L'e\u0301te\u0301 où Trump's café a fermé", '2019-03-30-lété-où-trumps-café-a-fermé-'],
    ['CJK and emoji', '東京の夏 🌞 2024', '2019-03-30-東京の夏-2024-'],
    ['no letters at all', '???', '2019-03-30-untitled-'],
    ['no title', null, '2019-03-30-untitled-'],
  ])('%s', (_label, title, prefix) => {
    const name = fileNameOf(rec(title), 'md');
    expect(name.startsWith(prefix)).toBe(true);
    expect(name).toMatch(/-[0-9a-f]{7}\.md$/);
    expect(name).not.toMatch(FORBIDDEN);
    expect(name).toBe(name.normalize('NFC'));
  });

  test('a very long title is cut at a word, within what file systems allow, in any script', () => {
    for (const word of ['verylongword', 'оченьдлинноеслово', '長い']) {
      const title = Array.from({ length: 200 }, () => word).join(' ');
      const name = fileNameOf(rec(title), 'csl.json');
      expect(bytes(name)).toBeLessThanOrEqual(160);
      expect(name).toMatch(new RegExp(`^2019-03-30-(${word}-)+[0-9a-f]{7}\\.csl\\.json$`));
    }
    const oneWord = 'ж'.repeat(400);
    expect(bytes(slugify(oneWord))).toBeLessThanOrEqual(120);
    expect(slugify(oneWord)).toMatch(/^ж+$/);
  });

  test('without a published date the capture date is used, else no date', () => {
    expect(fileNameOf({ ...rec('A'), publishedTime: null, provenance: { capturedAt: '2024-05-01T10:00:00Z', sha256Text: 'f'.repeat(64) } }, 'md')).toBe('2024-05-01-a-fffffff.md');
    expect(fileNameOf({ ...rec('A'), publishedTime: null, provenance: { capturedAt: null, sha256Text: 'f'.repeat(64) } }, 'md')).toBe('a-fffffff.md');
    expect(fileNameOf({ ...rec('A'), publishedTime: '2021', provenance: { capturedAt: null, sha256Text: 'f'.repeat(64) } }, 'md')).toBe('2021-a-fffffff.md');
  });

  test('stable for one article, unique for two with the same title and date', () => {
    expect(fileNameOf(rec('Same', undefined, 'one'), 'md')).toBe(fileNameOf(rec('Same', undefined, 'one'), 'md'));
    expect(fileNameOf(rec('Same', undefined, 'one'), 'md')).not.toBe(fileNameOf(rec('Same', undefined, 'two'), 'md'));
    // Titles that differ only in characters a file system rejects still get different names.
    expect(fileNameOf(rec('AC/DC', undefined, 'x'), 'md')).not.toBe(fileNameOf(rec('AC:DC', undefined, 'y'), 'md'));
  });
});
