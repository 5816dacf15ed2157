/**
 * What a rule family sees and says. The engine (`engine.ts`) walks the page once, aggregates counts
 * bottom-up into {@link Stats}, and asks every family about each element as the walk leaves it.
 */
import type { Category } from '../types';
import type { Attrs } from './attrs';

/** Kinds of evidence. A block is removed only when two different kinds agree, or a vendor matches. */
export type SignalKind = 'vendor' | 'markup' | 'structure' | 'position' | 'text';

export interface Signal {
  kind: SignalKind;
  /** The evidence in words, for the ledger's reason: `class "contribute-banner"`. */
  what: string;
  /** The evidence is the label standing before the block (see {@link Facts.before}); the label goes with it. */
  fromBefore?: boolean;
}

/**
 * Counts over an element's subtree (itself included), aggregated as the walk leaves each element.
 * A new count goes in engine.ts too: newStats, addStats and STATS_ADDED (the compiler checks the last).
 */
export interface Stats {
  /** Characters of text (raw, before whitespace collapsing). */
  textLen: number;
  /** Characters of text inside links. */
  linkTextLen: number;
  links: number;
  imgs: number;
  forms: number;
  emailInputs: number;
  textInputs: number;
  radios: number;
  checkboxes: number;
  buttons: number;
  textareas: number;
  iframes: number;
  /** Paragraphs with at least 80 characters of text: prose the reader came for. */
  paras: number;
  headings: number;
  /** Links classified by where they go (see `links.data.ts`). */
  donateLinks: number;
  subscribeLinks: number;
  /** Links to sign-in or registration pages (`ACCOUNT_HREFS`). */
  accountLinks: number;
  newsletterLinks: number;
  shareLinks: number;
  profileLinks: number;
  adLinks: number;
  /** Links whose tracking parameters call them related reading (`?utm_campaign=read_more_links`). */
  relatedLinks: number;
  /** `mailto:` and `tel:` links. */
  contactLinks: number;
  /** Elements inside that a vendor entry or an ad-slot attribute identifies as an ad slot. */
  adSlots: number;
  /** `<input type=submit|button>` inside: buttons whose label is their value, not their text. */
  valueButtons: number;
  /**
   * Elements inside that the walk stepped over while they stay in the tree (a live page's hidden
   * blocks, `noscript` and `object` fallback content): the counts above do not include what they hold.
   */
  unseen: number;
  /** Removal candidates found inside, and their text. */
  cands: number;
  candTextLen: number;
}

/** Position and role evidence shared by all families. */
export interface Placement {
  /** `position: fixed|sticky` (inline style, or the live page's computed style marked by the content script). */
  fixed: boolean;
  /** Covers the viewport: `inset: 0`, or 100% width and height, or a `data-decant-pos="cover"` mark. */
  cover: boolean;
  /** z-index of 1000 or more. */
  onTop: boolean;
  /** `role=dialog|alertdialog`, `aria-modal=true`, or an open `<dialog>`. */
  dialog: boolean;
  /** Post phase: the block starts after the article's last paragraph of prose (its tail). */
  tail: boolean;
}

/** Everything a family may read about one element; text is computed only on demand. */
export interface Facts {
  el: Element;
  tag: string;
  /** The element's attributes, read once. */
  attrs: Attrs;
  /** Lower-case tokens from id, class, role, aria-label, name and custom attribute values. */
  tokens: readonly string[];
  stats: Stats;
  place: Placement;
  /** 'pre': the whole page before Readability; 'post': inside the extracted article. */
  phase: 'pre' | 'post';
  /** The page's address (http(s)), when known: see WalkOptions.page. */
  readonly page: URL | null;
  /** Each family's vendor entry and markup token for this element, by definition order (family.ts). */
  readonly evidence: Evidence;
  /** Collapsed text with blocks apart (dom.ts `previewOf`, `rules`), at most 3000 characters. */
  text(): string;
  /** A short label: the first heading or title-like child's text, else the text's first 80 characters. */
  label(): string;
  /** The previous sibling's text when it is a short line (a rail's label standing before it), else ''. */
  before(): string;
}

/** Vendor and markup evidence of one element for every family, indexed by definition order. */
export interface Evidence {
  vendor: readonly (VendorEntry | null)[];
  markup: readonly (string | null)[];
}

export interface RuleFamily {
  /** kebab-case; equals the file name, the fixture prefix and the settings key of its category. */
  id: string;
  category: Category;
  /** Turned off first by the safety valve when cleaning took too much. */
  risky: boolean;
  /** Evidence for this family on one element. The engine decides from the kinds returned. */
  signals(f: Facts): readonly Signal[];
}

/** A vendor's markup: matched on id/class tokens or attributes, strong enough alone. */
export interface VendorEntry {
  /** A simple selector: `#id`, `#prefix*`, `.class`, `[attr]`, `tag.class`, `[attr^="x"]`. */
  selector: string;
  /** Where it comes from (vendor, site, fixture). */
  note: string;
}
