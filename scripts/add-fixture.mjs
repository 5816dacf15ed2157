#!/usr/bin/env node
// node scripts/add-fixture.mjs <rule-id>--<site>-<case> <page.html> [--url URL] [--force] [--stdout]
//
// Turns a saved page into a fixture (STYLE §5), like Readability's test/generate-testcase.js:
//  1. parses it with jsdom (which sniffs the page's encoding), drops scripts (JSON-LD stays: it is
//     metadata), styles, stylesheet links, comments and on* handlers;
//  2. pretty-prints it, one block element per line, and puts the header first:
//     <!-- {"url":"…"} --> (from --url, else the page's canonical or og:url) and a comment to fill in
//     with the vendor or site markup the page stands for;
//  3. writes test/fixtures/<name>.html and runs the fixture test with UPDATE=<name>, which writes
//     test/expected/<name>.md with an empty "expect" block. The fixture test fails until you declare
//     what must stay and what must go there, and review the rest.
// --stdout prints the normalised page instead of writing anything.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)--([a-z0-9]+(?:-[a-z0-9]+)+)$/;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW = new Set(['script', 'style', 'textarea', 'pre', 'title']);
const BLOCK = new Set([
  'html', 'head', 'body', 'header', 'footer', 'main', 'nav', 'aside', 'section', 'article', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'blockquote', 'form', 'fieldset', 'table', 'thead', 'tbody', 'tfoot', 'tr',
  'td', 'th', 'caption', 'pre', 'hr', 'meta', 'link', 'title', 'script', 'noscript', 'iframe', 'dialog', 'details', 'summary', 'address', 'template',
]);

