/**
 * Sponsored content and recommendation widgets (Taboola, Outbrain and the like): a link list or ad
 * links, sponsored markup, "Sponsored"/"Recommended by" wording — any two.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { SPONSORED_STEMS, SPONSORED_TEXT, SPONSORED_TOKENS, SPONSORED_VENDORS } from './sponsored.data';

function structure(f: Facts): Signal[] {
  const s = f.stats;
  const density = s.textLen ? s.linkTextLen / s.textLen : 0;
  if (s.adLinks > 0) return [{ kind: 'structure', what: `${s.adLinks} link(s) to ad networks` }];
  if (s.links >= 2 && density >= 0.5) return [{ kind: 'structure', what: `a list of ${s.links} links` }];
  return [];
}

export const sponsored = defineFamily({
  id: 'sponsored',
  category: 'sponsored',
  vendors: SPONSORED_VENDORS,
  markup: { exact: SPONSORED_TOKENS, stems: SPONSORED_STEMS },
  text: { regex: SPONSORED_TEXT, scope: 'label', what: 'sponsor label' },
  maxText: 4000,
  maxParas: 4,
  structure,
});
