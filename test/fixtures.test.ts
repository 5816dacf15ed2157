// Every fixture in test/fixtures, found here (no list to keep in sync), through the core pipeline and
// through the built command line. Per fixture the test asserts behaviour — the sentences declared in
// the expected file's "expect" block stay or go, the ledger names the declared categories — and then
// compares metadata, ledger previews and text with the reviewed expected file.
//
// A missing expected file FAILS. `UPDATE=1 npx vitest run test/fixtures.test.ts` writes (or rewrites)
// the generated part and keeps the hand-written "expect" block (`UPDATE=<part of a name>` only for
// the matching fixtures); a new file gets an empty "expect" block, which fails until a reviewer
// declares what must stay and what must go.
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { clean, norm } from './helpers';
import { decant, tempDir } from './cli-lib';
import {
  blankExpectations, EXPECTED, expectedPath, FIXTURE_NAME, fixtureHeader, fixturePath, listFixtures, parseExpected,
  renderExpected, snapshotOf, type ExpectedFile,
} from './fixture-lib';
import { CATEGORIES } from '../src/core/types';
import { RULES } from '../src/core/rules/index';
import type { ExportRecord } from '../src/export/record';

const UPDATE = process.env.UPDATE ?? '';
const updates = (name: string): boolean => UPDATE === '1' || (UPDATE !== '' && name.includes(UPDATE));
const names = listFixtures();
const ruleIds = new Set(RULES.map((r) => r.id));

/** The visible text of an HTML fragment (for "gone from the HTML too"). */
function htmlText(html: string): string {
  return JSDOM.fragment(html).textContent ?? '';
}

/** Read the expected file; with UPDATE=1 (re)write its generated part first. */
function loadExpected(name: string, generated: Omit<ExpectedFile, 'expect'>): ExpectedFile | null {
  const file = expectedPath(name);
  const existing = fs.existsSync(file) ? parseExpected(fs.readFileSync(file, 'utf8'), name) : null;
  if (updates(name)) {
    const next: ExpectedFile = { expect: existing?.expect ?? blankExpectations(), ...generated };
    fs.mkdirSync(EXPECTED, { recursive: true });
    fs.writeFileSync(file, renderExpected(name, next));
    return next;
  }
  return existing;
}

test('there is at least one fixture per rule family', () => {
  const covered = new Set(names.map((n) => FIXTURE_NAME.exec(n)?.[1]));
  expect([...ruleIds].filter((id) => !covered.has(id))).toEqual([]);
});

