// The bundled sample page (a reconstruction of the page Decant was born from): what a reader must
// get, and what must go, with each removal under its category.
import { describe, expect, test } from 'vitest';
import { clean, readFile, SAMPLE, norm } from './helpers';

const html = readFile(SAMPLE);
const url = 'https://www.themoscowtimes.com/2019/03/30/us-warns-russia-over-troops-in-venezuela-threatens-sanctions-a64998';

describe('sample page', () => {
  const r = clean(html, {}, url);
  const a = r.article!;

  test('has an article with its metadata', () => {
    expect(a).not.toBeNull();
    expect(a.title).toBe('U.S. Warns Russia Over Troops in Venezuela, Threatens Sanctions');
    expect(a.siteName).toBe('The Moscow Times');
    expect(a.lang).toBe('en');
    expect(a.publishedTime).toBe('2019-03-30T09:12:00+03:00');
    expect(a.canonicalUrl).toBe(url);
    expect(a.wordCount).toBeGreaterThan(380);
    expect(a.readingTimeMinutes).toBe(2);
  });

  test('keeps every paragraph and the subhead in the text, and the photo credit in the HTML only', () => {
    for (const p of ['The White House on Friday warned Russia', 'Trump\'s national security adviser John Bolton', "Russia sends 'specialists'", 'which apparently got all screwed up by the blackout']) {
      expect(norm(a.text)).toContain(norm(p));
    }
    expect(a.contentHtml).toContain('Bruno Kelly / Reuters');
    expect(a.text).not.toContain('Bruno Kelly');
    expect(a.text).not.toContain(a.title!);
  });

  test('drops the modal, the appeal, the widget and the rail', () => {
    for (const nag of ['Enjoying ad-free content?', 'Support us', 'A Message from The Moscow Times', 'Dear readers', 'Not ready to support today?', 'Remind me later', 'Monthly', 'Read more', 'Kremlin Says It Has Not Been Asked']) {
      expect(a.text).not.toContain(nag);
      expect(a.contentHtml).not.toContain(nag);
    }
  });

  test('records each removal under its category, with evidence and a place to put it back', () => {
    const byCategory = (c: string) => r.removed.filter((e) => e.category === c);
    expect(byCategory('donation').map((e) => e.preview)).toEqual(
      expect.arrayContaining([expect.stringContaining('Enjoying ad-free content?'), expect.stringContaining('A Message from The Moscow Times')]),
    );
    expect(byCategory('related').map((e) => e.preview)).toEqual([expect.stringContaining('Read more')]);
    for (const e of r.removed) {
      expect(e.reason.length).toBeGreaterThan(10);
      expect(e.path.startsWith('body')).toBe(true);
      expect(r.page.document.querySelector(e.path)).not.toBeNull();
      expect(e.preview.length).toBeLessThanOrEqual(160);
    }
    const appeal = r.removed.find((e) => e.preview.includes('A Message from'))!;
    expect(appeal.html).toContain('Dear readers');
    expect(appeal.html).not.toMatch(/<form|<input|<button/);
    expect(appeal.after).not.toBeNull();
    expect(a.contentHtml).toContain(`data-decant-id="${appeal.after}"`);
  });

  test('never changes the page it was given', () => {
    const before = r.page.document.documentElement.outerHTML;
    clean(html, {}, url); // a fresh page
    const again = r.page;
    expect(again.document.documentElement.outerHTML).toBe(before);
    expect(before).toContain('Enjoying ad-free content?');
    expect(before).not.toContain('data-decant');
  });
});
