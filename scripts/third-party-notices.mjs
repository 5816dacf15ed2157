// THIRD-PARTY-NOTICES.txt for the extension packages. Bundling copies other projects' code into
// Decant's files (Readability and DOMPurify under Apache-2.0 / MPL-2.0, webextension-polyfill under
// MPL-2.0, Turndown, citation-js, fflate … under MIT), and the bundles carry no comments, so their
// licenses must travel beside them: each package esbuild put into a file of the package (read from
// the builds' metafiles), with its version, its license, the files it is in, and its license text as
// the package ships it. Readability is changed in the content scripts (readability-trim.mjs): the
// notice says so, as Apache-2.0 §4(b) asks of a modified file.
import fs from 'node:fs';
import path from 'node:path';

const LICENSE_FILE = /^(?:licen[cs]e|copying)(?:[.-].*)?$/i;
const MODIFIED = {
  '@mozilla/readability': 'In content.js and content-auto.js it is modified: code that Decant never reaches with the options it passes (the debug logger, the JSON-LD reader, class cleaning, the branches for its own JSDOMParser) is cut at build time (scripts/readability-trim.mjs in Decant\'s sources); elsewhere it is as published.',
};

/** The package a bundled input path belongs to (`node_modules/@scope/name/…` → `@scope/name`), or null for Decant's own sources. */
function packageOf(input) {
  const parts = input.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return null;
  const name = parts[i + 1]?.startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1];
  return name ? { name, dir: parts.slice(0, i + 1 + name.split('/').length).join('/') } : null;
}

/**
 * The notices for the files in `metafiles` (esbuild metafiles of the builds that wrote `outDir`):
 * one entry per bundled package, in name order.
 */
export function thirdPartyNotices({ root, outDir, metafiles, product }) {
  const found = new Map();
  for (const meta of metafiles) {
    for (const [out, info] of Object.entries(meta.outputs)) {
      if (out.endsWith('.map')) continue;
      const file = path.relative(outDir, path.resolve(root, out)).split(path.sep).join('/');
      for (const input of Object.keys(info.inputs)) {
        const pkg = packageOf(input);
        if (!pkg) continue;
        const entry = found.get(pkg.name) ?? { dir: path.resolve(root, pkg.dir), files: new Set() };
        entry.files.add(file);
        found.set(pkg.name, entry);
      }
    }
  }
  const parts = [
    `${product} bundles the following software. Each is the copyright of its authors and is used under its own license, reproduced below as the package ships it.`,
  ];
  for (const [name, { dir, files }] of [...found].sort((a, b) => a[0].localeCompare(b[0]))) {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const license = typeof meta.license === 'string' ? meta.license : meta.license?.type ?? 'see the package';
    const texts = fs.readdirSync(dir).filter((f) => LICENSE_FILE.test(f)).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim());
    parts.push(
      [
        `${'='.repeat(78)}\n${name} ${meta.version} — ${license}`,
        meta.homepage || meta.repository ? `Source: ${meta.homepage ?? meta.repository?.url ?? meta.repository}` : '',
        meta.author ? `Author: ${typeof meta.author === 'string' ? meta.author : [meta.author.name, meta.author.email && `<${meta.author.email}>`].filter(Boolean).join(' ')}` : '',
        `In: ${[...files].sort().join(', ')}`,
        MODIFIED[name] ?? '',
        texts.length ? texts.join('\n\n') : `(The package ships no license file; its package.json names the license ${license}.)`,
      ].filter(Boolean).join('\n\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}
