#!/usr/bin/env node
// npm run bench:size — time and peak memory of the CLI on the largest pages Decant promises to clean
// (a page of 200,000 elements and a page of 20 MB, built by test/robustness/big-pages.ts), beside
// plain Readability on the same page in the same run (jsdom parse + Readability, nothing else). Each
// run is its own process; peak memory is its maximum resident set size. The hard caps past which the
// CLI refuses (50 MB, 400,000 elements) are asserted by test/robustness/cli-size.test.ts.
//   node bench/size.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { root } from './lib.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 1) || 1;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decant-size-'));
const gen = path.join(dir, 'big-pages.mjs');
buildSync({ entryPoints: [path.join(root, 'test', 'robustness', 'big-pages.ts')], bundle: true, format: 'esm', platform: 'node', outfile: gen });
const { pageWithElements, pageWithBytes } = await import(pathToFileURL(gen).href);

/** Run `code` (an ES module body) in a fresh Node; it prints one JSON line; add wall time and max RSS. */
function measure(code, args) {
  const wrapped = `const __t0 = performance.now(); process.on('exit', () => process.stderr.write('\\n@@' + JSON.stringify({ ms: performance.now() - __t0, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\\n'));\n${code}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', wrapped, '--', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /@@(\{.*\})\n?$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`run failed (${r.status}): ${(r.stderr ?? '').slice(-800)}`);
  return { ...JSON.parse(m[1]), stdout: r.stdout };
}

// The CLI as users run it (bin/decant.mjs reads process.argv).
const CLI = `process.argv = [process.argv[0], 'bin/decant.mjs', ...process.argv.slice(1)]; await import(${JSON.stringify(pathToFileURL(path.join(root, 'bin', 'decant.mjs')).href)});`;
const READABILITY = `
import fs from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
const dom = new JSDOM(fs.readFileSync(process.argv[1]), { url: 'https://news.example/story', virtualConsole: new VirtualConsole() });
const article = new Readability(dom.window.document).parse();
process.stdout.write(String(article?.textContent?.length ?? 0));
`;

const cases = [
  ['200,000 elements', 'elements-200k.html', () => pageWithElements(200_000)],
  ['20 MB', 'bytes-20mb.html', () => pageWithBytes(20_000_000)],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`bench:size — ${os.cpus().length} cores, Node ${process.version}, ${runs} run(s) each\n`);
console.log('page               bytes        Decant CLI (s)   peak RSS (MB)   Readability (s)   peak RSS (MB)   time ×');
const rows = [];
for (const [label, name, make] of cases) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, make());
  const bytes = fs.statSync(file).size;
  const cli = [];
  const ref = [];
  for (let k = 0; k < runs; k++) {
    const c = measure(CLI, [file, '--format', 'txt']);
    if (!c.stdout.includes('flooded the fish market')) throw new Error(`${label}: the article is missing from the CLI's output`);
    cli.push(c);
    ref.push(measure(READABILITY, [file]));
  }
  const row = {
    page: label,
    bytes,
    cliSeconds: median(cli.map((c) => c.ms)) / 1000,
    cliPeakRssMb: Math.max(...cli.map((c) => c.maxRssMb)),
    readabilitySeconds: median(ref.map((c) => c.ms)) / 1000,
    readabilityPeakRssMb: Math.max(...ref.map((c) => c.maxRssMb)),
  };
  row.ratio = row.cliSeconds / row.readabilitySeconds;
  rows.push(row);
  console.log(
    `${label.padEnd(18)} ${String(bytes).padStart(10)}   ${row.cliSeconds.toFixed(1).padStart(14)}   ${row.cliPeakRssMb.toFixed(0).padStart(13)}   ${row.readabilitySeconds.toFixed(1).padStart(15)}   ${row.readabilityPeakRssMb.toFixed(0).padStart(13)}   ${row.ratio.toFixed(2).padStart(6)}`,
  );
  fs.rmSync(file);
}
fs.mkdirSync(path.join(root, '.reports'), { recursive: true });
fs.writeFileSync(path.join(root, '.reports', 'bench-size.json'), `${JSON.stringify({ cores: os.cpus().length, node: process.version, runs, rows }, null, 2)}\n`);
fs.rmSync(dir, { recursive: true, force: true });
