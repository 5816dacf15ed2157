// `decant batch` (CONTRACT §4, issue 6): the same pipeline and record over directories, WARC and
// JSONL; failures recorded per input; shards that partition the inputs; workers that change nothing
// but speed; and resume after a kill, with each input exactly once. Runs the real CLI in a child process.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { convert } from '../../src/cli/convert';
import { SHARED } from '../helpers';
import { schemaErrors } from '../schema';
import { decant, readJsonl, startDecant, tmpDir } from './cli';

// Generous hang guards: these run real processes, and CI machines may be busy.
const T = 600_000;
const CORPUS = path.join(SHARED, 'corpus', 'scrapinghub');
const PAGES = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.html')).sort();
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const urlOf = (page: string): string => JSON.parse(fs.readFileSync(path.join(CORPUS, page.replace(/\.html$/, '.json')), 'utf8')).url;

type Line = Record<string, any> & { input: { kind: string; id: string } };

/** A directory of symlinks to corpus pages (read in place, never copied). */
function corpusDir(pages: string[], extra: Record<string, Uint8Array | string> = {}): string {
  const dir = tmpDir('pages');
  for (const p of pages) fs.symlinkSync(path.join(CORPUS, p), path.join(dir, p));
  for (const [name, body] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

/** The record without what legitimately differs between two runs. */
function stable(line: Line): Line {
  const { provenance, ...rest } = line;
  if (!provenance) return line;
  const { processedAt: _p, ...keep } = provenance;
  return { ...rest, provenance: keep } as Line;
}

const cleanup: string[] = [];
afterAll(() => {
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
});

describe('the output file', () => {
  let dir: string;
  beforeAll(() => {
    dir = corpusDir(PAGES.slice(0, 2));
    cleanup.push(dir);
  });

  test('--out in a directory that does not exist yet is written there (as `decant <dir> --out` makes its directory)', () => {
    const base = tmpDir('out');
    cleanup.push(base);
    const out = path.join(base, 'runs', 'part-1.jsonl');
    const r = decant(['batch', dir, '--out', out, '--workers', '1']);
    expect(r.stderr).toContain('2 record(s) written');
    expect(r.code).toBe(0);
    expect(readJsonl(out)).toHaveLength(2);
  }, T);

  test('an --out that cannot be made says why in words, naming it, exit 1', () => {
    const base = tmpDir('out');
    cleanup.push(base);
    fs.writeFileSync(path.join(base, 'runs'), 'a file where a directory should be');
    const out = path.join(base, 'runs', 'part-1.jsonl');
    const r = decant(['batch', dir, '--out', out, '--workers', '1']);
    expect(r.stderr).toBe(`decant batch: cannot write ${out}: ${path.join(base, 'runs')} is a file, not a directory\n`);
    expect(r.code).toBe(1);
  }, T);
});

describe('batch over a directory', () => {
  const pages = PAGES.slice(0, 14);
  let dir: string;
  let out1: string;
  let out2: string;
  beforeAll(() => {
    dir = corpusDir(pages, {
      'empty.html': '',
      'binary.htm': new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)),
      'sub/no-article.html': '<html><head><title>Menu</title></head><body><nav><a href="/">Home</a></nav></body></html>',
      'notes.txt': 'not a page',
    });
    cleanup.push(dir);
    out1 = path.join(dir, '..', `${path.basename(dir)}-w1.jsonl`);
    out2 = path.join(dir, '..', `${path.basename(dir)}-w2.jsonl`);
    cleanup.push(out1, out2);
  });

  test('writes one valid line per input in input order, failures included, and exits 0', () => {
    const r = decant(['batch', dir, '--out', out2, '--workers', '2']);
    expect(r.stderr).toMatch(/17 record\(s\) written .*14 article\(s\), 3 failed/);
    expect(r.code).toBe(0);
    const lines = readJsonl<Line>(out2);
    expect(lines.map((l) => l.input.id)).toEqual([...pages, 'binary.htm', 'empty.html', 'sub/no-article.html'].sort());
    for (const l of lines) expect(schemaErrors(l), l.input.id).toEqual([]);
    const byId = new Map(lines.map((l) => [l.input.id, l]));
    expect(byId.get('empty.html')!.error).toEqual({ kind: 'input', message: 'it is empty' });
    expect(byId.get('binary.htm')!.error.kind).toBe('input');
    expect(byId.get('sub/no-article.html')!.error.kind).toBe('no-article');
    expect(byId.get('sub/no-article.html')!.provenance.sha256Html).toBe(sha256('<html><head><title>Menu</title></head><body><nav><a href="/">Home</a></nav></body></html>'));
    for (const p of pages) {
      const l = byId.get(p)!;
      expect(l.provenance.sha256Html).toBe(sha256(fs.readFileSync(path.join(CORPUS, p))));
      expect(l.provenance.sha256Text).toBe(sha256(l.text));
      expect(l.provenance.capturedAt).toBeNull();
    }
  }, T);

  test('gives the same records as `decant <file> --format json`', () => {
    const lines = readJsonl<Line>(out2);
    for (const p of pages.slice(0, 3)) {
      const single = decant([path.join(CORPUS, p), '--format', 'json']);
      expect(single.code).toBe(0);
      const { input, ...record } = lines.find((l) => l.input.id === p)!;
      expect(stable(record as Line)).toEqual(stable(JSON.parse(single.stdout)));
    }
  }, T);

  test('one worker and two workers write identical records but for processedAt', () => {
    const r = decant(['batch', dir, '--out', out1, '--workers', '1']);
    expect(r.code).toBe(0);
    const one = readJsonl<Line>(out1);
    const two = readJsonl<Line>(out2);
    expect(one.length).toBe(17);
    expect(one.map(stable)).toEqual(two.map(stable));
  }, T);

  test('shards k/n take every n-th input from the k-th and together cover each input once', () => {
    const small = corpusDir(pages.slice(0, 5), { 'empty.html': '', 'zz/binary.html': new Uint8Array(3000).fill(1) });
    cleanup.push(small);
    const all = [...pages.slice(0, 5), 'empty.html', 'zz/binary.html'].sort();
    const shards = [1, 2, 3].map((k) => {
      const out = `${small}-s${k}.jsonl`;
      cleanup.push(out);
      expect(decant(['batch', small, '--out', out, '--shard', `${k}/3`, '--workers', '1']).code).toBe(0);
      return readJsonl<Line>(out).map((l) => l.input.id);
    });
    shards.forEach((ids, i) => expect(ids).toEqual(all.filter((_, j) => j % 3 === i)));
    expect(shards.flat().sort()).toEqual(all);
  }, T);

  test('refuses to overwrite an output without --resume, and bad options, with a message', () => {
    let r = decant(['batch', dir, '--out', out2]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists; add --resume');
    r = decant(['batch', dir, '--out', path.join(dir, 'x.jsonl'), '--shard', '4/3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard must be k/n with 1 ≤ k ≤ n');
    // The error stays in view: the form and a pointer to --help, not the whole help text.
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(3);
    expect(r.stderr).toContain('decant batch --help');
    r = decant(['batch', path.join(CORPUS, pages[0]), '--out', path.join(dir, 'x.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('batch reads a directory, a .warc / .warc.gz file or a .jsonl file');
    expect(fs.existsSync(path.join(dir, 'x.jsonl'))).toBe(false);
  }, T);

  test('--resume on a finished output adds nothing', () => {
    const before = fs.readFileSync(out2, 'utf8');
    const r = decant(['batch', dir, '--out', out2, '--resume']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('0 record(s) written');
    // Nothing was done: no rate of 0.0 pages/s, and the count of what was there reads right for any number.
    expect(r.stderr).toMatch(/; \d+ already there\)/);
    expect(r.stderr).not.toMatch(/were already there|pages\/s/);
    expect(fs.readFileSync(out2, 'utf8')).toBe(before);
  }, T);
});

describe('batch over a WARC file', () => {
  const pages = PAGES.slice(20, 26);
  // A Russian page with no <meta charset>: only the HTTP header says windows-1251.
  const cyrillic = '<html><head><title>Погода</title></head><body><article><h1>Погода в Москве</h1>' + '<p>В понедельник в Москве ожидается облачная погода с прояснениями, без осадков. Температура воздуха днём составит около десяти градусов тепла, ночью около нуля.</p>'.repeat(3) + '</article></body></html>';
  let warc: string;
  let warcGz: string;
  const ids: Record<string, string> = {};

  async function record(opts: Parameters<typeof WARCRecord.create>[0], body: Uint8Array, gzip: boolean): Promise<Uint8Array> {
    const rec = WARCRecord.create({ warcVersion: 'WARC/1.1', ...opts }, [body]);
    if (rec.warcType === 'response' && !gzip) ids[opts!.url!] = rec.warcHeader('WARC-Record-ID')!;
    return WARCSerializer.serialize(rec, { gzip });
  }

  async function buildWarc(gzip: boolean): Promise<Buffer> {
    const parts: Uint8Array[] = [];
    parts.push(await record({ type: 'warcinfo', warcHeaders: { 'WARC-Filename': 'test.warc' } }, new TextEncoder().encode('software: decant tests\r\n'), gzip));
    for (const [i, p] of pages.entries()) {
      const url = urlOf(p);
      parts.push(await record({ type: 'request', url, date: `2020-01-0${i + 1}T10:00:00Z` }, new Uint8Array(0), gzip));
      parts.push(await record({ type: 'response', url, date: `2020-01-0${i + 1}T10:00:00Z`, httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } }, new Uint8Array(fs.readFileSync(path.join(CORPUS, p))), gzip));
      if (i === 1) parts.push(await record({ type: 'response', url: `${url}/logo.png`, date: '2020-01-02T10:00:01Z', httpHeaders: { 'Content-Type': 'image/png' } }, new Uint8Array([0x89, 0x50, 0x4e, 0x47]), gzip));
      if (i === 2) parts.push(await record({ type: 'response', url: `${url}/missing`, date: '2020-01-03T10:00:01Z', statusline: 'HTTP/1.1 404 Not Found', httpHeaders: { 'Content-Type': 'text/html' } }, new TextEncoder().encode('<html><body><h1>Not found</h1></body></html>'), gzip));
    }
    const cp1251 = encode1251(cyrillic);
    parts.push(await record({ type: 'response', url: 'https://example.ru/news/weather', date: '2020-02-01T08:00:00Z', httpHeaders: { 'Content-Type': 'text/html; charset=windows-1251' } }, cp1251, gzip));
    // A payload sent with Content-Encoding: gzip is cleaned from its decoded bytes.
    parts.push(await record({ type: 'response', url: 'https://example.ru/news/weather-gz', date: '2020-02-02T08:00:00Z', httpHeaders: { 'Content-Type': 'text/html; charset=windows-1251', 'Content-Encoding': 'gzip' } }, new Uint8Array(gzipSync(cp1251)), gzip));
    return Buffer.concat(parts);
  }

  beforeAll(async () => {
    const dir = tmpDir('warc');
    cleanup.push(dir);
    warc = path.join(dir, 'pages.warc');
    warcGz = path.join(dir, 'pages.warc.gz');
    fs.writeFileSync(warc, await buildWarc(false));
    fs.writeFileSync(warcGz, await buildWarc(true));
  });

  test('cleans every HTML response record, and gives the same article fields and ledger as the pages as files', () => {
    const out = `${warc}.jsonl`;
    const r = decant(['batch', warc, '--out', out]);
    expect(r.code).toBe(0);
    const lines = readJsonl<Line>(out);
    // The request, the warcinfo, the PNG and the 404 are not inputs.
    expect(lines.map((l) => l.url ?? l.provenance.url)).toEqual([...pages.map(urlOf), 'https://example.ru/news/weather', 'https://example.ru/news/weather-gz']);
    for (const l of lines) expect(schemaErrors(l), l.input.id).toEqual([]);
    for (const [i, p] of pages.entries()) {
      const l = lines[i];
      expect(l.input).toEqual({ kind: 'warc', id: ids[urlOf(p)] });
      expect(l.provenance.capturedAt).toBe(`2020-01-0${i + 1}T10:00:00Z`);
      const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS, p)));
      const asFile = convert({ bytes, url: urlOf(p) });
      asFile.close();
      const { input: _i, removed, provenance, ...article } = l;
      const { removed: fileRemoved, provenance: fileProvenance, warnings: _w, ...fileArticle } = asFile.record;
      expect({ ...article, warnings: undefined }).toEqual({ ...fileArticle, warnings: undefined });
      expect(removed).toEqual(fileRemoved);
      expect(provenance.sha256Html).toBe(fileProvenance.sha256Html);
      expect(provenance.sha256Text).toBe(fileProvenance.sha256Text);
      expect(provenance.rulesVersion).toBe(fileProvenance.rulesVersion);
    }
  }, T);

  test('takes the charset from the HTTP header and decodes Content-Encoding', () => {
    const lines = readJsonl<Line>(`${warc}.jsonl`);
    for (const l of lines.slice(-2)) {
      expect(l.title).toBe('Погода');
      expect(l.text).toContain('В понедельник в Москве ожидается облачная погода');
      expect(l.provenance.sha256Html).toBe(sha256(encode1251(cyrillic)));
      expect(l.provenance.capturedAt).toMatch(/^2020-02-0[12]T08:00:00Z$/);
    }
  }, T);

  test('a .warc.gz gives the same records', () => {
    const out = `${warcGz}.jsonl`;
    expect(decant(['batch', warcGz, '--out', out, '--workers', '1']).code).toBe(0);
    const plain = readJsonl<Line>(`${warc}.jsonl`).map(stable);
    const gz = readJsonl<Line>(out).map(stable);
    // Record ids differ (each WARC was written with new ones); everything else is the same.
    expect(gz.map(({ input, ...r }) => r)).toEqual(plain.map(({ input, ...r }) => r));
  }, T);
});

describe('batch over JSONL', () => {
  test('reads {url, html, capturedAt, charset} lines and records bad lines by line number', () => {
    const dir = tmpDir('jsonl');
    cleanup.push(dir);
    const page = PAGES[30];
    const html = fs.readFileSync(path.join(CORPUS, page), 'utf8');
    const latin1 = Buffer.from(encode1251('<html><body><article><p>' + 'Съешь же ещё этих мягких французских булок, да выпей чаю. '.repeat(8) + '</p></article></body></html>')).toString('latin1');
    const file = path.join(dir, 'pages.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ url: urlOf(page), html, capturedAt: '2021-05-01T12:00:00Z' }),
        '',
        '{"url": "https://example.org/broken", "html": "<p>unterminated',
        JSON.stringify({ url: 'https://example.org/no-html' }),
        JSON.stringify({ url: 'https://example.ru/bytes', html: latin1, charset: 'windows-1251' }),
      ].join('\n') + '\n',
    );
    const out = path.join(dir, 'out.jsonl');
    const r = decant(['batch', file, '--out', out, '--workers', '2']);
    expect(r.code).toBe(0);
    const lines = readJsonl<Line>(out);
    expect(lines.map((l) => l.input)).toEqual(['1', '3', '4', '5'].map((id) => ({ kind: 'jsonl', id })));
    for (const l of lines) expect(schemaErrors(l), l.input.id).toEqual([]);
    const asFile = convert({ bytes: new Uint8Array(Buffer.from(html)), url: urlOf(page) });
    asFile.close();
    expect(stable(lines[0]).text).toBe(asFile.record.text);
    expect(lines[0].provenance).toMatchObject({ url: urlOf(page), capturedAt: '2021-05-01T12:00:00Z', sha256Html: sha256(html) });
    expect(lines[1].error).toMatchObject({ kind: 'input', message: expect.stringContaining('line 3 is not JSON') });
    expect(lines[1].provenance.sha256Html).toBeNull();
    expect(lines[2].error).toMatchObject({ kind: 'input', message: 'line 4 has no "html" string' });
    expect(lines[2].provenance.url).toBe('https://example.org/no-html');
    expect(lines[3].text).toContain('Съешь же ещё этих мягких французских булок');
  }, T);
});

