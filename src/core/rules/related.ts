/**
 * "Read more" rails and "Read also" lines: a list of links (headline cards), a rail label, related
 * markup — any two. A line inside the article ("Read more: <headline>") is mostly link text.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { RELATED_LABEL, RELATED_STEMS, RELATED_TOKENS, RELATED_VENDORS } from './related.data';

function structure(f: Facts): Signal[] {
  const s = f.stats;
  const density = s.textLen ? s.linkTextLen / s.textLen : 0;
  if (s.links >= 3 && density >= 0.5) return [{ kind: 'structure', what: `a list of ${s.links} links (${Math.round(density * 100)}% link text)` }];
  if (s.links >= 1 && s.links <= 2 && s.textLen <= 250 && density >= 0.5 && s.paras <= 1) return [{ kind: 'structure', what: 'a line that is mostly a link' }];
  return [];
}

export const related = defineFamily({
  id: 'related',
  category: 'related',
  risky: true,
  vendors: RELATED_VENDORS,
  markup: { exact: RELATED_TOKENS, stems: RELATED_STEMS },
  text: { regex: RELATED_LABEL, scope: 'label', what: 'rail label' },
  maxText: 4000,
  maxParas: 4,
  structure,
});
