/**
 * Donation appeals, donate forms and contribution widgets: a donate link or an amount picker, donation
 * markup, a dialog position and appeal wording — any two.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { AMOUNT, DONATE_CTA, DONATION_STEMS, DONATION_TEXT, DONATION_TOKENS, DONATION_VENDORS, PERIODS } from './donation.data';
import { positionSignal } from './shared';

function structure(f: Facts): Signal[] {
  const out: Signal[] = [];
  const s = f.stats;
  if (s.donateLinks > 0 && s.donateLinks * 3 >= s.links) out.push({ kind: 'structure', what: `${s.donateLinks} link(s) to a donation page` });
  if (s.radios + s.buttons + s.links > 1 && s.textLen < 2500) {
    const text = f.text();
    const amounts = text.match(AMOUNT)?.length ?? 0;
    if (amounts >= 2 && (s.radios >= 2 || s.buttons >= 2 || s.textInputs > 0)) out.push({ kind: 'structure', what: `an amount picker (${amounts} amounts)` });
    else if (PERIODS.test(text) && (s.buttons >= 2 || s.radios >= 2 || /once[\s\S]{0,40}monthly/i.test(text))) out.push({ kind: 'structure', what: 'giving-period tabs' });
  }
  out.push(...positionSignal(f));
  return out;
}

export const donation = defineFamily({
  id: 'donation',
  category: 'donation',
  risky: true,
  vendors: DONATION_VENDORS,
  markup: { exact: DONATION_TOKENS, stems: DONATION_STEMS },
  text: { regex: DONATION_TEXT, scope: 'text', what: 'appeal' },
  cta: DONATE_CTA,
  maxText: 4000,
  maxParas: 10,
  structure,
});
