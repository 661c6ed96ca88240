import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedNews } from '../../data/db';
import { enqueueWrites, type WriteRequest } from '../../data/outbox';
import { ConfirmDialog } from '../forum/ConfirmDialog';

/** What a news item's write is doing, shown where it was made: queued here, sent by the next sync. */
export function NewsWriteState({ item }: { item: CachedNews }): React.JSX.Element | null {
  const { t } = useTranslation('news');
  if (item.local === undefined) return null;
  return (
    <span className={item.local === 'conflict' ? 'badge news-badge-warning' : 'badge badge-muted'} role="status">
      {item.local === 'conflict' ? t('state.conflict') : t('state.pending')}
    </span>
  );
}

/**
 * The news team's controls on one item: edit, publish or unpublish, pin to the top of Home or unpin, delete.
 * Each is a queued write (offline like any other), against the version shown here.
 */
export function NewsActions({ item, onEdit }: { item: CachedNews; onEdit: () => void }): React.JSX.Element {
  const { t } = useTranslation('news');
  const db = useDb();
  const navigate = useUiStore((state) => state.navigate);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [failed, setFailed] = useState(false);
  const base = item.version > 0 ? { baseVersion: item.version } : {};
  const run = (write: WriteRequest, then?: () => void): void => {
    setFailed(false);
    enqueueWrites(db, [write])
      .then(() => then?.())
      .catch(() => setFailed(true));
  };
  const published = item.publishedAt !== null;
  const pinned = item.pinnedAt !== null;
  return (
    <div className="news-publisher" role="group" aria-label={t('actions.label')}>
      <button type="button" className="button-secondary" onClick={onEdit}>
        {t('actions.edit')}
      </button>
      <button
        type="button"
        className="button-secondary"
        onClick={() => run({ name: 'news.publish', args: { id: item.id, published: !published }, ...base })}
      >
        {published ? t('actions.unpublish') : t('actions.publish')}
      </button>
      {published ? (
        <button
          type="button"
          className="button-secondary"
          aria-pressed={pinned}
          onClick={() => run({ name: 'news.pin', args: { id: item.id, pinned: !pinned }, ...base })}
        >
          {pinned ? t('actions.unpin') : t('actions.pin')}
        </button>
      ) : null}
      <button type="button" className="button-secondary is-danger" onClick={() => setConfirmDelete(true)}>
        {t('actions.delete')}
      </button>
      {failed ? (
        <p className="field-error" role="alert">
          {t('editor.saveFailed')}
        </p>
      ) : null}
      {confirmDelete ? (
        <ConfirmDialog
          title={t('actions.deleteTitle')}
          body={t('actions.deleteBody')}
          confirmLabel={t('actions.delete')}
          cancelLabel={t('editor.cancel')}
          onConfirm={() => {
            setConfirmDelete(false);
            run({ name: 'news.delete', args: { id: item.id }, ...base }, () => navigate({ name: 'news' }));
          }}
          onCancel={() => setConfirmDelete(false)}
        />
      ) : null}
    </div>
  );
}
