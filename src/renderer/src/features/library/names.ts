import { displayNames } from '../../ui/format';

/** Language and country names in the UI language, from Intl rather than hard-coded lists. */
export function languageName(code: string, locale: string): string {
  try {
    return displayNames(locale, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

/** Countries arrive as names ("Costa Rica") or ISO codes ("CR"); codes are translated. */
export function countryName(value: string, locale: string): string {
  if (!/^[A-Z]{2}$/u.test(value)) return value;
  try {
    return displayNames(locale, 'region').of(value) ?? value;
  } catch {
    return value;
  }
}
