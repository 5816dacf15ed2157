#!/usr/bin/env node
// Where does a piece of text sit, in the original page and in Decant's article? A debugging aid for
// the per-page diff (bench/diff.mjs):  node bench/inspect.mjs <id-prefix> "<text>" [--html]
import fs from 'node:fs';
import path from 'node:path';
import { loadCore, shared } from './lib.mjs';

const [prefix, needle, flag] = process.argv.slice(2);
const corpus = path.join(shared, 'corpus', 'scrapinghub');
const id = fs.readdirSync(corpus).find((f) => f.startsWith(prefix) && f.endsWith('.html')).slice(0, -5);
const core = await loadCore();
const url = JSON.parse(fs.readFileSync(path.join(corpus, `${id}.json`), 'utf8')).url;
const bytes = new Uint8Array(fs.readFileSync(path.join(corpus, `${id}.html`)));
const page = core.parseHtml(core.decodeHtml(bytes).text, url);

function describe(el) {
  const parts = [];
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    let s = e.localName;
    if (e.id) s += `#${e.id}`;
    const cls = e.getAttribute('class');
    if (cls) s += '.' + cls.trim().split(/\s+/).slice(0, 4).join('.');
    for (const a of ['role', 'data-decant-role', 'itemprop', 'aria-hidden', 'hidden']) if (e.hasAttribute(a)) s += `[${a}=${e.getAttribute(a)}]`;
    parts.push(s);
  }
  return parts.reverse().join(' > ');
}

/** The smallest elements whose collapsed text contains `text`. */
function find(root, text) {
  const norm = (s) => s.replace(/\s+/g, ' ');
  const out = [];
  const visit = (el) => {
    let inChild = false;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (norm(c.textContent).includes(text)) {
        inChild = true;
        visit(c);
      }
    }
    if (!inChild) out.push(el);
  };
  if (norm(root.textContent).includes(text)) visit(root);
  return out;
}

console.log(`== original (${id.slice(0, 12)})`);
for (const el of find(page.document.body, needle)) {
  console.log(describe(el));
  if (flag === '--html') console.log((el.parentElement?.parentElement ?? el).outerHTML.slice(0, 3000));
}
const r = core.cleanArticle(page.document, { url, window: page.window });
const host = page.document.createElement('div');
const frag = page.document.createRange().createContextualFragment(r.article?.contentHtml ?? '');
host.appendChild(frag);
console.log('== decant contentHtml');
for (const el of find(host, needle)) {
  console.log(describe(el));
  if (flag === '--html') console.log((el.parentElement ?? el).outerHTML.slice(0, 2000));
}
console.log('== ledger', r.removed.map((e) => `${e.rule}: ${e.preview.slice(0, 60)}`).join('\n   '));
