/**
 * One walk over a tree for all rule families.
 *
 * The walk is iterative (deep pages cannot overflow the stack). Going down, it drops hidden elements,
 * stamps block elements with `data-decant-id` (pre phase) and remembers each element's
 * `tag:nth-of-type(n)` step, so ledger paths describe the original page. Coming up, it adds each
 * element's counts to its parent's ({@link Stats}) and asks every family about the element. A block is
 * a candidate when two kinds of evidence agree (or a vendor matches). The smallest block that explains
 * a nag wins; a parent replaces its candidates only when it adds little text of its own, so a
 * newsletter box next to an article paragraph never takes the paragraph with it.
 *
 * Nothing is removed until the walk ends; then candidates are recorded in the ledger and detached.
 */
import type { Category } from '../types';
import { absoluteHttpUrl, collapse, firstDescendant, isHiddenElement, listOf, previewOf, spacedText, BLOCK_TAGS, HEADING_TAGS, DECANT_ID_ATTR } from '../dom';
import type { Evidence, Facts, Placement, RuleFamily, Signal, Stats } from './types';
import { decisive, evidenceOf } from './family';
import { tokenize } from './match';
import { Attrs } from './attrs';
import { ACCOUNT_HREFS, AD_FRAME, AD_HREFS, DONATE_HREFS, RELATED_HREFS, NEWSLETTER_HREFS, PROFILE_HREFS, SHARE_HREFS, SUBSCRIBE_HREFS } from './links.data';
import { isAdSlot } from './ad';
import { isTailNote } from './shared';
import { isNoteList } from '../structure';

/** Never candidates, never entered for evidence: their text is code or data the reader asked for. */
const PROTECTED_TAGS: ReadonlySet<string> = new Set(['pre', 'code', 'kbd', 'samp', 'math', 'table']);
/** Never removed as wrappers of candidates: the page's own structure. */
const STRUCTURAL_TAGS: ReadonlySet<string> = new Set(['html', 'body', 'main', 'article']);
/** Skipped entirely: not text a reader sees. */
const INVISIBLE_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'link', 'meta', 'svg', 'head', 'title', 'object', 'embed', 'param', 'source', 'track']);

/**
 * One step of a CSS path from `body`, linked to its parent's: `tag:nth-of-type(n)`, or the bare tag
 * for the root (`n` 0). Steps are strings only when a path is needed (every element gets a record;
 * few paths are ever read).
 */
export interface PathRec {
  parent: PathRec | null;
  tag: string;
  n: number;
}

/** The `tag:nth-of-type(n)` step of one record. */
export function stepOf(rec: PathRec): string {
  return rec.n ? `${rec.tag}:nth-of-type(${rec.n})` : rec.tag;
}

export function pathOf(rec: PathRec | null): string {
  const steps: string[] = [];
  for (let r = rec; r; r = r.parent) steps.push(stepOf(r));
  return steps.reverse().join(' > ');
}

export interface Candidate {
  el: Element;
  family: RuleFamily;
  signals: Signal[];
  textLen: number;
  imgs: number;
  rec: PathRec | null;
  /** Length of the closed-block sequence when the candidate began: its predecessors. */
  afterIdx: number;
  alive: boolean;
}

export interface WalkResult {
  candidates: Candidate[];
  /** Ids of blocks in the order they closed (document order of their ends). */
  closed: string[];
  /** Stamped block id → path record (pre phase). */
  blocks: Map<string, PathRec>;
  /** Stamped paragraphs and headings with their text length, for the coverage guard. */
  prose: { id: string; tag: string; len: number; el: Element }[];
  /** Text length of the walked root. */
  rootTextLen: number;
  /** Pre phase: footnote lists (kept whole through Readability, see structure.ts). */
  notes?: Element[];
  /** Pre phase: MathJax source scripts (`<script type="math/tex">`). */
  texScripts?: Element[];
}

export interface WalkOptions {
  phase: 'pre' | 'post';
  families: readonly RuleFamily[];
  /** Pre phase: stamp blocks; post phase: read the stamps. */
  stamp: boolean;
  /** Block ids → path records from the pre phase (post phase resolves paths through them). */
  blocks?: Map<string, PathRec>;
  /** A candidate may hold at most this share of the root's text. */
  maxShare: number;
  /**
   * Families that threw, by id, with the error message. A family that throws is skipped for the rest
   * of the walk (and of any walk given the same map); the others carry on (STYLE §4).
   */
  failed?: Map<string, string>;
  /** Overrides `maxShare`: a candidate may hold at most this many characters (live scans of a small subtree). */
  maxCandText?: number;
  /**
   * Read-only walk over a tree Decant does not own (the live page): hidden elements are skipped, never
   * removed, and nothing is stamped (`stamp` must be false).
   */
  readOnly?: boolean;
  /** The root itself may be a candidate (a subtree inserted late, scanned on its own). */
  includeRoot?: boolean;
  /**
   * Facts the caller read from the live page's computed style and layout (the core reads none itself).
   * When given, it alone decides what is hidden, and its `pos` replaces the `data-decant-pos` mark.
   */
  probe?: LiveProbe;
  /**
   * The page's address, for rules that tell links within the page from links to other pages. Default:
   * the document's, when it is http(s). The pipeline passes its `url`, else the page's canonical URL (a
   * saved page read without `--url`; the reading copy keeps no `<link>`).
   */
  page?: string | null;
}

