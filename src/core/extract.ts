/**
 * The one wrapper around @mozilla/readability. It always runs on a document Decant owns (a clone),
 * keeps classes (the post-clean rules read them; DOMPurify drops them later) and hands back the
 * content element itself rather than an HTML string, so nothing is serialised twice.
 */
import Readability from '@mozilla/readability/Readability.js';
import { listOf } from './dom';

export interface Extracted {
  content: Element;
  title: string | null;
  byline: string | null;
  /** The element Readability read `byline` from (and removed), when it found one in the page rather than in a meta tag. */
  bylineEl: Element | null;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  dir: string | null;
  publishedTime: string | null;
}

/**
 * Readability's `_getAllNodesWithTag`: the same elements in the same (document) order. Readability
 * asks `querySelectorAll('p,div,…')`, which jsdom's selector engine (nwsapi) compiles and matches
 * element by element, about an eighth of the pipeline's time in the CLI, most of it under Readability;
 * a tag-name walk finds the same elements directly. Readability passes some lists in upper case
 * (matched without case, as a selector in an HTML document matches HTML elements). A static array,
 * as Readability's callers (which remove nodes while they go) expect, copied with `listOf` (jsdom's
 * collections answer `Array.from` in quadratic time).
 */
export function allWithTag(node: ParentNode & { getElementsByTagName(name: string): HTMLCollectionOf<Element> }, tagNames: readonly string[]): Element[] {
  if (tagNames.length === 1) return listOf(node.getElementsByTagName(tagNames[0]));
  const wanted = new Set(tagNames.map((t) => t.toLowerCase()));
  return Array.prototype.filter.call(node.getElementsByTagName('*'), (el: Element) => wanted.has(el.localName)) as Element[];
}

/** Run Readability on `doc` (which it mutates). Null when it finds no article. */
export function extract(doc: Document, charThreshold = 500): Extracted | null {
  const reader = new Readability<Element>(doc, {
    keepClasses: true,
    disableJSONLD: true, // metadata.ts reads JSON-LD from the original document
    charThreshold,
    serializer: (node) => node as Element,
  });
  const inside = reader as unknown as { _getAllNodesWithTag: typeof allWithTag; _isValidByline(node: Element, match: string): boolean };
  inside._getAllNodesWithTag = allWithTag;
  // Readability keeps only the byline's textContent, where "ERIC TUCKER</div><div>Associated Press" run
  // together: keep the element, so the view can read its lines apart (dateline.ts bylineOf).
  let bylineEl: Element | null = null;
  const isByline = inside._isValidByline.bind(reader);
  inside._isValidByline = (node, match) => isByline(node, match) && !!(bylineEl = node);
  const r = reader.parse();
  if (!r || !r.content) return null;
  return {
    content: r.content,
    title: r.title || null,
    byline: r.byline || null,
    bylineEl,
    excerpt: r.excerpt || null,
    siteName: r.siteName || null,
    lang: r.lang || null,
    dir: r.dir || null,
    publishedTime: r.publishedTime || null,
  };
}