// CONTRACT §7: text patterns cover at least English, Russian, German, French, Spanish and Italian;
// the fixtures are where that is proven, and traps (articles about the nags' own topics) must exist.
test('the fixtures cover the six languages, with traps', () => {
  const langs = new Set(names.map((n) => /<html[^>]*\blang="([a-z]{2})/i.exec(fs.readFileSync(fixturePath(n), 'utf8'))?.[1]?.toLowerCase()));
  for (const lang of ['en', 'ru', 'de', 'fr', 'es', 'it']) expect([...langs], `no fixture in ${lang}`).toContain(lang);
  expect(names.filter((n) => n.endsWith('-trap')).length).toBeGreaterThanOrEqual(5);
});

test('every expected file belongs to a fixture', () => {
  const orphans = fs.existsSync(EXPECTED) ? fs.readdirSync(EXPECTED).filter((f) => f.endsWith('.md') && !names.includes(f.slice(0, -3))) : [];
  expect(orphans).toEqual([]);
});

describe.each(names)('%s', (name) => {
  const html = fs.readFileSync(fixturePath(name), 'utf8');

  test('is named <rule-id>--<site>-<case> after a rule family, with a url header, and is small', () => {
    const m = FIXTURE_NAME.exec(name);
    expect(m, `${name}: rename to <rule-id>--<site>-<case>`).not.toBeNull();
    expect(ruleIds.has(m![1]), `${name}: "${m![1]}" is not a rule id (${[...ruleIds].join(', ')})`).toBe(true);
    expect(() => fixtureHeader(html, name)).not.toThrow();
    expect(Buffer.byteLength(html), 'fixtures are a few KB: the article and its clutter, nothing else').toBeLessThan(16 * 1024);
  });

  const { url } = fixtureHeader(html, name);
  const r = clean(html, {}, url);
  const a = r.article;
  const generated = { snapshot: snapshotOf(r), text: a?.text ?? '' };
  const exp = loadExpected(name, generated);

  test('has a reviewed expected file that declares what must stay and what must go', () => {
    expect(exp, `test/expected/${name}.md is missing: run UPDATE=1 npx vitest run test/fixtures.test.ts, then fill in its "expect" block and review it`).not.toBeNull();
    expect(exp!.expect.keep.length, `${name}.md: declare at least one sentence the article must keep ("expect.keep")`).toBeGreaterThan(0);
    expect(exp!.expect.drop.length + (exp!.expect.dropBlocks?.length ?? 0) + exp!.expect.ledger.length + exp!.expect.notInLedger.length, `${name}.md: declare what must go ("expect.drop", "expect.ledger") or, for a pure trap, "expect.notInLedger"`).toBeGreaterThan(0);
    // Declared sentences come from the page, so a drop assertion can fail (no typo passes vacuously).
    const source = norm(htmlText(html.replace(/^<!--.*-->\n/, '')));
    const declared = [...exp!.expect.keep, ...exp!.expect.drop, ...(exp!.expect.keepBlocks ?? []), ...(exp!.expect.dropBlocks ?? []), ...(exp!.expect.html ?? [])];
    for (const s of declared) expect(source, `${name}: "${s}" is not in the fixture`).toContain(norm(s));
    for (const c of [...exp!.expect.ledger, ...exp!.expect.notInLedger]) expect(CATEGORIES).toContain(c);
  });

  test('finds the article', () => {
    expect(a, r.reason).not.toBeNull();
  });

  test('keeps every declared sentence and drops every declared nag (text and HTML)', () => {
    if (!exp || !a) throw new Error('no expected file or no article');
    const text = norm(a.text);
    const shown = norm(htmlText(a.contentHtml));
    for (const s of exp.expect.keep) expect(text, `must keep: ${s}`).toContain(norm(s));
    for (const s of exp.expect.drop) {
      expect(text, `must drop from text: ${s}`).not.toContain(norm(s));
      expect(shown, `must drop from HTML: ${s}`).not.toContain(norm(s));
    }
    for (const s of exp.expect.html ?? []) expect(shown, `must show in HTML: ${s}`).toContain(norm(s));
    // Whole blocks: a heading or a label line, told apart from the same words inside a paragraph.
    const blocks = a.text.split('\n\n').map(norm);
    const htmlBlocks = Array.from(JSDOM.fragment(a.contentHtml).querySelectorAll('p, div, li, h1, h2, h3, h4, h5, h6, span, a')).map((el) => norm(el.textContent ?? ''));
    for (const s of exp.expect.keepBlocks ?? []) expect(blocks, `must keep the block: ${s}`).toContain(norm(s));
    for (const s of exp.expect.dropBlocks ?? []) {
      expect(blocks, `must drop the block from text: ${s}`).not.toContain(norm(s));
      expect(htmlBlocks, `must drop the block from HTML: ${s}`).not.toContain(norm(s));
    }
  });

  test('records each removal under the declared categories, with evidence and a path into the page', () => {
    if (!exp) throw new Error('no expected file');
    const cats = new Set(r.removed.map((e) => e.category));
    for (const c of exp.expect.ledger) expect([...cats], `the ledger must list a ${c} block`).toContain(c);
    for (const c of exp.expect.notInLedger) expect([...cats], `the ledger must not list a ${c} block (trap)`).not.toContain(c);
    for (const e of r.removed) {
      expect(ruleIds.has(e.rule)).toBe(true);
      expect(CATEGORIES).toContain(e.category);
      expect(e.reason.length).toBeGreaterThan(5);
      const clauses = e.reason.split('; ');
      expect(clauses, `the reason says each thing once: ${e.reason}`).toEqual([...new Set(clauses)]);
      expect(e.preview.length).toBeLessThanOrEqual(160);
      expect(r.page.document.querySelector(e.path), `path ${e.path}`).not.toBeNull();
    }
  });

  test('matches the reviewed metadata, ledger and text', () => {
    if (!exp) throw new Error('no expected file');
    expect(generated.snapshot).toEqual(exp.snapshot);
    expect(generated.text).toBe(exp.text);
  });
});

// The same pages through the built command line (one process for the whole directory): browser-only
// calls leaking into src/core would fail here, in plain Node without a global window or document.
describe('through the command line', () => {
  const out = tempDir('fixtures');
  const run = names.length ? decant([path.dirname(fixturePath(names[0])), '--format', 'json', '--out', out]) : null;

  test('converts every fixture', () => {
    expect(run?.stderr).toBe('');
    expect(run?.status).toBe(0);
  });

  test.each(names)('%s gives the expected text and ledger', (name) => {
    const file = path.join(out, `${name}.json`);
    expect(fs.existsSync(file)).toBe(true);
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as ExportRecord;
    const exp = fs.existsSync(expectedPath(name)) ? parseExpected(fs.readFileSync(expectedPath(name), 'utf8'), name) : null;
    expect(exp).not.toBeNull();
    expect(record.text).toBe(exp!.text);
    expect(record.title).toBe(exp!.snapshot.title);
    const removed: Record<string, string[]> = {};
    for (const e of record.removed) (removed[e.rule === e.category ? e.rule : `${e.rule}/${e.category}`] ??= []).push(e.preview);
    expect(removed).toEqual(exp!.snapshot.removed);
  });
});
