import { franc } from 'franc-min';
import type { ContentLanguage } from './languages';

/** franc's ISO 639-3 codes for the Collective Brain's content languages. */
const BY_FRANC_CODE: Readonly<Record<string, ContentLanguage>> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  por: 'pt',
  ita: 'it',
  arb: 'ar',
  kor: 'ko',
  jpn: 'ja',
  ell: 'el',
  tur: 'tr',
};
const ONLY = Object.keys(BY_FRANC_CODE);

/**
 * The content language a text is most likely written in, among those the Collective Brain publishes in, or
 * null when the text is too short to tell (a suggestion only: the writer decides).
 */
export function detectLanguage(text: string, minLength = 20): ContentLanguage | null {
  const code = franc(text, { only: ONLY, minLength });
  return BY_FRANC_CODE[code] ?? null;
}
