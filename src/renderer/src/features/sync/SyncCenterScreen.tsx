import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connectivity, StorageUsage } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useUiStore } from '../../app/ui-store';
import { useDb, useSyncEngine, useSyncStatus } from '../../data/data-context';
import { formatBytes, formatDateTime, formatNumber } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { ResumeSyncButton } from '../desktop/ResumeSyncButton';
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
  const [connectivity, setConnectivity] = useState<Connectivity | null>(null);
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  const capId = useId();
  const [cap, setCap] = useState(String(settings.storageCapMb));

  const counts = useLiveQuery(
    async () =>
      Object.fromEntries(await Promise.all(AREAS.map(async (area) => [area, await db[area].count()] as const))),
    [db],
  );
  const outbox = useLiveQuery(() => db.outbox.orderBy('seq').toArray(), [db]);
  const rejected = useLiveQuery(() => db.drafts.filter((draft) => draft.rejection !== undefined).toArray(), [db]);
  const downloads = useLiveQuery(
    () => db.files.where('status').anyOf('queued', 'downloading', 'verifying', 'failed').toArray(),
    [db],
  );
  const storedCount = useLiveQuery(() => db.files.where('status').equals('done').count(), [db]);

  useEffect(() => {
    void api.sync.connectivity().then((result) => result.ok && setConnectivity(result.value));
    return api.on('sync.connectivity', setConnectivity);
  }, [api]);
  useEffect(() => {
    void api.files.usage().then((result) => result.ok && setUsage(result.value));
  }, [api, storedCount]);

  const retry = async (): Promise<void> => {
    const result = await api.sync.checkConnectivity();
    if (result.ok) setConnectivity(result.value);
    engine.trigger();
  };

  const saveCap = (event: React.SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const value = Number(cap);
    if (Number.isInteger(value)) void api.settings.set({ storageCapMb: value });
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
            : t('lastSuccess', { when: formatDateTime(status.lastSuccessAt, locale) })}
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
        {t('pulled', {
          pages: formatNumber(status.pulledPages, locale),
          changes: formatNumber(status.pulledChanges, locale),
          bytes: formatBytes(status.pulledBytes, locale),
        })}{' '}
        {t('pushed', { count: status.pushed })}
      </p>
      <ul className="stats-grid">
        {AREAS.map((area) => (
          <li key={area} className="stat">
            <span className="stat-value">{formatNumber(counts?.[area] ?? 0, locale)}</span>
            <span>{t(`areas.${area}`)}</span>
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

      <h2 className="sync-heading">{t('downloads')}</h2>
      {downloads === undefined ? null : downloads.length === 0 ? (
        <EmptyState title={t('noDownloads')} />
      ) : (
        <ul className="row-list">
          {downloads.map((file) => (
            <li key={file.sha256} className="download-row">
              <span className="meta download-hash">{file.sha256.slice(0, 12)}</span>
              <progress max={file.totalBytes || 1} value={file.receivedBytes} aria-label={t('downloadProgress')} />
              <span className="meta">
                {t(`fileStatus.${file.status}`)} · {formatBytes(file.receivedBytes, locale)} /{' '}
                {formatBytes(file.totalBytes, locale)}
              </span>
              {file.status === 'failed' && file.error ? <span className="meta"> · {file.error.message}</span> : null}
              <button
                type="button"
                className="button-secondary"
                onClick={() => void api.files.cancel({ sha256: file.sha256 })}
              >
                {t('cancel')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <UploadsSection reachable={connectivity?.reachable ?? null} />

      <h2 className="sync-heading">{t('storage')}</h2>
      {usage === null ? null : (
        <>
          <p>
            {t('storageUse', {
              used: formatBytes(usage.totalBytes, locale),
              pinned: formatBytes(usage.pinnedBytes, locale),
              free: formatBytes(usage.freeDiskBytes, locale),
            })}
          </p>
          {Object.keys(usage.byGroup).length > 0 ? (
            <ul className="row-list">
              {Object.entries(usage.byGroup).map(([group, bytes]) => (
                <li key={group} className="storage-group">
                  <GroupName group={group} /> <span className="meta">{formatBytes(bytes, locale)}</span>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => void api.files.remove({ group }).then(() => engine.trigger())}
                  >
                    {t('removeGroup')}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      <form className="field-group cap-form" onSubmit={saveCap}>
        <label htmlFor={capId}>{t('cap')}</label>
        <input
          id={capId}
          type="number"
          min={100}
          step={100}
          value={cap}
          onChange={(event) => setCap(event.target.value)}
        />
        <p className="help">{t('capHelp')}</p>
        <button type="submit" className="button-primary">
          {t('saveCap')}
        </button>
      </form>
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

/** "edition:<id>" → the edition's title; "document:<id>" → the document's. */
function GroupName({ group }: { group: string }): React.JSX.Element {
  const { t } = useTranslation('sync');
  const db = useDb();
  const [kind, id = ''] = group.split(':');
  const title = useLiveQuery(async () => {
    if (kind === 'edition') {
      const collection = await db.collections.get(id);
      return collection ? Object.values(collection.title)[0] : undefined;
    }
    if (kind === 'document') {
      const document = await db.documents.get(id);
      return document ? Object.values(document.title)[0] : undefined;
    }
    return undefined;
  }, [db, kind, id]);
  return <span>{title ?? t('group', { name: id || group })}</span>;
}
