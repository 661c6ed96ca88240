/** Sizes, dates and counts in the UI language, through Intl. */

/**
 * The locale given to Intl for a UI language. Arabic keeps Latin digits
 * (`ar-u-nu-latn`): counts that i18next interpolates are plain Latin digits,
 * so dates, sizes and numbers must match them on the same line, and engines
 * disagree on the default digits of a bare `ar` (it depends on their CLDR
 * version). Latin digits are also the usage of the Maghreb and of ILO's
 * Arabic pages. Other languages use their CLDR default.
 */
export function intlLocale(locale: string): string {
  const primary = locale.toLowerCase().split('-')[0];
  return primary === 'ar' && !locale.includes('-u-') ? `${locale}-u-nu-latn` : locale;
}

/**
 * Intl formatters are costly to make (a fraction of a millisecond each: a list of 20 search results spent
 * 9 ms making date formatters) and immutable, so one is kept per kind, locale and options. A locale Intl
 * does not know throws, as `new Intl.*` does.
 */
type Formatter =
  Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DisplayNames | Intl.ListFormat;
const formatters = new Map<string, Formatter>();

function cached<T extends Formatter>(kind: string, locale: string, options: object, make: (locale: string) => T): T {
  const key = `${kind} ${locale} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make(intlLocale(locale));
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const options: Intl.NumberFormatOptions = {
    style: 'unit',
    unit: units[unit],
    // "784 bytes", "1 byte" (narrow or short gives "784B" or "784 byte"), then "1.2 kB".
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  };
  return cached('number', locale, options, (tag) => new Intl.NumberFormat(tag, options)).format(value);
}

export function formatDate(
  iso: string,
  locale: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached('date', locale, options, (tag) => new Intl.DateTimeFormat(tag, options)).format(date);
}

export function formatDateTime(iso: string, locale: string): string {
  return formatDate(iso, locale, { dateStyle: 'medium', timeStyle: 'short' });
}

const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'short' };
const DAY_AND_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** A moment as a person says it: the time if it is today ("14:05"), else the day and time. */
export function formatMoment(iso: string, locale: string, now: number = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const today = new Date(now);
  const sameDay =
    date.getFullYear() === today.getFullYear() &&
    date.getMonth() === today.getMonth() &&
    date.getDate() === today.getDate();
  return formatDate(iso, locale, sameDay ? TIME : DAY_AND_TIME);
}

const RELATIVE: Intl.RelativeTimeFormatOptions = { numeric: 'auto' };

/** "3 minutes ago", "yesterday": relative time for recent activity. */
export function formatRelative(iso: string, locale: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = cached('relative', locale, RELATIVE, (tag) => new Intl.RelativeTimeFormat(tag, RELATIVE));
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

export function formatNumber(value: number, locale: string): string {
  return cached('number', locale, {}, (tag) => new Intl.NumberFormat(tag)).format(value);
}

/** Names of languages or regions in the UI language ("fr" → "French"). */
export function displayNames(locale: string, type: 'language' | 'region'): Intl.DisplayNames {
  return cached(`names-${type}`, locale, {}, (tag) => new Intl.DisplayNames([tag], { type }));
}

/** "a, b and c" in the UI language. */
export function listFormat(locale: string): Intl.ListFormat {
  return cached('list', locale, {}, (tag) => new Intl.ListFormat(tag, { type: 'conjunction' }));
}

/** "a, b, c" without a conjunction, for items that are not alternatives or additions (a search's criteria). */
export function unitList(locale: string): Intl.ListFormat {
  return cached('list-unit', locale, {}, (tag) => new Intl.ListFormat(tag, { type: 'unit', style: 'short' }));
}
