import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api, SessionStatus } from '../../../../shared/contract';
import type { NotificationRequest } from '../../../../shared/desktop';
import type { CollectiveBrainDb, Draft } from '../../data/db';
import type { SyncEngine } from '../../data/sync-engine';
import { formatNumber } from '../../ui/format';
import { activityIn, myPostIds, postsSince, type Activity } from './activity';

/** Past this many at once, one notification sums them up instead of a stack of them. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;

/** Names and titles keep their own direction inside a sentence in another script (FSI … PDI). */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Where the newest post already looked at is remembered, per account on this device. */
export function watermarkKey(userId: string): string {
  return `collective-brain:notified-until:${userId}`;
}

/** Only the window that runs sync speaks: another window of the same profile stands by. */
function ownsSync(engine: SyncEngine): boolean {
  return engine.current().phase !== 'standby';
}

interface ActivityDeps {
  api: Api;
  db: CollectiveBrainDb;
  engine: SyncEngine;
  user: SessionStatus['user'];
}

/**
 * After each successful sync, the posts that arrived and concern the user
 * (replies, mentions) become system notifications; a click opens the post.
 * The first sync on this device only marks where things stand: a new install
 * does not announce years of history.
 */
export function useActivityNotifications({ api, db, engine, user }: ActivityDeps): void {
  const { t, i18n } = useTranslation('desktop');
  const userId = user?.id;
  const displayName = user?.displayName;
  useEffect(() => {
    if (userId === undefined || displayName === undefined) return;
    const key = watermarkKey(userId);
    let running = false;
    let lastSuccess = engine.current().lastSuccessAt;

    const announce = async (activity: Activity[]): Promise<void> => {
      if (activity.length > MAX_SEPARATE_NOTIFICATIONS) {
        const count = activity.length;
        await api.desktop.notify({
          kind: activity.some((item) => item.kind === 'mention') ? 'mention' : 'reply',
          title: t('activity.many.title', { count, formatted: formatNumber(count, i18n.language) }),
          body: t('activity.many.body'),
          target: { screen: 'section', section: 'forum' },
        });
        return;
      }
      for (const { kind, post, thread } of activity) {
        const author =
          (post.authorId === undefined ? undefined : await db.users.get(post.authorId))?.displayName ??
          t('activity.someone');
        const request: NotificationRequest = {
          kind,
          title: t(`activity.${kind}.title`, { name: isolate(author) }).slice(0, 200),
          body: t(`activity.${kind}.body`, { thread: isolate(thread.title) }).slice(0, 500),
          target: { screen: 'thread', threadId: thread.id, postId: post.id },
        };
        await api.desktop.notify(request);
      }
    };

    const check = async (): Promise<void> => {
      if (running || !ownsSync(engine)) return;
      running = true;
      try {
        const since = window.localStorage.getItem(key);
        if (since === null) {
          window.localStorage.setItem(key, new Date().toISOString());
          return;
        }
        const { posts, threads } = await postsSince(db, since);
        if (posts.length === 0) return;
        const newest = posts.reduce((max, post) => (post.createdAt > max ? post.createdAt : max), since);
        const mine = await myPostIds(db, posts, userId);
        window.localStorage.setItem(key, newest);
        await announce(activityIn(posts, threads, mine, { id: userId, displayName }));
      } finally {
        running = false;
      }
    };

    return engine.subscribe((status) => {
      if (status.phase !== 'idle' || status.lastSuccessAt === lastSuccess) return;
      lastSuccess = status.lastSuccessAt;
      void check();
    });
  }, [api, db, engine, userId, displayName, t, i18n]);
}

/** A refused write can be fixed where it was made: its thread when it was a reply, else the Sync center. */
function refusedTarget(draft: Draft): NotificationRequest['target'] {
  return draft.kind === 'reply' && draft.targetId !== undefined
    ? { screen: 'thread', threadId: draft.targetId }
    : { screen: 'section', section: 'sync' };
}

/**
 * A write the server refused comes back as a draft with its reason: the user
 * is told, even away from the window. The engine counts refusals as its push
 * results are applied (the drafts are written first), so each new refusal is
 * the newest refused draft.
 */
export function useRefusedWriteNotifications({ api, db, engine }: Omit<ActivityDeps, 'user'>): void {
  const { t } = useTranslation('desktop');
  useEffect(() => {
    let counted = engine.current().rejected;
    return engine.subscribe((status) => {
      const fresh = status.rejected - counted;
      counted = status.rejected;
      if (fresh <= 0) return;
      void (async () => {
        const refused = await db.drafts.filter((draft) => draft.rejection !== undefined).toArray();
        refused.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
        for (const draft of refused.slice(0, Math.min(fresh, MAX_SEPARATE_NOTIFICATIONS))) {
          await api.desktop.notify({
            kind: 'write-refused',
            title: t('refused.title'),
            body: t('refused.body'),
            target: refusedTarget(draft),
          });
        }
      })();
    });
  }, [api, db, engine, t]);
}
