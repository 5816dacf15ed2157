/**
 * Matching helpers compiled once when a module loads: markup tokens, vendor selectors, text phrases
 * and link targets. Families keep their lists in `*.data.ts` and build matchers with these.
 */
import type { VendorEntry } from './types';
import { Attrs } from './attrs';

/** Attributes whose values say nothing about a block's purpose (or are page text, read elsewhere). */
const SKIPPED_ATTRS = new Set([
  'href', 'src', 'srcset', 'sizes', 'style', 'alt', 'title', 'content', 'value', 'width', 'height',
  'datetime', 'type', 'placeholder', 'for', 'lang', 'dir', 'target', 'rel', 'tabindex', 'loading',
  'action', 'method', 'xmlns', 'colspan', 'rowspan', 'headers', 'scope', 'cite', 'data-src',
  'data-srcset', 'data-original', 'data-lazy-src', 'data-url', 'data-title', 'data-decant-id',
  'data-decant-pos', 'data-decant-hidden', 'decoding', 'referrerpolicy', 'crossorigin', 'integrity',
  'itemtype', 'itemscope', 'frameborder', 'scrolling', 'marginwidth', 'marginheight', 'allow',
  'sandbox', 'data-content', 'data-href', 'data-image', 'data-caption', 'aria-describedby',
]);

const MAX_ATTR_VALUE = 120;

/**
 * Lower-case tokens of an element's markup: id, class, role, aria-label, name and custom attribute
 * values, split at separators and camelCase (`CybotCookiebotDialog` → cybot, cookiebot, dialog), plus
 * the names of `data-*` attributes (`data-ad-slot` → data, ad, slot).
 */
export function tokenize(attrs: Attrs): readonly string[] {
  if (!attrs.size) return [];
  let source = '';
  for (const [name, v] of attrs.entries()) {
    if (name.startsWith('on') || SKIPPED_ATTRS.has(name)) continue;
    if (name.startsWith('data-')) source += ' ' + name;
    if (v && v.length <= MAX_ATTR_VALUE) source += ' ' + v;
  }
  if (!source) return [];
  // Pages repeat the same markup many times: split each distinct source once (bounded for batches).
  let tokens = tokenCache.get(source);
  if (!tokens) {
    tokens = source
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t.length > 0 && t.length < 40);
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(source, tokens);
  }
  return tokens;
}

const tokenCache = new Map<string, string[]>();
const TOKEN_CACHE_LIMIT = 4096;

/**
 * A token vocabulary: exact tokens, plus stems that match at a token's start (`newsletter` matches
 * `newsletterbox`). Returns the first matching token.
 */
export function tokenMatcher(exact: readonly string[], stems: readonly string[] = [], exclude: readonly string[] = []): (tokens: readonly string[]) => string | null {
  const judge = markupJudge(exact, stems, exclude);
  return (tokens) => {
    for (const t of tokens) if (judge(t)) return t;
    return null;
  };
}

/** Whether one token is in a vocabulary: not excluded, and exact or starting with a stem. */
export function markupJudge(exact: readonly string[], stems: readonly string[] = [], exclude: readonly string[] = []): (token: string) => boolean {
  const exactSet = new Set(exact);
  const excludeSet = new Set(exclude);
  return (t) => {
    if (excludeSet.has(t)) return false;
    if (exactSet.has(t)) return true;
    for (const s of stems) if (t.startsWith(s)) return true;
    return false;
  };
}

export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each phrase as a pattern: escaped, its spaces matching `space`; a `/…/` entry is a regex fragment as it is. */
function phrasePatterns(phrases: readonly string[], space = '\\s+'): string {
  return phrases.map((p) => (p.length > 2 && p.startsWith('/') && p.endsWith('/') ? p.slice(1, -1) : escapeRe(p).replace(/\s+/g, space))).join('|');
}

/**
 * A case-insensitive regex for whole phrases in any script: letters or digits may not touch either
 * end. Entries may themselves be regex fragments when wrapped in `/…/`.
 */