/** What a live page's computed style says about one element (see {@link WalkOptions.probe}). */
export interface LiveFacts {
  hidden: boolean;
  /** `fixed`/`sticky` evidence, as the content script's marks: fixed, covering the viewport, or on top. */
  pos: 'fixed' | 'cover' | 'top' | null;
}

export type LiveProbe = (el: Element) => LiveFacts;

function newStats(): Stats {
  return {
    textLen: 0, linkTextLen: 0, links: 0, imgs: 0, forms: 0, emailInputs: 0, textInputs: 0, radios: 0,
    checkboxes: 0, buttons: 0, textareas: 0, iframes: 0, paras: 0, headings: 0, donateLinks: 0,
    subscribeLinks: 0, accountLinks: 0, newsletterLinks: 0, shareLinks: 0, profileLinks: 0, adLinks: 0, relatedLinks: 0, contactLinks: 0, adSlots: 0,
    valueButtons: 0, unseen: 0,
    cands: 0, candTextLen: 0,
  };
}

/**
 * Field by field: a loop over the keys is a keyed access per field, several times slower per element.
 * A count added to Stats must be added here too; STATS_ADDED makes the compiler say so.
 */
function addStats(into: Stats, from: Stats): void {
  into.textLen += from.textLen;
  into.linkTextLen += from.linkTextLen;
  into.links += from.links;
  into.imgs += from.imgs;
  into.forms += from.forms;
  into.emailInputs += from.emailInputs;
  into.textInputs += from.textInputs;
  into.radios += from.radios;
  into.checkboxes += from.checkboxes;
  into.buttons += from.buttons;
  into.textareas += from.textareas;
  into.iframes += from.iframes;
  into.paras += from.paras;
  into.headings += from.headings;
  into.donateLinks += from.donateLinks;
  into.subscribeLinks += from.subscribeLinks;
  into.accountLinks += from.accountLinks;
  into.valueButtons += from.valueButtons;
  into.unseen += from.unseen;
  into.newsletterLinks += from.newsletterLinks;
  into.shareLinks += from.shareLinks;
  into.profileLinks += from.profileLinks;
  into.adLinks += from.adLinks;
  into.relatedLinks += from.relatedLinks;
  into.contactLinks += from.contactLinks;
  into.adSlots += from.adSlots;
  into.cands += from.cands;
  into.candTextLen += from.candTextLen;
}

/** Every field of Stats, as addStats adds them: a field missing here is a compile error. */
export const STATS_ADDED: Readonly<Record<keyof Stats, true>> = {
  textLen: true, linkTextLen: true, links: true, imgs: true, forms: true, emailInputs: true, textInputs: true,
  radios: true, checkboxes: true, buttons: true, textareas: true, iframes: true, paras: true, headings: true,
  valueButtons: true, unseen: true,
  donateLinks: true, subscribeLinks: true, accountLinks: true, newsletterLinks: true, shareLinks: true, profileLinks: true,
  adLinks: true, relatedLinks: true, contactLinks: true, adSlots: true, cands: true, candTextLen: true,
};

interface Frame {
  el: Element;
  tag: string;
  attrs: Attrs;
  stats: Stats;
  rec: PathRec | null;
  /** Children seen so far per tag (pre phase), for `nth-of-type`; made at the first child. */
  counts: Map<string, number> | null;
  next: Element | null;
  inLink: boolean;
  protectedZone: boolean;
  afterIdx: number;
  inner: Candidate[];
  id: string | null;
  /** Characters of the element's own text nodes (not its descendants'). */
  ownText: number;
  /** Element children that stayed, and the last of them. */
  kids: number;
  lastKid: Element | null;
  /** Every child is phrasing content in Readability's sense (text, inline tags, links of inline tags). */
  phrasing: boolean;
  /** Position evidence from a live probe (null: read the `data-decant-pos` mark). */
  pos?: string | null;
  /** Post phase: the element starts after the article's last paragraph of prose. */
  tail?: boolean;
  /** The element's text as `Facts.text()` reads it (dom.ts `spacedText`, `rules`), built as its children are left. */
  text: string;
  /** The text of its own text nodes before each element child, and after the last (one more than element children). */
  segs: string[];
  /** Element children reached so far: the next entry of `segs` to add. */
  seg: number;
  /** Child `<div>`s that become `<p>`s (carryMarkup), put in place when the walk leaves this element. */
  swaps?: Map<Node, Element>;
}

