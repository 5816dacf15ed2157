/**
 * Cookie and consent banners: CMP markup, consent wording, accept/reject buttons, a fixed position —
 * any two. Most CMPs are vendor matches.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { COOKIE_CTA, COOKIE_STEMS, COOKIE_TEXT, COOKIE_TOKENS, COOKIE_VENDORS } from './cookie.data';
import { positionSignal } from './shared';

function structure(f: Facts): Signal[] {
  const out: Signal[] = [];
  const s = f.stats;
  if (s.buttons >= 2 || s.checkboxes >= 2) out.push({ kind: 'structure', what: `${s.buttons} button(s), ${s.checkboxes} checkbox(es)` });
  out.push(...positionSignal(f));
  return out;
}

export const cookie = defineFamily({
  id: 'cookie',
  category: 'cookie',
  vendors: COOKIE_VENDORS,
  markup: { exact: COOKIE_TOKENS, stems: COOKIE_STEMS },
  text: { regex: COOKIE_TEXT, scope: 'text', what: 'consent wording' },
  cta: COOKIE_CTA,
  maxText: 5000,
  maxParas: 12,
  structure,
});
