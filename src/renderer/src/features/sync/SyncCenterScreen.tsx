import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connectivity } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useUiStore } from '../../app/ui-store';
import { useDb, useSyncEngine, useSyncStatus } from '../../data/data-context';
import { useContentLanguages } from '../../app/use-content-languages';
import { formatBytes, formatDateTime, formatNumber, formatRelative } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { EmptyState } from '../../ui/states';
import { ResumeSyncButton } from '../desktop/ResumeSyncButton';
import { DownloadsSection } from './DownloadsSection';
import { StorageSection } from './StorageSection';
import { UploadsSection } from './UploadsSection';
import './sync.css';

const AREAS = ['threads', 'posts', 'documents', 'collections', 'news'] as const;

/** Everything about sync in one place: status per area, the outbox, errors with retry, downloads, uploads and storage. */
export function SyncCenterScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('sync');
  const locale = i18n.language;
  const api = useApi();
  const db = useDb();
  const engine = useSyncEngine();
  const status = useSyncStatus();
  const navigate = useUiStore((state) => state.navigate);
  const languages = useContentLanguages(settings);
  const now = useNow();
  const [connectivity, setConnectivity] = useState<Connectivity | null>(null);

  const counts = useLiveQuery(
    async () =>
      Object.fromEntries(await Promise.all(AREAS.map(async (area) => [area, await db[area].count()] as const))),
    [db],
  );
  const outbox = useLiveQuery(() => db.outbox.orderBy('seq').toArray(), [db]);
  const rejected = useLiveQuery(() => db.drafts.filter((draft) => draft.rejection !== undefined).toArray(), [db]);

  useEffect(() => {
    void api.sync.connectivity().then((result) => result.ok && setConnectivity(result.value));
    return api.on('sync.connectivity', setConnectivity);
  }, [api]);

  const retry = async (): Promise<void> => {
    const result = await api.sync.checkConnectivity();
    if (result.ok) setConnectivity(result.value);
    engine.trigger();
  };

  // Paused from the tray: the engine retries in vain until the user resumes; say what it is and offer Resume.
  const pausedByUser = status.error?.code === 'sync-paused';
  const phaseText = pausedByUser ? t('phase.pausedByUser') : t(`phase.${status.phase}`);
  return (
    <section className="screen sync-center" aria-labelledby="sync-title">
      <h1 id="sync-title" tabIndex={-1}>
        {t('title')}
      </h1>

      <div className="sync-summary" role="status">
        <p>
          <strong>{phaseText}</strong>{' '}
          {connectivity?.reachable === false
            ? t('serverUnreachable')
            : connectivity?.reachable === true
              ? t('serverReachable')
              : null}
        </p>
        <p className="meta">
          {status.lastSuccessAt === null
            ? t('neverSynced')
            : t('lastSuccessAge', {
                when: formatDateTime(status.lastSuccessAt, locale),
                age:
                  now - Date.parse(status.lastSuccessAt) < 60_000
                    ? t('justNow')
                    : formatRelative(status.lastSuccessAt, locale, now),
              })}
        </p>
        {status.error !== null ? (
          <div className="sync-error" role="alert">
            <p>
              {t(`errors.${status.error.code}`, { defaultValue: t('errors.other', { message: status.error.message }) })}
            </p>
            {pausedByUser ? (
              <ResumeSyncButton />
            ) : status.retryAt !== null ? (
              <p className="meta">{t('retryAt', { when: formatDateTime(status.retryAt, locale) })}</p>
            ) : null}
          </div>
        ) : null}
        {pausedByUser ? null : (
          <button type="button" className="button-secondary" onClick={() => void retry()}>
            {t('retryNow')}
          </button>
        )}
      </div>

      <h2 className="sync-heading">{t('progress')}</h2>
      <p className="meta">
        {t('pulledSummary', {
          pages: t('pages', { count: status.pulledPages, formatted: formatNumber(status.pulledPages, locale) }),
          changes: t('changes', { count: status.pulledChanges, formatted: formatNumber(status.pulledChanges, locale) }),
          bytes: formatBytes(status.pulledBytes, locale),
        })}{' '}
        {t('pushed', { count: status.pushed })}
      </p>
      <ul className="stats-grid">
        {AREAS.map((area) => (
          <li key={area} className="stat">
            <span className="stat-value">{formatNumber(counts?.[area] ?? 0, locale)}</span>
            <span>{t(`areas.${area}`, { count: counts?.[area] ?? 0 })}</span>
          </li>
        ))}
      </ul>

      <h2 className="sync-heading">{t('outbox')}</h2>
      {outbox === undefined ? null : outbox.length === 0 ? (
        <EmptyState title={t('outboxEmpty')} />
      ) : (
        <ul className="row-list">
          {outbox.map((item) => (
            <li key={item.id} className="outbox-item">
              <span className={`badge outbox-${item.status}`}>{t(`outboxStatus.${item.status}`)}</span>{' '}
              <span>{t(`mutation.${item.name}`, { defaultValue: item.name })}</span>
              <span className="meta"> · {formatDateTime(item.createdAt, locale)}</span>
              {item.status === 'conflict' && item.entityType === 'post' ? (
                <ConflictLink
                  postId={item.entityId}
                  onOpen={(threadId) => navigate({ name: 'thread', threadId, postId: item.entityId })}
                />
              ) : null}
              {item.status === 'conflict' && item.entityType === 'translation' ? (
                <TranslationConflictLink before={item.before} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {rejected !== undefined && rejected.length > 0 ? (
        <>
          <h2 className="sync-heading">{t('rejected')}</h2>
          <ul className="row-list">
            {rejected.map((draft) => (
              <li key={draft.key}>
                <span className="badge outbox-rejected">{t(`rejection.${draft.rejection?.code ?? 'invalid'}`)}</span>{' '}
                {draft.kind === 'reply' && draft.targetId !== undefined ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => navigate({ name: 'thread', threadId: draft.targetId ?? '' })}
                  >
                    {t('openDraft')}
                  </button>
                ) : draft.kind === 'edit' && draft.targetId !== undefined ? (
                  <ConflictLink
                    postId={draft.targetId}
                    label={t('openDraft')}
                    onOpen={(threadId) => navigate({ name: 'thread', threadId })}
                  />
                ) : draft.kind === 'translation' && draft.targetId !== undefined ? (
                  draft.fields['targetType'] === 'news' ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => navigate({ name: 'news-item', newsId: draft.targetId ?? '' })}
                    >
                      {t('openDraft')}
                    </button>
                  ) : (
                    <ConflictLink
                      postId={draft.targetId}
                      label={t('openDraft')}
                      onOpen={(threadId) => navigate({ name: 'thread', threadId, postId: draft.targetId ?? '' })}
                    />
                  )
                ) : (
                  <span>
                    {t(`mutation.${draft.rejection?.mutationName ?? ''}`, {
                      defaultValue: draft.rejection?.mutationName ?? '',
                    })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <DownloadsSection languages={languages} />

      <UploadsSection reachable={connectivity?.reachable ?? null} />

      <StorageSection settings={settings} languages={languages} />
    </section>
  );
}

/** A link to the thread of a post (resolved from the cache). */
function ConflictLink({
  postId,
  onOpen,
  label,
}: {
  postId: string;
  onOpen: (threadId: string) => void;
  label?: string;
}): React.JSX.Element | null {
  const { t } = useTranslation('sync');
  const db = useDb();
  const post = useLiveQuery(() => db.posts.get(postId), [db, postId]);
  if (post === undefined) return null;
  return (
    <>
      {' '}
      <button type="button" className="link-button" onClick={() => onOpen(post.threadId)}>
        {label ?? t('resolve')}
      </button>
    </>
  );
}

/** "Resolve" for a translation in conflict: opens the post or news item it translates, where both versions are. */
function TranslationConflictLink({ before }: { before: unknown }): React.JSX.Element | null {
  const { t } = useTranslation('sync');
  const navigate = useUiStore((state) => state.navigate);
  const row = typeof before === 'object' && before !== null ? (before as Record<string, unknown>) : {};
  const targetType = row['targetType'];
  const targetId = row['targetId'];
  if (typeof targetId !== 'string') return null;
  if (targetType === 'news') {
    return (
      <>
        {' '}
        <button type="button" className="link-button" onClick={() => navigate({ name: 'news-item', newsId: targetId })}>
          {t('resolve')}
        </button>
      </>
    );
  }
  return (
    <ConflictLink postId={targetId} onOpen={(threadId) => navigate({ name: 'thread', threadId, postId: targetId })} />
  );
}
