// The rules' text (Facts.text()): the walk builds each block's text from its children's as it leaves
// them (rules/engine.ts), instead of walking the block again whenever a family asks. It must be the
// text dom.ts spacedText reads from the block itself at that moment: every family's text signals and
// the ledger's reasons depend on it.
import { describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { collapse, spacedText } from '../src/core/dom';
import { walk } from '../src/core/rules/engine';
import type { Facts, RuleFamily } from '../src/core/rules/types';
import { page, ROOT, SAMPLE, readFile } from './helpers';

/** A family that says nothing and checks, for each block the walk asks it about, that its text is spacedText's. */
function checker(): { family: RuleFamily; checked: () => number; wrong: string[] } {
  let n = 0;
  const wrong: string[] = [];
  const family: RuleFamily = {
    id: 'text-check',
    category: 'related',
    risky: false,
    signals(f: Facts) {
      n++;
      const want = collapse(spacedText(f.el, 12000, true)).slice(0, 3000);
      if (f.text() !== want && wrong.length < 5) wrong.push(`<${f.tag}>: ${JSON.stringify(f.text().slice(0, 80))} ≠ ${JSON.stringify(want.slice(0, 80))}`);
      return [];
    },
  };
  return { family, checked: () => n, wrong };
}

const TRICKY = `<main><article><h1>Budget</h1>
  <p>The council <b>voted</b> on<br>Tuesday.<svg><text>Chart: 2025</text></svg> After that <noscript>Enable scripts</noscript>it rose.</p>
  <ul class="menu"><li><a href="/a">Apps</a></li><li><a href="/b">Newsletters</a></li><li>Advertise</li></ul>
  <div class="box">Before <div hidden>hidden words</div><span style="display:none">gone</span> after <template><p>template</p></template><script>var x = 1;</script>end.</div>
  <div class="promo"><dialog><p>closed dialog</p></dialog><div aria-hidden="true">aria hidden</div>Support <i>us</i><div>Once</div><div>Monthly</div></div>
</article></main>`;

function pages(): [string, string][] {
  const nags = path.join(ROOT, '..', 'shared', 'nags');
  const list: [string, string][] = [['tricky', `<!DOCTYPE html><html><head><title>t</title></head><body>${TRICKY}</body></html>`], ['sample', readFile(SAMPLE)]];
  if (fs.existsSync(nags)) for (const f of fs.readdirSync(nags).filter((x) => x.endsWith('.html')).sort()) list.push([f, fs.readFileSync(path.join(nags, f), 'utf8')]);
  return list;
}

describe('the rules read each block as spacedText does', () => {
  test.each(pages())('%s: the cleaning walk (hidden blocks removed as it goes)', (_, html) => {
    const { family, checked, wrong } = checker();
    const d = page(html).document;
    walk(d.body, { phase: 'pre', families: [family], stamp: true, maxShare: 0.5 });
    expect(wrong).toEqual([]);
    expect(checked()).toBeGreaterThan(3);
  });

  test.each(pages())('%s: a read-only scan (hidden blocks stay in the tree)', (_, html) => {
    const { family, checked, wrong } = checker();
    const d = page(html).document;
    walk(d.body, { phase: 'pre', families: [family], stamp: false, readOnly: true, includeRoot: true, maxShare: 0.5 });
    expect(wrong).toEqual([]);
    expect(checked()).toBeGreaterThan(3);
  });
});
