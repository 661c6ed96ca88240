import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/settings';
import { useSession } from '../../app/session-context';
import { useUiStore } from '../../app/ui-store';
import { useDb, useSyncEngine } from '../../data/data-context';
import type { ActivityRow, CollectiveBrainDb } from '../../data/db';
import { isolateText } from '../../ui/bidi';
import { formatNumber } from '../../ui/format';
import { excerpt } from '../news/NewsScreen';
import { markRead } from './activity-view';
import { notifyInPage, type ActivityNotice } from './notifier';
import { dropStale, refreshActivity } from './refresh';
import type { Me } from './sources';

/** Past this many at once, one notification sums them up instead of a stack of them. */
export const MAX_SEPARATE_NOTICES = 3;

/** Kinds a notification tells of: someone wrote to the user, or about them. */
const NOTIFIED: ReadonlySet<ActivityRow['kind']> = new Set(['mention', 'quote', 'reply']);

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The notices for what just arrived: one per reply or mention, or one that sums many up. */
export async function noticesFor(
  db: CollectiveBrainDb,
  fresh: readonly ActivityRow[],
  t: Translate,
  locale: string,
): Promise<ActivityNotice[]> {
  const told = fresh.filter((row) => NOTIFIED.has(row.kind) && row.read === 0);
  if (told.length > MAX_SEPARATE_NOTICES) {
    const count = told.length;
    return [
      {
        kind: told.some((row) => row.kind === 'mention') ? 'mention' : 'reply',
        title: t('notify.many', { count, formatted: formatNumber(count, locale) }),
        body: t('notify.manyBody'),
        route: { name: 'activity' },
        tag: 'activity',
      },
    ];
  }
  const [posts, threads, users] = await Promise.all([
    db.posts.bulkGet(told.map((row) => row.subjectId)),
    db.threads.bulkGet(told.map((row) => row.placeId)),
    db.users.bulkGet(told.map((row) => row.actorId ?? '')),
  ]);
  return told.map((row, index) => ({
    kind: row.kind === 'mention' ? 'mention' : 'reply',
    title: t(`notify.${row.kind}`, { name: isolateText(users[index]?.displayName ?? t('someone')) }),
    body: t('notify.body', {
      thread: isolateText(threads[index]?.title ?? ''),
      excerpt: excerpt(posts[index]?.body ?? '', 200),
    }),
    route: { name: 'thread', threadId: row.placeId, postId: row.subjectId },
    tag: row.key,
  }));
}

/**
 * Keeps the Activity screen current and tells the user of replies and
 * mentions. After each sync that this window ran (the window that owns sync;
 * the others stand by), it looks at what arrived, stores what concerns the
 * user, and notifies them of replies and mentions while the window is not in
 * front (and they did not mute it). No UI of its own.
 */
export function ActivityWatcher({ settings }: { info: AppInfo; settings: Settings }): null {
  const db = useDb();
  const engine = useSyncEngine();
  const session = useSession();
  const navigate = useUiStore((state) => state.navigate);
  const { t, i18n } = useTranslation('activity');
  const latest = useRef({ t: t as Translate, locale: i18n.language, navigate, settings });
  latest.current = { t: t as Translate, locale: i18n.language, navigate, settings };
  const userId = session.user?.id;
  const sessionName = session.user?.displayName;

  useEffect(() => {
    if (userId === undefined) return;
    let running = false;
    let again = false;
    let stopped = false;

    const announce = async (fresh: readonly ActivityRow[]): Promise<void> => {
      const { t: translate, locale, navigate: open } = latest.current;
      const notices = await noticesFor(db, fresh, translate, locale);
      for (const notice of notices) {
        notifyInPage(
          notice,
          (route) => {
            if (notice.tag !== 'activity') void markRead(db, [notice.tag]);
            open(route);
          },
          false,
        );
      }
    };

    const look = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const profile = await db.users.get(userId);
          const me: Me = { id: userId, displayName: profile?.displayName ?? sessionName ?? '' };
          const { fresh } = await refreshActivity(db, me);
          await dropStale(db, me);
          if (!stopped) await announce(fresh);
        } while (again && !stopped);
      } catch (error) {
        console.warn('activity: could not look for what is new', error);
      } finally {
        running = false;
      }
    };

    let lastSuccess = engine.current().lastSuccessAt;
    const unsubscribe = engine.subscribe((status) => {
      if (status.phase !== 'idle' || status.lastSuccessAt === null || status.lastSuccessAt === lastSuccess) return;
      lastSuccess = status.lastSuccessAt;
      void look();
    });
    return () => {
      stopped = true;
      unsubscribe();
    };
  }, [db, engine, userId, sessionName]);

  return null;
}
