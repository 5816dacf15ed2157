/**
 * Article metadata, most reliable source first: JSON-LD → OpenGraph / `article:*` → Twitter cards →
 * Highwire `citation_*` → Dublin Core → Readability → the document itself. Unknown values are null,
 * never invented. Reads the original document only (JSON-LD scripts are gone after Readability).
 */
import type { CitationMeta } from './types';
import { absoluteHttpUrl, collapse, isJsonLd, listOf, type PageShape } from './dom';
import { countWords } from './text';

export interface PageMetadata {
  title: string | null;
  authors: string[];
  siteName: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | 'auto' | null;
  publishedTime: string | null;
  modifiedTime: string | null;
  excerpt: string | null;
  canonicalUrl: string | null;
  leadImageUrl: string | null;
  citation: CitationMeta;
}

/**
 * What a cleaning pass needs of the metadata: the title, the authors and the canonical address, which
 * decide what the rules find. The rest is read by view steps from `sources` ({@link shownFields},
 * {@link siteOf}, {@link datesOf}, {@link citationOf}): auto-clean's script, which shows no article,
 * does not carry them. A shown article's pass adds {@link shownFields} here.
 */
export type PageFields = Pick<PageMetadata, 'title' | 'authors' | 'canonicalUrl'> & Partial<ShownFields> & { sources: MetaSources };

/** The metadata fields only a shown or exported article uses. */
export type ShownFields = Pick<PageMetadata, 'lang' | 'dir' | 'excerpt' | 'leadImageUrl'>;

/** Where the view steps read metadata: the meta tags, the links, the JSON-LD objects (the article among them). */
export interface MetaSources {
  m: (...keys: string[]) => string | null;
  all: (...keys: string[]) => string[];
  /** The first `<link rel>` of that kind, as an absolute http(s) address. */
  linkHref: (rel: string) => string | null;
  /** A JSON-LD value with a bare `{"@id": …}` reference replaced by the object it names. */
  deref: (v: unknown) => unknown;
  ld: Json[];
  typed: Json[];
  article: Json | null;
  webPage: Json | null;
  base: string | null;
}

type Json = Record<string, unknown>;

/** schema.org's article types (`NewsArticle`, `ReportageNewsArticle`, `ScholarlyArticle`, …, `LiveBlogPosting`) and a few works read like them. */
const ARTICLE_TYPES = /^(?:\w*Article|(?:\w*Blog|SocialMedia|DiscussionForum)Posting|Report|Review|Recipe|HowTo|PodcastEpisode|VideoObject|CreativeWork)$/;

/** Meta tags by lower-cased `property`/`name`/`itemprop`, first value wins; all values kept for lists. */
/** The elements metadata is read from, in document order (the pipeline has them from its {@link shapeOf} walk). */
export type MetadataElements = Pick<PageShape, 'metas' | 'links' | 'jsonLd'>;

function metadataElements(doc: Document): MetadataElements {
  return {
    metas: listOf(doc.getElementsByTagName('meta')),
    links: listOf(doc.getElementsByTagName('link')),
    jsonLd: listOf(doc.getElementsByTagName('script')).filter(isJsonLd),
  };
}

function collectMeta(metas: readonly Element[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const m of metas) {
    const content = m.getAttribute('content');
    if (content == null) continue;
    const value = collapse(content);
    if (!value) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const keyRaw = m.getAttribute(attr);
      if (!keyRaw) continue;
      for (const key of keyRaw.toLowerCase().split(/\s+/)) {
        const list = map.get(key);
        if (list) list.push(value);
        else map.set(key, [value]);
      }
    }
    const equiv = m.getAttribute('http-equiv');
    if (equiv) map.set(`http-equiv:${equiv.toLowerCase()}`, [value]);
  }
  return map;
}

function parseJsonLd(scripts: readonly Element[]): Json[] {
  const out: Json[] = [];
  for (const s of scripts) {
    const raw = (s.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').replace(/^\s*<!--|-->\s*$/g, '').trim();
    if (!raw || raw.length > 2_000_000) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      continue; // broken JSON-LD is common; other sources still apply
    }
    const stack: unknown[] = [data];
    while (stack.length && out.length < 200) {
      const item = stack.pop();
      if (Array.isArray(item)) stack.push(...item);
      else if (item && typeof item === 'object') {
        const obj = item as Json;
        out.push(obj);
        if (obj['@graph']) stack.push(obj['@graph']);
      }
    }
  }
  return out.reverse();
}

