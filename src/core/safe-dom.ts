/**
 * DOM access that a hostile page cannot redirect: the one implementation the core's walks, the
 * content scripts and auto-clean share. A form's named controls shadow the form's own properties
 * (`<form><input name="parentNode">` makes `form.parentNode` the input; a control named
 * `firstChild`, `nextElementSibling` or `textContent` likewise — "DOM clobbering"), also in the
 * extension's isolated world, and a walk that trusts such properties loops forever or loses content
 * (Readability walks `parentNode` and loops forever on such a form in a real browser; jsdom does not
 * clobber, so the CLI never sees it). These read through the prototypes' own accessors and methods.
 *
 * Pure: no globals. {@link domOf} finds the prototypes through a node's own prototype chain (the core
 * runs in jsdom and the browser); {@link safeDom} takes them from a window the caller passes (the
 * content scripts, for the live page). Both give the same, cached, object for the same realm.
 */

/** The prototype in `obj`'s chain that defines `name` itself (Node.prototype for `firstChild`, …). */
function protoWith(obj: object, name: string): object {
  for (let p: object | null = obj; p; p = Object.getPrototypeOf(p)) if (Object.prototype.hasOwnProperty.call(p, name)) return p;
  throw new TypeError(`no ${name} in the prototype chain`);
}

/** Reads and writes of nodes, elements and documents that never go through the objects' own (shadowable) properties. */
export type SafeDom = ReturnType<typeof build>;

/** One realm's readers, keyed by its Node.prototype. */
const cache = new WeakMap<object, SafeDom>();

/** Clobbering-proof access to `win`'s nodes, from the window's own prototypes (the content scripts' live page). */
export function safeDom(win: Window & typeof globalThis): SafeDom {
  return cache.get(win.Node.prototype) ?? build(win.Element.prototype, win.Document.prototype);
}

/**
 * Clobbering-proof access to the nodes of `node`'s realm, from the prototypes in its chain: those of
 * its document, and of an element that document makes (a throwaway `<div>`, never inserted). The
 * search starts above the objects themselves: a clobbered form's shadowing names are its own properties.
 */
export function domOf(node: Node): SafeDom {
  const nodeProto = protoWith(Object.getPrototypeOf(node) as object, 'firstChild');
  const cached = cache.get(nodeProto);
  if (cached) return cached;
  const read = (name: string): unknown => Object.getOwnPropertyDescriptor(nodeProto, name)!.get!.call(node);
  const doc = (read('nodeType') === 9 ? node : read('ownerDocument')) as Document;
  const docProto = protoWith(Object.getPrototypeOf(doc) as object, 'createElement');
  const probe = (docProto as Document).createElement.call(doc, 'div');
  return build(protoWith(probe, 'localName'), docProto);
}

