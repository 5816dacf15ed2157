// Readability for the content scripts without the code Decant's options never reach (issue 8: the
// scripts are parsed in the reader's page on every click, and with auto-clean on every page load).
// @mozilla/readability 0.6.0 as published, with three cuts, each dead under core/extract.ts's options:
//  - the debug logger and its `this.log(…)` calls: extract.ts never passes `debug`, so `log` is
//    an empty function and each call only read its arguments (node text, attributes, scores) for it;
//  - `_getJSONLD` and its schema.org type list: extract.ts passes `disableJSONLD: true` (metadata.ts
//    reads JSON-LD from the original page); the stub throws a sentence should that ever change.
// Together −2.8 KB minified, −1.0 KB gzipped in each content script. Then (−0.7 KB minified,
// −0.2 KB gzipped):
//  - `_cleanClasses`: extract.ts passes `keepClasses: true`;
//  - `_getAllNodesWithTag`: extract.ts gives every instance its own (allWithTag), which finds the
//    same elements in the same order (test/extract.test.ts);
//  - the branches for Readability's own JSDOMParser, whose documents Decant never makes (it reads
//    the browser's DOM, and jsdom's in the CLI).
// Each stub throws a sentence saying what to pass, should extract.ts ever stop passing it. The CLI and the tests run the
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

/** Replace `from` (a regex) exactly `times` times in `source`, or say which cut no longer fits. */
function cutOnce(source, from, to, what, times = 1) {
  const all = new RegExp(from.source, `${from.flags.replace('g', '')}g`);
  const hits = (source.match(all) ?? []).length;
  if (hits !== times) throw new Error(`readability-trim: ${what} matched ${hits} times in Readability.js (expected ${times}); check the cuts in scripts/readability-trim.mjs against this version.`);
  return source.replace(all, () => to);
}

/** A method's whole body, at the prototype's indentation. */
const method = (name, params) => new RegExp(`\\n  ${name}\\(${params}\\) \\{\\n[\\s\\S]*?\\n  \\},\\n`);
/** A method that throws `why`, in place of one Decant's options never reach. */
const stub = (name, why) => `\n  ${name}() {\n    throw new Error(${JSON.stringify(`Decant's extension build has no ${name} in Readability (scripts/readability-trim.mjs): ${why}`)});\n  },\n`;

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
  s = cutOnce(s, method('_getJSONLD', 'doc'), stub('_getJSONLD', 'pass disableJSONLD: true.'), '_getJSONLD');
  s = cutOnce(s, method('_cleanClasses', 'node'), stub('_cleanClasses', 'pass keepClasses: true.'), '_cleanClasses');
  s = cutOnce(s, method('_getAllNodesWithTag', 'node, tagNames'), stub('_getAllNodesWithTag', 'give the instance its own (core/extract.ts allWithTag).'), '_getAllNodesWithTag');
  s = cutOnce(s, /\n    if \(this\._docJSDOMParser && nodeList\._isLiveNodeList\) \{\n.*\n    \}/, '', 'the JSDOMParser live-list guards', 2);
  s = cutOnce(s, /\n    if \(this\._docJSDOMParser\) \{\n      node\.localName = [\s\S]*?\n    \}\n/, '\n', 'the JSDOMParser tag rename');
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
