/**
 * Markup that names structures Decant keeps whole (see structure.ts): footnote lists, lazy-image
 * attributes and code-language hints.
 */

/** `role` values of a footnote or endnote list (DPUB-ARIA). */
export const NOTE_ROLES: ReadonlySet<string> = new Set([
  'doc-endnotes', // kramdown, Hugo/Goldmark, pandoc — fixture: structure/footnotes--jekyll-kramdown
  'doc-footnotes', // DPUB-ARIA
]);

/** Class or id of a footnote list (the whole list, not one note). */
export const NOTE_NAMES: ReadonlySet<string> = new Set([
  'footnotes', // kramdown, Hugo, pandoc, WordPress footnotes blocks — fixture: structure/footnotes--jekyll-kramdown
  'endnotes', // Ghost, many CMS templates
  'footnote-list', // Substack
  'reflist', // MediaWiki {{reflist}}
  'references', // MediaWiki ol.references
  'wp-block-footnotes', // WordPress 6.3+ footnotes block
]);

/** Attributes that hold the real image of a lazy-loaded `<img>` (lazysizes, a3 Lazy Load, jQuery lazyload). */
export const LAZY_SRC_ATTRS = ['data-src', 'data-original', 'data-lazy-src', 'data-orig-src', 'data-hi-res-src', 'data-url'] as const;
export const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset', 'data-original-set'] as const;

/** A code block's language in a class: `language-python`, `lang-js`, GitHub's `highlight-source-ruby`. */
export const LANGUAGE_CLASS = /(?:^|\s)(?:language|lang|highlight-source|brush:?)-?([\w+#.-]{1,30})(?:\s|$)/i;

/** TeX in a MathJax source script. */
export const TEX_SCRIPT_TYPE = /^math\/tex(?:;\s*mode=(display))?/i;
