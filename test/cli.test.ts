// The command line as a user runs it: `node bin/decant.mjs …` in a child process (CONTRACT §4).
// Every format of the sample page; a directory with one broken page; bytes in the encodings the
// contract's decoding order covers (built here, no binary blobs in the repository); gzip, empty
// input, stdin; usage errors. Usage parsing also runs in-process through main(), which is cheaper.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Writable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { JSDOM } from 'jsdom';
import { createSinglebyteEncoder } from '@exodus/bytes/single-byte.js';
import { describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { articlePage, BIN, decant, tempDir } from './cli-lib';
import { norm, SAMPLE } from './helpers';
import { schemaErrors } from './schema';
import { main, parseArgs, readAll, STDIN_HINT } from '../src/cli/index';
import { parseBatchArgs } from '../src/cli/batch';
import { RULES_VERSION } from '../src/core/rules/version';
import type { ExportRecord } from '../src/export/record';

const SAMPLE_URL = 'https://www.themoscowtimes.com/2019/03/30/us-warns-russia-over-troops-in-venezuela-threatens-sanctions-a64998';
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const FIELDS = ['title', 'byline', 'authors', 'siteName', 'lang', 'dir', 'publishedTime', 'modifiedTime', 'excerpt', 'url', 'canonicalUrl', 'leadImageUrl', 'wordCount', 'readingTimeMinutes', 'contentHtml', 'text'];

describe('formats of the sample page', () => {
  const json = decant([SAMPLE, '--format', 'json', '--url', SAMPLE_URL]);
  const record = JSON.parse(json.stdout) as ExportRecord;

  test('json: one export record with the article fields, the ledger without HTML, warnings and provenance', () => {
    expect(json.status).toBe(0);
    expect(json.stderr).toBe('');
    for (const f of FIELDS) expect(record).toHaveProperty(f);
    expect(record).toMatchObject({ title: 'U.S. Warns Russia Over Troops in Venezuela, Threatens Sanctions', siteName: 'The Moscow Times', lang: 'en', url: SAMPLE_URL });
    expect(record.wordCount).toBeGreaterThan(380);
    expect(record.removed.map((e) => e.category)).toEqual(expect.arrayContaining(['donation', 'related']));
    for (const e of record.removed) expect(e).not.toHaveProperty('html');
    expect(record.provenance).toMatchObject({ url: SAMPLE_URL, rulesVersion: RULES_VERSION, sha256Html: sha256(fs.readFileSync(SAMPLE)), sha256Text: sha256(record.text) });
    expect(schemaErrors(record)).toEqual([]);
  });

  test('md (the default): YAML front matter that parses back to the record, then # title and the article', () => {
    const r = decant([SAMPLE, '--url', SAMPLE_URL]);
    expect(r.status).toBe(0);
    const m = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(r.stdout);
    expect(m).not.toBeNull();
    const front = parseYaml(m![1]) as Record<string, unknown>;
    expect(front).toMatchObject({ title: record.title, siteName: 'The Moscow Times', lang: 'en', url: SAMPLE_URL, wordCount: record.wordCount });
    expect(front).not.toHaveProperty('text');
    expect(front).not.toHaveProperty('contentHtml');
    expect((front.removed as { category: string }[]).map((e) => e.category)).toEqual(record.removed.map((e) => e.category));
    const body = m![2];
    expect(body.startsWith(`# ${record.title}\n`)).toBe(true);
    expect(body).toContain('Bruno Kelly / Reuters'); // the photo credit, under its figure
    expect(norm(body)).toContain(norm('The White House on Friday warned Russia'));
    expect(body).not.toContain('Enjoying ad-free content?');
  });

  test('html: a standalone page with the article and no script or event handler', () => {
    const r = decant([SAMPLE, '--format', 'html', '--url', SAMPLE_URL]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/i);
    expect(r.stdout).not.toMatch(/<script/i);
    const { document } = new JSDOM(r.stdout).window;
    expect(Array.from(document.querySelectorAll('*')).flatMap((el) => el.getAttributeNames()).filter((a) => a.startsWith('on'))).toEqual([]);
    expect(document.querySelector('h1')?.textContent).toBe(record.title);
    expect(norm(document.body.textContent ?? '')).toContain(norm('The White House on Friday warned Russia'));
    expect(document.body.textContent).not.toContain('Enjoying ad-free content?');
  });

  test('txt: the body text alone (articleBody), as in the JSON record', () => {
    const r = decant([SAMPLE, '--format', 'txt']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(record.text); // piped: the bytes whose SHA-256 is sha256Text
    expect(r.stdout).not.toContain(record.title!);
  });

  test('--out writes <name>.<ext> and nothing to stdout; without --url, url is null and links resolve against the canonical URL', () => {
    const out = tempDir('out');
    const r = decant([SAMPLE, '--format', 'json', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const written = JSON.parse(fs.readFileSync(path.join(out, 'moscow-times-venezuela.json'), 'utf8')) as ExportRecord;
    expect(written.url).toBeNull();
    expect(written.canonicalUrl).toBe(SAMPLE_URL);
    expect(written.text).toBe(record.text);
  });

  test('stdin: `-` reads the page from standard input', () => {
    const r = decant(['-', '--format', 'txt'], fs.readFileSync(SAMPLE));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(record.text);
  });
});

describe('a directory', () => {
  const dir = tempDir('dir-in');
  const out = tempDir('dir-out');
  const page = articlePage;
  fs.writeFileSync(path.join(dir, 'a-good.html'), page('First good page'));
  fs.writeFileSync(path.join(dir, 'b-broken.html'), Uint8Array.from({ length: 2048 }, (_, i) => (i * 37) % 9)); // control bytes, not HTML
  fs.writeFileSync(path.join(dir, 'c-good.htm'), page('Second good page'));
  fs.writeFileSync(path.join(dir, 'd-no-article.html'), '<!doctype html><html><body><p>Too short.</p></body></html>');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a page');
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'e-nested.html'), page('Nested page'));
  const r = decant([dir, '--out', out, '--format', 'txt']);

  test('reports each failing page with its file name and reason, and exits 1', () => {
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path.join(dir, 'b-broken.html')}: it is not HTML`);
    expect(r.stderr).toMatch(new RegExp(`${path.join(dir, 'd-no-article.html').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*[Nn]o article`));
    expect(r.stderr).toMatch(/2 of 4 page\(s\) failed/);
  });

  test('still writes every other page, and only *.html / *.htm at the top level', () => {
    expect(fs.readdirSync(out).sort()).toEqual(['a-good.txt', 'c-good.txt']);
    expect(fs.readFileSync(path.join(out, 'c-good.txt'), 'utf8')).toContain('The ferry between the two villages');
  });

  test('needs --out', () => {
    const r2 = decant([dir]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/directory needs --out/);
  });

  test('refuses --url: one address is not every page\'s (each record would claim it as its url)', () => {
    const out2 = tempDir('dir-url');
    const r2 = decant([dir, '--out', out2, '--url', 'https://example.org/one-page']);
    expect(r2.stderr).toMatch(/^decant: --url is the address of one page/);
    expect(r2.status).toBe(2);
    expect(fs.readdirSync(out2)).toEqual([]);
  });
});

describe('bytes: decoded in the order of CONTRACT §4', () => {
  const RU = 'Жители посёлка Заречный снова ездят в город на автобусе: маршрут вернули после того, как люди собрали подписи и отправили их губернатору. Водители говорят, что утренний рейс уже заполнен, а вечерний приходится ждать по сорок минут.';
  const FR = 'Le café du village a rouvert ses portes ; « c’est une fête », dit Hélène, qui a repris l’établissement à l’été. Les habitués y trouvent déjà leurs crêpes, leur cidre et les journaux du matin, et l’on y parle de la récolte, de l’école et du prochain marché.';
  const DE = 'Die Fähre über den Fluss fährt wieder: Nach der Reparatur des Motors überqueren täglich mehr als dreihundert Pendler das Wasser, und die Straße zum Anleger wurde neu asphaltiert, sodass auch Radfahrer bequem hinkommen.';
  const pageOf = (head: string, lang: string, title: string, text: string) =>
    `<!doctype html><html lang="${lang}"><head>${head}<title>${title}</title></head><body><article><h1>${title}</h1><p>${text}</p><p>${text}</p><p>${text}</p></article></body></html>`;
  const win1251 = createSinglebyteEncoder('windows-1251');
  const win1252 = createSinglebyteEncoder('windows-1252');

  const dir = tempDir('enc-in');
  const out = tempDir('enc-out');
  const files: Record<string, Uint8Array> = {
    'ru-meta-charset.html': win1251(pageOf('<meta charset="windows-1251">', 'ru', 'Автобус вернулся', RU)),
    'ru-http-equiv.html': win1251(pageOf('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', 'ru', 'Автобус вернулся', RU)),
    'de-utf8-no-charset.html': new TextEncoder().encode(pageOf('', 'de', 'Die Fähre fährt wieder', DE)),
    'fr-1252-no-charset.html': win1252(pageOf('', 'fr', 'Le café a rouvert', FR)),
    'fr-utf16le-bom.html': new Uint8Array(Buffer.from(`\ufeff${pageOf('<meta charset="windows-1252">', 'fr', 'Le café a rouvert', FR)}`, 'utf16le')),
    'de-gzip.html': new Uint8Array(gzipSync(new TextEncoder().encode(pageOf('<meta charset="utf-8">', 'de', 'Die Fähre fährt wieder', DE)))),
  };
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
  const r = decant([dir, '--out', out, '--format', 'json']);
  const rec = (name: string) => JSON.parse(fs.readFileSync(path.join(out, name.replace(/\.html$/, '.json')), 'utf8')) as ExportRecord;

  test('every encoded page converts', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test.each([
    ['ru-meta-charset.html', 'a windows-1251 page with <meta charset>', RU],
    ['ru-http-equiv.html', 'a windows-1251 page with an http-equiv charset', RU],
    ['de-utf8-no-charset.html', 'a UTF-8 page with no charset declaration', DE],
    ['fr-1252-no-charset.html', 'a windows-1252 page with no charset declaration (“” and ’ are 0x93 0x94 0x92)', FR],
    ['fr-utf16le-bom.html', 'UTF-16LE with a BOM, whose <meta> claims windows-1252 (the BOM wins)', FR],
    ['de-gzip.html', 'a gzip-compressed page', DE],
  ])('%s: %s', (name, _what, text) => {
    const record = rec(name);
    expect(norm(record.text)).toContain(norm(text));
    expect(record.text).not.toMatch(/[\ufffd\u0080-\u009f]|Ã|Ð/); // no replacement or mojibake
    // sha256Html is over the exact input bytes, whatever their encoding.
    expect(record.provenance.sha256Html).toBe(sha256(files[name]));
  });

  test('empty input: a file and stdin, each reported as empty with exit 1', () => {
    const empty = path.join(dir, 'empty.html');
    fs.writeFileSync(empty, '');
    const f = decant([empty]);
    expect(f.status).toBe(1);
    expect(f.stderr).toBe(`decant: ${empty}: it is empty\n`);
    const s = decant(['-'], '');
    expect(s.status).toBe(1);
    expect(s.stderr).toBe('decant: <stdin>: it is empty\n');
  });

  test('a missing file is reported with its name, exit 1', () => {
    const missing = path.join(dir, 'nope.html');
    const m = decant([missing]);
    expect(m.status).toBe(1);
    expect(m.stderr).toBe(`decant: ${missing}: no such file\n`);
  });
});

describe('`decant -` on a terminal', () => {
  /** main() in-process, with standard input injected: a terminal or not, and the page it gives. */
  async function fromStdin(isTTY: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (write(String(chunk)), done()) });
    const page = new TextEncoder().encode(articlePage('A page typed at a terminal'));
    const code = await main(['-', '--format', 'txt'], { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), stdin: { isTTY, read: () => page } });
    return { code, stdout, stderr };
  }

  test('says on stderr that it is reading the page and how to end it, then converts it', async () => {
    const r = await fromStdin(true);
    expect(r.stderr).toBe(STDIN_HINT);
    expect(STDIN_HINT).toMatch(/^decant: reading HTML from standard input; end with Ctrl-(D|Z, Enter)\n$/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^The ferry between the two villages/);
  });

  test('piped or redirected input: no hint (stderr stays empty)', async () => {
    const r = await fromStdin(false);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('`--` ends the options', () => {
  const dir = tempDir('dashdash');
  fs.writeFileSync(path.join(dir, '-weird-name.html'), articlePage('A page whose name starts with a dash'));

  test('`decant --format txt -- -weird-name.html` converts the file of that name', () => {
    const r = spawnSync(process.execPath, [BIN, '--format', 'txt', '--', '-weird-name.html'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^The ferry between the two villages/);
  });

  test('after `--`, even `--help` and `-` are names', () => {
    const args = parseArgs(['--url', 'https://example.org/a', '--', '--help', '-']);
    expect(args.positional).toEqual(['--help', '-']);
    expect(args.flags.has('--help')).toBe(false);
    expect(args.url).toBe('https://example.org/a');
  });

  test('decant batch accepts it too', () => {
    fs.writeFileSync(path.join(dir, '--odd.jsonl'), '');
    const parsed = parseBatchArgs(['--out', path.join(dir, 'out.jsonl'), '--', path.join(dir, '--odd.jsonl')]);
    expect(parsed).toMatchObject({ target: path.join(dir, '--odd.jsonl'), kind: 'jsonl' });
  });
});

describe('usage errors: exit 2 with the usage text', () => {
  /** Run main() in-process with captured output. */
  async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (write(String(chunk)), done()) });
    const io = { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) } as unknown as Parameters<typeof main>[1];
    const code = await main(argv, io);
    return { code, stdout, stderr };
  }

  test.each([
    [[], /give one file, directory or -/],
    [[SAMPLE, SAMPLE], /give one file, directory or -/],
    [[SAMPLE, '--fromat', 'md'], /unknown option --fromat/],
    [[SAMPLE, '--format', 'pdf'], /--format must be one of .* \(got pdf\)\n/],
    [[SAMPLE, '--format', 'constructor'], /\(got constructor\)\n/],
    [[SAMPLE, '--format', 'markdown'], /\(got markdown; did you mean md\?\)/],
    [[SAMPLE, '--format=JSON'], /\(got JSON; did you mean json\?\)/],
    [[SAMPLE, '--format', 'text'], /did you mean txt\?/],
    [[SAMPLE, '--format', 'bibtex'], /did you mean bib\?/],
    [[SAMPLE, '--format', 'jsonl'], /did you mean json\? decant batch writes JSONL/],
    [[SAMPLE, '--format'], /--format needs a value/],
    [[SAMPLE, '--url', 'ftp://example.org/x'], /--url must be an http\(s\) address/],
    [[SAMPLE, '--url', 'not a url'], /--url must be an http\(s\) address/],
  ])('%j', async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage:');
    // The error stays in view: the two forms and a pointer to --help, not the whole help text.
    expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(5);
    expect(r.stderr).toContain('decant --help');
    expect(r.stdout).toBe('');
  });

  test('the real process exits 2 too', () => {
    const r = decant([SAMPLE, '--format', 'pdf']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of/);
  });

  test('--help and --version answer on stdout with exit 0', async () => {
    const h = await run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Usage:');
    // What a user looks up in --help rather than the README: standard input, and what the exit code means.
    expect(h.stdout).toMatch(/^ {2}- +the page from standard input/m);
    expect(h.stdout).toMatch(/^Exit codes?: 0 .*, 1 .*, 2 .*usage/m);
    expect(h.stdout).toContain('decant batch --help');
    const b = await run(['batch', '--help']);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/^Exit codes?: 0 .*, 1 .*, 2 .*usage.*\n130 interrupted/m);
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^decant \d+\.\d+\.\d+\n$/);
  });

});

describe('standard output that cannot be written: a sentence, never a stack trace', () => {
  const dir = tempDir('stdout');
  // Over 64 KB of JSON, more than a pipe holds, so the write cannot finish before the reader is gone.
  const page = path.join(dir, 'long.html');
  fs.writeFileSync(page, articlePage('A long report on the ferry').replace(/(<p>.*?<\/p>)+/, (ps) => ps.repeat(150)));

  test('a full disk (stdout redirected to /dev/full): the page and the reason, exit 1', () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, page, '--format', 'json'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe(`decant: ${page}: could not write to standard output (no space left on device)\n`);
      expect(r.status).toBe(1);
    } finally {
      fs.closeSync(full);
    }
  });

  test('a reader that stops early (`decant page | head -1`): quiet, exit 0', async () => {
    const child = spawn(process.execPath, [BIN, page, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before anything is written
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});

test('a non-blocking standard input that says EAGAIN until the page comes is waited for, not spun on', () => {
  const page = Buffer.from('<p>The page, at last.</p>');
  const answers: (Error | Buffer | null)[] = [...Array.from({ length: 5 }, () => Object.assign(new Error('EAGAIN: resource temporarily unavailable, read'), { code: 'EAGAIN' })), page, null];
  const pauses: number[] = [];
  const got = readAll(
    (buf) => {
      const a = answers.shift();
      if (a instanceof Error) throw a;
      if (!a) return 0;
      a.copy(buf);
      return a.length;
    },
    (ms) => pauses.push(ms),
  );
  expect(Buffer.from(got).toString()).toBe('<p>The page, at last.</p>');
  // One pause per "try again", each a real wait: five EAGAINs cost 5 pauses, not a busy loop.
  expect(pauses).toHaveLength(5);
  for (const ms of pauses) expect(ms).toBeGreaterThan(0);
});

