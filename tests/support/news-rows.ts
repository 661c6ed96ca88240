import type { CachedNews } from '../../src/renderer/src/data/db';
import type { ContentLanguage } from '../../src/shared/languages';

/** A cached, published news item written in one language, as the tests' fixtures describe one. */
export function newsRow(item: {
  id: string;
  language: ContentLanguage;
  title: string;
  body: string;
  publishedAt: string;
  version?: number;
}): CachedNews {
  return {
    id: item.id,
    authorId: null,
    versions: { [item.language]: { title: item.title, body: item.body } },
    createdAt: item.publishedAt,
    editedAt: null,
    publishedAt: item.publishedAt,
    pinnedAt: null,
    version: item.version ?? 1,
  };
}

/** The title of a fixture's news item, in the one language it is written in. */
export function titleOf(news: CachedNews): string {
  const title = Object.values(news.versions)[0]?.title;
  if (title === undefined) throw new Error(`news ${news.id} has no version`);
  return title;
}