export function phraseRegex(phrases: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrasePatterns(phrases)})(?![\\p{L}\\p{N}])`, 'iu');
}

/**
 * Any of `phrases` anywhere in a text, whitespace between words as {@link collapse} would see it: a
 * necessary condition for {@link wholeTextRegex} to match a label taken from inside that text.
 */
export function anywhereRegex(phrases: readonly string[]): RegExp {
  return new RegExp(phrasePatterns(phrases, '[\\s\\u00a0\\u200b\\u2028\\u2029\\ufeff]+'), 'iu');
}

/** A regex that matches when the WHOLE (trimmed) text is one of the phrases, with light punctuation. */
export function wholeTextRegex(phrases: readonly string[]): RegExp {
  return new RegExp(`^[\\s\\p{P}\\p{S}]*(?:${phrasePatterns(phrases)})[\\s\\p{P}\\p{S}]*$`, 'iu');
}

type Pred = (el: Element, tag: string, attrs: Attrs) => boolean;

/**
 * Compile simple selectors into fast predicates (token and attribute checks instead of a selector
 * engine call per element). Supported: `#id`, `.class`, `tag`, `tag.class`, `[attr]`,
 * `[attr^="v"]`, `[attr*="v"]`, `[attr="v"]`, and `#id` / `.class` with a trailing `*` for prefixes.
 * Anything else falls back to `Element.matches`.
 */
export function vendorMatcher(entries: readonly VendorEntry[]): (el: Element, tag: string, attrs: Attrs) => VendorEntry | null {
  const compiled = compileVendors(entries);
  return (el, tag, attrs) => {
    const id = attrs.id;
    if (id) {
      const hit = compiled.byId.get(id);
      if (hit) return hit;
    }
    for (const c of attrs.classes) {
      const hit = compiled.byClass.get(c);
      if (hit) return hit;
    }
    return compiled.hasRest && compiled.mayRest(tag, attrs) ? compiled.matchRest(el, tag, attrs) : null;
  };
}

/**
 * Vendor entries compiled: exact ids and classes in maps (the last entry for a name wins), the other
 * selectors as predicates checked in list order, each only on elements that can match it (one with
 * the attribute, an id, a class or the tag it names).
 */
export interface CompiledVendors {
  byId: ReadonlyMap<string, VendorEntry>;
  byClass: ReadonlyMap<string, VendorEntry>;
  hasRest: boolean;
  /** Tags an element without attributes can match by (selectors with no attribute, id or class). */
  bareTags: readonly string[];
  /**
   * What an element needs for some non-id, non-class selector to match it: one of `restAttrs`, a tag
   * in `restTags`, or anything at all when `restAny` (a selector without a cheap precondition).
   */
  restAttrs: ReadonlySet<string>;
  restTags: ReadonlySet<string>;
  restAny: boolean;
  /** False when no non-id, non-class selector can match (the cheap preconditions of all fail). */
  mayRest(tag: string, attrs: Attrs): boolean;
  matchRest(el: Element, tag: string, attrs: Attrs): VendorEntry | null;
}

/** The cheap precondition of non-id, non-class selectors (one family's, or the union of all families'). */
export function restMayMatch(pre: { restAny: boolean; restTags: ReadonlySet<string>; restAttrs: ReadonlySet<string> }, tag: string, attrs: Attrs): boolean {
  return pre.restAny || pre.restTags.has(tag) || (pre.restAttrs.size > 0 && attrs.hasAny(pre.restAttrs));
}