/** The rules read a block's first 3000 characters of text, collapsed from at most 12,000 read (as previewOf). */
const RULES_TEXT = 3000;
const RULES_TEXT_READ = RULES_TEXT * 4;

/** Where `spacedText` puts a space in the rules' text: around blocks, but list items (see dom.ts previewOf). */
const spacedBlock = (tag: string): string => (BLOCK_TAGS.has(tag) && tag !== 'li' ? ' ' : '');

/** Add to a frame's text until it holds what the rules read. */
function addText(frame: Frame, text: string): void {
  if (text && frame.text.length < RULES_TEXT_READ) frame.text += text;
}

const NO_FAMILIES: ReadonlySet<RuleFamily> = new Set();

/** Inline elements without attributes carry no evidence of their own; their parents are judged. */
const INLINE_TAGS: ReadonlySet<string> = new Set(['span', 'i', 'b', 'em', 'strong', 'br', 'img', 'small', 'sup', 'sub', 'u', 'abbr', 'time', 'wbr', 'mark', 'q', 'cite']);

const EMAIL_NAME = /e-?mail|newsletter/i;

function placementOf(attrs: Attrs, tag: string, pos?: string | null, tail = false): Placement {
  const place: Placement = { fixed: false, cover: false, onTop: false, dialog: false, tail };
  if (pos) {
    place.fixed = true;
    if (pos === 'cover') place.cover = true;
    if (pos === 'cover' || pos === 'top') place.onTop = true;
  }
  if (!attrs.size) return place;
  const role = attrs.get('role');
  if (role === 'dialog' || role === 'alertdialog' || attrs.get('aria-modal') === 'true' || (tag === 'dialog' && attrs.has('open'))) place.dialog = true;
  const mark = pos === undefined ? attrs.get('data-decant-pos') : null;
  if (mark) {
    place.fixed = true;
    if (mark === 'cover') place.cover = true;
    if (mark === 'cover' || mark === 'top') place.onTop = true;
  }
  const style = attrs.get('style');
  if (style) {
    const s = style.toLowerCase();
    if (/position\s*:\s*(?:fixed|sticky)/.test(s)) place.fixed = true;
    const z = /z-index\s*:\s*(\d+)/.exec(s);
    if (z && Number(z[1]) >= 1000) place.onTop = true;
    if (/inset\s*:\s*0(?:px)?\s*(?:;|$)/.test(s) || (/(?:^|;)\s*width\s*:\s*100(?:%|vw)/.test(s) && /(?:^|;)\s*height\s*:\s*100(?:%|vh)/.test(s))) place.cover = true;
  }
  return place;
}

/** Block-ish elements that name a box: its heading, legend or a title/label/header class. */
const LABEL_CLASS = /title|label|header|heading/i;
const LABEL_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend']);

/** The first labelling descendant in document order, looking at no more than `limit` elements. */
function findLabel(el: Element, limit = 120): Element | null {
  return firstDescendant(el, isLabel, limit);
}

const isLabel = (n: Element): boolean => LABEL_TAGS.has(n.localName) || LABEL_CLASS.test(n.getAttribute('class') ?? '');

/** A label standing before a block is a short line: at most this many characters. */
const BEFORE_MAX = 80;

/** What the families read about one element; tokens, position, text and labels are computed on first use. */
class ElementFacts implements Facts {
  private tokenList: readonly string[] | null = null;
  private placement: Placement | null = null;
  private textValue: string | null = null;
  private labelValue: string | null = null;
  private beforeValue: string | null = null;
  private evidenceValue: Evidence | null = null;

  constructor(
    readonly el: Element,
    readonly tag: string,
    readonly attrs: Attrs,
    readonly stats: Stats,
    readonly phase: 'pre' | 'post',
    readonly page: URL | null,
    private readonly pos: string | null | undefined,
    private readonly tail: boolean,
    /** The walk's text of the element (Frame.text), not yet collapsed. */
    private readonly spaced: string,
  ) {}

  get tokens(): readonly string[] {
    return (this.tokenList ??= tokenize(this.attrs));
  }

  get evidence(): Evidence {
    return (this.evidenceValue ??= evidenceOf(this.el, this.tag, this.attrs, this.tokens));
  }

  get place(): Placement {
    return (this.placement ??= placementOf(this.attrs, this.tag, this.pos, this.tail));
  }

