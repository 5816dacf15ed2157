/**
 * The one wrapper around @mozilla/readability. It always runs on a document Decant owns (a clone),
 * keeps classes (the post-clean rules read them; DOMPurify drops them later) and hands back the
 * content element itself rather than an HTML string, so nothing is serialised twice.
 */
import Readability from '@mozilla/readability/Readability.js';

export interface Extracted {
  content: Element;
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  dir: string | null;
  publishedTime: string | null;
}

/** Run Readability on `doc` (which it mutates). Null when it finds no article. */
export function extract(doc: Document, charThreshold = 500): Extracted | null {
  const reader = new Readability<Element>(doc, {
    keepClasses: true,
    disableJSONLD: true, // metadata.ts reads JSON-LD from the original document
    charThreshold,
    serializer: (node) => node as Element,
  });
  const r = reader.parse();
  if (!r || !r.content) return null;
  return {
    content: r.content,
    title: r.title || null,
    byline: r.byline || null,
    excerpt: r.excerpt || null,
    siteName: r.siteName || null,
    lang: r.lang || null,
    dir: r.dir || null,
    publishedTime: r.publishedTime || null,
  };
}
