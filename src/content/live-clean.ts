/**
 * Auto-clean of the live page (issue 5): the core's rules, plus what only a live page shows —
 * computed style and layout — applied to the page itself, hiding rather than deleting (STYLE §3).
 *
 * 1. First pass, once the DOM is parsed: a copy of the page, marked from the live computed style
 *    (mark.ts), goes through the core pipeline; each ledger entry's path leads back to its live
 *    element (checked against its preview) and the pipeline's article container becomes the guard.
 *    Floating boxes (fixed/sticky) get a live scan of their own; a page-wide scroll lock is lifted.
 * 2. Late nags: a MutationObserver queues added subtrees and elements whose class/style changed;
 *    the queue is worked off once per animation frame within a small budget, and all later work
 *    together may use at most ~1% of the time since the page loaded.
 * 3. Hiding is one attribute (`data-decant-hidden-by="<rule>"`) and one stylesheet; `stop()` removes
 *    every attribute Decant set, so the page is exactly as it was, without a reload.
 *
 * Never hidden: the article container, its ancestors, html and body (core `articleGuard`), anything
 * the reader chose to show again, and floating boxes that appear right after the reader clicked or
 * pressed a key (a gallery or a menu the reader opened).
 *
 * The live page is read through {@link SafeDom}: a form's named controls can shadow the form's own
 * properties ("DOM clobbering"), so a subtree holding a form is scanned as a copy with those names
 * stripped, its layout read from the live twins.
 */
import { articleGuard, cleanLivePage, locateRemoved, scanLive, type LiveCandidate, type LiveFacts } from '../core/live-scan';
import { collapse } from '../core/dom';
import type { Category } from '../core/types';
import { HIDDEN_BY_ATTR, UNLOCKED_ATTR, type LiveItem, type LiveLedger } from '../platform/live-protocol';
import { hasVisibleDescendant, markCopy, positionMark } from './mark';
import { safeDom, unclobberForms, type SafeDom } from '../core/safe-dom';

/** Work per animation frame for late nags. */
const FRAME_BUDGET_MS = 4;
/** Later scans together may use this share of the time since the page loaded, plus a start allowance. */
const LATE_SHARE = 0.01;
const LATE_ALLOWANCE_MS = 150;
/** At most this many things hidden on one page (a page that rotates ad slots forever stops here). */
export const MAX_ITEMS = 150;
/** Queued subtrees beyond this are dropped oldest first (a page inserting thousands of nodes a frame). */
const MAX_QUEUE = 2000;
/** A floating box that appears this soon after the reader's click or key press is the reader's own. */
const USER_GRACE_MS = 1500;
/** An element whose class/style changes this often without ever being a nag is not looked at again. */
const MAX_ATTR_CHECKS = 3;
/** The html/body class sweep of top-level floating boxes runs at most this often. */
const SWEEP_EVERY_MS = 1000;
/** A layer covering the viewport with more text than this is page content, not an overlay. */
const COVER_TEXT_LIMIT = 2500;
/** An inline `display: … !important`, which outranks the stylesheet that hides marked elements. */
const IMPORTANT_DISPLAY = /(?:^|;)\s*display\s*:[^;]*!\s*important/i;

/** What the observer watches, in the page and in each open shadow root. */
const OBSERVED: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'open', 'hidden'] };
/**
 * A nag inside a shadow tree hides the tree's host when it holds this share of the tree's text (a
 * banner, not a story's aside), and floats over the page or the tree is a small widget: a tree is never
 * checked against the article container, so a story a component draws must not pass for an appeal.
 */
const HOST_SHARE = 0.6;
/** A nag inside a shadow tree is hidden in the tree when it holds at most this share of the tree's text. */
const PART_SHARE = 0.3;
const WIDGET_TEXT = 600;

const SKIP_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'link', 'meta', 'noscript', 'template', 'title', 'base', 'head', 'br', 'wbr', 'source', 'track', 'param']);
const HIDDEN: LiveFacts = Object.freeze({ hidden: true, pos: null });
const VISIBLE: LiveFacts = Object.freeze({ hidden: false, pos: null });

type Win = Window & typeof globalThis;

/** A fixed or sticky box: where modals, banners and backdrops float. */
const floats = (s: CSSStyleDeclaration): boolean => s.position === 'fixed' || s.position === 'sticky';

