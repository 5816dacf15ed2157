/**
 * A standalone HTML document of an article: sanitised content, a metadata header, a provenance
 * footer, minimal inline CSS, and no script. Its own CSP forbids scripts and every load but images,
 * so the file is safe to open anywhere.
 */
import { DECANT_ID_ATTR, DECANT_ROLE_ATTR, parseSanitized } from '../core/html';
import type { ExportRecord } from './record';
import { formatDate, formatInstantUtc } from './dates';
import { removeTitleHeadings } from './title-heading';

type Win = Window & typeof globalThis;

const CSS = `body{max-width:42rem;margin:2rem auto;padding:0 1rem;font:1.1rem/1.6 Georgia,'Times New Roman',serif;color:#1b1b1b;background:#fff}
header{border-bottom:1px solid #ddd;margin-bottom:1.5rem}h1{font-size:2rem;line-height:1.2;margin:.2rem 0 .6rem}
.meta{font:.9rem/1.4 system-ui,sans-serif;color:#555;margin:.2rem 0}img{max-width:100%;height:auto}
figure{margin:1.5rem 0}figcaption{font:.85rem/1.4 system-ui,sans-serif;color:#555}pre{overflow:auto;background:#f5f5f5;padding:.8rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem}blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1rem;color:#333}
footer{border-top:1px solid #ddd;margin-top:2rem;font:.8rem/1.4 system-ui,sans-serif;color:#666}`;

const CSP = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Build the document and serialise it. `doc` only serves as a factory (createHTMLDocument). */
export function toStandaloneHtml(record: ExportRecord, doc: Document, win?: Win): string {
  const out = doc.implementation.createHTMLDocument(record.title ?? 'Article');
  const html = out.documentElement;
  if (record.lang) html.setAttribute('lang', record.lang);
  if (record.dir) html.setAttribute('dir', record.dir);
  const head = out.head;
  const meta = (attrs: Record<string, string>): void => {
    const m = out.createElement('meta');
    for (const [k, v] of Object.entries(attrs)) m.setAttribute(k, v);
    head.appendChild(m);
  };
  head.insertBefore(out.createElement('meta'), head.firstChild).setAttribute('charset', 'utf-8');
  meta({ 'http-equiv': 'Content-Security-Policy', content: CSP });
  meta({ name: 'referrer', content: 'no-referrer' });
  meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' });
  meta({ name: 'generator', content: `Decant ${record.provenance.decantVersion} (rules ${record.provenance.rulesVersion})` });
  if (record.byline) meta({ name: 'author', content: record.byline });
  if (record.canonicalUrl) {
    const link = out.createElement('link');
    link.setAttribute('rel', 'canonical');
    link.setAttribute('href', record.canonicalUrl);
    head.appendChild(link);
  }
  const style = out.createElement('style');
  style.textContent = CSS;
  head.appendChild(style);

  const body = out.body;
  const header = out.createElement('header');
  const h1 = out.createElement('h1');
  h1.textContent = record.title ?? 'Untitled article';
  header.appendChild(h1);
  const line = (text: string | null): void => {
    if (!text) return;
    const p = out.createElement('p');
    p.className = 'meta';
    p.textContent = text;
    header.appendChild(p);
  };
  line([record.byline, record.siteName].filter(Boolean).join(' · ') || null);
  // Dates as people write them, in English like the labels and on the page's own calendar day (a UTC
  // instant on its UTC day: the same file on every machine); `<time datetime>` keeps the exact value.
  const time = (iso: string, text: string): HTMLTimeElement => {
    const t = out.createElement('time');
    t.setAttribute('datetime', iso);
    t.textContent = text;
    return t;
  };
  const day = (iso: string | null): HTMLTimeElement | null => (iso ? time(iso, formatDate(iso, { locale: 'en', timeZone: 'UTC' })!) : null);
  const facts: (string | Node)[] = [];
  const published = day(record.publishedTime);
  const updated = record.modifiedTime !== record.publishedTime ? day(record.modifiedTime) : null;
  if (published) facts.push('Published ', published, ' · ');
  if (updated) facts.push('Updated ', updated, ' · ');
  facts.push(`${record.wordCount} words · ${record.readingTimeMinutes} min read`);
  const factsLine = out.createElement('p');
  factsLine.className = 'meta';
  factsLine.append(...facts);
  header.appendChild(factsLine);
  const source = record.canonicalUrl ?? record.url;
  if (source) {
    const p = out.createElement('p');
    p.className = 'meta';
    const a = out.createElement('a');
    a.setAttribute('href', source);
    a.setAttribute('rel', 'noopener noreferrer');
    a.textContent = source;
    p.append('Source: ', a);
    header.appendChild(p);
  }
  body.appendChild(header);

  const article = out.createElement('article');
  article.appendChild(out.importNode(parseSanitized(record.contentHtml, doc, win), true));
  if (record.title) removeTitleHeadings(article); // the header's <h1> is the title
  absoluteImages(article, record.canonicalUrl ?? record.url);
  withoutDecantMarks(article);
  body.appendChild(article);

  const footer = out.createElement('footer');
  const p = out.createElement('p');
  const pv = record.provenance;
  const instant = (iso: string): HTMLTimeElement => time(iso, formatInstantUtc(iso));
  p.append(`Cleaned by Decant ${pv.decantVersion} (rules ${pv.rulesVersion}) on `, instant(pv.processedAt));
  if (pv.capturedAt) p.append(', captured ', instant(pv.capturedAt));
  p.append(`; ${record.removed.length} block(s) removed. SHA-256 of text ${pv.sha256Text}.`);
  footer.appendChild(p);
  body.appendChild(footer);
  return `<!DOCTYPE html>\n${html.outerHTML}\n`;
}

