// Readability for the content scripts without the code Decant's options never reach (issue 8: the
// scripts are parsed in the reader's page on every click, and with auto-clean on every page load).
// @mozilla/readability 0.6.0 as published, with three cuts, each dead under core/extract.ts's options:
//  - the debug logger and its `this.log(…)` calls: extract.ts never passes `debug`, so `log` is
//    an empty function and each call only read its arguments (node text, attributes, scores) for it;
//  - `_getJSONLD` and its schema.org type list: extract.ts passes `disableJSONLD: true` (metadata.ts
//    reads JSON-LD from the original page); the stub throws a sentence should that ever change.
// Together −2.8 KB minified, −1.0 KB gzipped in each content script. The CLI and the tests run the
// package as published; bench/same-output.mjs runs the trimmed copy, so `--check` proves the core's
// output is byte for byte that of the published one.
// Every cut must match exactly as many times as it does in 0.6.0, or the build stops: after an
// upgrade, check the cuts against the new source and update the counts.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const VERSION = '0.6.0';
const LOG_CALLS = 23; // outside _getJSONLD, which is cut first
// The project's copy, also for sources outside it (same-output.mjs --src /tmp/base/src).
const file = createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js');

/** Replace `from` (a string or a regex) exactly once in `source`, or say which cut no longer fits. */
function cutOnce(source, from, to, what) {
  const hits = typeof from === 'string' ? source.split(from).length - 1 : (source.match(new RegExp(from.source, `${from.flags.replace('g', '')}g`)) ?? []).length;
  if (hits !== 1) throw new Error(`readability-trim: ${what} matched ${hits} times in Readability.js (expected once); check the cuts in scripts/readability-trim.mjs against this version.`);
  return source.replace(from, to);
}

/** Remove every statement `this.log(…);` (balanced parentheses, quotes skipped). */
function dropLogCalls(source) {
  let out = '';
  let from = 0;
  let calls = 0;
  for (const m of source.matchAll(/\n[ \t]*this\.log\(/g)) {
    if (m.index < from) continue;
    let k = m.index + m[0].length;
    let depth = 1;
    let quote = null;
    for (; depth > 0 && k < source.length; k++) {
      const c = source[k];
      if (quote) {
        if (c === '\\') k++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    if (source[k] !== ';') throw new Error(`readability-trim: a this.log(…) call at offset ${m.index} of Readability.js is not a statement; check scripts/readability-trim.mjs against this version.`);
    out += source.slice(from, m.index);
    from = k + 1;
    calls++;
  }
  if (calls !== LOG_CALLS) throw new Error(`readability-trim: found ${calls} this.log(…) calls in Readability.js, expected ${LOG_CALLS}; check scripts/readability-trim.mjs against this version.`);
  return out + source.slice(from);
}

/** The trimmed source of Readability.js (see the top of this file). */
export function trimReadability(source) {
  let s = cutOnce(
    source,
    /\n  if \(this\._debug\) \{\n    let logNode = [\s\S]*?\n  \} else \{\n    this\.log = function \(\) \{\};\n  \}\n/,
    '\n  this.log = function () {};\n',
    'the debug logger',
  );
  s = cutOnce(
    s,
    /\n  _getJSONLD\(doc\) \{\n[\s\S]*?\n  \},\n/,
    "\n  _getJSONLD() {\n    throw new Error(\"Decant's extension build has no JSON-LD reader in Readability (scripts/readability-trim.mjs): pass disableJSONLD: true.\");\n  },\n",
    '_getJSONLD',
  );
  s = cutOnce(s, /\n    \/\/ See: https:\/\/schema\.org\/Article\n    jsonLdArticleTypes:\n      \/.*\/,\n/, '\n', 'jsonLdArticleTypes');
  return dropLogCalls(s);
}

/** esbuild plugin: bundles the trimmed Readability.js (also when other packages are external). */
export const readabilityTrim = {
  name: 'readability-trim',
  setup(build) {
    build.onResolve({ filter: /^@mozilla\/readability\/Readability\.js$/ }, () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'package.json'), 'utf8'));
      if (pkg.version !== VERSION) {
        return { errors: [{ text: `readability-trim: @mozilla/readability is ${pkg.version}; the cuts in scripts/readability-trim.mjs were checked against ${VERSION}. Check them against the new source, then update VERSION.` }] };
      }
      return { path: file };
    });
    build.onLoad({ filter: /[\\/]Readability\.js$/ }, async (args) => (args.path === file ? { contents: trimReadability(await fs.promises.readFile(file, 'utf8')), loader: 'js' } : undefined));
  },
};
