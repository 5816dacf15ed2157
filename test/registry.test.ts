// The rule registry holds together (STYLE §2, modelled on Refined GitHub's build/features.test.ts):
// every rule family module in src/core/rules/ is in RULES, has its `.data.ts` and at least one fixture
// named after it; the rules version hash is up to date; every vendor entry says where it comes from —
// a fixture that exists, or a named vendor or site — and every fixture a data file names exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, inject, test } from 'vitest';
import { ROOT } from './helpers';
import { fixturePath, listFixtures } from './fixture-lib';
import { vendorMatcher } from '../src/core/rules/match';
import { Attrs } from '../src/core/rules/attrs';
import { RULES } from '../src/core/rules/index';
import type { RuleFamily, VendorEntry } from '../src/core/rules/types';

const RULES_DIR = path.join(ROOT, 'src', 'core', 'rules');
const DATA_FILES = [
  ...fs.readdirSync(RULES_DIR).filter((f) => f.endsWith('.data.ts')).map((f) => path.join(RULES_DIR, f)),
  ...fs.readdirSync(path.join(ROOT, 'src', 'core')).filter((f) => f.endsWith('.data.ts')).map((f) => path.join(ROOT, 'src', 'core', f)),
];
const fixtures = listFixtures();
/** Fixtures in subfolders (structure/, text/: their own tests), named by data comments as `<folder>/<name>`. */
const structureFixtures = ['structure', 'text'].flatMap((d) => fs.readdirSync(path.join(ROOT, 'test', 'fixtures', d)).filter((f) => f.endsWith('.html')).map((f) => `${d}/${f.slice(0, -5)}`));

function isFamily(value: unknown): value is RuleFamily {
  const v = value as RuleFamily;
  return !!v && typeof v === 'object' && typeof v.id === 'string' && typeof v.category === 'string' && typeof v.signals === 'function';
}

function isVendorList(value: unknown): value is readonly VendorEntry[] {
  return Array.isArray(value) && value.length > 0 && value.every((e) => e && typeof e === 'object' && typeof e.selector === 'string' && typeof e.note === 'string');
}

/** Every family exported by a module in src/core/rules/, with the file it lives in. */
async function familyModules(): Promise<{ file: string; family: RuleFamily }[]> {
  const out: { file: string; family: RuleFamily }[] = [];
  for (const f of fs.readdirSync(RULES_DIR).filter((n) => n.endsWith('.ts') && !n.endsWith('.data.ts') && !n.endsWith('.test.ts'))) {
    const mod = (await import(path.join(RULES_DIR, f))) as Record<string, unknown>;
    for (const value of Object.values(mod)) if (isFamily(value)) out.push({ file: f, family: value });
  }
  return out;
}

describe('rule registry', () => {
  test('every rule family module is in RULES, under its file name', async () => {
    const modules = await familyModules();
    expect(modules.length).toBeGreaterThanOrEqual(RULES.length);
    for (const { file, family } of modules) {
      expect(file, `the family "${family.id}" must live in ${family.id}.ts`).toBe(`${family.id}.ts`);
      expect(RULES, `${file} exports the family "${family.id}" but RULES (src/core/rules/index.ts) does not list it`).toContain(family);
    }
  });

  test.each(RULES.map((r) => [r.id, r] as const))('%s has its module, its .data.ts and a fixture', (id) => {
    expect(fs.existsSync(path.join(RULES_DIR, `${id}.ts`)), `src/core/rules/${id}.ts`).toBe(true);
    expect(fs.existsSync(path.join(RULES_DIR, `${id}.data.ts`)), `src/core/rules/${id}.data.ts`).toBe(true);
    expect(fixtures.filter((n) => n.startsWith(`${id}--`)), `a fixture test/fixtures/${id}--<site>-<case>.html`).not.toEqual([]);
  });

  test('rule ids are unique kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
  });
});

