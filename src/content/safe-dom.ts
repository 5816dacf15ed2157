/**
 * DOM access that a hostile page cannot redirect. A form's named controls shadow the form's own
 * properties (`<form><input name="parentNode">` makes `form.parentNode` the input — "DOM
 * clobbering"), also in the extension's isolated world. Readability walks `parentNode` and loops
 * forever on such a form in a real browser (jsdom does not clobber, so the CLI never sees it). So the
 * content script reads the live page through the prototypes' own getters, and strips clobbering names
 * from its private copy before the core sees it.
 */

type Getter<T> = (this: unknown) => T;

function getter<T>(proto: object, name: string): Getter<T> {
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d?.get) return d.get as Getter<T>;
  }
  throw new Error(`no getter ${name}`);
}

/** Unshadowable readers for the few properties the content script needs on live elements. */
export function safeDom(win: Window & typeof globalThis) {
  const E = win.Element.prototype;
  const N = win.Node.prototype;
  const D = win.Document.prototype;
  const lastElementChild = getter<Element | null>(E, 'lastElementChild');
  const firstElementChild = getter<Element | null>(E, 'firstElementChild');
  const nextElementSibling = getter<Element | null>(E, 'nextElementSibling');
  const parentElement = getter<Element | null>(N, 'parentElement');
  const isConnected = getter<boolean>(N, 'isConnected');
  const previousElementSibling = getter<Element | null>(E, 'previousElementSibling');
  const localName = getter<string>(E, 'localName');
  const textContent = getter<string | null>(N, 'textContent');
  const { getBoundingClientRect, getElementsByTagName, hasAttribute, removeAttribute, setAttribute, getAttribute, closest } = E;
  return {
    lastElementChild: (el: Element) => lastElementChild.call(el),
    firstElementChild: (el: Element) => firstElementChild.call(el),
    nextElementSibling: (el: Element) => nextElementSibling.call(el),
    parentElement: (el: Element) => parentElement.call(el),
    isConnected: (el: Element) => isConnected.call(el),
    textContent: (el: Element) => textContent.call(el) ?? '',
    elementsByTag: (el: Element, tag: string) => getElementsByTagName.call(el, tag),
    clone: (el: Element) => N.cloneNode.call(el, true) as Element,
    previousElementSibling: (el: Element) => previousElementSibling.call(el),
    localName: (el: Element) => localName.call(el),
    textLength: (el: Element) => (textContent.call(el) ?? '').length,
    rect: (el: Element) => getBoundingClientRect.call(el),
    descendants: (el: Element) => getElementsByTagName.call(el, '*'),
    has: (el: Element, name: string) => hasAttribute.call(el, name),
    get: (el: Element, name: string) => getAttribute.call(el, name),
    set: (el: Element, name: string, value: string) => setAttribute.call(el, name, value),
    remove: (el: Element, name: string) => removeAttribute.call(el, name),
    closest: (el: Element, selector: string) => closest.call(el, selector),
    body: (doc: Document) => getter<HTMLElement | null>(D, 'body').call(doc),
    documentElement: (doc: Document) => getter<Element | null>(D, 'documentElement').call(doc),
    readyState: (doc: Document) => getter<DocumentReadyState>(D, 'readyState').call(doc),
    contentType: (doc: Document) => getter<string>(D, 'contentType').call(doc),
    outerHTML: (el: Element) => getter<string>(E, 'outerHTML').call(el),
    cloneDocument: (doc: Document) => win.Node.prototype.cloneNode.call(doc, true) as Document,
    queryAll: (doc: Document, selector: string) => Array.from(D.querySelectorAll.call(doc, selector)),
  };
}

export type SafeDom = ReturnType<typeof safeDom>;

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
