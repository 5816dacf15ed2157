// Bad input through the command line, as a user runs it (`node bin/decant.mjs`): each case is decoded
// correctly (asserted on the text) or refused with its exact message and file name while the rest of
// a directory goes on. Complements test/cli.test.ts (formats, windows-1251/1252 with a charset,
// UTF-8 without one, UTF-16LE with a BOM, gzip, empty input, a missing file), without repeating it.
// Pages are built here in their encodings; nothing binary is stored in the repository.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createMultibyteEncoder } from '@exodus/bytes/multi-byte.js';
import { createSinglebyteEncoder } from '@exodus/bytes/single-byte.js';
import { describe, expect, test } from 'vitest';
import { BIN, decant, tempDir } from '../cli-lib';
import { norm, ROOT } from '../helpers';
import type { ExportRecord } from '../../src/export/record';

const JA = '港町の議会は火曜日の夜、東の岸壁に沿って新しい防波堤を建設するかどうかを決めるために集まった。技術者たちは、古い石の壁が前回の調査以来四十センチ近く動いたと説明し、修理だけでは春の高潮を防げないと述べた。漁師の家族は防波堤が暮らしを守ると話し、商店主たちは費用と工事の期間を心配した。';
const ZH = '港口小镇的议会星期二晚上开会，决定是否沿着东码头修建一道新的海堤。工程师们在会上说，这道百年前建造的老石墙自上次勘测以来已经移动了将近四十厘米，仅靠修补无法挡住春季的大潮。渔民家庭表示海堤将保护他们的生计，而一些店主则担心费用和长达数月的施工。';
const RU = 'Жители посёлка Заречный снова ездят в город на автобусе: маршрут вернули после того, как люди собрали подписи и отправили их губернатору. Водители говорят, что утренний рейс уже заполнен, а вечерний приходится ждать по сорок минут.';
const EN = 'The council of the small harbour town met on Tuesday evening to decide whether to build a new sea wall along the eastern quay, after two winters of storms flooded the fish market.';

const pageOf = (head: string, lang: string, title: string, text: string): string =>
  `<!doctype html><html lang="${lang}"><head>${head}<title>${title}</title></head><body><article><h1>${title}</h1><p>${text}</p><p>${text}</p><p>${text}</p></article></body></html>`;

const shiftJis = createMultibyteEncoder('shift_jis');
const gb18030 = createMultibyteEncoder('gb18030');
const win1251 = createSinglebyteEncoder('windows-1251');
const utf16 = (s: string, endian: 'le' | 'be'): Uint8Array => {
  const b = Buffer.from(`\ufeff${s}`, 'utf16le');
  if (endian === 'be') b.swap16();
  return new Uint8Array(b);
};

