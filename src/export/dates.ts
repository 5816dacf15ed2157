/**
 * Dates written for people, shared by the views (popup, reader, library) and the exports (the
 * standalone HTML page). No DOM: it runs in Node and in every extension page.
 */

export interface DateStyle {
  /** BCP 47 locale; the reader's own when undefined (the views). Exports pass a fixed one. */
  locale?: string;
  /** Where a UTC instant is given its day; the reader's own zone when undefined. */
  timeZone?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat | null {
  const key = JSON.stringify([locale ?? '', options]);
  if (!formatters.has(key)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      f = null;
    }
    formatters.set(key, f);
  }
  return formatters.get(key)!;
}

/**
 * A date as a locale writes it. A year alone, a plain date and a date-time with the page's offset
 * show the calendar day the page gives (in UTC, plain dates would be the evening before west of
 * Greenwich, and an evening in New York the next day east of it); a UTC instant shows the day in
 * `style.timeZone` (the reader's own by default). Anything unreadable is returned as it was.
 */
export function formatDate(iso: string | null, style: DateStyle = {}): string | null {
  if (!iso) return null;
  if (/^\d{4}$/.test(iso)) return iso;
  const written = /^(\d{4})-(\d{2})-(\d{2})(?:$|T.*[+-]\d{2}:\d{2}$)/.exec(iso);
  const d = written ? new Date(Date.UTC(Number(written[1]), Number(written[2]) - 1, Number(written[3]))) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const format = formatter(style.locale, { dateStyle: 'long', timeZone: written ? 'UTC' : style.timeZone });
  return format ? format.format(d) : d.toDateString();
}

/** An instant (provenance times) as an English date and time in UTC: "March 30, 2019, 09:00 UTC". */
export function formatInstantUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = formatter('en', { dateStyle: 'long', timeZone: 'UTC' });
  const time = formatter('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  return day && time ? `${day.format(d)}, ${time.format(d)} UTC` : d.toUTCString();
}
