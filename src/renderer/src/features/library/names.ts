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

/**
 * Countries arrive as ISO codes ("CR") or, from older content and the demo, as English names ("Costa Rica",
 * "Republic of Korea", "Europe"). Both are shown in the UI language: a name is read back to its code first.
 * Unknown values are shown as they are.
 */
export function countryName(value: string, locale: string): string {
  const key = `${locale}\u0000${value}`;
  let name = countryNames.get(key);
  if (name === undefined) {
    const code = /^(?:[A-Z]{2}|\d{3})$/u.test(value) ? value : regionCode(value);
    try {
      name = code === undefined ? value : (displayNames(locale, 'region').of(code) ?? value);
    } catch {
      name = value;
    }
    countryNames.set(key, name);
  }
  return name;
}

const countryNames = new Map<string, string>();

/** Other English names in use (UN style, older forms) of regions CLDR names differently. */
const ALIASES: Readonly<Record<string, string>> = {
  'republic of korea': 'KR',
  korea: 'KR',
  "democratic people's republic of korea": 'KP',
  'united states of america': 'US',
  usa: 'US',
  'united kingdom of great britain and northern ireland': 'GB',
  uk: 'GB',
  'russian federation': 'RU',
  'viet nam': 'VN',
  'iran (islamic republic of)': 'IR',
  'bolivia (plurinational state of)': 'BO',
  'venezuela (bolivarian republic of)': 'VE',
  'united republic of tanzania': 'TZ',
  tanzania: 'TZ',
  "lao people's democratic republic": 'LA',
  'syrian arab republic': 'SY',
  'republic of moldova': 'MD',
  'democratic republic of the congo': 'CD',
  'cote d’ivoire': 'CI',
  turkey: 'TR',
  'state of palestine': 'PS',
  'latin america': '419',
  'latin america and the caribbean': '419',
};

/** The M49 areas the content may name, besides countries. */
const AREAS = ['001', '002', '009', '019', '142', '150', '419', '021', '005', '013', '029', '145', '151', '155'];

let englishIndex: Map<string, string> | undefined;

/** Reads an English region name back to its code, through CLDR's own English names (built once). */
function regionCode(name: string): string | undefined {
  if (englishIndex === undefined) {
    englishIndex = new Map();
    const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const letters = Array.from({ length: 26 }, (_, index) => String.fromCharCode(65 + index));
    const codes = letters.flatMap((a) => letters.map((b) => a + b)).concat(AREAS);
    for (const code of codes) {
      let known: string | undefined;
      try {
        known = english.of(code);
      } catch {
        known = undefined;
      }
      if (known !== undefined && known !== code) englishIndex.set(foldName(known), code);
    }
    for (const [alias, code] of Object.entries(ALIASES)) englishIndex.set(foldName(alias), code);
  }
  return englishIndex.get(foldName(name));
}

function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/['’]/gu, "'").trim().toLowerCase();
}