const dir = tempDir('bad-in');
const write = (name: string, bytes: Uint8Array | string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};
const json = (file: string): ExportRecord => {
  const r = decant([file, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as ExportRecord;
};

describe('encodings the contract decodes (CONTRACT §4), asserted on the text', () => {
  test.each([
    ['Shift_JIS with <meta charset>', 'ja-sjis-meta.html', () => shiftJis(pageOf('<meta charset="shift_jis">', 'ja', '防波堤', JA)), JA],
    ['Shift_JIS without a charset (the detector)', 'ja-sjis.html', () => shiftJis(pageOf('', 'ja', '防波堤', JA)), JA],
    ['GB18030 with <meta charset>', 'zh-gb18030-meta.html', () => gb18030(pageOf('<meta charset="gb18030">', 'zh', '海堤', ZH)), ZH],
    ['GB18030 without a charset (the detector)', 'zh-gb18030.html', () => gb18030(pageOf('', 'zh', '海堤', ZH)), ZH],
    ['windows-1251 without a charset (the detector)', 'ru-1251.html', () => win1251(pageOf('', 'ru', 'Автобус вернулся', RU)), RU],
    ['UTF-16BE with a BOM', 'ru-utf16be.html', () => utf16(pageOf('', 'ru', 'Автобус вернулся', RU), 'be'), RU],
    ['UTF-16LE with a BOM and no charset', 'ru-utf16le.html', () => utf16(pageOf('', 'ru', 'Автобус вернулся', RU), 'le'), RU],
    // Windows' "Unicode" text and some exporters write UTF-16 with no BOM; it used to be refused as binary data.
    ['UTF-16LE without a BOM', 'ru-utf16le-nobom.html', () => utf16(pageOf('', 'ru', 'Автобус вернулся', RU), 'le').subarray(2), RU],
    ['UTF-16BE without a BOM', 'en-utf16be-nobom.html', () => utf16(pageOf('', 'en', 'Sea wall', EN), 'be').subarray(2), EN],
    ['gzip-compressed Shift_JIS', 'ja-sjis-gzip.html', () => new Uint8Array(gzipSync(shiftJis(pageOf('<meta charset="shift_jis">', 'ja', '防波堤', JA)))), JA],
  ])('%s', (_what, name, bytes, text) => {
    const record = json(write(name, bytes()));
    expect(norm(record.text)).toContain(norm(text));
    expect(record.text).not.toMatch(/[\ufffd\u0080-\u009f]|Ã|Ð|�/);
  });
});

describe('broken and hostile input', () => {
  test('binary data: refused with its name, exit 1', () => {
    const file = write('photo.html', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)]));
    const r = decant([file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`decant: ${file}: it is not HTML (binary data)\n`);
  });

  test('a gzip file cut in half: refused with the reason, exit 1', () => {
    const gz = gzipSync(Buffer.from(pageOf('', 'en', 'Sea wall', EN)));
    const file = write('cut.html', new Uint8Array(gz.subarray(0, gz.length >> 1)));
    const r = decant([file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`decant: ${file}: it looks gzip-compressed but could not be decompressed (unexpected end of file)\n`);
  });

  test('a gzip bomb (60 MB of HTML in 60 KB of gzip): refused while inflating, exit 1', () => {
    const bomb = gzipSync(Buffer.from(pageOf('', 'en', 'Sea wall', EN).replace('</article>', `${'<p>a</p>'.repeat(7_500_000)}</article>`)), { level: 9 });
    expect(bomb.length).toBeLessThan(1_000_000);
    const file = write('bomb.html.gz', new Uint8Array(bomb));
    const r = decant([file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`decant: ${file}: it is too large to clean once decompressed (more than 50 MB, the limit)\n`);
  });

  test('a page truncated mid-tag: what arrived is cleaned, exit 0', () => {
    const full = pageOf('', 'en', 'Sea wall', `${EN} ${EN}`).replace('</article>', `<p>${EN} The last paragraph ends <a href="https://news.example/more" class="x`);
    const file = write('truncated.html', full.slice(0, full.length - 5));
    const r = decant([file, '--format', 'txt']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('The last paragraph ends');
    expect(r.stdout).not.toMatch(/href|class=|</);
  });

  test('a page with an <iframe> inside <svg>: cleaned, not reported as failed (found by bench:fuzz)', () => {
    const file = write('svg-iframe.html', pageOf('', 'en', 'Sea wall', EN).replace('</article>', '<iframe src="https://ads.example/"></iframe><p><svg><iframe></iframe></svg></p></article>'));
    const r = decant([file, '--format', 'txt']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('The council of the small harbour town');
  });
});

describe('a directory with entries that cannot be read', () => {
  const inDir = tempDir('unreadable-in');
  const out = tempDir('unreadable-out');
  const good = pageOf('<meta charset="utf-8">', 'en', 'Sea wall', EN);
  fs.writeFileSync(path.join(inDir, 'a-good.html'), good);
  fs.writeFileSync(path.join(inDir, 'z-good.html'), good);
  fs.writeFileSync(path.join(inDir, 'b-locked.html'), good);
  fs.chmodSync(path.join(inDir, 'b-locked.html'), 0o000);
  spawnSync('mkfifo', [path.join(inDir, 'c-fifo.html')]);
  fs.symlinkSync(path.join(inDir, 'nowhere', 'gone.html'), path.join(inDir, 'd-dangling.html'));
  fs.symlinkSync('e-loop.html', path.join(inDir, 'e-loop.html'));
  fs.mkdirSync(path.join(inDir, 'sub.html'));
  fs.symlinkSync(path.join(inDir, 'sub.html'), path.join(inDir, 'f-dirlink.html'));
  // Root reads a chmod-000 file anyway, and CI runs as root: there, run the CLI as `nobody`, which
  // cannot, so the permission case is real either way (its directories are opened up for it).
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    for (const d of [inDir, out]) fs.chmodSync(d, 0o777);
  }
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, inDir, '--out', out, '--format', 'txt'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  const elapsed = Date.now() - started;

  test('finishes (a FIFO named *.html used to block the run forever)', () => {
    expect(r.error).toBeUndefined();
    expect(elapsed).toBeLessThan(60_000);
  });

  test.each([
    ['b-locked.html', 'it cannot be read (permission denied)'],
    ['c-fifo.html', 'it is not a regular file (a pipe, socket or device), so it was not read'],
    ['d-dangling.html', 'no such file'],
    ['e-loop.html', 'it is a symbolic link that loops'],
    ['f-dirlink.html', 'it is a directory'],
  ])('%s is reported with its name: %s', (name, message) => {
    expect(r.stderr).toContain(`decant: ${path.join(inDir, name)}: ${message}\n`);
  });

  test('the rest goes on: both good pages are written, the count is reported, exit 1', () => {
    expect(fs.readdirSync(out).sort()).toEqual(['a-good.txt', 'z-good.txt']);
    expect(fs.readFileSync(path.join(out, 'z-good.txt'), 'utf8')).toContain('The council of the small harbour town');
    expect(r.stderr).toContain('decant: 5 of 7 page(s) failed\n');
    expect(r.status).toBe(1);
  });
});
