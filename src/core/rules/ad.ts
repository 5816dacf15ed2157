/**
 * Ad slots, empty placeholders and their labels: an ad slot (AdSense, GPT, Yandex…), ad markup, an
 * "Advertisement" label and emptiness — any two. A slot element alone is a vendor match.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { AD_CONTAINER_VENDORS, AD_LABEL, AD_SLOT_VENDORS, AD_TOKENS } from './ad.data';
import { vendorMatcher } from './match';
import type { Attrs } from './attrs';
import { HEADING_TAGS } from '../dom';

const slotMatcher = vendorMatcher(AD_SLOT_VENDORS);

/** Is this element itself an ad slot? (Counted into `Stats.adSlots` by the engine.) */
export function isAdSlot(el: Element, tag: string, attrs: Attrs): boolean {
  return slotMatcher(el, tag, attrs) !== null;
}

function structure(f: Facts): Signal[] {
  const s = f.stats;
  const out: Signal[] = [];
  if (s.adSlots > 0 && s.textLen <= 200) out.push({ kind: 'structure', what: `holds ${s.adSlots} ad slot(s)` });
  else if (s.adLinks > 0 && s.adLinks >= s.links / 2 && s.textLen <= 400) out.push({ kind: 'structure', what: 'links to ad networks' });
  if (s.imgs === 0 && s.iframes === 0 && s.links <= 1) {
    // A placeholder, not prose: nothing in it, or nothing but an ad label.
    // A heading is the article's own structure, not a slot label: "Advertising" as a section title of a
    // story about the ad business stays (fixture: ad--adtech-trap). Without this the same label regex
    // would count twice, as structure and as text.
    if (s.textLen === 0) out.push({ kind: 'structure', what: 'an empty placeholder' });
    else if (s.textLen <= 60 && !HEADING_TAGS.has(f.tag) && AD_LABEL.test(f.text())) out.push({ kind: 'structure', what: 'a block that is only a label' });
  }
  return out;
}

export const ad = defineFamily({
  id: 'ad',
  category: 'ad',
  vendors: [...AD_SLOT_VENDORS, ...AD_CONTAINER_VENDORS],
  markup: { exact: AD_TOKENS },
  text: { regex: AD_LABEL, scope: 'text', what: 'ad label' },
  maxText: 600,
  maxParas: 1,
  structure,
});
