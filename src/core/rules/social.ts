/**
 * Share and follow bars: share-endpoint or profile links, share markup, "Share"/"Follow us" wording —
 * any two. An article that quotes a tweet keeps it (one link, prose around it).
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { tailSignal } from './shared';
import { SOCIAL_STEMS, SOCIAL_TEXT, SOCIAL_TOKENS, SOCIAL_VENDORS } from './social.data';

function structure(f: Facts): readonly Signal[] {
  const s = f.stats;
  if (s.shareLinks >= 2) return [{ kind: 'structure', what: `${s.shareLinks} share links` }];
  if (s.profileLinks >= 3 && s.textLen <= 200) return [{ kind: 'structure', what: `${s.profileLinks} social profile links` }];
  if (s.textLen <= 40 && s.buttons + s.links >= 2) return [{ kind: 'structure', what: 'a row of buttons without text' }];
  return s.textLen <= 200 ? tailSignal(f) : [];
}

export const social = defineFamily({
  id: 'social',
  category: 'social',
  vendors: SOCIAL_VENDORS,
  markup: { exact: SOCIAL_TOKENS, stems: SOCIAL_STEMS, exclude: ['shared'] },
  text: { regex: SOCIAL_TEXT, scope: 'text', what: 'share wording' },
  maxText: 400,
  maxParas: 0,
  structure,
});
