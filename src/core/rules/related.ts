/**
 * "Read more" rails and "Read also" lines: a list of links (headline cards), a rail label, related
 * markup — any two. A line inside the article ("Read more: <headline>") is mostly link text.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { tailSignal } from './shared';
import { BLOCK_TAGS } from '../dom';
import { RELATED_LABEL, RELATED_STEMS, RELATED_TOKENS, RELATED_VENDORS } from './related.data';

/** A headline set in capitals: four words or more, letters, no lower case (Fox News' in-article links). */
const CAPS_HEADLINE = /^(?=(?:[^\p{L}]*\p{L}+){4})[^\p{Ll}]+$/u;

function structure(f: Facts): Signal[] {
  const s = f.stats;
  const out: Signal[] = [];
  // A link inside a paragraph is part of the sentence; only blocks (a line, a list, a rail) are judged.
  // An e-mail or phone link makes a line an author's contact line, not a rail.
  if (!BLOCK_TAGS.has(f.tag)) return out;
  const density = s.textLen ? s.linkTextLen / s.textLen : 0;
  if (s.links >= 3 && density >= 0.5) out.push({ kind: 'structure', what: `a list of ${s.links} links (${Math.round(density * 100)}% link text)` });
  else if (s.links >= 1 && s.links <= 2 && s.textLen <= 250 && density >= 0.5 && s.paras <= 1 && s.contactLinks === 0) {
    out.push({ kind: 'structure', what: 'a line that is mostly a link' });
    if (s.textLen >= 20 && CAPS_HEADLINE.test(f.text())) out.push({ kind: 'text', what: 'a headline in capitals' });
  }
  if (s.relatedLinks > 0 && s.relatedLinks * 2 >= s.links) out.push({ kind: 'markup', what: `${s.relatedLinks} link(s) tagged as related reading` });
  if (out.length) out.push(...tailSignal(f));
  return out;
}

export const related = defineFamily({
  id: 'related',
  category: 'related',
  risky: true,
  vendors: RELATED_VENDORS,
  markup: { exact: RELATED_TOKENS, stems: RELATED_STEMS },
  text: { regex: RELATED_LABEL, scope: 'label', what: 'rail label', before: true },
  maxText: 4000,
  maxParas: 4,
  structure,
});
