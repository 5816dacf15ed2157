/**
 * The extension namespace in a content script's world, without webextension-polyfill (content scripts
 * stay small; only `browser.ts` imports the polyfill), and what the click path reads through it. Apart
 * from content-api.ts so that content.js, which reads no settings, does not carry them.
 */
interface Area {
  get(key: string): Promise<Record<string, unknown>>;
}

export interface ContentExt {
  runtime: { id?: string; sendMessage(message: unknown): Promise<unknown> };
  storage?: { sync?: Area; local?: Area };
  dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null };
}

/** The extension namespace in a content script's world, or null outside an extension. */
export function contentExt(): ContentExt | null {
  const g = globalThis as { browser?: ContentExt; chrome?: ContentExt };
  const api = g.browser?.runtime?.id ? g.browser : g.chrome?.runtime?.id ? g.chrome : null;
  return api ?? null;
}

/**
 * A host's shadow root, closed ones included, as only extensions may read them: `dom.openOrClosedShadowRoot()`
 * in Chromium, the element's own `openOrClosedShadowRoot` in Firefox (read through Element.prototype: a
 * form control of that name cannot stand in for it). Null when the browser offers neither.
 */
export function closedShadowReader(): ((el: Element) => ShadowRoot | null) | null {
  const dom = contentExt()?.dom;
  if (dom?.openOrClosedShadowRoot) {
    return (el) => {
      try {
        return dom.openOrClosedShadowRoot!(el) ?? null;
      } catch {
        return null; // not an HTMLElement (an SVG or MathML element)
      }
    };
  }
  const get = Object.getOwnPropertyDescriptor(Element.prototype, 'openOrClosedShadowRoot')?.get;
  return get ? (el) => (get.call(el) as ShadowRoot | null) ?? null : null;
}
