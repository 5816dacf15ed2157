// The text view (`article.text`, schema.org articleBody as the public benchmark scores it) leaves out
// the article's furniture — title, byline, dateline, captions, credits, notes about the author — while
// `contentHtml` keeps all of it (CONTRACT §1). One small page per class of furniture in
// test/fixtures/text/, each declaring what the text keeps and what it leaves out.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { clean, norm, ROOT } from './helpers';
import { fixtureHeader } from './fixture-lib';

const DIR = path.join(ROOT, 'test', 'fixtures', 'text');

interface Case {
  name: string;
  /** Sentences the text keeps (the article). */
  keeps: string[];
  /** Lines the text leaves out and the view keeps. */
  furniture: string[];
}

const CASES: Case[] = [
  {
    name: 'tail--agency-coverage-links',
    keeps: ['British lawmakers voted on Saturday to delay', 'European officials said they would consider the request calmly'],
    furniture: ["Jonas Weber's book about the history of the customs union", "Follow AP's full coverage of Brexit", 'More AP politics: https://apnews.com/Politics'],
  },
  {
    name: 'tail--wordpress-author-box',
    keeps: ['The last of the carrots came out of the ground', 'In the spring the leaves will have settled'],
    furniture: ['Regan is a Connecticut native now living in the hills of Vermont'],
  },
  {
    name: 'caption--agency-photo-line',
    keeps: ['Putting astronauts into a state like hibernation', 'The researchers modelled a crew of six', 'Bears lose little muscle or bone'],
    furniture: ['In this Dec. 12, 2006, file photo, made available by NASA', 'This undated photo provided by a wildlife park'],
  },
  {
    name: 'tail--wire-long-reporting-credit',
    keeps: ['U.S. stocks edged higher on Tuesday', 'Retail sales rose 0.1 percent last month'],
    furniture: ['Reporting by Dana Whitfield in New York', 'Write to Dana Whitfield at'],
  },
  {
    name: 'tail--science-author-note-tip-line',
    keeps: ['A house-sized asteroid discovered only last Saturday', 'Observers with a telescope of at least 20 centimetres'],
    furniture: ['Mara Ellison is a senior writer at Science Example', 'Email Mara Ellison at', 'if you have a news tip, correction or comment'],
  },
  {
    name: 'byline--wordpress-author-paragraph',
    keeps: ['Police arrested six people on Monday', 'All six were taken to the county jail'],
    furniture: ['Staff Reports'],
  },
  {
    name: 'byline--agency-line-beside-date',
    keeps: ['BERLIN -- Putting astronauts into a state like hibernation', 'The researchers now want to learn how bears'],
    furniture: ['The Associated Press', 'Published Monday, November 18, 2019', 'In this Dec. 12, 2006, file photo'],
  },
];

test('every text-view fixture has a case, and every case a fixture', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
  expect(files).toEqual(CASES.map((c) => c.name).sort());
});

describe.each(CASES)('$name', ({ name, keeps, furniture }) => {
  const html = fs.readFileSync(path.join(DIR, `${name}.html`), 'utf8');
  const r = clean(html, {}, fixtureHeader(html, name).url);

  test('the text keeps the article and leaves the furniture out; the view keeps both', () => {
    expect(r.article, r.reason).not.toBeNull();
    const text = norm(r.article!.text);
    const view = norm(r.article!.contentHtml.replace(/<[^>]+>/g, ' '));
    for (const s of keeps) {
      expect(text, `text lost: ${s}`).toContain(norm(s));
    }
    for (const s of furniture) {
      expect(text, `text kept: ${s}`).not.toContain(norm(s));
      expect(view, `view lost: ${s}`).toContain(norm(s));
    }
  });

  test('nothing is removed: furniture is not a nag', () => {
    expect(r.removed).toEqual([]);
  });
});
