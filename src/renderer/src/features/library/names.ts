/** Language and country names in the UI language, from Intl rather than hard-coded lists. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Countries arrive as names ("Costa Rica") or ISO codes ("CR"); codes are translated. */
export function countryName(value: string, locale: string): string {
  if (!/^[A-Z]{2}$/u.test(value)) return value;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(value) ?? value;
  } catch {
    return value;
  }
}
