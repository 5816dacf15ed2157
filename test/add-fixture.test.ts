// scripts/add-fixture.mjs turns a saved page into a fixture: header line first, scripts (not JSON-LD),
// styles, comments and handlers gone, one block per line; bad names are refused (exit 2).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from './helpers';
import { tempDir } from './cli-lib';
import { fixtureHeader } from './fixture-lib';

const run = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'add-fixture.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('scripts/add-fixture.mjs', () => {
  const dir = tempDir('add-fixture');
  const page = path.join(dir, 'saved.html');
  fs.writeFileSync(
    page,
    '<html lang="en"><head><meta charset="utf-8"><title>Ferry</title><link rel="canonical" href="https://news.example.org/ferry"><link rel="stylesheet" href="/s.css">' +
      '<style>p{color:red}</style><script>track()</script><script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry"}</script></head>' +
      '<body onload="boot()"><!-- build 1234 --><div class="wrap"><h1>The ferry <b>stays</b></h1><p>It runs   daily, <a href="javascript:void(0)" onclick="x()">see times</a> and <i>fares</i>.</p>' +
      '<pre>  indented\n  code</pre><ul><li>one</li><li>two</li></ul></div></body></html>',
  );
  const r = run('donation--example-page', page, '--stdout');
  const out = r.stdout;

  test('prints a page whose first line is the url header, read from the canonical link', () => {
    expect(r.status).toBe(0);
    expect(fixtureHeader(out, 'donation--example-page')).toEqual({ url: 'https://news.example.org/ferry' });
    expect(run('donation--example-page', page, '--stdout', '--url', 'https://other.example.org/x').stdout.split('\n')[0]).toBe('<!-- {"url":"https://other.example.org/x"} -->');
  });

  test('drops scripts, styles, stylesheet links, comments, handlers and javascript: links; keeps JSON-LD', () => {
    expect(out).not.toMatch(/track\(\)|<style|stylesheet|build 1234|onload|onclick|javascript:/);
    expect(out).toContain('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry"}</script>');
  });

  test('pretty-prints one block per line, keeps inline markup and spacing, and pre verbatim', () => {
    expect(out).toContain('\n      <h1>The ferry <b>stays</b></h1>\n');
    expect(out).toContain('<p>It runs daily, <a>see times</a> and <i>fares</i>.</p>');
    expect(out).toContain('<pre>  indented\n  code</pre>');
    expect(out).toMatch(/\n {6}<ul>\n {8}<li>one<\/li>\n {8}<li>two<\/li>\n {6}<\/ul>\n/);
  });

  test.each([
    ['not-a-fixture-name', /is not <rule-id>--<site>-<case>/],
    ['nosuchrule--site-case', /is not a rule id/],
  ])('refuses the name %s', (name, message) => {
    const bad = run(name, page, '--stdout');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(message);
  });

  test('refuses a page without an address unless --url is given', () => {
    const bare = path.join(dir, 'bare.html');
    fs.writeFileSync(bare, '<p>No address here.</p>');
    expect(run('donation--example-page', bare, '--stdout').stderr).toMatch(/pass --url/);
    expect(run('donation--example-page', bare, '--stdout', '--url', 'https://x.example.org/').status).toBe(0);
  });
});
