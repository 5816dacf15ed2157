#!/usr/bin/env node
// Fails when source outside src/core/html.ts turns strings into HTML (Defuddle's check, ours):
// innerHTML/outerHTML assignments, insertAdjacentHTML, document.write, DOMParser, createContextualFragment,
// setHTMLUnsafe, srcdoc. The one sanitising module is the only door from page text to the DOM.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALLOWED = new Set(['src/core/html.ts']);
const SINKS = [
  [/\.(?:inner|outer)HTML\s*(?:\+?=)(?!=)/, 'innerHTML/outerHTML assignment'],
  [/\binsertAdjacentHTML\s*\(/, 'insertAdjacentHTML'],
  [/\bdocument\.write(?:ln)?\s*\(/, 'document.write'],
  [/\bnew\s+DOMParser\b/, 'DOMParser'],
  [/\bcreateContextualFragment\s*\(/, 'createContextualFragment'],
  [/\bsetHTMLUnsafe\s*\(/, 'setHTMLUnsafe'],
  [/\.srcdoc\s*=/, 'srcdoc assignment'],
];

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(?:ts|tsx|js|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) yield p;
  }
}

const problems = [];
for (const file of files(path.join(root, 'src'))) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (ALLOWED.has(rel)) continue;
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (/^\s*(?:\/\/|\*)/.test(line)) return; // comments
    for (const [re, what] of SINKS) if (re.test(line)) problems.push(`${rel}:${i + 1}: ${what} outside src/core/html.ts: ${line.trim()}`);
  });
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} HTML sink(s) outside the sanitising module; go through src/core/html.ts.`);
  process.exit(1);
}
console.log('check-no-innerhtml: no HTML sinks outside src/core/html.ts');
