/**
 * Subscription upsells and paywall nags: a subscribe link or price, upsell markup, a dialog position
 * and upsell wording — any two. Blocks that hold prose (gated articles in a "paywall" wrapper) are
 * never taken: only the compact nag goes.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { MEMBERSHIP_STEMS, MEMBERSHIP_TEXT, MEMBERSHIP_TOKENS, MEMBERSHIP_VENDORS, PRICE, SUBSCRIBE_CTA } from './membership.data';
import { positionSignal } from './shared';

function structure(f: Facts): Signal[] {
  const out: Signal[] = [];
  const s = f.stats;
  if (s.subscribeLinks > 0 && s.subscribeLinks * 3 >= s.links) out.push({ kind: 'structure', what: `${s.subscribeLinks} link(s) to subscription offers` });
  else if (s.textLen < 1500 && (s.buttons > 0 || s.links > 0) && PRICE.test(f.text())) out.push({ kind: 'structure', what: 'a subscription price' });
  // A regwall's sign-in line inside a box that says more than the link ("Hai già un account? Accedi"),
  // never a header's lone "Log in" link — fixture: membership--regwall-card-it.
  else if (s.accountLinks > 0 && s.accountLinks * 3 >= s.links && s.textLen - s.linkTextLen >= 20) out.push({ kind: 'structure', what: `${s.accountLinks} sign-in or registration link(s) in a box that says more` });
  out.push(...positionSignal(f));
  return out;
}

export const membership = defineFamily({
  id: 'membership',
  category: 'membership',
  risky: true,
  vendors: MEMBERSHIP_VENDORS,
  markup: { exact: MEMBERSHIP_TOKENS, stems: MEMBERSHIP_STEMS },
  text: { regex: MEMBERSHIP_TEXT, scope: 'text', what: 'upsell wording' },
  cta: SUBSCRIBE_CTA,
  maxText: 2500,
  maxParas: 3,
  structure,
});
