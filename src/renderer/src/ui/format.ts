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

export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'unit',
    unit: units[unit],
    // "0 B", "1.2 kB": narrow reads best for bytes in every language.
    unitDisplay: unit === 0 ? 'narrow' : 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

export function formatDate(
  iso: string,
  locale: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(intlLocale(locale), options).format(date);
}

export function formatDateTime(iso: string, locale: string): string {
  return formatDate(iso, locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 minutes ago", "yesterday": relative time for recent activity. */
export function formatRelative(iso: string, locale: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
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
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}
