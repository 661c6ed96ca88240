import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadState } from '../../../../shared/contract';
import { useApi } from '../../app/api-context';
import { useDb } from '../../data/data-context';
import { usesOf } from '../../data/upload-uses';
import { formatBytes } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { percentOf } from '../academy/upload-text';
import { useUploads } from '../academy/use-uploads';

const EXPLAINED = new Set([
  'too-large',
  'quota-exceeded',
  'forbidden',
  'hash-mismatch',
  'not-found',
  'protocol-mismatch',
]);

type Notice = { kind: 'status' | 'alert'; text: string } | null;

/**
 * The files attached on this computer that have not reached the server yet:
 * waiting, going (with progress) or failed (why, retry, remove). Uploaded
 * files leave the list.
 */
export function UploadsSection({ reachable }: { reachable: boolean | null }): React.JSX.Element {
  const { t, i18n } = useTranslation('sync');
  const locale = i18n.language;
  const api = useApi();
  const db = useDb();
  const headingId = useId();
  const { uploads } = useUploads();
  const [notice, setNotice] = useState<Notice>(null);
  const waiting = [...uploads.values()].filter((upload) => upload.status !== 'uploaded');

  const remove = async (upload: UploadState): Promise<void> => {
    const uses = await usesOf(db, upload.sha256);
    // Removing it here would leave that session pointing to nothing.
    if (uses.drafts > 0) {
      setNotice({ kind: 'alert', text: t('uploads.stillStaged', { name: upload.name }) });
      return;
    }
    const result = await api.files.uploadDiscard({ sha256: upload.sha256 });
    if (!result.ok) {
      setNotice({
        kind: 'alert',
        text: t('uploads.removeFailed', { name: upload.name, message: result.error.message }),
      });
      return;
    }
    setNotice({
      kind: 'status',
      text: t(uses.outbox > 0 ? 'uploads.removedWrites' : 'uploads.removed', { name: upload.name }),
    });
  };

  const statusText = (upload: UploadState): string => {
    if (upload.error?.code === 'signed-out' || upload.error?.code === 'session-expired') {
      return t('uploads.queuedSignIn');
    }
    if (reachable === false || upload.error?.code === 'offline') return t('uploads.queuedOffline');
    return t('uploads.queued');
  };
  const reason = (upload: UploadState): string =>
    upload.error !== undefined && EXPLAINED.has(upload.error.code)
      ? t(`uploads.errors.${upload.error.code}`)
      : t('uploads.errors.other', { message: upload.error?.message ?? '' });

  return (
    <>
      <h2 className="sync-heading" id={headingId}>
        {t('uploads.heading')}
      </h2>
      {waiting.length === 0 ? (
        <EmptyState title={t('uploads.empty')} />
      ) : (
        <ul className="row-list" aria-labelledby={headingId}>
          {waiting.map((upload) => (
            <li key={upload.sha256} className="upload-row">
              <bdi className="file-name" dir="auto">
                {upload.name}
              </bdi>
              <span className="meta">{formatBytes(upload.size, locale)}</span>
              {upload.status === 'uploading' ? (
                <>
                  <progress
                    max={Math.max(upload.size, 1)}
                    value={upload.sentBytes}
                    aria-label={t('uploads.progressLabel', { name: upload.name })}
                  />
                  <span className="meta">
                    {t('uploads.uploading', { percent: percentOf(upload.sentBytes, upload.size) })}
                  </span>
                </>
              ) : upload.status === 'failed' ? (
                <span className="field-error">{t('uploads.failed', { reason: reason(upload) })}</span>
              ) : (
                <span className="meta">{statusText(upload)}</span>
              )}
              {upload.status === 'uploading' ? null : (
                <span className="button-row">
                  {upload.status === 'failed' ? (
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => void api.files.uploadRetry({ sha256: upload.sha256 })}
                    >
                      {t('uploads.retry')}
                      <span className="visually-hidden"> {upload.name}</span>
                    </button>
                  ) : null}
                  <button type="button" className="button-secondary" onClick={() => void remove(upload)}>
                    {t('uploads.remove')}
                    <span className="visually-hidden"> {upload.name}</span>
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {/* Present from the start, so what it says is announced. */}
      <p className="meta" role="status">
        {notice?.kind === 'status' ? notice.text : null}
      </p>
      {notice?.kind === 'alert' ? (
        <p className="field-error" role="alert">
          {notice.text}
        </p>
      ) : null}
    </>
  );
}