export function compileVendors(entries: readonly VendorEntry[]): CompiledVendors {
  const byId = new Map<string, VendorEntry>();
  const byClass = new Map<string, VendorEntry>();
  const rest: [Need, Pred, VendorEntry][] = [];
  for (const e of entries) {
    const id = /^#([\w-]+)$/.exec(e.selector);
    const cls = /^\.([\w-]+)$/.exec(e.selector);
    if (id) byId.set(id[1], e);
    else if (cls) byClass.set(cls[1], e);
    else rest.push([needOf(e.selector), compileSelector(e.selector), e]);
  }
  const bareTags = rest.flatMap(([need]) => (!need ? ['*'] : need.attr === undefined && need.tag !== undefined ? [need.tag] : []));
  // An entry can match only when its tag (if it names one) and its attribute (if it needs one) are there.
  const restAttrs = new Set<string>();
  const restTags = new Set<string>();
  let restAny = false;
  for (const [need] of rest) {
    if (!need) restAny = true;
    else if (need.tag !== undefined) restTags.add(need.tag);
    else if (need.attr !== undefined) restAttrs.add(need.attr);
    else restAny = true;
  }
  return {
    byId,
    byClass,
    hasRest: rest.length > 0,
    bareTags,
    restAttrs,
    restTags,
    restAny,
    mayRest(tag, attrs) {
      return restMayMatch({ restAny, restTags, restAttrs }, tag, attrs);
    },
    matchRest(el, tag, attrs) {
      for (const [need, pred, entry] of rest) {
        if (need) {
          if (need.attr !== undefined && !attrs.has(need.attr)) continue;
          if (need.tag !== undefined && need.tag !== tag) continue;
        }
        if (pred(el, tag, attrs)) return entry;
      }
      return null;
    },
  };
}

/** What an element must have for a compiled selector to match it (null: no cheap precondition). */
type Need = { attr?: string; tag?: string } | null;

function needOf(selector: string): Need {
  let m: RegExpExecArray | null;
  if (/^#[\w-]+\*?$/.test(selector)) return { attr: 'id' };
  if ((m = /^([a-z][\w-]*)?\.[\w-]+\*?$/.exec(selector))) return m[1] ? { attr: 'class', tag: m[1] } : { attr: 'class' };
  if ((m = /^([a-z][\w-]*)$/.exec(selector))) return { tag: m[1] };
  if ((m = /^([a-z][\w-]*)?\[([\w-]+)(?:[\^*]?="[^"]*")?\]$/.exec(selector))) return m[1] ? { attr: m[2], tag: m[1] } : { attr: m[2] };
  return null;
}

function compileSelector(selector: string): Pred {
  let m: RegExpExecArray | null;
  if ((m = /^#([\w-]+)(\*)?$/.exec(selector))) {
    const [, id, prefix] = m;
    return prefix ? (_el, _t, a) => a.id.startsWith(id) : (_el, _t, a) => a.id === id;
  }
  if ((m = /^([a-z][\w-]*)?\.([\w-]+)(\*)?$/.exec(selector))) {
    const [, tag, cls, prefix] = m;
    return (_el, t, a) => {
      if (tag && t !== tag) return false;
      const list = a.classes;
      return prefix ? list.some((c) => c.startsWith(cls)) : list.includes(cls);
    };
  }
  if ((m = /^([a-z][\w-]*)$/.exec(selector))) {
    const tag = m[1];
    return (_el, t) => t === tag;
  }
  if ((m = /^([a-z][\w-]*)?\[([\w-]+)(?:([\^*]?=)"([^"]*)")?\]$/.exec(selector))) {
    const [, tag, attr, op, value] = m;
    return (_el, t, a) => {
      if (tag && t !== tag) return false;
      const v = a.get(attr);
      if (v == null) return false;
      if (!op) return true;
      if (op === '=') return v === value;
      if (op === '^=') return v.startsWith(value);
      return v.includes(value);
    };
  }
  return (el) => {
    try {
      return el.matches(selector);
    } catch {
      return false;
    }
  };
}

/** Compile href patterns (`/donate`, `ko-fi.com/`) into one regex over the lower-cased URL. */
export function hrefRegex(patterns: readonly string[]): RegExp {
  return new RegExp(patterns.join('|'), 'i');
}
