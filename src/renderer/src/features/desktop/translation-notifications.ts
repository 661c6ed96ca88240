import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api } from '../../../../shared/contract';
import type { NotificationRequest } from '../../../../shared/desktop';
import type { CachedTranslationRequest, CollectiveBrainDb } from '../../data/db';
import type { SyncEngine } from '../../data/sync-engine';
import { formatNumber } from '../../ui/format';
import { languageName } from '../library/names';
import { MAX_SEPARATE_NOTIFICATIONS } from './notifications';
import { pickNewsVersion } from '../../../../shared/news';

/** Where the newest fulfilment already told of is remembered (server time), per account on this device. */
export function translationsWatermarkKey(userId: string): string {
  return `collective-brain:translations-notified-until:${userId}`;
}

/** Names and titles keep their own direction inside a sentence in another script (FSI … PDI). */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** My requests that a translation fulfilled after `since`, oldest first. */
export async function fulfilledSince(
  db: CollectiveBrainDb,
  userId: string,
  since: string,
): Promise<CachedTranslationRequest[]> {
  // Requests are few (a reader's own and the open ones they may see): a scan is cheaper than an index.
  const fulfilled = await db.translationRequests
    .filter((request) => request.requesterId === userId && request.fulfilledAt !== null && request.fulfilledAt > since)
    .toArray();
  return fulfilled.sort((a, b) => (a.fulfilledAt ?? '').localeCompare(b.fulfilledAt ?? ''));
}

/** What was translated, and where a click opens it: the post in its thread, or the news. */
async function placeOf(
  db: CollectiveBrainDb,
  request: CachedTranslationRequest,
): Promise<{ title: string; target: NotificationRequest['target'] } | undefined> {
  if (request.targetType === 'news') {
    const news = await db.news.get(request.targetId);
    const version = news === undefined ? undefined : pickNewsVersion(news, []);
    return version === undefined
      ? undefined
      : { title: version.version.title, target: { screen: 'section', section: 'news' } };
  }
  const post = await db.posts.get(request.targetId);
  const thread = post === undefined ? undefined : await db.threads.get(post.threadId);
  if (post === undefined || thread === undefined) return undefined;
  return { title: thread.title, target: { screen: 'thread', threadId: thread.id, postId: post.id } };
}

/**
 * After each successful sync, the translations the user asked for that arrived
 * become system notifications (the requester learns of it away from the post);
 * a click opens what was translated. As for replies, the first sync on this
 * device only marks where things stand.
 */
export function useTranslationNotifications({
  api,
  db,
  engine,
  userId,
}: {
  api: Api;
  db: CollectiveBrainDb;
  engine: SyncEngine;
  userId: string | undefined;
}): void {
  const { t, i18n } = useTranslation('desktop');
  useEffect(() => {
    if (userId === undefined) return;
    const key = translationsWatermarkKey(userId);
    let running = false;
    let lastSuccess = engine.current().lastSuccessAt;

    const announce = async (fulfilled: CachedTranslationRequest[]): Promise<void> => {
      if (fulfilled.length > MAX_SEPARATE_NOTIFICATIONS) {
        const count = fulfilled.length;
        await api.desktop.notify({
          kind: 'translated',
          title: t('translated.many.title', { count, formatted: formatNumber(count, i18n.language) }),
          body: t('translated.many.body'),
          target: { screen: 'section', section: 'forum' },
        });
        return;
      }
      for (const request of fulfilled) {
        const place = await placeOf(db, request);
        if (place === undefined) continue;
        const translation = request.fulfilledBy === null ? undefined : await db.translations.get(request.fulfilledBy);
        const translator =
          (translation?.authorId === undefined ? undefined : await db.users.get(translation.authorId))?.displayName ??
          t('activity.someone');
        await api.desktop.notify({
          kind: 'translated',
          title: t('translated.title', {
            name: isolate(translator),
            language: languageName(request.language, i18n.language),
          }).slice(0, 200),
          body: t('translated.body', { title: isolate(place.title) }).slice(0, 500),
          target: place.target,
        });
      }
    };

    const check = async (): Promise<void> => {
      // Only the window that runs sync speaks (another window of the same profile stands by).
      if (running || engine.current().phase === 'standby') return;
      running = true;
      try {
        const since = window.localStorage.getItem(key);
        if (since === null) {
          window.localStorage.setItem(key, new Date().toISOString());
          return;
        }
        const fulfilled = await fulfilledSince(db, userId, since);
        const newest = fulfilled.at(-1)?.fulfilledAt;
        if (newest === undefined || newest === null) return;
        window.localStorage.setItem(key, newest);
        await announce(fulfilled);
      } finally {
        running = false;
      }
    };

    return engine.subscribe((status) => {
      if (status.phase !== 'idle' || status.lastSuccessAt === lastSuccess) return;
      lastSuccess = status.lastSuccessAt;
      void check();
    });
  }, [api, db, engine, userId, t, i18n]);
}
