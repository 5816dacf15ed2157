/**
 * The date a page shows beside its byline, and the byline without it.
 *
 * Many pages carry no machine-readable date in their head (no JSON-LD, no `article:published_time`)
 * but show one under the headline, usually as `<time datetime="…">Jan. 16, 2025</time>`. Readability
 * takes the byline element's whole text, so the date ends up in the byline ("By Yelena SorokinaJan. 16,
 * 2025") and, split at its comma, in the authors. {@link pageDate} finds that date;
 * {@link stripDates} takes it out of the byline.
 *
 * The `datetime` attribute is what machines read, the text is what the reader sees; templates often
 * fill the attribute with a placeholder (`2025-01-01T00:00:00Z` under "December 1, 2025"). When both
 * are full dates and disagree, the visible one wins, as a plain `YYYY-MM-DD`.
 *
 * Pure: elements in, strings out, read through the clobbering-proof reader (safe-dom.ts).
 */
import { BLOCK_TAGS, collapse, listOf } from './dom';
import { normalizeDate, squash } from './metadata';
import { domOf } from './safe-dom';
import { escapeRe } from './rules/match';
import { DATE_LINE, STAMP, TIME } from './furniture.data';
import { titleSimilarity } from './furniture';

/** Languages whose month and weekday names are read, from the platform's own tables (Intl: no data in the bundle). */
const LANGS = ['en', 'de', 'fr', 'it', 'es', 'pt', 'nl', 'ru'];

/**
 * Month number of each month name, abbreviation (`sep`, `sept`, `janv`) and genitive (`января`), lower
 * case, one table per language of LANGS, built when a word is looked up that the languages before it
 * do not know: Intl's formatters cost a click on a fresh page about a millisecond for all eight
 * languages, and an English date needs only the first. A name that is two months in one language
 * ("jui": juin, juillet) is none; no name is two different months in two of these languages.
 */
const monthTables: Map<string, number>[] = [];

function monthOf(word: string): number | undefined {
  const key = word.toLowerCase();
  for (let i = 0; i < LANGS.length; i++) {
    const month = (monthTables[i] ??= monthTable(LANGS[i])).get(key);
    if (month) return month;
  }
  return undefined;
}

function monthTable(lang: string): Map<string, number> {
  const months = new Map<string, number>();
  const ambiguous = new Set<string>();
  const add = (name: string, month: number): void => {
    const key = name.toLowerCase().replace(/\.$/, '');
    if (key.length < 3 || ambiguous.has(key)) return;
    if (months.has(key) && months.get(key) !== month) {
      months.delete(key); // "jui" is juin and juillet
      ambiguous.add(key);
    } else months.set(key, month);
  };
  for (const width of ['long', 'short'] as const) {
    const inDate = new Intl.DateTimeFormat(lang, { month: width, day: 'numeric', timeZone: 'UTC' });
    const alone = new Intl.DateTimeFormat(lang, { month: width, timeZone: 'UTC' });
    for (let m = 0; m < 12; m++) {
      const date = new Date(Date.UTC(2025, m, 15));
      const genitive = inDate.formatToParts(date).find((p) => p.type === 'month')?.value ?? '';
      for (const name of [genitive, alone.format(date)]) {
        add(name, m + 1);
        // Abbreviations pages write that the tables do not: "Sept.", "Febr.", "Janv".
        if (width === 'long') for (const n of [3, 4]) add(name.slice(0, n), m + 1);
      }
    }
  }
  return months;
}

/** Weekday names of every language of LANGS, full and abbreviated, lower case: built when a byline's date is taken out. */
function weekdaysOf(): string[] {
  const weekdays = new Set<string>();
  for (const lang of LANGS) {
    for (const width of ['long', 'short'] as const) {
      const day = new Intl.DateTimeFormat(lang, { weekday: width, timeZone: 'UTC' });
      for (let d = 0; d < 7; d++) weekdays.add(day.format(new Date(Date.UTC(2025, 0, 5 + d))).toLowerCase().replace(/\.$/, ''));
    }
  }
  return [...weekdays].filter((w) => w.length >= 3);
}

