import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { useUiStore } from '../../app/ui-store';
import { useDb, useSyncEngine } from '../../data/data-context';
import type { ActivityRow, CollectiveBrainDb } from '../../data/db';
import type { SyncEngine } from '../../data/sync-engine';
import { isolateText } from '../../ui/bidi';
import { formatNumber } from '../../ui/format';
import { excerpt } from '../news/NewsScreen';
import { routeForTarget } from '../desktop/nav-target';
import { markRead, unreadCount } from './activity-view';
import { deliverNotice, type ActivityNotice, type NoticeChannel } from './notifier';
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
        target: { screen: 'section', section: 'activity' },
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
    target: { screen: 'thread', threadId: row.placeId, postId: row.subjectId },
    tag: row.key,
  }));
}

/** What a watch needs: the cache, sync's status, who the user is now, and where new activity is told. */
export interface ActivityWatch {
  db: CollectiveBrainDb;
  engine: Pick<SyncEngine, 'current' | 'subscribe'>;
  /** Read at each look: the user's display name may have changed (mentions use it). */
  me: () => Promise<Me>;
  /** What arrived since the last look and concerns the user (read or not; the announcer picks). */
  announce: (fresh: readonly ActivityRow[]) => Promise<void>;
}

/**
 * After each sync that ended well, looks for what is new (one look at a time;
 * a sync ending during a look asks for one more), drops what no longer
 * concerns the user and announces the rest. Returns the way to stop.
 */
export function watchActivity({ db, engine, me, announce }: ActivityWatch): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  const askedAgain = (): boolean => again;
  const look = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const reader = await me();
        const { fresh } = await refreshActivity(db, reader);
        await dropStale(db, reader);
        if (!stopped) await announce(fresh);
        // Another sync may have ended during this look: it set `again` meanwhile.
      } while (askedAgain() && !stopped);
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
}

/** Where notices go: the desktop shell when there is one, else this page (browser mode); null while asking. */
function useNoticeChannel(): NoticeChannel | null {
  const api = useApi();
  const [channel, setChannel] = useState<NoticeChannel | null>(null);
  useEffect(() => {
    let live = true;
    void api.desktop.state().then((result) => {
      if (live) setChannel(result.ok && result.value.available ? 'desktop' : 'page');
    });
    return () => {
      live = false;
    };
  }, [api]);
  return channel;
}

/**
 * The dock, taskbar or launcher badge shows the unread count of Activity: the
 * same number as the navigation's badge, read from the same rows.
 */
function useDesktopBadge(channel: NoticeChannel | null): void {
  const api = useApi();
  const db = useDb();
  const count = useLiveQuery(() => unreadCount(db), [db]);
  const sent = useRef<number | null>(null);
  useEffect(() => {
    if (channel !== 'desktop' || count === undefined || sent.current === count) return;
    sent.current = count;
    void api.desktop.setBadgeCount({ count: Math.min(count, 99_999) });
  }, [api, channel, count]);
}

/**
 * Keeps the Activity screen current and tells the user of replies and
 * mentions: the one place that decides what concerns them (the desktop
 * shell's notifications and badge read from here). After each sync that this
 * window ran (the window that owns sync; the others stand by), it looks at
 * what arrived, stores what concerns the user, and asks for a notification of
 * each new reply, quote and mention: the desktop shell shows it unless the
 * window is in front or notifications are muted; in a browser the page shows
 * it once the user allowed it in Settings. No UI of its own.
 */
export function ActivityWatcher({ settings }: { info: AppInfo; settings: Settings }): null {
  const api = useApi();
  const db = useDb();
  const engine = useSyncEngine();
  const session = useSession();
  const navigate = useUiStore((state) => state.navigate);
  const { t, i18n } = useTranslation('activity');
  const channel = useNoticeChannel();
  useDesktopBadge(channel);
  // What the announcer reads when a look ends: the newest, without restarting the watch.
  const latest = useRef({ t, locale: i18n.language, navigate, settings, channel });
  useEffect(() => {
    latest.current = { t, locale: i18n.language, navigate, settings, channel };
  });
  const userId = session.user?.id;
  const sessionName = session.user?.displayName;

  useEffect(() => {
    if (userId === undefined) return;
    return watchActivity({
      db,
      engine,
      me: async () => ({
        id: userId,
        displayName: (await db.users.get(userId))?.displayName ?? sessionName ?? '',
      }),
      announce: async (fresh) => {
        const { t: translate, locale, navigate: open, settings: current, channel: via } = latest.current;
        for (const notice of await noticesFor(db, fresh, translate, locale)) {
          await deliverNotice(api, via ?? 'page', notice, {
            muted: current.muteNotifications,
            open: (target) => {
              if (notice.tag !== 'activity') void markRead(db, [notice.tag]);
              open(routeForTarget(target));
            },
          });
        }
      },
    });
  }, [api, db, engine, userId, sessionName]);

  return null;
}