/** Whether one of `obj`'s `@type`s matches `type`. */
function isA(obj: Json, type: RegExp): boolean {
  const t = obj['@type'];
  return (Array.isArray(t) ? t : [t]).some((x) => typeof x === 'string' && type.test(x));
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return collapse(value) || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object') {
    const o = value as Json;
    // A bare {"@id": …} is a reference, not a value: resolve it first (see `deref`), never print it.
    return str(o['@value'] ?? o.name ?? o.url);
  }
  return null;
}

function names(value: unknown): string[] {
  const out: string[] = [];
  const list = Array.isArray(value) ? value : [value];
  for (const v of list) {
    if (typeof v === 'string') out.push(...splitAuthors(v));
    else if (v && typeof v === 'object') {
      const n = str((v as Json).name);
      if (n) out.push(n);
    }
  }
  return out;
}

/** Split "A, B and C" / "A; B" author strings; drop URLs (article:author often holds a profile URL). */
function splitAuthors(value: string): string[] {
  const v = collapse(value).replace(/^(?:by|von|par|por|di|da|автор:?)\s+/i, '');
  if (!v || /^https?:\/\//i.test(v)) return [];
  return v
    .split(/\s*(?:;|,(?!\s*(?:jr|sr|ii|iii|phd|md)\b)|\s+(?:and|und|et|y|e|и)\s+|&)\s*/i)
    .map((s) => s.trim())
    .filter((s) => s.length > 1 && s.length < 100 && !/^https?:/i.test(s));
}

function unique(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = x.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** An ISO date-time with a written offset other than zero: `2024-03-05T20:30-0500`. */
const ZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?([+-])(\d{2}):?(\d{2})$/;

/**
 * Normalise a date to ISO 8601 when it parses; keep a plain date as YYYY-MM-DD; null when unusable.
 * A date-time written with an offset keeps it (`2024-03-05T20:30:00-05:00`), so the calendar date a
 * reader, a file name and a citation see is the page's, not UTC's (the next day for an evening in New
 * York); other date-times become UTC.
 */
export function normalizeDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v);
  if (ymd) return `${ymd[1]}-${ymd[2].padStart(2, '0')}-${ymd[3].padStart(2, '0')}`;
  if (/^\d{4}$/.test(v)) return v;
  if (/^\d{10}$/.test(v)) return new Date(Number(v) * 1000).toISOString();
  const zoned = ZONED.exec(v);
  const written = zoned && `${zoned[1]}T${zoned[2]}${zoned[3] ?? ':00'}${zoned[4]}${zoned[5]}:${zoned[6]}`;
  const t = Date.parse(written ?? v);
  if (Number.isNaN(t)) return null;
  const year = new Date(t).getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  // A calendar date that does not exist (2024-02-30) parses as another day: not the page's date.
  if (written && new Date(`${zoned[1]}T00:00:00Z`).toISOString().slice(0, 10) !== zoned[1]) return null;
  return written && `${zoned[5]}${zoned[6]}` !== '0000' ? written : new Date(t).toISOString();
}

function first(...values: (string | null | undefined)[]): string | null {
  for (const v of values) if (v) return v;
  return null;
}

/** Language tags: `en_US` → `en-US`; rejects values that are not BCP 47-shaped. */
function normalizeLang(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().split(/[,;\s]/)[0].replace(/_/g, '-');
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(v) ? v : null;
}

/** Read every metadata source of `doc`, the citation record included. `url` resolves relative canonical and image URLs. */
export function readMetadata(doc: Document, url: string | null, found?: MetadataElements): PageMetadata {
  const { title, authors, canonicalUrl, sources } = readPageFields(doc, url, found);
  const { lang, dir, excerpt, leadImageUrl } = shownFields(sources, doc);
  const siteName = siteOf(sources, url ?? canonicalUrl, doc.title, [title, ...listOf(doc.getElementsByTagName('h1')).map((h) => h.textContent)]);
  return { title, authors, lang, dir, excerpt, canonicalUrl, leadImageUrl, siteName, ...datesOf(sources), citation: citationOf(sources) };
}