/**
 * Decant's own marks on article blocks are for its views: `data-decant-id` anchors "Show again" (a
 * removed block goes back after the block it followed), `data-decant-role` names a byline, caption or
 * footnote back-link. The JSON record keeps them (a saved or imported record is read and exported
 * again by those views); a standalone page is for people and other tools, and goes without them.
 */
function withoutDecantMarks(root: Element): void {
  for (const el of Array.prototype.slice.call(root.querySelectorAll(`[${DECANT_ID_ATTR}], [${DECANT_ROLE_ATTR}]`)) as Element[]) {
    el.removeAttribute(DECANT_ID_ATTR);
    el.removeAttribute(DECANT_ROLE_ATTR);
  }
}

/**
 * A standalone file is opened from disk, where a relative image source would resolve to a file: URL
 * (a page's `<img src="#">` to the exported file itself; found by the script-injection suite in
 * Chromium): image sources are made absolute against the article's address, and a source that is
 * not http(s) or `data:image/*` afterwards is dropped, so the file loads nothing but the article's
 * images from the web.
 */
function absoluteImages(root: Element, base: string | null): void {
  const http = (u: string): boolean => /^https?:\/\//i.test(u);
  const resolve = (raw: string): string | null => {
    const v = raw.trim();
    if (/^data:image\//i.test(v)) return v;
    if (!v || v.startsWith('#')) return null;
    try {
      const u = base && http(base) ? new URL(v, base).href : v;
      return http(u) ? u : null;
    } catch {
      return null;
    }
  };
  for (const el of Array.prototype.slice.call(root.querySelectorAll('img, source')) as Element[]) {
    const src = el.getAttribute('src');
    if (src !== null) {
      const abs = resolve(src);
      if (abs) el.setAttribute('src', abs);
      else el.removeAttribute('src');
    }
    const srcset = el.getAttribute('srcset');
    if (srcset !== null && /data:/i.test(srcset)) el.removeAttribute('srcset'); // commas inside data: URLs
    else if (srcset !== null) {
      const parts = srcset.split(',').map((c) => c.trim()).filter(Boolean).map((c) => {
        const [u, ...rest] = c.split(/\s+/);
        const abs = resolve(u);
        return abs ? [abs, ...rest].join(' ') : null;
      });
      if (parts.every(Boolean) && parts.length) el.setAttribute('srcset', parts.join(', '));
      else el.removeAttribute('srcset');
    }
  }
}