describe('resume after a kill', () => {
  test('over the whole corpus: killed mid-run, a torn last line, resumed: 181 records, each input exactly once', async () => {
    const dir = tmpDir('resume');
    cleanup.push(dir);
    const out = path.join(dir, 'out.jsonl');
    const child = startDecant(['batch', CORPUS, '--out', out, '--workers', '2']);
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill it (SIGKILL: no chance to tidy up) once some records are written.
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline && (!fs.existsSync(out) || fs.readFileSync(out, 'utf8').split('\n').length < 12)) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await exited;
    const killedAt = fs.readFileSync(out, 'utf8');
    const complete = killedAt.split('\n').filter((l) => l.trim()).length;
    expect(complete).toBeGreaterThanOrEqual(11);
    expect(complete).toBeLessThan(181);
    // Whatever the kill left, add half a line, as a kill inside a write would.
    const next = readJsonl<Line>(out).length;
    fs.appendFileSync(out, '{"input":{"kind":"file","id":"' + PAGES[next] + '"},"title":"half a reco');

    const r = decant(['batch', CORPUS, '--out', out, '--resume', '--workers', '2'], { timeoutMs: 600_000 });
    expect(r.stderr).toMatch(/resuming: \d+ input\(s\) already in .*cut a torn last line of \d+ bytes/);
    expect(r.code).toBe(0);
    const lines = readJsonl<Line>(out);
    const ids = lines.map((l) => l.input.id);
    expect(lines.length).toBe(181);
    // Zero crashes over the corpus through the CLI (issue 7): no input ended as an error record.
    expect(lines.filter((l) => 'error' in l).map((l) => l.input.id)).toEqual([]);
    expect(new Set(ids).size).toBe(181);
    expect([...ids].sort()).toEqual(PAGES);
    expect(ids.slice(0, complete)).toEqual(killedAt.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).input.id));
    for (const l of lines) {
      expect(schemaErrors(l), l.input.id).toEqual([]);
      expect(l.provenance.sha256Html).toMatch(/^[0-9a-f]{64}$/);
    }
  }, 2 * T);
});

/** windows-1251 bytes of a Russian string (TextEncoder only does UTF-8). */
function encode1251(s: string): Uint8Array {
  const table = new TextDecoder('windows-1251');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(table.decode(new Uint8Array([b])), b);
  return new Uint8Array([...s].map((ch) => map.get(ch) ?? 0x3f));
}
