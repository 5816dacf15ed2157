#!/usr/bin/env node
// node bench/profile-browser.mjs [--pages N | --filter ID] [--runs N] [--top N] [--cpuprofile FILE]
// Where Decant's click path spends its time in Chromium: the CDP Profiler records the tab's renderer
// while the real content.js `run()` cleans each page --runs times (after bench:browser's build of
// .bench/browser/ext — run `BENCH_PAGES=1 npm run bench:browser -- pages` once first). Prints self
// and total time per function, summed over the pages; --cpuprofile writes the last page's profile
// for DevTools; --callers NAME sums the time of the function NAME (self and below) by its three
// nearest callers.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { root, shared, workDir } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : def;
};
const RUNS = Number(opt('runs', 3));
const TOP = Number(opt('top', 40));
const FILTER = opt('filter', null);
const CALLERS = opt('callers', null);
const extDir = path.join(workDir, 'browser', 'ext');
// The e2e helpers (TypeScript) bundled for node, as bench/browser.mjs does with its parts.
const e2eLib = path.join(workDir, 'e2e-lib.mjs');
await esbuild.build({
  stdin: { contents: "export * from './test/e2e/chromium.ts'; export * from './test/e2e/server.ts';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: e2eLib, logLevel: 'warning',
});
const { launch, tabIdOf, startServer, corpusPath } = await import(pathToFileURL(e2eLib).href);

const corpus = path.join(shared, 'corpus', 'scrapinghub');
let ids = fs.readdirSync(corpus).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
if (FILTER) ids = ids.filter((id) => FILTER.split(',').some((f) => id.startsWith(f)));
ids = ids.slice(0, Number(opt('pages', ids.length)));

const server = await startServer();
const session = await launch({ extDir });
const page = await session.context.newPage();
await page.goto('about:blank');
const tabId = await tabIdOf(session, page);
const cdp = await session.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

const self = new Map();
const total = new Map();
const callers = new Map();
let sampledMs = 0;
let last = null;
for (const id of ids) {
  await page.goto(server.origin + corpusPath(id), { waitUntil: 'load' });
  await session.sw.evaluate(async (tabId) => {
    await chrome.scripting.executeScript({ target: { tabId }, files: ['content.js'], injectImmediately: true });
  }, tabId);
  await cdp.send('Profiler.start');
  await session.sw.evaluate(async ({ tabId, runs }) => {
    await chrome.scripting.executeScript({
      target: { tabId },
      func: async (n) => {
        for (let i = 0; i < n; i++) await globalThis.__decantContent.run();
      },
      args: [runs],
    });
  }, { tabId, runs: RUNS });
  const { profile } = await cdp.send('Profiler.stop');
  last = profile;
  // Self time per node from the samples; total time by walking up the parents.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (dt[i + 1] ?? dt[i] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]);
    const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url || '')}:${n.callFrame.lineNumber + 1}`;
    if (node.callFrame.functionName === '(idle)') continue;
    sampledMs += ms;
    self.set(name(node), (self.get(name(node)) ?? 0) + ms);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const nm = name(byId.get(id));
      if (CALLERS && byId.get(id).callFrame.functionName === CALLERS && !seen.has(nm)) {
        const chain = [];
        for (let up = parent.get(id); up !== undefined && chain.length < 3; up = parent.get(up)) chain.push(name(byId.get(up)));
        const key = chain.join(' < ');
        callers.set(key, (callers.get(key) ?? 0) + ms);
      }
      if (seen.has(nm)) continue;
      seen.add(nm);
      total.set(nm, (total.get(nm) ?? 0) + ms);
    }
  }
}
await session.close();
await server.close();

const rows = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
console.log(`${ids.length} page(s) × ${RUNS} run(s), ${sampledMs.toFixed(0)} ms sampled (not idle)\n\nself ms`);
for (const [k, v] of rows(self)) console.log(`${v.toFixed(1).padStart(9)}  ${k}`);
console.log('\ntotal ms');
for (const [k, v] of rows(total)) console.log(`${v.toFixed(1).padStart(9)}  ${k}`);
if (CALLERS) {
  console.log(`\n${CALLERS}, by caller`);
  for (const [k, v] of rows(callers)) console.log(`${v.toFixed(1).padStart(9)}  ${k}`);
}
const file = opt('cpuprofile', null);
if (file && last) fs.writeFileSync(path.resolve(root, file), JSON.stringify(last));
