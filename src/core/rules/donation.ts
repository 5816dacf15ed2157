/**
 * Donation appeals, donate forms and contribution widgets: a donate link or an amount picker, donation
 * markup, a dialog position and appeal wording — any two.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { AMOUNT, DONATE_CTA, DONATION_STEMS, DONATION_TEXT, DONATION_TOKENS, DONATION_VENDORS, PERIODS } from './donation.data';
import { positionSignal } from './shared';
import { listOf } from '../dom';

/**
 * A paragraph of running prose that mentions a donation page in passing — a news story linking to a
 * blood bank's /donar/ page (fixture: donation--sangre-es-trap) — rather than an appeal whose link is
 * a call to action ("Donate today", "Support us").
 */
function isInlineMention(f: Facts): boolean {
  const s = f.stats;
  if (f.tag !== 'p' || s.textLen - s.linkTextLen < 150) return false;
  for (const a of listOf(f.el.getElementsByTagName('a'))) if (DONATE_CTA.test(a.textContent ?? '')) return false;
  return true;
}

function structure(f: Facts): Signal[] {
  const out: Signal[] = [];
  const s = f.stats;
  if (s.donateLinks > 0 && s.donateLinks * 3 >= s.links && !isInlineMention(f)) out.push({ kind: 'structure', what: `${s.donateLinks} link(s) to a donation page` });
  if (s.radios + s.buttons + s.links > 1 && s.textLen < 2500) {
    // The cheap conditions first: AMOUNT and PERIODS are large Unicode patterns, and most blocks with
    // two links are neither a picker nor tabs.
    const text = f.text();
    const picker = s.radios >= 2 || s.buttons >= 2 || s.textInputs > 0;
    const amounts = picker ? (text.match(AMOUNT)?.length ?? 0) : 0;
    if (amounts >= 2) out.push({ kind: 'structure', what: `an amount picker (${amounts} amounts)` });
    else if ((s.buttons >= 2 || s.radios >= 2 || /once[\s\S]{0,40}monthly/i.test(text)) && PERIODS.test(text)) out.push({ kind: 'structure', what: 'giving-period tabs' });
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