const MONTH = '(\\p{L}{3,10})\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er|º|°)?\\.?';
const YEAR = '(\\d{4})';
/** "Jan. 16, 2025", "December 1 2025", "Nov 20 13:38 2019" (asctime's order; indiapost.com's calendar); "16 January 2025", "15 gennaio 2025", "15. Januar 2025", "15 de enero de 2025"; "2025-01-16"; "16.01.2025". */
const dateForms = (): readonly { re: RegExp; order: 'mdy' | 'dmy' | 'ymd' }[] => [
  { re: new RegExp(`(?<!\\p{L})${MONTH}\\s+${DAY},?\\s+(?:\\d\\d?(?::\\d\\d){1,2},?\\s+)?${YEAR}(?!\\d)`, 'giu'), order: 'mdy' },
  { re: new RegExp(`(?<![\\p{L}\\d])${DAY}\\s+(?:de\\s+)?${MONTH},?\\s+(?:de\\s+)?${YEAR}(?!\\d)`, 'giu'), order: 'dmy' },
  { re: /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g, order: 'ymd' },
  { re: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/g, order: 'dmy' },
];
let forms: ReturnType<typeof dateForms> | null = null;

/** A date written out in `text`, as `YYYY-MM-DD` with where it stands, or null. */
function findDate(text: string): { iso: string; index: number; length: number } | null {
  let best: { iso: string; index: number; length: number } | null = null;
  for (const { re, order } of (forms ??= dateForms())) {
    for (const m of text.matchAll(re)) {
      if (best && best.index <= m.index) break;
      const [, a, b, c] = m;
      const [y, mon, d] = order === 'mdy' ? [c, a, b] : order === 'dmy' ? [c, b, a] : [a, b, c];
      const month = /^\d+$/.test(mon) ? Number(mon) : monthOf(mon);
      const day = Number(d);
      const year = Number(y);
      if (!month || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) continue;
      best = { iso: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, index: m.index, length: m[0].length };
      break;
    }
  }
  return best;
}

/** The date `text` shows (`YYYY-MM-DD`), or null when it shows no full date. */
export function visibleDate(text: string): string | null {
  return findDate(collapse(text))?.iso ?? null;
}

/** A `<time>`'s date: its `datetime`, unless its text shows another full date (a template's placeholder). */
function dateOfTime(el: Element): string | null {
  const dom = domOf(el);
  const attr = (dom.get(el, 'datetime') ?? '').trim();
  const shown = visibleDate(dom.textContent(el));
  const machine = attr ? normalizeDate(attr) : null;
  if (!machine) return shown;
  if (!shown) return machine;
  const written = /^\d{4}-\d{2}-\d{2}/.exec(attr)?.[0] ?? machine.slice(0, 10);
  return written === shown ? machine : shown;
}

/** Where a `<time>` dates something else: a link to another page, a list of stories, a comment, a quote. */
const ELSEWHERE = 'a[href],li,nav,aside,footer,figcaption,blockquote,[class*="comment" i],[id*="comment" i]';

/**
 * An element outside `<time>` that shows the publication date, by its class or `itemprop` words: a date
 * or the story's meta line ("publish-date", "article_date", "storyDate", "entry-meta", "datePublished").
 */
const DATED = /date|publish|posted|timestamp|meta/i;
/** What dates a change, not the publication: a class word ("updated-date") or the words before the date. */
const UPDATE = /updat|modif|aktualis|mis à jour|actualiz|aggiorn|обновл/i;
/** A date in a page's address: `/2019/11/19/`, `/2019/nov/18/`. */
const URL_DATE = /\/((?:19|20)\d\d)\/(\d\d?|[a-z]{3,9})\/(\d\d?)\//i;

/** The publication date an element outside `<time>` shows, or null (none, or an update's). */
function dateOfElement(el: Element): string | null {
  const dom = domOf(el);
  const text = dom.textContent(el);
  if (text.length > 200) return null;
  const lines = linesOf(el, text);
  const found = findDate(lines);
  return found && !UPDATE.test(lines.slice(0, found.index)) ? found.iso : null;
}

/**
 * The publication date the page shows, or null: a `<time>` marked `itemprop="datePublished"`,
 * `pubdate` or in hAtom's `.published` (WordPress's `time.entry-date.published`, digg.com's
 * `abbr.published`; not in a link, list or aside) first; else the first `<time>` that stands with the
 * headline — in the same container as the page's `<h1>` (below `<body>`), not in a link, list, aside
 * or comment; else, near the headline, an element that shows a date ({@link DATED}, or a line of its
 * own that is only a date; not an update's); else the date in the byline Readability read (`byline`),
 * and last the date in the page's address (`url`). `times` are the page's
 * `<time>` elements in document order; `headlines`, its `<h1>`s; `titles`, what the article's title may be.
 */