function fail(message) {
  process.stderr.write(`add-fixture: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const out = { positional: [], url: null, force: false, stdout: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--url') out.url = argv[++i] ?? fail('--url needs a value');
    else if (a === '--force') out.force = true;
    else if (a === '--stdout') out.stdout = true;
    else if (a.startsWith('-')) fail(`unknown option ${a}`);
    else out.positional.push(a);
  }
  if (out.positional.length !== 2) fail('usage: node scripts/add-fixture.mjs <rule-id>--<site>-<case> <page.html> [--url URL] [--force] [--stdout]');
  return out;
}

/** Rule ids: modules in src/core/rules/ with a .data.ts beside them. */
function ruleIds() {
  const dir = path.join(root, 'src', 'core', 'rules');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.data.ts')).map((f) => f.slice(0, -'.data.ts'.length)).filter((id) => fs.existsSync(path.join(dir, `${id}.ts`)));
}

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\u00a0/g, '&nbsp;');

function openTag(el) {
  const attrs = el.getAttributeNames().map((n) => {
    const v = el.getAttribute(n);
    return v === '' ? ` ${n}` : ` ${n}="${escapeAttr(v)}"`;
  });
  return `<${el.localName}${attrs.join('')}>`;
}

/** Does this element hold block children (then it gets one line per child)? */
function hasBlockChild(el) {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (BLOCK.has(c.localName)) return true;
  return false;
}

/** Inline serialisation: the element and its content on one line, whitespace collapsed (not in pre). */
function inline(node) {
  if (node.nodeType === 3) return escapeText(node.data.replace(/\s+/g, ' '));
  if (node.nodeType !== 1) return '';
  const tag = node.localName;
  if (VOID.has(tag)) return openTag(node);
  if (tag === 'script' || tag === 'style') return `${openTag(node)}${node.textContent}</${tag}>`;
  if (RAW.has(tag)) return `${openTag(node)}${tag === 'pre' && node.innerHTML.startsWith('\n') ? '\n' : ''}${node.innerHTML}</${tag}>`;
  let inner = '';
  for (let c = node.firstChild; c; c = c.nextSibling) inner += inline(c);
  return `${openTag(node)}${inner}</${tag}>`;
}

function pretty(el, depth, lines) {
  const pad = '  '.repeat(depth);
  if (RAW.has(el.localName)) {
    lines.push(pad + inline(el));
    return;
  }
  if (!hasBlockChild(el)) {
    let inner = '';
    for (let c = el.firstChild; c; c = c.nextSibling) inner += inline(c);
    lines.push(VOID.has(el.localName) ? pad + openTag(el) : `${pad}${openTag(el)}${inner.trim()}</${el.localName}>`);
    return;
  }
  lines.push(pad + openTag(el));
  let run = '';
  const flush = () => {
    const t = run.trim();
    if (t) lines.push('  '.repeat(depth + 1) + t);
    run = '';
  };
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && BLOCK.has(c.localName)) {
      flush();
      pretty(c, depth + 1, lines);
    } else run += inline(c);
  }
  flush();
  lines.push(`${pad}</${el.localName}>`);
}

/** Drop what a fixture must not carry: scripts (not JSON-LD), styles, comments, handlers. */
function normalise(doc) {
  for (const s of Array.from(doc.querySelectorAll('script'))) if ((s.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') s.remove();
  for (const s of Array.from(doc.querySelectorAll('style, link[rel~="stylesheet" i], link[rel~="preload" i], link[rel~="prefetch" i], link[rel~="preconnect" i], link[rel~="dns-prefetch" i]'))) s.remove();
  const walker = doc.createTreeWalker(doc, 128 /* SHOW_COMMENT */);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.remove();
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const n of el.getAttributeNames()) if (/^on/i.test(n) || (/^(?:href|src|action)$/i.test(n) && /^\s*javascript:/i.test(el.getAttribute(n) ?? ''))) el.removeAttribute(n);
  }
}

const args = parseArgs(process.argv.slice(2));
const [name, input] = args.positional;
const m = NAME.exec(name);
if (!m) fail(`"${name}" is not <rule-id>--<site>-<case> (kebab-case, for example donation--givewp-widget)`);
const ids = ruleIds();
if (!ids.includes(m[1])) fail(`"${m[1]}" is not a rule id (${ids.join(', ')})`);
if (!fs.existsSync(input)) fail(`${input}: no such file`);

const dom = new JSDOM(fs.readFileSync(input));
const doc = dom.window.document;
const url =
  args.url ??
  doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href') ??
  doc.querySelector('meta[property="og:url" i][content]')?.getAttribute('content') ??
  null;
if (!url || !/^https?:\/\//.test(url)) fail('the page names no canonical or og:url; pass --url https://…');
normalise(doc);

const lines = [];
pretty(doc.documentElement, 0, lines);
const html = [
  `<!-- ${JSON.stringify({ url })} -->`,
  '<!DOCTYPE html>',
  '<!-- TODO: name the vendor or site markup this page stands for (and cut it down to the article and',
  '     its clutter: a few KB), as the other fixtures do. -->',
  ...lines,
  '',
].join('\n');

if (args.stdout) {
  process.stdout.write(html);
  process.exit(0);
}
const target = path.join(root, 'test', 'fixtures', `${name}.html`);
if (fs.existsSync(target) && !args.force) fail(`${path.relative(root, target)} exists; pass --force to replace it`);
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, html);
const kb = Buffer.byteLength(html) / 1024;
process.stdout.write(`wrote ${path.relative(root, target)} (${kb.toFixed(1)} KB${kb > 16 ? ' — over the 16 KB the fixture test allows: trim it' : ''})\n`);

// The first expected file comes from the fixture test itself (one code path for every snapshot).
const r = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'test/fixtures.test.ts', '-t', name], { cwd: root, env: { ...process.env, UPDATE: name }, encoding: 'utf8' });
const expected = path.join(root, 'test', 'expected', `${name}.md`);
if (!fs.existsSync(expected)) {
  process.stderr.write(r.stdout.slice(-4000) + r.stderr.slice(-2000));
  fail(`the fixture test did not write ${path.relative(root, expected)}`);
}
process.stdout.write(
  `wrote ${path.relative(root, expected)}\n` +
    'Next: fill in its "expect" block (sentences to keep, nags to drop, ledger categories), review the\n' +
    'metadata, ledger previews and text, then run: npx vitest run --project unit test/fixtures.test.ts\n',
);