/** {@link readMetadata} without the citation record, with what it is read from. */
export function readPageFields(doc: Document, url: string | null, found: MetadataElements = metadataElements(doc)): PageFields {
  const meta = collectMeta(found.metas);
  const m = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v && v[0]) return v[0];
    }
    return null;
  };
  const all = (...keys: string[]): string[] => keys.flatMap((k) => meta.get(k) ?? []);

  const ld = parseJsonLd(found.jsonLd);
  // Yoast-style @graph pieces refer to each other by @id ("publisher": {"@id": "…#organization"}).
  const byId = new Map<string, Json>();
  for (const o of ld) if (typeof o['@id'] === 'string' && Object.keys(o).length > 1) byId.set(o['@id'], o);
  const deref = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(deref);
    if (!v || typeof v !== 'object') return v;
    const o = v as Json;
    if (typeof o['@id'] !== 'string' || Object.keys(o).some((k) => k !== '@id' && k !== '@type')) return v;
    return byId.get(o['@id']) ?? null;
  };
  const typed = ld.filter((o) => isA(o, ARTICLE_TYPES));
  const article = typed.find((o) => o.headline || o.name || o.articleBody) ?? null;
  const webPage = ld.find((o) => isA(o, /WebPage$/)) ?? null;
  const a = (key: string): unknown => (article ? article[key] : undefined);

  const base = url || null;
  const links = found.links;
  const linkHref = (rel: string): string | null => {
    for (const l of links) {
      const rels = (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
      if (rels.includes(rel) && l.hasAttribute('href')) return absoluteHttpUrl(l.getAttribute('href'), base);
    }
    return null;
  };

  const title = first(
    str(a('headline')),
    m('og:title'),
    m('twitter:title'),
    m('citation_title'),
    m('dc.title', 'dcterms.title'),
    str(a('name')),
  );

  const ldAuthors = article ? names(deref(article.author ?? article.creator)) : [];
  const authors = unique(
    ldAuthors.length
      ? ldAuthors
      : (() => {
          const fromMeta = all('citation_author').length
            ? all('citation_author').map((n) => reorderCitationName(n))
            : all('author', 'article:author', 'dc.creator', 'dcterms.creator', 'sailthru.author', 'parsely-author').flatMap(splitAuthors);
          return fromMeta.filter((n) => !/^https?:/i.test(n));
        })(),
  );

  const canonicalUrl = first(
    linkHref('canonical'),
    absoluteHttpUrl(m('og:url'), base),
    absoluteHttpUrl(str(a('url')), base),
    absoluteHttpUrl(idOf(a('mainEntityOfPage')), base),
  );

  return { title, authors, canonicalUrl, sources: { m, all, linkHref, deref, ld, typed, article, webPage, base } };
}

/** The page's language, direction, description and lead image: a view step (see {@link PageFields}). */
export function shownFields({ m, linkHref, deref, article, base }: MetaSources, doc: Document): ShownFields {
  const a = (key: string): unknown => (article ? article[key] : undefined);
  const html = doc.documentElement;
  const lang = normalizeLang(
    first(
      html?.getAttribute('lang'),
      html?.getAttribute('xml:lang'),
      m('http-equiv:content-language'),
      m('og:locale'),
      str(a('inLanguage')),
      m('citation_language', 'dc.language', 'dcterms.language', 'language'),
    ),
  );

  const dirRaw = (doc.body?.getAttribute('dir') || html?.getAttribute('dir') || '').toLowerCase();
  const dir = dirRaw === 'rtl' || dirRaw === 'ltr' || dirRaw === 'auto' ? dirRaw : null;

  const excerpt = first(m('og:description'), m('twitter:description'), m('description'), str(a('description')), m('dc.description', 'dcterms.abstract', 'citation_abstract'));

  const ldImage = deref(a('image'));
  const leadImageUrl = first(
    absoluteHttpUrl(m('og:image:secure_url', 'og:image', 'og:image:url'), base),
    absoluteHttpUrl(m('twitter:image', 'twitter:image:src'), base),
    absoluteHttpUrl(str(Array.isArray(ldImage) ? ldImage[0] : ldImage), base),
    linkHref('image_src'),
  );

  return { lang, dir, excerpt, leadImageUrl };
}

/** The publisher of the JSON-LD article, or of an article object that names nothing else (USA TODAY's JSON-LD has no headline). */
const publisherOf = ({ deref, article, typed }: MetaSources): unknown => deref((article ?? typed[0])?.publisher);

/**
 * The page's publication and modification dates: a view step (auto-clean's pass shows no article).
 * `fallback` is Readability's date, used when the page's metadata gives none.
 */
export function datesOf(sources: MetaSources | null, fallback?: string | null): Pick<PageMetadata, 'publishedTime' | 'modifiedTime'> {
  if (!sources) return { publishedTime: normalizeDate(fallback), modifiedTime: null };
  const { m, article, webPage } = sources;
  const a = (key: string): unknown => (article ? article[key] : undefined);
  const publishedTime = normalizeDate(
    first(
      str(a('datePublished')),
      m('article:published_time', 'og:article:published_time'),
      m('citation_publication_date', 'citation_date', 'citation_online_date'),
      m('dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.created', 'dcterms.date'),
      m('date', 'pubdate', 'publishdate', 'publish-date', 'sailthru.date', 'parsely-pub-date', 'article.published', 'datepublished'),
      str(webPage?.datePublished),
      str(a('dateCreated')),
    ),
  );
  const modifiedTime = normalizeDate(
    first(str(a('dateModified')), m('article:modified_time', 'og:updated_time'), m('dcterms.modified', 'dc.date.modified', 'last-modified'), str(webPage?.dateModified)),
  );

  return { publishedTime: publishedTime ?? normalizeDate(fallback), modifiedTime };
}