  text(): string {
    if (this.textValue === null) this.textValue = collapse(this.spaced).slice(0, RULES_TEXT);
    return this.textValue;
  }

  label(): string {
    if (this.labelValue === null) {
      const h = findLabel(this.el);
      const fromHeading = h ? previewOf(h, 121) : '';
      this.labelValue = fromHeading && fromHeading.length <= 120 ? fromHeading : this.text().slice(0, 80);
    }
    return this.labelValue;
  }

  before(): string {
    if (this.beforeValue === null) {
      const prev = this.el.previousElementSibling;
      const before = prev && !prev.firstElementChild?.firstElementChild ? previewOf(prev, BEFORE_MAX + 1) : '';
      this.beforeValue = before.length > BEFORE_MAX ? '' : before;
    }
    return this.beforeValue;
  }
}

const DONATE = 1;
const NEWSLETTER = 2;
const SUBSCRIBE = 4;
const SHARE = 8;
const PROFILE = 16;
const AD = 32;
const RELATED = 64;
const CONTACT = 128;
const ACCOUNT = 256;

/**
 * Where a link goes, as bits of the kinds above (each pattern tested as the counts need it). A page
 * repeats its links (menus, share rows, footers; the same page cleaned twice by the safety valve), so
 * each distinct href is classified once (bounded, for long batch runs).
 */
function linkKinds(href: string): number {
  let kinds = hrefKinds.get(href);
  if (kinds === undefined) {
    const h = href.toLowerCase();
    kinds = 0;
    if (DONATE_HREFS.test(h)) kinds |= DONATE;
    else if (NEWSLETTER_HREFS.test(h)) kinds |= NEWSLETTER;
    else if (SUBSCRIBE_HREFS.test(h)) kinds |= SUBSCRIBE;
    else if (ACCOUNT_HREFS.test(h)) kinds |= ACCOUNT;
    if (SHARE_HREFS.test(h)) kinds |= SHARE;
    else if (PROFILE_HREFS.test(h)) kinds |= PROFILE;
    if (AD_HREFS.test(h)) kinds |= AD;
    if (RELATED_HREFS.test(h)) kinds |= RELATED;
    else if (h.startsWith('mailto:') || h.startsWith('tel:')) kinds |= CONTACT;
    if (hrefKinds.size >= HREF_MEMO_LIMIT) hrefKinds.clear();
    hrefKinds.set(href, kinds);
  }
  return kinds;
}

const hrefKinds = new Map<string, number>();
const HREF_MEMO_LIMIT = 8192;

/**
 * Count an element's own text, links, fields and slots into `stats`, and put the text of its own text
 * nodes between its element children into `segs` (see Frame); returns its own text length.
 */
function countOwn(el: Element, tag: string, attrs: Attrs, stats: Stats, inLink: boolean, segs: string[]): number {
  let own = 0;
  let seg = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    const type = n.nodeType;
    if (type === 3) {
      const data = (n as Text).data;
      seg += data;
      const len = data.trim().length;
      if (len) {
        own += len;
        stats.textLen += len;
        if (inLink) stats.linkTextLen += len;
      }
    } else if (type === 1) {
      segs.push(seg);
      seg = '';
    }
  }
  segs.push(seg);
  switch (tag) {
    case 'a': {
      const href = attrs.get('href');
      if (href) {
        stats.links++;
        const kinds = linkKinds(href);
        if (kinds) {
          if (kinds & DONATE) stats.donateLinks++;
          else if (kinds & NEWSLETTER) stats.newsletterLinks++;
          else if (kinds & SUBSCRIBE) stats.subscribeLinks++;
          else if (kinds & ACCOUNT) stats.accountLinks++;
          if (kinds & SHARE) stats.shareLinks++;
          else if (kinds & PROFILE) stats.profileLinks++;
          if (kinds & AD) stats.adLinks++;
          if (kinds & RELATED) stats.relatedLinks++;
          else if (kinds & CONTACT) stats.contactLinks++;
        }
      }
      break;
    }
    case 'img':
    case 'picture':
      if (tag === 'img') stats.imgs++;
      break;
    case 'form':
      stats.forms++;
      break;
    case 'input': {
      const type = (attrs.get('type') || 'text').toLowerCase();
      if (type === 'email' || ((type === 'text' || type === 'search') && EMAIL_NAME.test(`${attrs.get('name')} ${attrs.get('placeholder')} ${attrs.id} ${attrs.get('y-name')}`))) stats.emailInputs++;
      else if (type === 'radio') stats.radios++;
      else if (type === 'checkbox') stats.checkboxes++;
      else if (type === 'submit' || type === 'button' || type === 'image') stats.buttons++;
      else if (type !== 'hidden') stats.textInputs++;
      // Labelled by its value: a submit/button input, or any input given a role (`[role=button]`).
      if (type === 'submit' || type === 'button' || attrs.has('role')) stats.valueButtons++;
      break;
    }
    case 'button':
      stats.buttons++;
      break;
    case 'textarea':
      stats.textareas++;
      break;
    case 'iframe':
      stats.iframes++;
      if (AD_FRAME.test(`${attrs.get('src') ?? ''} ${attrs.id} ${attrs.get('name') ?? ''} ${attrs.get('title') ?? ''}`)) stats.adSlots++;
      break;
    default:
      if (HEADING_TAGS.has(tag)) stats.headings++;
  }
  if (attrs.size && isAdSlot(el, tag, attrs)) stats.adSlots++;
  return own;
}

