import { displayNames } from '../../ui/format';

/**
 * Language and country names in the UI language, from Intl rather than hard-coded lists. Kept once found:
 * `Intl.DisplayNames.of` is slow (94 ms of self time in a CPU profile of the bench's 200 queries), and screens
 * name the same few languages at every render (the search screen's filter and results named about 30 a query).
 */
export function languageName(code: string, locale: string): string {
  const key = `${locale}\u0000${code}`;
  let name = languageNames.get(key);
  if (name === undefined) {
    try {
      name = displayNames(locale, 'language').of(code) ?? code;
    } catch {
      name = code;
    }
    languageNames.set(key, name);
  }
  return name;
}

/** Bounded by the languages and locales there are (codes come from our own lists and the cache's rows). */
const languageNames = new Map<string, string>();

/** Countries arrive as names ("Costa Rica") or ISO codes ("CR"); codes are translated. */
export function countryName(value: string, locale: string): string {
  if (!/^[A-Z]{2}$/u.test(value)) return value;
  try {
    return displayNames(locale, 'region').of(value) ?? value;
  } catch {
    return value;
  }
}