describe('rules version', () => {
  // Run by test/global-setup.ts before its build regenerates the file (a check after it could not fail).
  test('node scripts/rules-version.mjs --check passed before this run built anything', () => {
    expect(inject('rulesVersionCheck')).toBe('');
  });

  test('node scripts/rules-version.mjs --check passes now', () => {
    const r = spawnSync(process.execPath, ['scripts/rules-version.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  // `npm run build` regenerates the hash, so on CI (a clean clone, built first) the check above always
  // sees a fresh file. Git tells whether the COMMITTED hash was stale: when no data file differs from
  // HEAD, the version file must not differ either.
  test('the committed rules version was up to date when committed', () => {
    const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    const inRepo = git('rev-parse', '--is-inside-work-tree');
    if (inRepo.status !== 0) return; // an exported tarball: nothing committed to compare
    const data = DATA_FILES.map((f) => path.relative(ROOT, f));
    const dataChanged = git('diff', '--quiet', 'HEAD', '--', ...data).status !== 0;
    if (dataChanged) return; // work in progress: the --check test above covers it
    const versionDiff = git('diff', 'HEAD', '--', 'src/core/rules/version.ts').stdout;
    expect(versionDiff, 'src/core/rules/version.ts was committed stale: run node scripts/rules-version.mjs and commit it').toBe('');
  });
});

describe('rule data', () => {
  const vendorLists: { file: string; name: string; entries: readonly VendorEntry[] }[] = [];
  const comments: { file: string; line: number; text: string }[] = [];

  test('data files load', async () => {
    for (const file of DATA_FILES) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (isVendorList(value)) vendorLists.push({ file: path.basename(file), name, entries: value });
      fs.readFileSync(file, 'utf8').split('\n').forEach((text, i) => comments.push({ file: path.basename(file), line: i + 1, text }));
    }
    expect(vendorLists.length).toBeGreaterThanOrEqual(RULES.length);
  });

  test('every vendor selector is a valid CSS selector', () => {
    const { document } = new JSDOM('<!doctype html><p>').window;
    for (const { file, entries } of vendorLists) {
      for (const e of entries) expect(() => document.querySelector(e.selector.replace(/\*$/, '')), `${file}: ${e.selector}`).not.toThrow();
    }
  });

  test('no vendor selector is listed twice in one family', () => {
    for (const { file, name, entries } of vendorLists) {
      const seen = entries.map((e) => e.selector);
      expect(seen.filter((s, i) => seen.indexOf(s) !== i), `${file} ${name}`).toEqual([]);
    }
  });

  test('every vendor entry names a fixture that exists, or the vendor or site it comes from', () => {
    const bad: string[] = [];
    for (const { file, entries } of vendorLists) {
      for (const e of entries) {
        const where = `${file}: ${e.selector} — "${e.note}"`;
        const named = [...e.note.matchAll(/fixture:\s*([a-z0-9-]+)/g)].map((m) => m[1]);
        for (const f of named) if (!fixtures.includes(f)) bad.push(`${where}: no test/fixtures/${f}.html`);
        if (named.length) continue;
        // No fixture: the note must name where the markup comes from — a vendor, product or site (a
        // capitalised name or a domain), not a description such as "common ad slot class".
        if (/^(?:common|generic|typical|some)\b/i.test(e.note) || !/\p{Lu}|\b[a-z0-9-]+\.(?:com|net|org|io|js|ru|de|fr|es|it)\b/u.test(e.note)) {
          bad.push(`${where}: say which vendor or site uses it, or name a fixture`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  // A note that names a fixture is evidence only if the fixture carries the markup: the selector, run
  // through the same matcher the rules use, must match an element of that page.
  test('a fixture named by a vendor entry contains markup the entry matches', () => {
    const pages = new Map<string, Document>();
    const bad: string[] = [];
    for (const { file, entries } of vendorLists) {
      for (const e of entries) {
        const match = vendorMatcher([e]);
        for (const [, name] of e.note.matchAll(/fixture:\s*([a-z0-9-]+)/g)) {
          if (!fixtures.includes(name)) continue; // reported by the test above
          let doc = pages.get(name);
          if (!doc) pages.set(name, (doc = new JSDOM(fs.readFileSync(fixturePath(name), 'utf8')).window.document));
          const hit = Array.from(doc.querySelectorAll('*')).some((el) => match(el, el.localName, Attrs.of(el)) !== null);
          if (!hit) bad.push(`${file}: ${e.selector} names ${name}, which has no element it matches`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  test('every fixture a data comment names exists', () => {
    const missing: string[] = [];
    for (const { file, line, text } of comments) {
      for (const m of text.matchAll(/fixture:\s*([a-z0-9/-]+)/g)) if (!fixtures.includes(m[1]) && !structureFixtures.includes(m[1])) missing.push(`${file}:${line} names ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
