/**
 * Comment sections: a comment form or a thread, comment markup, "Comments"/"Leave a reply" labels —
 * any two.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { tailSignal } from './shared';
import { COMMENTS_STEMS, COMMENTS_TEXT, COMMENTS_TOKENS, COMMENTS_VENDORS } from './comments.data';

function structure(f: Facts): readonly Signal[] {
  const s = f.stats;
  if (s.textareas > 0) return [{ kind: 'structure', what: 'a comment box' }];
  if (s.forms > 0 && s.buttons > 0 && s.textLen < 600) return [{ kind: 'structure', what: 'a reply form' }];
  return s.textLen <= 200 ? tailSignal(f) : [];
}

export const comments = defineFamily({
  id: 'comments',
  category: 'comments',
  vendors: COMMENTS_VENDORS,
  markup: { exact: COMMENTS_TOKENS, stems: COMMENTS_STEMS },
  text: { regex: COMMENTS_TEXT, scope: 'label', what: 'comments label' },
  maxText: 60000,
  maxParas: 400,
  structure,
});