export function pageDate(
  times: readonly Element[],
  headlines: readonly Element[],
  titles: readonly (string | null | undefined)[],
  byline: string | null = null,
  url: string | null = null,
): string | null {
  const first = times[0] ?? headlines[0];
  const [, y, m, d] = URL_DATE.exec(url ?? '') ?? [];
  // The address's date written as a page would: "19.11.2019" when the month is a number, "18 nov 2019" when a name.
  return (first && besideHeadline(first, times, headlines, titles)) || (byline && visibleDate(byline)) || (y ? visibleDate(`${d}.${m}.${y} ${d} ${m} ${y}`) : null);
}

/** A line that starts with a "Published"/"Posted" stamp (built on first use). */
let stamped: RegExp | undefined;

function besideHeadline(first: Element, times: readonly Element[], headlines: readonly Element[], titles: readonly (string | null | undefined)[]): string | null {
  const dom = domOf(first);
  for (const el of times) {
    const date = (/datepublished/i.test(dom.get(el, 'itemprop') ?? '') || dom.has(el, 'pubdate') || (dom.closest(el, '.published') && !dom.closest(el, ELSEWHERE))) && dateOfTime(el);
    if (date) return date;
  }
  // The `<h1>`s that are the article's title (or the first): a logo's `<h1>`, or the title's in a sticky
  // bar, may come before the one the date stands with.
  const isTitle = (h: Element): boolean => titles.some((t) => !!t && titleSimilarity(collapse(dom.textContent(h)), t) >= 0.75);
  const titled = headlines.filter(isTitle);
  // When none is, the first, then an <h2> or a "title" box that is the title (indiapost.com's <h2>,
  // entermedia.co.kr's <dl class="newsTitle">: their <h1>s are the logo's).
  for (const headline of titled.length ? titled : [...headlines.slice(0, 1), ...dom.queryAll(dom.rootNode(first) as Document, 'h2,[class*=title i]').filter(isTitle)]) {
    // A short bare line of text right after it that shows a date (entermedia.co.kr's "기사입력 :[ 2018-08-25 15:24 ]").
    const line = dom.nextSibling(headline);
    const date = line && dom.nodeType(line) === 3 && dom.textContent(line).length < 60 && !UPDATE.test(dom.textContent(line)) && visibleDate(dom.textContent(line));
    if (date) return date;
    const around = new Set<Element>();
    // A <time> anywhere in a container of the headline; another dated element below it, within three levels.
    let near: Element | null = null;
    for (let el = dom.parentElement(headline); el && dom.localName(el) !== 'body' && dom.localName(el) !== 'html'; el = dom.parentElement(el)) if (around.add(el).size < 4) near = el;
    // (With the headline right in <body>, its own descendants share no container with it: none is taken.)
    // Before the headline, only such a line in its own box ("Von … publiziert am 25. September 2018" above
    // comwrap.com's <h1>; not politifact.com's "… on Sunday, October 13th, 2019" under the quote it checks).
    const box = dom.parentElement(headline)!;
    const dated = listOf(dom.elementsByTag(near ?? headline, '*')).filter((el) => {
      const words = `${dom.get(el, 'class')} ${dom.get(el, 'itemprop')}`;
      // …or a line of its own that is only a date ("18 NOV 2019" under sciencealert.com's headline).
      const line = !dom.firstElementChild(el) && DATE_LINE.test(collapse(dom.textContent(el)));
      return (dom.position(headline, el) & 4 ? DATED.test(words) || line : around.has(box) && dom.position(box, el) & 16 && line) && !UPDATE.test(words);
    });
    for (const [list, dateOf] of [[times, dateOfTime], [dated, dateOfElement]] as const) {
      let past = false;
      for (const el of list) {
        if (dom.closest(el, ELSEWHERE)) continue;
        let shared = false;
        for (let p = dom.parentElement(el); p && !shared; p = dom.parentElement(p)) shared = around.has(p);
        if (!shared) continue;
        // Past the story's first paragraph, a date dates a part of it (a live blog's entries), not the page,
        // unless it says it is the page's ("First Published on Nov 20, 2019" under moneycontrol.com's story).
        past ||= !(dom.position(headline, el) & 2) && proseBetween(headline, el);
        if (past && !(stamped ??= new RegExp(`^${STAMP}`, 'iu')).test(collapse(dom.textContent(el)))) continue;
        const date = dateOf(el);
        if (date) return date;
      }
    }
  }
  return null;
}

/** Elements {@link proseBetween} looks at before it gives up (and says yes). */
const MAX_BETWEEN = 2000;

/** Whether a paragraph of running text (80+ characters) starts between `from` and `to` in document order, `to`'s own ancestors aside. */
function proseBetween(from: Element, to: Element): boolean {
  const dom = domOf(from);
  let el: Element | null = from;
  for (let steps = 0; el && steps < MAX_BETWEEN; steps++) {
    let next = dom.firstElementChild(el);
    for (let up: Element | null = el; !next && up; up = dom.parentElement(up)) next = dom.nextElementSibling(up);
    el = next;
    if (!el || el === to) return false;
    if (dom.localName(el) === 'p' && dom.textContent(el).trim().length >= 80 && !(dom.position(el, to) & 16)) return true;
  }
  return true;
}

