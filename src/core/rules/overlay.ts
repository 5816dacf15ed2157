/**
 * Modals, backdrops and interstitials of no other purpose: a position over the page (fixed, covering,
 * a dialog) with modal markup, a close button, or no content at all (a backdrop) — any two. Runs last:
 * a donation modal is `donation`, named for its purpose.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { OVERLAY_STEMS, OVERLAY_TOKENS, OVERLAY_VENDORS } from './overlay.data';
import { positionSignal } from './shared';

function structure(f: Facts): readonly Signal[] {
  const out = positionSignal(f);
  const s = f.stats;
  if (f.place.fixed && f.place.cover && s.textLen === 0 && s.imgs === 0) return [...out, { kind: 'structure', what: 'an empty layer covering the page (backdrop)' }];
  return out;
}

export const overlay = defineFamily({
  id: 'overlay',
  category: 'overlay',
  vendors: OVERLAY_VENDORS,
  markup: { exact: OVERLAY_TOKENS, stems: OVERLAY_STEMS },
  maxText: 3000,
  maxParas: 4,
  structure,
});
