import type { ContentLanguage } from './languages';
import { pickLocalized } from './localized';
import type { News, NewsVersion, NewsVersions } from './wire/entities';

/** The languages a news item is written in, in the order its versions were given. */
export function languagesOf(versions: NewsVersions): ContentLanguage[] {
  return (Object.keys(versions) as ContentLanguage[]).filter((language) => versions[language] !== undefined);
}

/** The version of a news item a reader sees: by their content languages, then English, then any. */
export interface ShownVersion {
  readonly language: ContentLanguage;
  readonly version: NewsVersion;
  /** Its other languages, for the reader to switch to. */
  readonly others: readonly ContentLanguage[];
}

export function pickNewsVersion(
  news: Pick<News, 'versions'>,
  preferred: readonly ContentLanguage[],
): ShownVersion | undefined {
  const picked = pickLocalized(news.versions, preferred);
  return picked === undefined ? undefined : { language: picked.language, version: picked.value, others: picked.others };
}

/** The pinned item Home shows first: the latest pinned among the published (the server keeps one). */
export function pinnedNewsOf<N extends Pick<News, 'publishedAt' | 'pinnedAt'>>(items: readonly N[]): N | undefined {
  let best: N | undefined;
  for (const item of items) {
    if (item.publishedAt === null || item.pinnedAt === null) continue;
    if (best?.pinnedAt == null || item.pinnedAt > best.pinnedAt) best = item;
  }
  return best;
}