/** The readers over `E`'s and `D`'s chains (an element's and a document's prototype: Node.prototype is in both). */
function build(E: object, D: object) {
  const accessor = (name: string, proto = E): PropertyDescriptor => Object.getOwnPropertyDescriptor(protoWith(proto, name), name)!;
  /** A reader of the accessor `name`, called on the node it is given. */
  const read = <T, N = Node>(name: string, proto = E): ((n: N) => T) => {
    const get = accessor(name, proto).get!;
    return (n) => get.call(n) as T;
  };
  const text = accessor('textContent');
  const textContent = text.get!;
  const setText = text.set!;
  const nodeName = read<string>('nodeName');
  const owner = read<Document | null>('ownerDocument');
  const { cloneNode, appendChild, removeChild, compareDocumentPosition, getBoundingClientRect, getElementsByTagName, closest, hasAttribute, getAttribute, setAttribute, removeAttribute, getRootNode } = E as Element;
  const { createDocumentFragment, querySelectorAll } = D as Document;
  const dom = {
    firstChild: read<Node | null>('firstChild'),
    lastChild: read<Node | null>('lastChild'),
    nextSibling: read<Node | null>('nextSibling'),
    previousSibling: read<Node | null>('previousSibling'),
    parentNode: read<Node | null>('parentNode'),
    nodeType: read<number>('nodeType'),
    /** Lower-case node name (`script`, `template`, `#text`). */
    nodeName: (n: Node) => nodeName(n).toLowerCase(),
    isConnected: read<boolean>('isConnected'),
    /** The node's text; '' for a document or doctype. */
    textContent: (n: Node): string => textContent.call(n) ?? '',
    /** A deep copy (`cloneNode(true)`). */
    clone: <T extends Node>(n: T) => cloneNode.call(n, true) as T,
    appendChild: (parent: Node, child: Node) => void appendChild.call(parent, child),
    removeChild: (parent: Node, child: Node) => void removeChild.call(parent, child),
    /** `a.compareDocumentPosition(b)`: 2 when `b` precedes `a`, 4 when it follows, 16 when `a` holds it. */
    position: (a: Node, b: Node) => compareDocumentPosition.call(a, b),
    /** Remove every child (`textContent = ''`). */
    clear: (parent: Node) => setText.call(parent, ''),
    /** A fragment of `n`'s document. */
    fragmentFor: (n: Node) => createDocumentFragment.call(owner(n) ?? (n as Document)),
    firstElementChild: read<Element | null, Element>('firstElementChild'),
    lastElementChild: read<Element | null, Element>('lastElementChild'),
    nextElementSibling: read<Element | null, Element>('nextElementSibling'),
    previousElementSibling: read<Element | null, Element>('previousElementSibling'),
    parentElement: read<Element | null, Element>('parentElement'),
    /** The element's open shadow root (a form control named `shadowRoot` cannot stand in for it). */
    shadowRoot: read<ShadowRoot | null, Element>('shadowRoot'),
    /** The document, the shadow root, or the detached subtree's top node that `n` is in. */
    rootNode: (n: Node) => getRootNode.call(n),
    /** The element's local name, as it is (`script`, `svg`, `foreignObject`). */
    localName: read<string, Element>('localName'),
    outerHTML: read<string, Element>('outerHTML'),
    rect: (el: Element) => getBoundingClientRect.call(el),
    elementsByTag: (el: Element, tag: string) => getElementsByTagName.call(el, tag),
    closest: (el: Element, selector: string) => closest.call(el, selector),
    has: (el: Element, name: string) => hasAttribute.call(el, name),
    get: (el: Element, name: string) => getAttribute.call(el, name),
    set: (el: Element, name: string, value: string) => setAttribute.call(el, name, value),
    remove: (el: Element, name: string) => removeAttribute.call(el, name),
    body: read<HTMLElement | null, Document>('body', D),
    documentElement: read<Element | null, Document>('documentElement', D),
    head: read<HTMLHeadElement | null, Document>('head', D),
    readyState: read<DocumentReadyState, Document>('readyState', D),
    contentType: read<string, Document>('contentType', D),
    queryAll: (doc: Document, selector: string) => Array.from(querySelectorAll.call(doc, selector)),
  };
  cache.set(protoWith(E, 'firstChild'), dom);
  return dom;
}

/** Elements whose `name`/`id` become properties of their form (the form's "listed" elements and images). */
const FORM_NAMED = ':is(button, fieldset, input, object, output, select, textarea, img, form *):is([name], [id])';

/**
 * Remove, on Decant's private copy, every `name`/`id` that would shadow a property of its form
 * (`parentNode`, `attributes`, `id`, `getAttribute`, …). Returns how many attributes went. The text
 * of the page is untouched; such names only matter to scripts.
 */
export function unclobberForms(copy: Document, win: Window & typeof globalThis, dom: SafeDom = safeDom(win)): number {
  const formProto = win.HTMLFormElement.prototype;
  let removed = 0;
  for (const el of dom.queryAll(copy, FORM_NAMED)) {
    if (!dom.closest(el, 'form') && !dom.has(el, 'form')) continue;
    for (const attr of ['name', 'id']) {
      const value = dom.get(el, attr);
      if (value !== null && value in formProto) {
        dom.remove(el, attr);
        removed++;
      }
    }
  }
  return removed;
}

const STEP = /^([^\s>:]+):nth-of-type\((\d+)\)$/;

/**
 * The element at a ledger path (`body > div:nth-of-type(2) > p:nth-of-type(3)`) in `doc`, or null
 * when the page has no such element. Steps count element siblings of the same local name, exactly as
 * the pipeline counted them on its copy. Like live-scan.ts's locateRemoved and articleGuard, it reads
 * the tree through `read` (safe-dom.ts: a hostile page's forms cannot redirect the walk); the content
 * script passes the live window's, the default is that of `doc`'s own prototypes.
 */
export function resolvePath(doc: Document, path: string | null | undefined, read: SafeDom = domOf(doc)): Element | null {
  if (!path) return null;
  const steps = path.split(' > ');
  const body = read.body(doc);
  if (steps[0] !== 'body' || !body) return null;
  let el: Element = body;
  for (let i = 1; i < steps.length; i++) {
    const m = STEP.exec(steps[i]);
    if (!m) return null;
    const tag = m[1];
    let n = Number(m[2]);
    let next: Element | null = null;
    for (let c = read.firstElementChild(el); c; c = read.nextElementSibling(c)) {
      if (read.localName(c) === tag && --n === 0) {
        next = c;
        break;
      }
    }
    if (!next) return null;
    el = next;
  }
  return el;
}