export interface LiveCleanerOptions {
  categories: readonly Category[];
  view: Win;
  /** Called when the number of hidden things changes (the toolbar badge). */
  onCount?(count: number): void;
  /** Run `fn` before the next frame (default: requestAnimationFrame). */
  schedule?(fn: () => void): void;
  now?(): number;
  /**
   * A host's closed shadow root, as the browser lets extensions read it (content-api.ts); asked only
   * of custom elements and the page's top-level boxes, where consent managers and walls put theirs
   * (a call per element of a large page would cost milliseconds). Without it, open roots only.
   */
  closedShadowRoot?(el: Element): ShadowRoot | null;
}

interface Entry {
  item: LiveItem;
  el: Element | null;
}

interface Info {
  rule: string;
  category: Category;
  reason: string;
  preview: string;
}

export class LiveCleaner {
  private readonly view: Win;
  private readonly doc: Document;
  private readonly dom: SafeDom;
  /** The page's html and body, read once (the mutation callback runs on every change of the page). */
  private html: Element | null = null;
  private body: Element | null = null;
  private readonly categories: readonly Category[];
  private readonly overlayOn: boolean;
  private readonly now: () => number;
  private readonly scheduleFrame: (fn: () => void) => void;
  private readonly entries: Entry[] = [];
  private readonly byEl = new Map<Element, Entry>();
  private readonly userShown = new WeakSet<Element>();
  /** Open shadow roots looked into and watched (the page's observer does not see inside them). */
  private readonly shadows = new WeakSet<ShadowRoot>();
  private userShownCount = 0;
  private guard: (el: Element) => boolean = () => false;
  private maxText = 2000;
  private observer: MutationObserver | null = null;
  private queue: Element[] = [];
  private queueHead = 0;
  private readonly attrTargets = new Set<Element>();
  private readonly attrChecks = new WeakMap<Element, number>();
  private lockDirty = false;
  private sweepWanted = false;
  private lastSweep = -Infinity;
  private lockEntry: Entry | null = null;
  private lockShown = false;
  private covers: Element[] = [];
  private scheduled = false;
  private stopped = false;
  private startedAt = 0;
  private lastInput = -Infinity;
  private lastCount = -1;
  private nextId = 1;
  private timings = { first: 0, late: 0 };
  /** Modal dialogs closed with the element that held them, reopened when the reader shows it again. */
  private readonly closedDialogs = new Map<Element, Element[]>();
  /** The page's own style attribute of elements whose inline `!important` display Decant overrode, and what it wrote instead. */
  private readonly inlineStyles = new WeakMap<Element, { page: string | null; ours: string }>();

  constructor(private readonly options: LiveCleanerOptions) {
    this.view = options.view;
    this.doc = options.view.document;
    this.dom = safeDom(options.view);
    this.categories = options.categories;
    this.overlayOn = options.categories.includes('overlay');
    this.now = options.now ?? (() => options.view.performance.now());
    this.scheduleFrame = options.schedule ?? ((fn) => void options.view.requestAnimationFrame(fn));
  }

  /** The first pass, then watch for late nags. */
  start(): void {
    this.startedAt = this.now();
    try {
      this.firstPass();
    } finally {
      this.timings.first = this.now() - this.startedAt;
    }
    this.html = this.dom.documentElement(this.doc);
    this.body = this.dom.body(this.doc);
    this.observer = new this.view.MutationObserver(this.onMutations);
    this.observer.observe(this.dom.documentElement(this.doc)!, OBSERVED);
    if (this.body) this.openShadows(this.body, false);
    this.view.addEventListener('click', this.onInput, { capture: true, passive: true });
    this.view.addEventListener('keydown', this.onInput, { capture: true, passive: true });
    this.reportCount();
  }