/** Readability's phrasing content (`PHRASING_ELEMS`); `a`, `del` and `ins` count when their content does. */
const PHRASING_TAGS: ReadonlySet<string> = new Set([
  'abbr', 'audio', 'b', 'bdo', 'br', 'button', 'cite', 'code', 'data', 'datalist', 'dfn', 'em', 'embed', 'i',
  'img', 'input', 'kbd', 'label', 'mark', 'math', 'meter', 'noscript', 'object', 'output', 'progress', 'q',
  'ruby', 'samp', 'script', 'select', 'small', 'span', 'strong', 'sub', 'sup', 'textarea', 'time', 'var', 'wbr',
]);
const PHRASING_WRAPPERS: ReadonlySet<string> = new Set(['a', 'del', 'ins']);
/** Attributes that say what a block is; they move to the paragraph that replaces a wrapper. */
const CARRIED_ATTRS = ['class', 'id', 'role', 'itemprop', 'rel'] as const;

/**
 * Keep a `div`'s markup through Readability. Readability turns a div of inline content into a new
 * `<p>` and replaces a div holding one `<p>` by that `<p>` (when under a quarter of its text is
 * links), dropping the div's class, id and stamp — the evidence the post-clean rules and the
 * furniture roles read (`div.caption`, `div.publish-date`). Doing the same change first, with the
 * attributes kept, leaves Readability nothing to drop. Returns the element now in the tree.
 */
function carryMarkup(frame: Frame, parent: Frame): Element {
  const { el, stats } = frame;
  if (stats.textLen === 0 || stats.linkTextLen * 4 >= stats.textLen) return el;
  if (frame.kids === 1 && frame.ownText === 0 && frame.lastKid?.localName === 'p') {
    const p = frame.lastKid;
    for (const name of CARRIED_ATTRS) {
      const v = frame.attrs.get(name);
      if (!v) continue;
      const own = p.getAttribute(name);
      if (!own) p.setAttribute(name, v);
      else if (name === 'class') p.setAttribute('class', `${own} ${v}`);
    }
    return el;
  }
  if (!frame.phrasing) return el;
  const doc = el.ownerDocument;
  const p = doc.createElement('p');
  for (const [name, v] of frame.attrs.entries()) {
    try {
      p.setAttribute(name, v);
    } catch {
      // an attribute name the HTML parser accepted but setAttribute does not: leave it behind
    }
  }
  (parent.swaps ??= new Map()).set(el, p);
  return p;
}

/**
 * Put carryMarkup's `<p>`s in place of their `<div>`s among a frame's children: each child moves from
 * the front to the end once, so all end in their order. jsdom counts an element's preceding siblings
 * on each insertion or removal before it (and forgets the count at every change), so replacing the
 * divs one by one took quadratic time: 5,000 / 10,000 / 20,000 sibling comment divs, 7 / 30 / 102 s
 * in the CLI (now 20,000 in 5 s); moving the first child counts none. Until then each div keeps its
 * content in place, where later siblings' rules read it.
 */
function settle({ el, swaps }: Frame): void {
  const last = el.lastChild;
  for (let n = swaps && el.firstChild; n; n = n === last ? null : el.firstChild) {
    const p = swaps!.get(n);
    if (p) {
      n.remove();
      while (n.firstChild) p.appendChild(n.firstChild);
    }
    el.appendChild(p ?? n);
  }
}

/**
 * Walk `root` once: drop hidden elements, stamp blocks (pre phase), aggregate counts, and find
 * removal candidates. The tree is changed only by hidden-element removal and stamping.
 */
