/**
 * Cookie and consent banners: CMP markup, consent wording, accept/reject buttons, a fixed position —
 * any two. Most CMPs are vendor matches.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { COOKIE_CTA, COOKIE_CTA_LABELS, COOKIE_STEMS, COOKIE_TEXT, COOKIE_TOKENS, COOKIE_VENDORS } from './cookie.data';
import { positionSignal } from './shared';
import { anywhereRegex } from './match';
import { collapse } from '../dom';

/** Buttons, submit inputs and button-like links a block may carry, looked at by label. */
const BUTTONISH = 'button, input[type="submit"], input[type="button"], [role="button"]';

/** A consent label somewhere in a text: what a block's text must hold for one of its buttons to carry one. */
const CTA_ANYWHERE = anywhereRegex(COOKIE_CTA_LABELS);

/**
 * The first button label that is a consent choice ("Accept all", "Reject", "Принять" …), or null.
 * A button's label is its text, so a block whose text holds no consent label has no such button,
 * unless a label is an input's value or the walk stepped over part of the block: only then, or when
 * the text holds one, are its buttons queried (every wrapper of a page's buttons otherwise ran a
 * selector query over its whole subtree).
 */
function consentButton(f: Facts): string | null {
  const el = f.el;
  if (!f.stats.valueButtons && !f.stats.unseen && !CTA_ANYWHERE.test(el.textContent ?? '')) return null;
  const list = el.querySelectorAll(BUTTONISH);
  for (let i = 0; i < list.length && i < 24; i++) {
    const b = list[i];
    const label = collapse((b.localName === 'input' ? b.getAttribute('value') : b.textContent) ?? '');
    if (label && label.length <= 40 && COOKIE_CTA.test(label)) return label;
  }
  return null;
}

function structure(f: Facts): Signal[] {
  const out: Signal[] = [];
  const s = f.stats;
  // Two buttons alone say "a choice", not "a cookie choice": a welcome modal with Close / See what's
  // new is an overlay (fixture: overlay--bootstrap-modal-it). A consent label on one of them does.
  if (s.checkboxes >= 2) out.push({ kind: 'structure', what: `${s.checkboxes} checkboxes` });
  else if (s.buttons >= 2) {
    const label = consentButton(f);
    if (label) out.push({ kind: 'structure', what: `${s.buttons} buttons, one of them “${label}”` });
  }
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
