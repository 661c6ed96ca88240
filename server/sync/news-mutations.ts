import { editedNews, newNews, pinnedNews, publishedNews, type News } from '../../src/shared/wire';
import { deleteEntity, republishTranslations } from './feed';
import {
  assertNew,
  conflictIfStale,
  loadVisible,
  Rejection,
  requireCapability,
  write,
  type MutationContext,
  type MutationHandlers,
  type Outcome,
} from './mutation-kit';
import { deleteTranslationsOf } from './translation-mutations';

type NewsHandlers = Pick<MutationHandlers, 'news.create' | 'news.update' | 'news.publish' | 'news.pin' | 'news.delete'>;

/** Published, a news item is everyone's; unpublished, only the people who may publish news see it. */
function writeNews(m: MutationContext, news: News): Promise<Outcome> {
  return write(m, 'news', news, {
    audience: news.publishedAt === null ? 'news-publishers' : 'all',
    ownerId: news.authorId,
  });
}

/** Other pinned items lose their pin: Home tops one news item. */
async function unpinOthers(m: MutationContext, keepId: string): Promise<void> {
  const pinned = await m.db.query<{ id: string }>(
    `SELECT id FROM entities
      WHERE type = 'news' AND NOT deleted AND id <> $1 AND data->>'pinnedAt' IS NOT NULL ORDER BY seq`,
    [keepId],
  );
  for (const { id } of pinned.rows) {
    const other = await loadVisible(m, 'news', id);
    await writeNews(m, pinnedNews(other.data, false, m.now.toISOString()));
  }
}

/**
 * News, by the team: whoever may publish news (admins, news editors) writes, edits, unpublishes, pins and
 * deletes any news item; the others read published ones. An edit carries its base version and conflicts
 * with a colleague's edit made meanwhile; publishing and pinning are last-writer-wins flags.
 */
export const newsMutations: NewsHandlers = {
  async 'news.create'(m, args) {
    requireCapability(m, 'news.publish');
    await assertNew(m, 'news', args.id);
    return writeNews(m, newNews(args, { authorId: m.user.id, now: m.now.toISOString() }));
  },
  async 'news.update'(m, args, baseVersion) {
    requireCapability(m, 'news.publish');
    const news = await loadVisible(m, 'news', args.id);
    return (
      conflictIfStale(news, baseVersion) ?? writeNews(m, editedNews(news.data, args.versions, m.now.toISOString()))
    );
  },
  async 'news.publish'(m, args, baseVersion) {
    requireCapability(m, 'news.publish');
    const news = await loadVisible(m, 'news', args.id);
    const stale = conflictIfStale(news, baseVersion);
    if (stale !== undefined) return stale;
    const outcome = await writeNews(m, publishedNews(news.data, args.published, m.now.toISOString()));
    // Its readers' translations follow it out of (and back into) everyone's feed.
    if (outcome.status === 'applied') await republishTranslations(m.db, { newsId: news.id }, m.now);
    return outcome;
  },
  async 'news.pin'(m, args, baseVersion) {
    requireCapability(m, 'news.publish');
    const news = await loadVisible(m, 'news', args.id);
    const stale = conflictIfStale(news, baseVersion);
    if (stale !== undefined) return stale;
    if (args.pinned) {
      if (news.data.publishedAt === null) throw new Rejection('invalid', 'Publish the news item before pinning it.');
      await unpinOthers(m, news.id);
    }
    return writeNews(m, pinnedNews(news.data, args.pinned, m.now.toISOString()));
  },
  async 'news.delete'(m, args, baseVersion) {
    requireCapability(m, 'news.publish');
    const news = await loadVisible(m, 'news', args.id);
    const stale = conflictIfStale(news, baseVersion);
    if (stale !== undefined) return stale;
    // Its translations go with it, for everyone (tombstones through the feed).
    await deleteTranslationsOf(m, news.id);
    const deleted = await deleteEntity(m.db, 'news', news.id, m.now);
    return { status: 'applied', version: deleted?.version ?? news.version + 1 };
  },
};