export function walk(root: Element, opts: WalkOptions): WalkResult {
  const { phase, families, stamp, readOnly = false, probe } = opts;
  if (readOnly && stamp) throw new TypeError('walk(): readOnly needs stamp: false');
  const candidates: Candidate[] = [];
  const closed: string[] = [];
  const blocks = opts.blocks ?? new Map<string, PathRec>();
  const failed = opts.failed ?? new Map<string, string>();
  const prose: WalkResult['prose'] = [];
  const notes: Element[] = [];
  const texScripts: Element[] = [];
  let nextId = 0;
  const address = absoluteHttpUrl(opts.page !== undefined ? opts.page : root.ownerDocument?.URL, null);
  const page = address ? new URL(address) : null;
  // A caller that bounds candidates itself (a live scan of a small subtree) does not need the root's text.
  const rootTextLen = opts.maxCandText === undefined ? visibleTextLength(root) : 0;
  const maxCandText = opts.maxCandText ?? Math.max(600, rootTextLen * opts.maxShare);

  const rootFrame: Frame = {
    el: root, tag: root.localName, attrs: Attrs.of(root), stats: newStats(), rec: stamp ? { parent: null, tag: root.localName, n: 0 } : null, counts: null, next: null,
    inLink: false, protectedZone: false, afterIdx: 0, inner: [], id: null, ownText: 0, kids: 0, lastKid: null, phrasing: true,
    text: spacedBlock(root.localName), segs: [], seg: 0,
  };
  if (opts.includeRoot) {
    const live = probe?.(root);
    if (INVISIBLE_TAGS.has(rootFrame.tag) || (live ? live.hidden : isHiddenElement(rootFrame.attrs, rootFrame.tag))) {
      return { candidates: [], closed, blocks, prose, rootTextLen };
    }
    rootFrame.protectedZone = PROTECTED_TAGS.has(rootFrame.tag);
    rootFrame.inLink = rootFrame.tag === 'a';
    rootFrame.pos = live ? live.pos : undefined;
  }
  const stack: Frame[] = [rootFrame];
  rootFrame.ownText = countOwn(root, rootFrame.tag, rootFrame.attrs, rootFrame.stats, false, rootFrame.segs);
  // Post phase: blocks that start after the article's last paragraph of prose are its tail.
  const lastProse = phase === 'post' ? findLastProse(root) : null;
  let pastProse = false;
  let child: Element | null = root.firstElementChild;

  // The text of a child the walk skips, as spacedText reads it where it stays in the tree (removed: none).
  const skipped = (parent: Frame, el: Element): void => addText(parent, spacedText(el, RULES_TEXT_READ, true));

  const enter = (el: Element, parent: Frame): Frame | null => {
    const tag = el.localName;
    addText(parent, parent.segs[parent.seg++] ?? '');
    let rec: PathRec | null = null;
    if (stamp) {
      const counts = (parent.counts ??= new Map());
      const n = (counts.get(tag) ?? 0) + 1;
      counts.set(tag, n);
      rec = { parent: parent.rec, tag, n };
    }
    if (INVISIBLE_TAGS.has(tag)) {
      if (tag === 'svg' || tag === 'object' || tag === 'embed') parent.phrasing = false;
      else if (stamp && tag === 'script' && /^math\/tex/i.test(el.getAttribute('type') ?? '')) texScripts.push(el);
      if (tag === 'noscript' || tag === 'object') parent.stats.unseen++; // may hold elements (jsdom parses noscript's)
      if (tag !== 'script' && tag !== 'style') skipped(parent, el);
      return null;
    }
    const attrs = Attrs.of(el);
    let pos: string | null | undefined;
    if (probe) {
      // The live page's computed style decides (aria-hidden backdrops are still painted).
      const live = probe(el);
      if (live.hidden) {
        parent.stats.unseen++;
        skipped(parent, el);
        return null;
      }
      pos = live.pos;
    } else if (isHiddenElement(attrs, tag) && !(tag === 'img' && attrs.get('aria-hidden') === 'true')) {
      // The reader cannot see it, so neither can the article; aria-hidden on a page wrapper while a
      // modal is open is the exception (the text behind the modal is what the reader came for).
      if (!(attrs.get('aria-hidden') === 'true' && !attrs.has('hidden') && !attrs.has('data-decant-hidden') && (el.textContent ?? '').length > 2000)) {
        if (!readOnly) el.remove();
        else {
          parent.stats.unseen++;
          skipped(parent, el);
        }
        return null;
      }
    }
    if (tag === 'dialog' && !attrs.has('open')) {
      if (!readOnly) el.remove();
      else {
        parent.stats.unseen++;
        skipped(parent, el);
      }
      return null;
    }
    let id: string | null = null;
    if (stamp) {
      if (attrs.size && isNoteList(attrs)) notes.push(el);
      if (BLOCK_TAGS.has(tag)) {
        id = `b${++nextId}`;
        el.setAttribute(DECANT_ID_ATTR, id);
        blocks.set(id, rec!);
      } else if (attrs.has(DECANT_ID_ATTR)) el.removeAttribute(DECANT_ID_ATTR); // the page's own copy
    } else id = attrs.get(DECANT_ID_ATTR);
    const frame: Frame = {
      el, tag, attrs, stats: newStats(), rec, counts: null, next: null,
      inLink: parent.inLink || tag === 'a', protectedZone: parent.protectedZone || PROTECTED_TAGS.has(tag),
      afterIdx: closed.length, inner: [], id, ownText: 0, kids: 0, lastKid: null, phrasing: true, pos, tail: pastProse,
      text: spacedBlock(tag), segs: [], seg: 0,
    };
    if (!rec && !stamp && id) frame.rec = blocks.get(id) ?? null;
    frame.ownText = countOwn(el, tag, attrs, frame.stats, frame.inLink, frame.segs);
    return frame;
  };

  const exit = (frame: Frame, parent: Frame): void => {
    let { tag } = frame;
    const { stats } = frame;
    settle(frame);
    addText(frame, frame.segs[frame.segs.length - 1]);
    addText(frame, spacedBlock(tag));
    if (frame.el === lastProse) pastProse = true;
    if (tag === 'p' && stats.textLen >= 80) stats.paras++;
    if (!frame.protectedZone && families.length && stats.textLen <= maxCandText) evaluate(frame);
    else if (frame.inner.length && stats.textLen > maxCandText) frame.inner = frame.inner.filter((c) => c.alive);
    if (stamp && tag === 'div' && frame.attrs.size && !frame.inner.length && !frame.protectedZone) {
      const now = carryMarkup(frame, parent);
      if (now !== frame.el) {
        frame.el = now;
        tag = 'p';
        if (stats.textLen >= 80) stats.paras++;
      }
    }
    parent.kids++;
    parent.lastKid = frame.el;
    if (!(PHRASING_TAGS.has(tag) || (PHRASING_WRAPPERS.has(tag) && frame.phrasing))) parent.phrasing = false;
    if (frame.id) {
      closed.push(frame.id);
      if (stamp && (tag === 'p' || HEADING_TAGS.has(tag))) prose.push({ id: frame.id, tag, len: stats.textLen, el: frame.el });
    }
    addStats(parent.stats, stats);
    addText(parent, frame.text);
    for (const c of frame.inner) if (c.alive) parent.inner.push(c);
  };

  const evaluate = (frame: Frame): void => {
    const { el, tag, stats } = frame;
    if (INLINE_TAGS.has(tag) && !frame.attrs.size) return;
    const facts = new ElementFacts(el, tag, frame.attrs, stats, phase, page, frame.pos, frame.tail ?? false, frame.text);
    const inner = frame.inner.length ? frame.inner.filter((c) => c.alive) : frame.inner;
    const innerCats: ReadonlySet<RuleFamily> = inner.length ? new Set(inner.map((c) => c.family)) : NO_FAMILIES;
    let best: { family: RuleFamily; signals: Signal[]; score: number; own: boolean } | null = null;
    for (const family of families) {
      if (failed.size && failed.has(family.id)) continue;
      let signals: readonly Signal[];
      try {
        signals = family.signals(facts);
      } catch (e) {
        failed.set(family.id, e instanceof Error ? e.message : String(e));
        continue;
      }
      // Own evidence first; "holds <category> content" only helps a wrapper of what was found inside.
      const own = signals.length > 0 && decisive(signals);
      if (!own) {
        if (!innerCats.has(family)) continue;
        signals = [...signals, { kind: 'structure', what: `holds ${family.category} content` }];
        if (!decisive(signals)) continue;
      }
      const score = (signals.some((s) => s.kind === 'vendor') ? 10 : new Set(signals.map((s) => s.kind)).size) + (own ? 0.5 : 0);
      if (!best || score > best.score) best = { family, signals: [...signals], score, own };
    }
    let innerText = 0;
    let innerImgs = 0;
    for (const c of inner) {
      innerText += c.textLen;
      innerImgs += c.imgs;
    }
    const extra = stats.textLen - innerText;
    if (best) {
      if (inner.length && !best.own && extra > Math.max(80, 0.3 * stats.textLen)) {
        frame.inner = inner;
        return; // a container with text of its own: keep the precise inner blocks
      }
      for (const c of inner) c.alive = false;
      // A modal is named for its purpose (CONTRACT §2): modal markup around a donation dialog and its
      // backdrop is a donation modal, and says why.
      const purpose = best.family.category === 'overlay' && inner.find((c) => c.family.category !== 'overlay');
      const cand: Candidate = { el, family: purpose ? purpose.family : best.family, signals: purpose ? [...best.signals, ...purpose.signals] : best.signals, textLen: stats.textLen, imgs: stats.imgs, rec: frame.rec, afterIdx: frame.afterIdx, alive: true };
      candidates.push(cand);
      frame.inner = [cand];
      stats.cands++;
      return;
    }
    if (inner.length && innerCats.size === 1 && extra <= 3 && stats.imgs <= innerImgs && !STRUCTURAL_TAGS.has(tag)) {
      // A wrapper left empty by its candidates (an ad slot's containers): remove it with them.
      const family = inner[0].family;
      for (const c of inner) c.alive = false;
      // Nested empty wrappers say so once, not once per level.
      const signals: Signal[] = [{ kind: 'structure', what: `a wrapper of ${inner.length} ${family.category} block(s) with nothing else in it` }, ...inner[0].signals.filter((s) => !s.what.startsWith('a wrapper of '))];
      const cand: Candidate = { el, family, signals, textLen: stats.textLen, imgs: stats.imgs, rec: frame.rec, afterIdx: frame.afterIdx, alive: true };
      candidates.push(cand);
      frame.inner = [cand];
      return;
    }
    frame.inner = inner;
  };

  while (stack.length) {
    const top = stack[stack.length - 1];
    if (child) {
      const el = child;
      top.next = el.nextElementSibling;
      const frame = enter(el, top);
      if (frame) {
        stack.push(frame);
        child = el.firstElementChild;
      } else child = top.next;
      continue;
    }
    // No more children: leave `top`.
    stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) {
      exit(top, parent);
      child = parent.next;
    } else if (opts.includeRoot) {
      exit(top, { ...rootFrame, el: root, stats: newStats(), inner: [], id: null });
    }
  }
  settle(rootFrame); // left above only with includeRoot, which never stamps
  const alive = candidates.filter((c) => c.alive);
  return { candidates: readOnly ? alive : withLabels(alive, blocks), closed, blocks, prose, rootTextLen, notes, texScripts };
}

