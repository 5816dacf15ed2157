/**
 * The coverage guard: compare the page's visible prose and headings (CONTRACT §1 "visible": what the
 * pre-walk did not drop as hidden) with what the article kept, and warn — naming what went — when
 * part of the main content is missing. The main content is where the kept paragraphs are: prose
 * between the first and the last kept paragraph, or beside a kept paragraph in the same container.
 * Blocks the rules removed are in the ledger already and never count as missing; so do headings
 * and paragraphs outside the article (sidebars, comments, footers), which are no loss.
 */
import { collapse, listOf } from './dom';
import type { PathRec, WalkResult } from './rules/engine';

/** A paragraph this long is prose (shorter lines are captions, labels, teasers). */
const PROSE_MIN = 80;
/** Warn when more than this share of the main content's prose is missing, and at least this much. */
const MISSING_SHARE = 0.25;
const MISSING_MIN_CHARS = 300;

interface Block {
  id: string;
  tag: string;
  len: number;
  el: Element;
  kept: boolean;
  parent: PathRec | null;
}

/** Most of a heading's text is a link (to another page). */
function isLinkHeading(el: Element): boolean {
  const all = (el.textContent ?? '').trim().length;
  if (!all) return false;
  let linked = 0;
  for (const a of listOf(el.getElementsByTagName('a'))) {
    if (!(a.getAttribute('href') ?? '').startsWith('#')) linked += (a.textContent ?? '').trim().length;
  }
  return linked * 2 >= all;
}

/** The first words of a block, for a warning. */
function quote(el: Element, max = 60): string {
  const t = collapse(el.textContent ?? '');
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}

/**
 * Warnings for a reader: a large share of the main content's prose left out, or a section (a
 * heading and the prose under it) left out. `surviving` holds the stamps still in the article;
 * `removed` the stamps the rules took; `articleText` the article's text (a paragraph whose text is
 * there was kept, even when Readability rebuilt its element).
 */
export function coverageWarnings(pre: WalkResult, surviving: ReadonlySet<string>, removed: ReadonlySet<string>, articleText: string, isTitle: (text: string) => boolean = () => false): string[] {
  const blocks: Block[] = [];
  const text = collapse(articleText);
  let teaser = false;
  for (const p of pre.prose) {
    if (removed.has(p.id)) continue;
    const isPara = p.tag === 'p';
    if (!isPara) {
      // A heading that links elsewhere titles a teaser of another story: it and its blurb are no loss.
      // So is a heading in an <aside> (an inset story, a box beside the text).
      teaser = p.tag === 'h1' || isLinkHeading(p.el) || !!p.el.closest('aside') || isTitle(collapse(p.el.textContent ?? ''));
      if (teaser) continue;
    } else if (teaser && !surviving.has(p.id)) continue;
    else teaser = false;
    if (isPara && p.len < PROSE_MIN) continue;
    let kept = surviving.has(p.id);
    if (!kept) {
      const key = collapse(p.el.textContent ?? '').slice(0, 60);
      kept = key.length >= 20 && text.includes(key);
    }
    blocks.push({ id: p.id, tag: p.tag, len: p.len, el: p.el, kept, parent: pre.blocks.get(p.id)?.parent ?? null });
  }
  const keptParas = blocks.filter((b) => b.tag === 'p' && b.kept);
  if (!keptParas.length) return [];
  const first = blocks.indexOf(keptParas[0]);
  const last = blocks.indexOf(keptParas[keptParas.length - 1]);
  const keptParents = new Set(keptParas.map((b) => b.parent).filter((p): p is PathRec => !!p));
  const inMain = (b: Block, i: number): boolean => (i > first && i < last) || (!!b.parent && keptParents.has(b.parent));

  const out: string[] = [];
  let total = 0;
  const missing: Block[] = [];
  blocks.forEach((b, i) => {
    if (b.tag !== 'p' || !inMain(b, i)) return;
    total += b.len;
    if (!b.kept) missing.push(b);
  });
  const missingChars = missing.reduce((n, b) => n + b.len, 0);
  if (missingChars >= MISSING_MIN_CHARS && missingChars > MISSING_SHARE * total) {
    const share = Math.round((100 * missingChars) / total);
    const named = missing.slice(0, 3).map((b) => quote(b.el)).join(', ');
    out.push(`Decant left out ${missing.length === 1 ? 'a paragraph' : `${missing.length} paragraphs`} of the article (about ${share}% of its text): ${named}${missing.length > 3 ? ', …' : ''}. Open the page to check nothing you need is missing.`);
  }

  // A section that went: a heading inside the main content, left out with the prose under it.
  const sections: string[] = [];
  blocks.forEach((b, i) => {
    if (b.tag === 'p' || b.kept || !inMain(b, i) || b.len === 0 || b.len > 200) return;
    const next = blocks[i + 1];
    if (next && next.tag === 'p' && !next.kept) sections.push(quote(b.el, 80));
  });
  if (sections.length) {
    out.push(`Decant left out ${sections.length === 1 ? 'a section' : `${sections.length} sections`} of the article: ${sections.slice(0, 5).join(', ')}${sections.length > 5 ? ', …' : ''}.`);
  }
  return out;
}
