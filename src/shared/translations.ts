import { CONTENT_LANGUAGES, type ContentLanguage } from './languages';

/**
 * Which reader translation of a post or news item to show, by the same rule
 * as every other language choice (the reader's content languages in their
 * order, then English): a translation is shown only when its language comes
 * before the original's, so a reader never loses an original they can read.
 */
export interface TranslationChoice {
  readonly id: string;
  readonly language: ContentLanguage;
  /** Absent on a translation made on this device before the server has it. */
  readonly authorId?: string | undefined;
  readonly createdAt: string;
}

function languageOrder(preferred: readonly ContentLanguage[]): ContentLanguage[] {
  return [...new Set<ContentLanguage>([...preferred, 'en'])];
}

function rankOf(language: ContentLanguage, order: readonly ContentLanguage[]): number {
  const index = order.indexOf(language);
  return index < 0 ? order.length : index;
}

/**
 * The translation to show instead of the original, or undefined to show the
 * original. Among several in the best language, the reader's own comes
 * first (they see their work), then the oldest (the first contribution).
 */
export function pickTranslation<T extends TranslationChoice>(
  originalLanguage: ContentLanguage,
  translations: readonly T[],
  preferred: readonly ContentLanguage[],
  readerId?: string,
): T | undefined {
  const order = languageOrder(preferred);
  const originalRank = rankOf(originalLanguage, order);
  let best: T | undefined;
  let bestKey: [number, number, string, string] | undefined;
  for (const translation of translations) {
    const rank = rankOf(translation.language, order);
    if (rank >= originalRank || rank >= order.length) continue;
    const own = readerId !== undefined && translation.authorId === readerId ? 0 : 1;
    const key: [number, number, string, string] = [rank, own, translation.createdAt, translation.id];
    if (bestKey === undefined || compareKeys(key, bestKey) < 0) {
      best = translation;
      bestKey = key;
    }
  }
  return best;
}

function compareKeys(a: [number, number, string, string], b: [number, number, string, string]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]) || a[3].localeCompare(b[3]);
}

/**
 * The language a new translation starts in: the reader's first content
 * language the original is not written in (`writtenIn`: every language a
 * news item has a version in; by default the original's), else English, else
 * the first content language it is not written in.
 */
export function defaultTranslationLanguage(
  originalLanguage: ContentLanguage,
  preferred: readonly ContentLanguage[],
  writtenIn: readonly ContentLanguage[] = [originalLanguage],
): ContentLanguage {
  const candidates = [...languageOrder(preferred), ...CONTENT_LANGUAGES];
  return candidates.find((language) => language !== originalLanguage && !writtenIn.includes(language)) ?? 'en';
}
