/**
 * The security audit of a DOM built from page-derived HTML (CONTRACT §3): what must never be there,
 * whatever the page sent. Self-contained (DOM API only, no imports), so the real-browser suite bundles
 * this same file into the extension's pages and runs it there.
 *
 * It reports, per node:
 * - an element that runs, frames, styles, submits or redirects: script, iframe/frame/frameset,
 *   object/embed/applet, base, meta, link, style, form, template, portal, fencedframe, and SVG's
 *   script-capable or fetching elements (use, image, feimage, animate, set, …);
 * - an `on*` event handler, `srcdoc`, `http-equiv`, or a `style` attribute that can fetch or run
 *   (url(), image-set(), @import, expression(), behavior, -moz-binding);
 * - a `javascript:`/`vbscript:`/`data:` URL in a navigation or fetch attribute (href, src, srcset,
 *   action, formaction, xlink:href, data, poster, background, …); `data:image/*` is allowed in an
 *   image's own source only;
 * - anything that would fetch but an image: a fetch attribute on an element other than `<img>`, or
 *   `<source>` inside `<picture>` (a `ping` on a link counts);
 * - an `id`/`name` not under the `user-content-` prefix (DOM clobbering of the extension's own pages).
 */

/** Element names that must never appear (any namespace; compared lower-case). */
export const FORBIDDEN_ELEMENTS: readonly string[] = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'style', 'form',
  'template', 'portal', 'fencedframe', 'noembed', 'isindex',
  // SVG / SMIL: external loads and attribute animation (href → javascript:)
  'use', 'image', 'feimage', 'animate', 'set', 'animatetransform', 'animatemotion', 'handler', 'listener', 'foreignobject',
];

/** Attributes that make the browser fetch or navigate to a URL. */
const URL_ATTRS: readonly string[] = [
  'href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'codebase',
  'cite', 'longdesc', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'icon', 'profile', 'usemap', 'imagesrcset', 'archive',
];
/** Of those, the ones that fetch without a click. */
const FETCH_ATTRS: readonly string[] = ['src', 'srcset', 'data', 'poster', 'background', 'codebase', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'icon', 'imagesrcset', 'archive', 'longdesc'];

const SCRIPT_SCHEME = /^(?:javascript|vbscript|livescript|mocha|jscript|feed|view-source|blob|filesystem):/;
const DATA_SCHEME = /^data:/;
const DATA_IMAGE = /^data:image\/[a-z0-9.+-]+[;,]/;
const DANGEROUS_CSS = /url\s*\(|image-set\s*\(|@import|expression\s*\(|behavior\s*:|-moz-binding|javascript:/i;

/** Strip what browsers ignore in a URL's scheme (whitespace, control characters) and lower-case it. */
function normalizeUrl(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]+/g, '').toLowerCase();
}

function urlsOf(name: string, value: string): string[] {
  if (name === 'srcset' || name === 'imagesrcset') {
    return value.split(',').map((s) => s.trim().split(/\s+/)[0] ?? '').filter(Boolean);
  }
  if (name === 'ping' || name === 'archive') return value.split(/\s+/).filter(Boolean);
  return [value];
}

function describeNode(el: Element): string {
  const tag = el.localName;
  const ns = el.namespaceURI && el.namespaceURI !== 'http://www.w3.org/1999/xhtml' ? `${el.namespaceURI.split('/').pop()}:` : '';
  return `<${ns}${tag}>`;
}

/** Does an element load this attribute as an image (the one kind of request allowed)? */
function isImageSource(el: Element, name: string): boolean {
  const tag = el.localName;
  const html = el.namespaceURI === 'http://www.w3.org/1999/xhtml';
  if (!html) return false;
  if (tag === 'img' && (name === 'src' || name === 'srcset')) return true;
  if (tag === 'source' && name === 'srcset' && el.parentElement?.localName === 'picture') return true;
  return false;
}

/**
 * Audit every element under `root` (a Document, fragment or element; the root element itself too,
 * unless `root: false` — a view's own container).
 * Returns one line per problem; empty means clean.
 */
export function auditDom(root: Node, options: { allowIds?: boolean; root?: boolean } = {}): string[] {
  const problems: string[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 1 && (node !== root || options.root !== false)) {
      const el = node as Element;
      const tag = el.localName.toLowerCase();
      const what = describeNode(el);
      if (FORBIDDEN_ELEMENTS.includes(tag)) problems.push(`forbidden element ${what}`);
      if (tag === 'input' && (el.getAttribute('type') ?? '').toLowerCase() === 'image') problems.push('<input type=image> would fetch');
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value;
        if (name.startsWith('on')) problems.push(`${what} has event handler ${name}`);
        if (name === 'srcdoc') problems.push(`${what} has srcdoc`);
        if (name === 'http-equiv') problems.push(`${what} has http-equiv`);
        if (name === 'style' && DANGEROUS_CSS.test(value)) problems.push(`${what} style can load or run: ${value.slice(0, 80)}`);
        if (!options.allowIds && (name === 'id' || name === 'name') && !value.startsWith('user-content-')) problems.push(`${what} ${name}="${value.slice(0, 40)}" could clobber the page's globals`);
        // attr.name keeps a prefix (`xlink:href`); any prefixed href is a link too.
        if (!URL_ATTRS.includes(name) && !name.endsWith(':href')) continue;
        for (const raw of urlsOf(name, value)) {
          const url = normalizeUrl(raw);
          if (SCRIPT_SCHEME.test(url)) problems.push(`${what} ${name} has a script URL: ${raw.slice(0, 80)}`);
          else if (DATA_SCHEME.test(url) && !(DATA_IMAGE.test(url) && isImageSource(el, name))) problems.push(`${what} ${name} has a data: URL: ${raw.slice(0, 80)}`);
          if (FETCH_ATTRS.includes(name) && !isImageSource(el, name)) problems.push(`${what} ${name} would fetch ${raw.slice(0, 80)}`);
        }
      }
      // The template's content is a separate fragment the walk would not see.
      const content = (el as HTMLTemplateElement).content;
      if (tag === 'template' && content) stack.push(content);
      const shadow = (el as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
      if (shadow) {
        problems.push(`${what} hosts a shadow root`);
        stack.push(shadow);
      }
    }
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return problems;
}