/** Words that introduce a date in a byline ("Published", "Updated on", "Posted"). */
const dateLead = (): RegExp => new RegExp(`(?:^|[\\s|·•,;–—-])${STAMP}(?:\\s+(?:on|at|am|le|el|il))?\\s*:?\\s*$`, 'iu');
/** A time of day right after a date goes with it ("Jan. 16, 2025 at 10:30 am", "16.01.2025, 14:05"). */
const timeAfter = (): RegExp => new RegExp(`^\\s*(?:,|at|alle|à|um|a las|в)?\\s*${TIME}`, 'iu');
/**
 * A weekday written before a date ("Monday, November 18, 2019"), as a word of its own or, capitalised,
 * glued to the name before it: Readability's text joins `by Jeff Foust<br><span>Monday…` as "Jeff
 * FoustMonday" (a case-sensitive pattern: under `i`, `\p{Lu}` matches any letter).
 */
let weekdayBefore: RegExp[] | null = null;
function dropWeekday(text: string): string {
  if (!weekdayBefore) {
    const all = weekdaysOf().map(escapeRe);
    const full = all.filter((w) => w.length > 4).map((w) => w[0].toUpperCase() + w.slice(1));
    weekdayBefore = [new RegExp(`(?<!\\p{L})(?:${all.join('|')})\\.?\\s*,?\\s*$`, 'iu'), new RegExp(`(?<=\\p{Ll})(?:${full.join('|')})\\s*,?\\s*$`, 'u')];
  }
  return weekdayBefore.reduce((t, re) => t.replace(re, ''), text);
}
const EDGE = /^[\s|·•,;:–—-]+|[\s|·•,;:–—-]+$/gu;

/**
 * `byline` without the dates in it: the page's `<time>` texts (`dateTexts`) and any written-out full
 * date, with the words and separators that led to them ("| Updated", "Published on"). Null when
 * nothing but a date was there.
 */
/** "By …", "Words: …", "Текст: …": the label before the names. */
const BYLINE_LABEL = /^(?:(?:(?:written|posted|report(?:ed|ing)|story|words|text|photos?|analysis|commentary)\s+)?by|von|par|por|di|door|av)\s+|^(?:words|text|authors?|autore?|auteur|автор|текст)\s*:\s*/i;

/**
 * Readability's byline without its label and without the dates shown in it (`times`: the page's
 * `<time>` elements). `el` is the element Readability read it from: its lines are read apart.
 */
export function bylineOf(byline: string | null, times: readonly Element[], el: Element | null = null): string | null {
  if (!byline) return null;
  const b = stripDates(linesOf(el, byline).replace(BYLINE_LABEL, ''), times.map((t) => domOf(t).textContent(t)));
  return b && b.length <= 200 ? b : null;
}

/** A line that goes on with the next one: a label ("By", "Von:") or one ending in a separator. */
const GOES_ON = /(?:^(?:by|von|par|por|di|door|av)|[:,;&|·•–—-])$/i;

/**
 * `byline` as the page shows it, from `el` when its text is `byline` (not when Readability read
 * an `itemprop="name"` inside it): the text of each block and `<br>` line on its own, joined with ", "
 * ("By … and ERIC TUCKER" + "Associated Press"), or with a space after a label ("By" + "Ana Pérez")
 * or a separator. Readability's `textContent` glues such lines together.
 */
function linesOf(el: Element | null, byline: string): string {
  const want = collapse(byline);
  const dom = el && domOf(el);
  if (!el || !dom || collapse(dom.textContent(el)) !== want) return want;
  let text = '';
  // Iterative (a hostile page's nesting cannot overflow); null closes a block.
  const stack: (Node | null)[] = [el];
  while (stack.length) {
    const n = stack.pop();
    if (!n) {
      text += '\n';
      continue;
    }
    const type = dom.nodeType(n);
    if (type === 3) text += dom.textContent(n);
    if (type !== 1) continue;
    const tag = dom.localName(n as Element);
    if (tag === 'script' || tag === 'style' || tag === 'template') continue;
    if (BLOCK_TAGS.has(tag) || tag === 'br') {
      text += '\n';
      stack.push(null);
    }
    for (let c = dom.lastChild(n); c; c = dom.previousSibling(c)) stack.push(c);
  }
  let out = '';
  for (const line of text.split('\n').map(collapse)) {
    if (line) out = out ? `${out}${GOES_ON.test(out) || /^[,;&|·•–—-]/.test(line) ? ' ' : ', '}${line}` : line;
  }
  return out;
}