  /** Undo everything: every element shown again, the page's own scroll lock back, observers gone. */
  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.observer = null;
    this.view.removeEventListener('click', this.onInput, { capture: true });
    this.view.removeEventListener('keydown', this.onInput, { capture: true });
    const dom = this.dom;
    for (const e of this.entries) if (e.el) this.reveal(e.el);
    for (const el of dom.queryAll(this.doc, `[${HIDDEN_BY_ATTR}]`)) this.reveal(el);
    this.unlockOff();
    // The queue needs no emptying: a stopped cleaner's flush returns at once, and the content script drops it.
    this.options.onCount?.(0);
  }

  ledger(): LiveLedger {
    return {
      url: String(this.view.location.href),
      hidden: this.hiddenCount(),
      // Things the page itself removed since are gone from the list, and so is a lock the page lifted.
      items: this.entries
        .filter((e) => (e === this.lockEntry ? this.lockShown || this.lockActive() : !!e.el && this.dom.isConnected(e.el)))
        .map((e) => ({ ...e.item, shown: this.isShown(e) })),
      timings: { ...this.timings },
    };
  }

  show(id: string): boolean {
    const e = this.entries.find((x) => x.item.id === id);
    if (!e) return false;
    if (e === this.lockEntry) {
      this.lockShown = true;
      this.unlockOff();
    } else if (e.el) {
      this.reveal(e.el);
      if (!this.userShown.has(e.el)) this.userShownCount++;
      this.userShown.add(e.el);
    }
    this.reportCount();
    return true;
  }

  hide(id: string): boolean {
    const e = this.entries.find((x) => x.item.id === id);
    if (!e) return false;
    if (e === this.lockEntry) {
      this.lockShown = false;
      this.checkScrollLock();
    } else if (e.el) {
      if (this.userShown.has(e.el)) this.userShownCount--;
      this.userShown.delete(e.el);
      this.conceal(e.el, e.item.rule);
    }
    this.reportCount();
    return true;
  }

  // --- First pass --------------------------------------------------------------------------------

  private firstPass(): void {
    const doc = this.doc;
    const dom = this.dom;
    const body = dom.body(doc);
    if (!body) return;
    const copy = dom.clone(doc);
    unclobberForms(copy, this.view, dom);
    const floating: Element[] = [];
    markCopy(doc, copy, this.view, dom, (el) => floating.push(el));
    const href = String(this.view.location.href);
    const result = cleanLivePage(copy, { url: /^https?:/i.test(href) ? href : undefined, window: this.view, categories: this.categories });
    this.guard = articleGuard(doc, result.articlePath, dom);
    this.maxText = Math.max(2000, 0.5 * dom.textContent(body).length);
    for (const entry of result.removed) {
      const el = locateRemoved(doc, entry, dom);
      if (el) this.hideBlock(el, entry, false);
    }
    for (const el of floating) this.scanRoot(el, false);
    this.checkScrollLock();
  }

  // --- Late nags ---------------------------------------------------------------------------------

  private readonly onInput = (e: Event): void => {
    if (!e.isTrusted) return;
    if (e.type === 'keydown' && !['Enter', ' ', 'Spacebar'].includes((e as KeyboardEvent).key)) return;
    this.lastInput = this.now();
  };

  private readonly onMutations = (records: MutationRecord[]): void => {
    if (this.stopped) return;
    const html = this.html;
    const body = this.body;
    const ElementType = this.view.Element;
    for (const r of records) {
      if (r.type === 'childList') {
        for (let i = 0; i < r.addedNodes.length; i++) {
          const n = r.addedNodes[i];
          if (n instanceof ElementType) this.enqueue(n);
        }
      } else {
        const t = r.target as Element;
        if (t === html || t === body) {
          this.lockDirty = true;
          if (r.attributeName === 'class') this.sweepWanted = true;
        } else if (!this.byEl.has(t)) this.attrTargets.add(t);
      }
    }
    if (this.queueHead < this.queue.length || this.attrTargets.size || this.lockDirty) this.schedule();
  };

  private enqueue(el: Element): void {
    const tag = this.dom.localName(el);
    if (SKIP_TAGS.has(tag)) {
      if (tag === 'style' || tag === 'link') this.lockDirty = true; // a stylesheet can lock scrolling
      return;
    }
    if (this.queue.length - this.queueHead >= MAX_QUEUE) this.queueHead++;
    this.queue.push(el);
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    this.scheduleFrame(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    if (this.stopped) return;
    const start = this.now();
    const allowed = LATE_ALLOWANCE_MS + LATE_SHARE * (start - this.startedAt);
    if (this.timings.late >= allowed) {
      // Over budget: come back later (the work waits in the queue, nothing is lost but time).
      this.scheduled = true;
      this.view.setTimeout(() => this.scheduleFrame(this.flush), 250);
      return;
    }
    const before = this.hiddenCount();
    if (this.lockDirty) {
      this.lockDirty = false;
      this.checkScrollLock();
    }
    if (this.sweepWanted && start - this.lastSweep >= SWEEP_EVERY_MS) {
      this.sweepWanted = false;
      this.lastSweep = start;
      this.sweepTopLevel();
    }
    for (const t of this.attrTargets) {
      if (this.now() - start >= FRAME_BUDGET_MS) break;
      this.attrTargets.delete(t);
      this.checkChanged(t);
    }
    const scanned = new Set<Element>();
    while (this.queueHead < this.queue.length && this.now() - start < FRAME_BUDGET_MS) {
      const el = this.queue[this.queueHead++];
      if (!this.dom.isConnected(el) || (scanned.size && this.hasAncestorIn(el, scanned))) continue;
      scanned.add(el);
      this.scanRoot(el, true);
    }
    if (this.queueHead >= this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    }
    this.timings.late += this.now() - start;
    if (this.queueHead < this.queue.length || this.attrTargets.size || this.lockDirty || this.sweepWanted) this.schedule();
    if (this.hiddenCount() !== before) this.reportCount();
  };

  private hasAncestorIn(el: Element, set: ReadonlySet<Element>): boolean {
    for (let e = this.dom.parentElement(el); e; e = this.dom.parentElement(e)) if (set.has(e)) return true;
    return false;
  }

  /** An element whose class or style changed: a modal being opened is a floating box or a dialog now. */
  private checkChanged(el: Element, counted = true): void {
    const dom = this.dom;
    if (!dom.isConnected(el) || this.byEl.has(el)) return;
    const n = this.attrChecks.get(el) ?? 0;
    if (counted && n >= MAX_ATTR_CHECKS) return;
    const s = this.view.getComputedStyle(el);
    if (s.display === 'none') return;
    if (!((this.isDialog(el) || floats(s)) && this.scanRoot(el, true)) && counted) this.attrChecks.set(el, n + 1);
  }

  /** A dialog by its markup: role dialog or alertdialog, aria-modal, or `<dialog>` (a closed one is not displayed). */
  private isDialog(el: Element): boolean {
    const dom = this.dom;
    const role = dom.get(el, 'role');
    return role === 'dialog' || role === 'alertdialog' || dom.get(el, 'aria-modal') === 'true' || dom.localName(el) === 'dialog';
  }

  /** html/body changed class (`modal-open`…): a CSS rule may have shown a floating box near the top. */
  private sweepTopLevel(): void {
    const dom = this.dom;
    const body = dom.body(this.doc);
    if (!body) return;
    for (let a = dom.firstElementChild(body); a; a = dom.nextElementSibling(a)) {
      if (SKIP_TAGS.has(dom.localName(a)) || this.byEl.has(a)) continue;
      this.checkChanged(a, false);
      for (let b = dom.firstElementChild(a); b; b = dom.nextElementSibling(b)) if (!SKIP_TAGS.has(dom.localName(b))) this.checkChanged(b, false);
    }
  }

  // --- Scanning and hiding -----------------------------------------------------------------------

  private readonly probe = (el: Element): LiveFacts => {
    if (this.dom.has(el, HIDDEN_BY_ATTR)) return HIDDEN;
    const s = this.view.getComputedStyle(el);
    if (s.display === 'none') return HIDDEN;
    if ((s.visibility === 'hidden' || s.visibility === 'collapse') && !hasVisibleDescendant(el, this.view, this.dom)) return HIDDEN;
    if (!floats(s)) return VISIBLE;
    const mark = positionMark(el, s, this.view, this.dom);
    if (!mark) return VISIBLE;
    const pos = s.position === 'sticky' && mark !== 'cover' ? 'fixed' : mark;
    if (pos === 'cover') this.covers.push(el);
    return { hidden: false, pos };
  };

  /**
   * Worth a scan with layout? Most late insertions are the page's own content (a live blog's entry):
   * the rules run first on markup and text alone, which reads no style. The live probe (computed style
   * of every element) follows only when they find something, when the root is a dialog, or when a
   * root inserted at the top of the page or without any text (where modals, banners and backdrops go)
   * turns out to float. An entry added inside the article costs no style recalculation.
   */
  private worthProbing(root: Element): boolean {
    const dom = this.dom;
    if (this.isDialog(root) || scanLive(root, { categories: this.categories, maxText: this.maxText }).length > 0) return true;
    const parent = dom.parentElement(root);
    // No parent element: the top of a shadow tree, where a component draws its box.
    if (parent && parent !== this.body && parent !== this.html && dom.textContent(root).length > 0) return false;
    const s = this.view.getComputedStyle(root);
    return s.display !== 'none' && floats(s);
  }

  /** Scan a live subtree and hide what the rules find; true when something was hidden. */
  private scanRoot(root: Element, late: boolean): boolean {
    if (!this.dom.isConnected(root) || this.insideHidden(root)) return false;
    if (late) this.openShadows(root, true);
    this.covers = [];
    let found: LiveCandidate[];
    try {
      const form = this.hasForm(root);
      if (late && !form && !this.worthProbing(root)) return false;
      found = form ? this.scanCopyOf(root) : scanLive(root, { categories: this.categories, probe: this.probe, maxText: this.maxText });
    } catch {
      return false; // an odd subtree never breaks the page
    }
    const covers = this.covers;
    this.covers = [];
    const userOwned = late && this.now() - this.lastInput < USER_GRACE_MS;
    let hid = false;
    for (const c of found) {
      const el = this.inPage(c.el, c.positioned);
      if (el) {
        if (!(userOwned && c.positioned)) hid = this.hideBlock(el, c, late) || hid;
        continue;
      }
      // Most of a shadow tree, which may be a story a component draws (its appeal made the whole
      // look like one): look for the nag among its parts instead.
      if (this.dom.rootNode(c.el) === this.doc) continue;
      for (let k = this.dom.firstElementChild(c.el); k; k = this.dom.nextElementSibling(k)) if (!SKIP_TAGS.has(this.dom.localName(k))) hid = this.scanRoot(k, late) || hid;
    }
    if (this.overlayOn && !userOwned) {
      for (const cover of covers) {
        const el = this.inPage(cover, true);
        if (!el || this.byEl.has(el) || this.insideHidden(el)) continue;
        if (this.dom.textContent(el).length > COVER_TEXT_LIMIT) continue;
        hid = this.hideBlock(el, { rule: 'live-cover', category: 'overlay', reason: 'a fixed layer covering the whole window over the article', preview: collapse(this.dom.textContent(el)).slice(0, 160) }, late) || hid;
      }
    }
    return hid;
  }

  /**
   * Look into the open shadow roots at and below `root` that are new: scan each one's elements and
   * watch it for more (consent managers and some widgets draw their box in one, often a moment after
   * the host element arrives); closed ones through {@link LiveCleanerOptions.closedShadowRoot}.
   */
  private openShadows(root: Element, late: boolean): void {
    const dom = this.dom;
    const all = dom.elementsByTag(root, '*');
    const closed = this.options.closedShadowRoot;
    for (let i = -1; i < all.length; i++) {
      const el = i < 0 ? root : all[i];
      const up = closed && dom.parentElement(el);
      const sr = dom.shadowRoot(el) ?? (closed && (dom.localName(el).includes('-') || up === this.body || up === this.html) ? closed(el) : null);
      if (!sr || this.shadows.has(sr)) continue;
      this.shadows.add(sr);
      this.observer?.observe(sr, OBSERVED);
      for (let c = sr.firstElementChild; c; c = c.nextElementSibling) if (!SKIP_TAGS.has(dom.localName(c))) this.scanRoot(c, late);
    }
  }

  /**
   * The element to hide for `el`: itself, or, inside shadow trees, the host as {@link HOST_SHARE}
   * says (a banner component), outermost first; a small part of a tree ({@link PART_SHARE}: an appeal
   * in a story a component draws) is hidden where it is, with its own style ({@link conceal}); null
   * in between, where the tree may be a story and the find most of it.
   */
  private inPage(el: Element, positioned: boolean): Element | null {
    const dom = this.dom;
    const text = dom.textContent(el).length;
    for (let r = dom.rootNode(el); r !== this.doc; r = dom.rootNode(el)) {
      const host = (r as ShadowRoot).host;
      let all = 0; // the tree's text, without its stylesheets
      for (let c = dom.firstChild(r); c; c = dom.nextSibling(c)) if (!SKIP_TAGS.has(dom.nodeName(c))) all += dom.textContent(c).length;
      if (host && text >= HOST_SHARE * all && (positioned || all <= WIDGET_TEXT)) el = host;
      else return host && text <= PART_SHARE * all ? el : null;
    }
    return el;
  }

  private hasForm(root: Element): boolean {
    return this.dom.localName(root) === 'form' || this.dom.elementsByTag(root, 'form').length > 0;
  }

  /**
   * Scan a live subtree that holds a form: a copy in a document of its own, with the names that
   * shadow form properties stripped (core/safe-dom.ts), walked by the core; layout comes from each copied
   * element's live twin, and candidates are mapped back to them.
   */
  private scanCopyOf(root: Element): LiveCandidate[] {
    const dom = this.dom;
    const holder = new this.view.DOMParser().parseFromString('<!DOCTYPE html><html><head></head><body></body></html>', 'text/html');
    const copy = holder.adoptNode(dom.clone(root));
    holder.body.appendChild(copy);
    unclobberForms(holder, this.view, dom);
    const twin = new Map<Element, Element>();
    const stack: [Element, Element][] = [[root, copy]];
    while (stack.length) {
      const [a, b] = stack.pop()!;
      twin.set(b, a);
      let x = dom.lastElementChild(a);
      let y = b.lastElementChild;
      while (x && y) {
        stack.push([x, y]);
        x = dom.previousElementSibling(x);
        y = y.previousElementSibling;
      }
    }
    const found = scanLive(copy, { categories: this.categories, probe: (el) => this.probe(twin.get(el) ?? el), maxText: this.maxText });
    return found.flatMap((c) => {
      const live = twin.get(c.el);
      return live ? [{ ...c, el: live }] : [];
    });
  }

  private hideBlock(el: Element, info: Info, late: boolean): boolean {
    if (this.byEl.has(el) || this.guard(el) || this.insideHidden(el) || this.insideShown(el)) return false;
    if (this.byEl.size >= MAX_ITEMS) return false;
    this.conceal(el, info.rule);
    const entry: Entry = { el, item: { id: `h${this.nextId++}`, rule: info.rule, category: info.category, reason: info.reason, preview: info.preview, late, shown: false } };
    this.entries.push(entry);
    this.byEl.set(el, entry);
    return true;
  }

  /**
   * Hide one element of the page. The mark and the content script's stylesheet do it, except in three
   * cases the stylesheet cannot reach: an inline `display: … !important` outranks it, and an element
   * inside a shadow tree is out of its reach (so Decant adds its own `display: none !important` after
   * the page's style), and an open modal `<dialog>` keeps the rest of the page inert even when it is
   * not displayed (so it is closed). {@link reveal} undoes them.
   */
  private conceal(el: Element, rule: string): void {
    const dom = this.dom;
    dom.set(el, HIDDEN_BY_ATTR, rule);
    const style = dom.get(el, 'style');
    if (((style && IMPORTANT_DISPLAY.test(style)) || dom.rootNode(el) !== this.doc) && !this.inlineStyles.has(el)) {
      // Through the prototype's getter: a form can shadow its own `style` property.
      const getter = Object.getOwnPropertyDescriptor(this.view.HTMLElement.prototype, 'style')?.get as ((this: Element) => CSSStyleDeclaration) | undefined;
      const decl = getter?.call(el);
      if (decl) {
        decl.setProperty('display', 'none', 'important');
        this.inlineStyles.set(el, { page: style, ours: dom.get(el, 'style') ?? '' });
      }
    }
    const dialogs = this.openModals(el);
    if (dialogs.length) {
      const close = this.view.HTMLDialogElement.prototype.close;
      for (const d of dialogs) close.call(d as HTMLDialogElement);
      this.closedDialogs.set(el, dialogs);
    }
  }

  private reveal(el: Element): void {
    const dom = this.dom;
    dom.remove(el, HIDDEN_BY_ATTR);
    const inline = this.inlineStyles.get(el);
    if (inline) {
      this.inlineStyles.delete(el);
      // Unless the page has rewritten the style since, it gets back exactly what it had.
      if (dom.get(el, 'style') === inline.ours) {
        if (inline.page === null) dom.remove(el, 'style');
        else dom.set(el, 'style', inline.page);
      }
    }
    const dialogs = this.closedDialogs.get(el);
    if (dialogs) {
      this.closedDialogs.delete(el);
      const showModal = this.view.HTMLDialogElement.prototype.showModal;
      for (const d of dialogs) {
        try {
          if (dom.isConnected(d) && !dom.has(d, 'open')) showModal.call(d as HTMLDialogElement);
        } catch {
          // The page changed the dialog meanwhile; it stays as the page left it.
        }
      }
    }
  }

  /** Open modal dialogs at or inside `el` (a browser without `:modal` has none to close). */
  private openModals(el: Element): Element[] {
    const dom = this.dom;
    const found: Element[] = [];
    const candidates = dom.localName(el) === 'dialog' ? [el, ...dom.elementsByTag(el, 'dialog')] : Array.from(dom.elementsByTag(el, 'dialog'));
    for (const d of candidates) {
      if (!dom.has(d, 'open')) continue;
      try {
        if (dom.closest(d, ':modal') === d) found.push(d);
      } catch {
        return [];
      }
    }
    return found;
  }

  private insideHidden(el: Element): boolean {
    const parent = this.dom.parentElement(el);
    return !!parent && !!this.dom.closest(parent, `[${HIDDEN_BY_ATTR}]`);
  }

  private insideShown(el: Element): boolean {
    if (!this.userShownCount) return false;
    for (let e: Element | null = el; e; e = this.dom.parentElement(e)) if (this.userShown.has(e)) return true;
    return false;
  }

  private unlockOff(): void {
    const html = this.dom.documentElement(this.doc);
    const body = this.dom.body(this.doc);
    if (html) this.dom.remove(html, UNLOCKED_ATTR);
    if (body) this.dom.remove(body, UNLOCKED_ATTR);
  }

  // --- Scroll lock -------------------------------------------------------------------------------

  /**
   * A page that cannot scroll although its content is taller than the window: `overflow: hidden` (or
   * `clip`) on html or body, or a `position: fixed` body. Read with Decant's own override off, so a
   * page that lifts its lock is seen doing so.
   */
  private checkScrollLock(): void {
    const dom = this.dom;
    const html = dom.documentElement(this.doc);
    const body = dom.body(this.doc);
    if (!html || !body || this.lockShown || this.stopped) return;
    const hadBody = dom.get(body, UNLOCKED_ATTR);
    this.unlockOff();
    const hs = this.view.getComputedStyle(html);
    const bs = this.view.getComputedStyle(body);
    const clipped = (v: string): boolean => v === 'hidden' || v === 'clip';
    const bodyTop = bs.position === 'fixed' ? Number.parseFloat(bs.top) || 0 : 0;
    const tall = Math.max(html.scrollHeight, body.scrollHeight, dom.rect(body).height) > this.view.innerHeight + 8;
    const onHtml = tall ? [clipped(hs.overflowY) && 'overflow', hs.position === 'fixed' && 'position'].filter(Boolean).join(' ') : '';
    const onBody = tall ? [clipped(bs.overflowY) && 'overflow', bs.position === 'fixed' && 'position'].filter(Boolean).join(' ') : '';
    if (onHtml) dom.set(html, UNLOCKED_ATTR, onHtml);
    if (onBody) dom.set(body, UNLOCKED_ATTR, onBody);
    if (!onHtml && !onBody) return;
    if (onBody.includes('position') && hadBody === null && bodyTop < 0) this.view.scrollTo(0, -bodyTop); // keep the reader's place
    const what = [onHtml && `${onHtml} on <html>`, onBody && `${onBody} on <body>`].filter(Boolean).join(', ');
    const reason = `the page could not scroll (${what.replace(/overflow/g, 'overflow: hidden').replace(/position/g, 'position: fixed')})`;
    if (!this.lockEntry) {
      this.lockEntry = { el: null, item: { id: `h${this.nextId++}`, rule: 'scroll-lock', category: 'overlay', reason, preview: 'Scrolling, locked by the page', late: this.timings.first > 0, shown: false } };
      this.entries.push(this.lockEntry);
    } else this.lockEntry.item.reason = reason;
  }

  private lockActive(): boolean {
    const html = this.dom.documentElement(this.doc);
    const body = this.dom.body(this.doc);
    return !!this.lockEntry && !this.lockShown && ((!!html && this.dom.has(html, UNLOCKED_ATTR)) || (!!body && this.dom.has(body, UNLOCKED_ATTR)));
  }

  // --- Counting ----------------------------------------------------------------------------------

  private isShown(e: Entry): boolean {
    if (e === this.lockEntry) return !this.lockActive();
    return !e.el || !this.dom.has(e.el, HIDDEN_BY_ATTR);
  }

  private hiddenCount(): number {
    let n = this.lockActive() ? 1 : 0;
    for (const [el] of this.byEl) if (this.dom.isConnected(el) && this.dom.has(el, HIDDEN_BY_ATTR)) n++;
    return n;
  }

  private reportCount(): void {
    const n = this.hiddenCount();
    if (n === this.lastCount) return;
    this.lastCount = n;
    this.options.onCount?.(n);
  }
}
