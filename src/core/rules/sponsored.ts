/**
 * Sponsored content and recommendation widgets (Taboola, Outbrain and the like): a link list or ad
 * links, sponsored markup, "Sponsored"/"Recommended by" wording — any two.
 */
import { defineFamily } from './family';
import type { Facts, Signal } from './types';
import { collapse, listOf } from '../dom';
import { SPONSORED_STEMS, SPONSORED_TEXT, SPONSORED_TOKENS, SPONSORED_VENDORS } from './sponsored.data';

/** A list of at least this many items is navigation: a sponsor phrase that is one item's whole link text names a section. */
const NAV_ITEMS = 6;

function structure(f: Facts): Signal[] {
  const s = f.stats;
  const density = s.textLen ? s.linkTextLen / s.textLen : 0;
  if (s.adLinks > 0) return [{ kind: 'structure', what: `${s.adLinks} link(s) to ad networks` }];
  if (s.links >= 2 && density >= 0.5) return [{ kind: 'structure', what: `a list of ${s.links} links` }];
  if (leadLine(f)) return [{ kind: 'structure', what: 'a teaser card (a line above a linked headline)' }];
  return [];
}

/** The sponsor label may be the box's label (its heading) or a teaser card's own first line. */
function labelText(f: Facts): string {
  const lead = leadLine(f);
  const label = lead ? `${lead} · ${f.label()}` : f.label();
  return f.stats.links && SPONSORED_TEXT.test(label) ? withoutSectionLinks(f.el, label) : label;
}

/**
 * An item of a navigation list (a footer's or menu's section links: six items or more) whose whole link
 * text is a sponsor phrase ("Branded Content", "Partner content") names the section it goes to, not
 * this block: its words are no sponsor label, for the list or the item (fixture:
 * sponsored--footer-section-links-trap). A heading's link stays a label.
 */
function withoutSectionLinks(el: Element, label: string): string {
  for (const a of el.localName === 'a' ? [el] : listOf(el.getElementsByTagName('a'))) {
    const t = collapse(a.textContent ?? '');
    const hit = t.length <= 40 ? SPONSORED_TEXT.exec(t) : null;
    const list = hit && hit[0].length === t.length && !a.closest('h1,h2,h3,h4,h5,h6') ? a.closest('li')?.parentElement : null;
    if (list && list.childElementCount >= NAV_ITEMS) label = label.replace(t, ' ');
  }
  return label;
}

/**
 * The shape of a native unit the publisher places itself (fixtures: sponsored--presented-by-card,
 * sponsored--native-incut-ru): a short block whose first line stands on its own, without a link, above
 * a linked headline (and perhaps a teaser). Related-story cards have the same shape; only a sponsor
 * label in that line (the text evidence) makes it a sponsored one. Returns that line, or ''.
 */
function leadLine(f: Facts): string {
  // structure() and the label check ask about the same element one after the other: read it once.
  if (f !== lastFacts) {
    lastFacts = f;
    lastLine = readLeadLine(f);
  }
  return lastLine;
}

let lastFacts: Facts | null = null;
let lastLine = '';

function readLeadLine(f: Facts): string {
  const s = f.stats;
  if (s.links < 1 || s.links > 3 || s.linkTextLen < 20 || s.textLen > 600 || s.paras > 1 || s.forms > 0) return '';
  // The line may sit a level or two down, in the card's header above the headline (digg's story cards:
  // an image link, then header > div "APPS WE DIGG | SPONSORED" + h2 > a).
  let box: Element = f.el;
  for (let depth = 0; depth < 3; depth++) {
    let first = box.firstElementChild;
    while (first && !(first.textContent ?? '').trim()) first = first.nextElementSibling;
    if (!first || first.localName === 'a') return '';
    const line = collapse(first.textContent ?? '');
    if (line.length <= 60 && first.nextElementSibling && !first.getElementsByTagName('a').length) return line;
    if (first.localName === 'p') return ''; // words inside a paragraph are not a line of their own
    box = first;
  }
  return '';
}

export const sponsored = defineFamily({
  id: 'sponsored',
  category: 'sponsored',
  vendors: SPONSORED_VENDORS,
  markup: { exact: SPONSORED_TOKENS, stems: SPONSORED_STEMS },
  text: { regex: SPONSORED_TEXT, scope: 'label', what: 'sponsor label', source: labelText },
  maxText: 4000,
  maxParas: 4,
  structure,
});
