#!/usr/bin/env node
// npm test — everything CI runs: checks, the build, every vitest project (unit and real browsers).
// Prints one closing line "N passed, N failed" (tests counted across all projects) and exits non-zero
// on any failure. Debian's chromium and firefox-esr are installed when missing and we are root;
// otherwise the command names them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const reports = path.join(root, '.reports');
fs.mkdirSync(reports, { recursive: true });

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1;

// openssl makes the throwaway certificate of the browser tests' image stand-in (test/e2e/image-host.ts).
const browsers = [['/usr/bin/chromium', 'chromium'], ['/usr/bin/firefox-esr', 'firefox-esr'], ['/usr/bin/openssl', 'openssl']];
const missing = browsers.filter(([bin]) => !fs.existsSync(bin)).map(([, pkg]) => pkg);
if (missing.length) {
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    console.log(`Installing Debian browsers for the real-browser tests: ${missing.join(' ')}`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.error(`The real-browser tests need Debian's ${missing.join(' and ')}: sudo apt-get install -y ${missing.join(' ')}`);
  }
}

let passed = 0;
let failed = 0;
const check = (name, status) => {
  if (status === 0) passed++;
  else {
    failed++;
    console.error(`✗ ${name} failed`);
  }
};

// Checks that are not vitest tests count as one test each.
check('typecheck (tsc --noEmit)', run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']));
check('lint (eslint: boundaries, no-unsanitized)', run('npx', ['eslint', '--max-warnings=0', 'src']));
check('build', run(process.execPath, ['build.mjs']));
for (const script of ['scripts/check-no-innerhtml.mjs', 'scripts/check-size.mjs']) {
  if (fs.existsSync(script)) check(script, run(process.execPath, [script]));
}

const json = path.join(reports, 'vitest.json');
fs.rmSync(json, { force: true });
const filter = process.argv.slice(2);
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...filter]);
if (fs.existsSync(json)) {
  const r = JSON.parse(fs.readFileSync(json, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numTotalTestSuites && r.testResults ? r.testResults.filter((t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed')).length : 0);
} else {
  failed++;
  console.error('✗ vitest produced no report');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