/**
 * A candidate found by the label standing before it ("More:", "You may also like…" above a list of
 * links) takes that label with it: the label says nothing once its rail is gone.
 */
function withLabels(cands: Candidate[], blocks: Map<string, PathRec>): Candidate[] {
  const taken = new Set(cands.map((c) => c.el));
  const out: Candidate[] = [];
  for (const c of cands) {
    const hint = c.signals.find((s) => s.fromBefore);
    const prev = hint ? c.el.previousElementSibling : null;
    if (prev && !taken.has(prev) && !STRUCTURAL_TAGS.has(prev.localName) && !prev.getElementsByTagName('img').length && collapse(prev.textContent ?? '').length <= BEFORE_MAX) {
      taken.add(prev);
      out.push({ ...c, el: prev, signals: [{ kind: 'structure', what: 'the label of a removed block' }, hint!], textLen: (prev.textContent ?? '').length, imgs: 0, rec: siblingRec(prev, c.rec, blocks), afterIdx: c.afterIdx });
    }
    out.push(c);
  }
  return out;
}

/** The path record of `el`, the previous sibling of a block whose record is `next`: its stamp's, or built from its parent's. */
function siblingRec(el: Element, next: PathRec | null, blocks: Map<string, PathRec>): PathRec | null {
  const stamped = blocks.get(el.getAttribute(DECANT_ID_ATTR) ?? '');
  if (stamped) return stamped;
  if (!next) return null;
  let n = 1;
  for (let s = el.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === el.localName) n++;
  return { parent: next.parent, tag: el.localName, n };
}