/** The page's citation record (DOI, journal, volume, issue, pages, PDF): a view step, for the citation exports. */
export function citationOf(sources: MetaSources): CitationMeta {
  const { m, all, article, base } = sources;
  const doiRaw = first(
    m('citation_doi', 'prism.doi', 'dc.identifier.doi', 'bepress_citation_doi'),
    all('dc.identifier', 'dcterms.identifier').find((v) => /10\.\d{4,9}\//.test(v)) ?? null,
    str(article?.doi),
  );
  const doi = doiRaw ? (/10\.\d{4,9}\/\S+/.exec(doiRaw)?.[0] ?? null) : null;

  return {
    doi,
    journal: first(m('citation_journal_title', 'prism.publicationname'), str((article?.isPartOf as Json | undefined)?.name)),
    publisher: first(m('citation_publisher', 'dc.publisher', 'dcterms.publisher'), str(publisherOf(sources))),
    volume: first(m('citation_volume', 'prism.volume')),
    issue: first(m('citation_issue', 'prism.number')),
    firstPage: first(m('citation_firstpage', 'prism.startingpage')),
    lastPage: first(m('citation_lastpage', 'prism.endingpage')),
    pdfUrl: absoluteHttpUrl(m('citation_pdf_url'), base),
  };
}

/**
 * The site's name among `names` (most reliable first), as a reader would write it: not an address or
 * a handle ("https://www.newsnation.in", "@politifact"), a tagline after it cut off ("LinkNaija |
 * Nigeria's popular news platform"), one that names the page's host first (publisher "Reuters" over
 * og:site_name "U.S." on reuters.com), and the host's bare label ("usatoday") only when nothing else names it.
 * A subdomain's label ("Hosted" on hosted.ap.org) gives way to the domain ("ap.org") the site's handle ("@ap") names.
 */
export function siteNameOf(names: readonly (string | null)[], url: string | null): string | null {
  const host = hostOf(url);
  const [label, domain] = host.split('.');
  const ok = names.filter((n): n is string => !!n && !/^(?:https?:|@)/i.test(n)).map((n) => n.split(SITE_SEPARATOR)[0]);
  // Names that only repeat a subdomain ("Hosted" on hosted.ap.org) while the site's handle is the
  // domain's ("@ap"): the subdomain is a platform, the domain names the outlet.
  if (ok[0] && ok.every((n) => squash(n) === label) && names.includes(`@${domain}`)) return host.slice(label.length + 1);
  return ok.find((n) => n !== label && squash(n).includes(label)) ?? ok.find((n) => n !== label) ?? ok[0] ?? null;
}

/**
 * The site's name ({@link siteNameOf}) from the page's metadata (`names`), what its `<title>`
 * (`docTitle`) adds to a headline it shows (`headlines`: og:title, `<h1>`s: "Story - The New York Times",
 * "About bugs – Vortex Cannon Entertainment", "Story — www.wday.ru"), and last, the host of an address
 * the metadata gives as the name (og:site_name "https://www.hawaiinewsnow.com"). A view step.
 */
export function siteOf(sources: MetaSources, url: string | null, docTitle: string, headlines: readonly (string | null)[]): string | null {
  const { m, ld } = sources;
  const org = ld.find((o) => isA(o, /^(?:NewsMedia)?Organization$|^WebSite$/)) ?? null;
  // What names the site, most reliable first, and last its handle (twitter:site as `@handle`, lower case).
  const names = [m('og:site_name'), str(publisherOf(sources)), org ? str(org.name) : null, m('application-name'), m('citation_journal_title'), m('dc.publisher'), `@${m('twitter:site')?.replace(/^@/, '').toLowerCase()}`];
  let added: string | null = null;
  for (const h of headlines) added ||= extraOf(collapse(docTitle), collapse(h ?? ''));
  return siteNameOf([...names, added?.replace(/^www\./i, '') ?? null, ...names.map(hostOf)], url);
}

/**
 * What `full` adds to `part` before or after a separator ("Opinion | " + part, "The Space Review: " +
 * part, part + " - Auto News"), or null. What follows a colon is the title's subtitle, not an extra;
 * an extra longer than `part` by more than a word is the headline, `part` a logo's `<h1>` ("Story
 * about the harbour | Coast Gazette" beside `<h1>Coast Gazette</h1>`).
 */
function extraOf(full: string, part: string): string | null {
  const words = countWords(part);
  if (words < 2 || full === part) return null;
  const extra = full.startsWith(part)
    ? /^\s+(?:[|·•–—/-]|::)\s+(.+)$/.exec(full.slice(part.length))?.[1]
    : full.endsWith(part) && /^(.+?)(?:\s+[|·•–—/-]|:|\s+::)\s+$/.exec(full.slice(0, -part.length))?.[1];
  return extra && countWords(extra) <= words + 1 ? extra : null;
}

/** The @id (or url) of a WebPage object, or the address itself: for `mainEntityOfPage`, the @id IS the page's address. */
function idOf(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return str(value);
  const o = value as Json;
  return str(o.url) ?? (typeof o['@id'] === 'string' ? o['@id'] : null);
}

/** Highwire names come as "Last, First"; show them as "First Last". */
function reorderCitationName(name: string): string {
  const parts = name.split(',').map((s) => s.trim());
  return parts.length === 2 && parts[0] && parts[1] ? `${parts[1]} ${parts[0]}` : collapse(name);
}

/** The host of an address, lower case, without `www.` ('' when there is none). */
const hostOf = (url: string | null): string => /^https?:\/\/(?:www\.)?([^/?#:]+)/i.exec(url ?? '')?.[1].toLowerCase() ?? '';

/** The separators a title and a site name are joined with: "Story | TheHill", "Story - Sportsnet.ca", "Site — Story". */
const SITE_SEPARATOR = /\s+(?:[|·•–—\-\/]|::)\s+/g;
/** A name reduced to its letters and digits, for comparing names of sites and outlets. */
export const squash = (s: string): string => s.toLowerCase().replace(/^www\./, '').replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * `title` without the site's name that pages add to it (og:title and <title> often do): the last part
 * after a separator (or the first before one) when it is the site name, the host (`sportsnet.ca`) or
 * the host's name (`thehill`), and what stays still has two words (each CJK character is one). Anything else stays as it is:
 * "Opinion | …", "… | Editorial" and "… – ‘The plague is coming’" are part of the title.
 */
export function withoutSiteName(title: string | null, siteName: string | null, url: string | null): string | null {
  if (!title) return title;
  const parts = title.split(SITE_SEPARATOR);
  if (parts.length < 2) return title;
  const host = hostOf(url);
  const names = new Set([siteName && squash(siteName), squash(host), squash(host.split('.')[0])].filter((n): n is string => !!n && n.length >= 2));
  const isSite = (part: string): boolean => names.has(squash(part));
  const seps = title.match(SITE_SEPARATOR) ?? [];
  const rest = (from: number, to: number): string => parts.slice(from, to).map((p, i) => (i ? seps[from + i - 1] : '') + p).join('');
  if (isSite(parts[parts.length - 1])) {
    const kept = rest(0, parts.length - 1);
    if (countWords(kept) >= 2) return kept;
  }
  if (isSite(parts[0])) {
    const kept = rest(1, parts.length);
    if (countWords(kept) >= 2) return kept;
  }
  return title;
}


/** Named character references WordPress writes into a title's metadata (its quotes and dashes it writes as numbers). */
const NAMED: Readonly<Record<string, string>> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

/**
 * The title as a reader sees it: without the site's name ({@link withoutSiteName}) and with the HTML
 * character references decoded that WordPress writes into JSON-LD and og:title, whose values are
 * text ("doesn&#8217;t", "&#163;71.6m"). A reference to no character stays as it is. When it only
 * adds to one of the page's `headlines` (its `<h1>`s) before or after a separator ("Opinion | …",
 * "… - Auto News"), the headline the page shows.
 */
export function shownTitle(title: string | null, siteName: string | null, url: string | null, headlines: readonly Element[] = []): string | null {
  const decoded = title?.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]{2,6}));/gi, (ref, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name.toLowerCase()] ?? ref;
    const cp = dec ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : ref;
  });
  const shown = withoutSiteName(decoded == null ? null : collapse(decoded), siteName, url);
  // The page's own headline when the title only adds to it ("Opinion | …", "… - Auto News").
  for (const h of headlines) {
    const headline = collapse(h.textContent ?? '');
    if (shown && extraOf(shown, headline)) return headline;
  }
  return shown;
}
