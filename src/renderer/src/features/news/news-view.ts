import type { ContentLanguage } from '../../../../shared/languages';
import { pickNewsVersion } from '../../../../shared/news';
import { pickTranslation } from '../../../../shared/translations';
import type { CachedNews, CachedTranslation } from '../../data/db';

/**
 * A news item as one reader sees it: the language version their content languages prefer, or a reader's
 * translation into a language they prefer to every version, by the rule every screen uses.
 */
export interface ShownNews {
  readonly item: CachedNews;
  /** The language shown. */
  readonly language: ContentLanguage;
  readonly title: string;
  readonly body: string;
  /** The version the item itself has in the reader's best language (a translation is made from the item). */
  readonly versionLanguage: ContentLanguage;
  /** Set when a reader's translation is shown. */
  readonly translation: CachedTranslation | undefined;
}

export function showNews(
  item: CachedNews,
  translations: readonly CachedTranslation[],
  languages: readonly ContentLanguage[],
  readerId: string | undefined,
): ShownNews | undefined {
  const version = pickNewsVersion(item, languages);
  if (version === undefined) return undefined;
  const translation = pickTranslation(version.language, translations, languages, readerId);
  return translation === undefined
    ? {
        item,
        language: version.language,
        title: version.version.title,
        body: version.version.body,
        versionLanguage: version.language,
        translation: undefined,
      }
    : {
        item,
        language: translation.language,
        title: translation.title ?? version.version.title,
        body: translation.body,
        versionLanguage: version.language,
        translation,
      };
}
