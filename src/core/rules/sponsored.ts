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
  if (isTeaserCard(f)) return [{ kind: 'structure', what: 'a teaser card (a line above a linked headline)' }];
  return [];
}

/**
 * The shape of a native unit the publisher places itself (fixtures: sponsored--presented-by-card,
 * sponsored--native-incut-ru): a short block whose first line stands on its own, without a link, above
 * a linked headline (and perhaps a teaser). Related-story cards have the same shape; only a sponsor
 * label in that line (the text evidence) makes it a sponsored one.
 */
function isTeaserCard(f: Facts): boolean {
  const s = f.stats;
  if (s.links < 1 || s.links > 3 || s.linkTextLen < 20 || s.textLen > 600 || s.paras > 1 || s.forms > 0) return false;
  let first = f.el.firstElementChild;
  while (first && !(first.textContent ?? '').trim()) first = first.nextElementSibling;
  if (!first || first.localName === 'a' || first.getElementsByTagName('a').length) return false;
  const line = (first.textContent ?? '').trim();
  return line.length > 0 && line.length <= 60 && first.nextElementSibling !== null;
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
