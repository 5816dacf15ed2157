/**
 * Newsletter boxes: an e-mail field or a sign-up link, newsletter markup and sign-up wording — any two.
 * An article that mentions its newsletter has neither the field nor the markup, so it stays.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { NEWSLETTER_NOUN, NEWSLETTER_STEMS, NEWSLETTER_TEXT, NEWSLETTER_TOKENS, NEWSLETTER_VENDORS, SIGNUP_CTA } from './newsletter.data';
import { MEMBERSHIP_TEXT } from './membership.data';
import { positionSignal } from './shared';
import { domOf } from '../safe-dom';

/** An entry of a list of three or more, or its link: a menu's "Newsletters" item, which the site's navigation is, not a sign-up box. */
function isMenuItem(f: Facts): boolean {
  const dom = domOf(f.el);
  const item = f.tag === 'li' ? f.el : f.tag === 'a' ? dom.parentElement(f.el) : null;
  if (!item || dom.localName(item) !== 'li') return false;
  const list = dom.parentElement(item);
  let items = 0;
  for (let c = list && dom.firstElementChild(list); c && items < 3; c = dom.nextElementSibling(c)) items++;
  return items >= 3;
}

function structure(f: Facts): Signal[] {
  const out: Signal[] = [];
  const s = f.stats;
  if (s.emailInputs > 0) out.push({ kind: 'structure', what: 'an e-mail field' });
  // A menu with a "Newsletters" item among its other links is the site's navigation, not a sign-up box: the
  // link must be a third of the block's links (as the donation family's), and not one entry of a list — 94
  // corpus menus and footers were counted as newsletters (fixture: newsletter--menu-with-newsletters-link).
  else if (s.newsletterLinks > 0 && s.newsletterLinks * 3 >= s.links && s.textLen < 400 && !isMenuItem(f)) out.push({ kind: 'structure', what: 'a link to a newsletter sign-up' });
  // "Subscribe to NJ.com’s newsletters" → subscription.nj.com: a subscribe link is a newsletter's only when the line
  // names one, and the line sells no membership ("Become a member … unlimited access, our weekly newsletter": the
  // newsletter is a perk of the offer, which is the membership family's — fixture: membership--pitch-lists-newsletter-perk).
  else if (s.subscribeLinks > 0 && s.textLen < 250 && NEWSLETTER_NOUN.test(f.text()) && !MEMBERSHIP_TEXT.test(f.text())) out.push({ kind: 'structure', what: 'a sign-up link for a newsletter' });
  out.push(...positionSignal(f));
  return out;
}

export const newsletter = defineFamily({
  id: 'newsletter',
  category: 'newsletter',
  risky: true,
  vendors: NEWSLETTER_VENDORS,
  markup: { exact: NEWSLETTER_TOKENS, stems: NEWSLETTER_STEMS },
  text: { regex: NEWSLETTER_TEXT, scope: 'text', what: 'sign-up wording' },
  cta: SIGNUP_CTA,
  maxText: 2000,
  maxParas: 4,
  structure,
});
