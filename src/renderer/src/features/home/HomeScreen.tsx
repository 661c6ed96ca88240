import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ISOLATE } from '../../ui/bidi';
import type { Settings } from '../../../../shared/settings';
import { firstContentShown } from '../../app/first-content';
import { useSession } from '../../app/session-context';
import { useUiStore } from '../../app/ui-store';
import { useContentLanguages } from '../../app/use-content-languages';
import { useDb, useSyncStatus } from '../../data/data-context';
import { countsByThread } from '../../data/queries';
import { formatBytes, formatNumber, formatRelative, listFormat } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { languageName } from '../library/names';
import { EmptyState, LoadingState } from '../../ui/states';
import { HomeNews, homeNews } from '../news/HomeNews';

/** What matters now: news, recent discussion with unread counts, what waits to be sent, what is offline. */
export function HomeScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('home');
  const db = useDb();
  const session = useSession();
  const navigate = useUiStore((state) => state.navigate);
  const sync = useSyncStatus();
  const locale = i18n.language;
  const now = useNow();
  const contentLanguages = useContentLanguages(settings);

  const news = useLiveQuery(() => homeNews(db), [db]);
  const threads = useLiveQuery(async () => {
    const recent = await db.threads
      .orderBy('lastActivityAt')
      .reverse()
      .filter((thread) => !thread.hidden)
      .limit(6)
      .toArray();
    const counts = await countsByThread(
      db,
      recent.map((thread) => thread.id),
    );
    return recent.map((thread) => ({ thread, counts: counts.get(thread.id) ?? { posts: 0, unread: 0 } }));
  }, [db]);
  const drafts = useLiveQuery(() => db.drafts.count(), [db]);
  const outbox = useLiveQuery(() => db.outbox.toArray(), [db]);
  const offline = useLiveQuery(async () => {
    const done = await db.files.where('status').equals('done').toArray();
    return { count: done.length, bytes: done.reduce((sum, file) => sum + file.totalBytes, 0) };
  }, [db]);

  // Content first: background work (the search index's parse) starts once this screen shows the cache.
  const contentRead = threads !== undefined && news !== undefined;
  useEffect(() => {
    if (contentRead) firstContentShown();
  }, [contentRead]);
  // For the cold-start benchmark: when the first screen first shows data from the cache.
  useEffect(() => {
    if (threads !== undefined && threads.length > 0 && performance.getEntriesByName('cb:first-data').length === 0) {
      performance.mark('cb:first-data');
    }
  }, [threads]);

  const conflicts = outbox?.filter((item) => item.status === 'conflict').length ?? 0;
  const name = session.user?.displayName ?? '';
  const loading = threads === undefined || news === undefined;

  return (
    <section className="screen" aria-labelledby="home-title">
      <h1 id="home-title" tabIndex={-1}>
        <Trans t={t} i18nKey="greeting" values={{ name }} components={ISOLATE} />
      </h1>
      <p className="lead">{t('intro')}</p>

      <ul className="stats-grid" aria-label={t('glance')}>
        <li className="stat">
          <span className="stat-value">{formatNumber(outbox?.length ?? 0, locale)}</span>
          <button type="button" className="link-button" onClick={() => navigate({ name: 'sync' })}>
            {t('outbox', { count: outbox?.length ?? 0 })}
          </button>
          {conflicts > 0 ? <p className="meta">{t('conflicts', { count: conflicts })}</p> : null}
        </li>
        <li className="stat">
          <span className="stat-value">{formatNumber(drafts ?? 0, locale)}</span>
          <button type="button" className="link-button" onClick={() => navigate({ name: 'drafts' })}>
            {t('drafts', { count: drafts ?? 0 })}
          </button>
        </li>
        <li className="stat">
          <span className="stat-value">{formatNumber(offline?.count ?? 0, locale)}</span>
          <span>
            {(offline?.count ?? 0) === 0
              ? t('offlineNone')
              : t('offline', { count: offline?.count ?? 0, size: formatBytes(offline?.bytes ?? 0, locale) })}
          </span>
        </li>
        <li className="stat">
          <span className="stat-value">
            {sync.lastSuccessAt === null
              ? t('notSyncedYet')
              : now - Date.parse(sync.lastSuccessAt) < 60_000
                ? t('justNow')
                : formatRelative(sync.lastSuccessAt, locale, now)}
          </span>
          <span>{t('lastSync')}</span>
        </li>
      </ul>

      <div className="section-title">
        <h2 id="home-activity">{t('activity')}</h2>
        <button type="button" className="link-button" onClick={() => navigate({ name: 'forum' })}>
          {t('openForum')}
        </button>
      </div>
      {loading ? (
        <LoadingState label={t('loading')} />
      ) : threads.length === 0 ? (
        <EmptyState title={t('noActivity')}>{t('noActivityHint')}</EmptyState>
      ) : (
        <ul className="row-list" aria-labelledby="home-activity">
          {threads.map(({ thread, counts: { posts, unread } }) => (
            <li key={thread.id}>
              <button
                type="button"
                className="link-button"
                lang={thread.language}
                dir="auto"
                onClick={() => navigate({ name: 'thread', threadId: thread.id })}
              >
                {thread.title}
              </button>{' '}
              {unread > 0 ? <span className="badge">{t('unread', { count: unread })}</span> : null}
              <p className="meta">
                {t('lastActivity', { when: formatRelative(thread.lastActivityAt, locale), count: posts })}
              </p>
            </li>
          ))}
        </ul>
      )}

      <div className="section-title">
        <h2 id="home-news">{t('news')}</h2>
        <button type="button" className="link-button" onClick={() => navigate({ name: 'news' })}>
          {t('allNews')}
        </button>
      </div>
      <HomeNews news={news} languages={contentLanguages} readerId={session.user?.id} />
      <p className="meta home-languages">
        {t('contentLanguages', {
          languages: listFormat(locale).format(contentLanguages.map((code) => languageName(code, locale))),
        })}
      </p>
    </section>
  );
}