/** Post phase: the last paragraph of prose in the extracted article (120+ characters, not mostly links). */
function findLastProse(root: Element): Element | null {
  const ps = root.getElementsByTagName('p');
  for (let i = ps.length - 1; i >= 0; i--) {
    const p = ps[i];
    const raw = p.textContent ?? '';
    if (raw.length < 120) continue;
    const text = collapse(raw);
    if (text.length < 120 || isTailNote(text)) continue;
    let linked = 0;
    for (const a of listOf(p.getElementsByTagName('a'))) linked += (a.textContent ?? '').length;
    if (linked * 2 < raw.length) return p;
  }
  return null;
}

/** Text length of a subtree without script, style and template contents (an upper bound of what shows). */
function visibleTextLength(root: Element): number {
  let len = (root.textContent ?? '').length;
  for (const tag of ['script', 'style', 'noscript', 'template']) {
    for (const el of listOf(root.getElementsByTagName(tag))) len -= (el.textContent ?? '').length;
  }
  return Math.max(0, len);
}

/** Families enabled for the given categories and switches. */
export function selectFamilies(all: readonly RuleFamily[], categories: readonly Category[] | undefined, disabled: readonly string[] | undefined): RuleFamily[] {
  return all.filter((f) => (!categories || categories.includes(f.category)) && !(disabled ?? []).includes(f.id));
}