/** A credential or suffix after a name ("Ilana Muhlstein, MS, RDN", "…, PhD", "…, Jr."): part of that name, not another author. */
const CREDENTIAL = /^(?:[A-Z]{2,5}|Ph\.?\s?D\.?|M\.?D\.?|Jr\.?|Sr\.?|I{2,3}|IV)$/;
/** A role after a name ("TOM KRISHER, AP Auto Writer", "Jane Doe, Staff Reporter"): not an author. */
const ROLE = /\b(?:writer|reporter|correspondent|editor|columnist|contributor|staff|producer|photographer|critic|intern)s?\b/i;

/** A news agency or network after the names ("…, Associated Press", "…, CNN"): whom they write for, not an author (nor a credential). */
const AGENCY = /^(?:the\s+)?(?:(?:associated|canadian) press|ap|reuters|afp|agence france-presse|(?:bloomberg|kyodo|bbc)(?: news)?|dpa|efe|ansa|upi|xinhua|tass|ria novosti|interfax|press association|pti|ians|cnn)$/i;

/** A CMS account the metadata names as the author ("admin"): nobody a reader would cite. */
const ACCOUNT = /^(?:admin|webmaster|editor)/i;

/** A web address at a name's end ("Cleveland.com", "NJ Advance Media for NJ.com"): the outlet, not a person. */
const ADDRESS = /\.[a-z]{2,}$/i;

/**
 * The authors as a reader sees them. From the metadata's names (`named`) when there are any, else from
 * the byline: split at commas, "|" and "and" (in the rules' languages), a label ("By", "Analysis by")
 * and credentials kept with their name ("Ilana Muhlstein, MS, RDN"), roles, news agencies and the
 * outlet (a web address, or the site itself: "CNN Business" on CNN) left out unless nothing else is
 * named. Names the byline rules cannot read (`kei_eno`) stay as the metadata gives them.
 */
export function authorsOf(byline: string | null, named: readonly string[] = [], site: string | null = null): string[] {
  if (named.length) {
    const names = authorsOf(named.map((n) => collapse(n).replace(BYLINE_LABEL, '')).join(', '), [], site);
    // Names the rules cannot read ("kevin-r"): the page's byline when it names someone, else as given, but a CMS account.
    const shown = names.length ? names : authorsOf(byline, [], site);
    return shown.length ? shown : named.filter((n) => !ACCOUNT.test(n));
  }
  if (!byline || byline.length > 120) return [];
  const out: string[] = [];
  // "Finian Cunningham. Sputnik International": the site after a full stop is the outlet too.
  for (const part of (site ? byline.replace(`. ${site}`, `, ${site}`) : byline).split(/\s*(?:[,|&]|\b(?:and|und|et)\b|\bи\b)\s*/).map((s) => s.trim())) {
    if (out.length && CREDENTIAL.test(part) && !AGENCY.test(part)) out[out.length - 1] += `, ${part}`;
    else if (part.length > 1 && part !== part.toLowerCase()) out.push(part); // a capital letter: a name, not "kei_eno"
  }
  const home = site ? squash(site) : '';
  const outlet = (a: string): boolean => AGENCY.test(a) || ADDRESS.test(a) || (!!home && squash(a).length > 2 && (home.startsWith(squash(a)) || squash(a).startsWith(home)));
  // One word after a name of several, last: whom they write for or where ("Victor Tangermann, Futurism" on ScienceAlert).
  const people = out.filter((a, i) => !ROLE.test(a) && !outlet(a) && !(i && i === out.length - 1 && !/\s/.test(a) && /\s/.test(out[i - 1])));
  return people.length ? people : out;
}

export function stripDates(byline: string, dateTexts: readonly string[] = []): string | null {
  const lead = dateLead();
  let b = collapse(byline);
  for (const t of dateTexts) {
    const d = collapse(t);
    if (d.length >= 4 && b.includes(d)) b = b.split(d).map((part, i, all) => (i < all.length - 1 ? dropWeekday(part) : part)).join(' ');
  }
  for (let found = findDate(b); found; found = findDate(b)) {
    const before = dropWeekday(b.slice(0, found.index)).replace(lead, '');
    const after = b.slice(found.index + found.length).replace(timeAfter(), '');
    b = `${before} ${after}`;
  }
  b = collapse(b.replace(lead, '')).replace(EDGE, '');
  return b || null;
}
