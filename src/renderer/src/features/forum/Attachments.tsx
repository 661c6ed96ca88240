import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api-context';
import { useDb } from '../../data/data-context';
import { formatBytes } from '../../ui/format';
import './forum.css';

/** The files attached to a post, by sha256: download them, then open them with the system viewer. */
export function Attachments({ hashes }: { hashes: readonly string[] }): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const db = useDb();
  const api = useApi();
  const states = useLiveQuery(() => db.files.bulkGet([...hashes]), [db, hashes]);
  const [error, setError] = useState<string | null>(null);

  const download = async (sha256: string): Promise<void> => {
    setError(null);
    // A post attachment carries only its hash: size and type are learnt while downloading.
    const result = await api.files.download({
      items: [{ sha256, size: 0, mime: 'application/octet-stream', groups: ['forum'] }],
    });
    if (!result.ok) setError(result.error.message);
  };
  const open = async (sha256: string): Promise<void> => {
    setError(null);
    const result = await api.files.openWithSystem({ sha256 });
    if (!result.ok) setError(result.error.message);
  };

  return (
    <div className="forum-attachments">
      <p className="forum-attachments-title">{t('attachments.title', { count: hashes.length })}</p>
      <ul>
        {hashes.map((sha256, index) => {
          const state = states?.[index];
          const name = t('attachments.file', { id: sha256.slice(0, 12) });
          return (
            <li key={sha256} className="forum-attachment">
              <span className="forum-attachment-name">{name}</span>
              {state !== undefined ? (
                <span className="forum-muted">
                  {state.totalBytes > 0
                    ? t('attachments.statusWithSize', {
                        status: t(`attachments.status.${state.status}`),
                        size: formatBytes(state.totalBytes, i18n.language),
                      })
                    : t(`attachments.status.${state.status}`)}
                </span>
              ) : null}
              {state?.status === 'done' ? (
                <button
                  type="button"
                  className="button-quiet"
                  aria-label={t('attachments.openNamed', { name })}
                  onClick={() => void open(sha256)}
                >
                  {t('attachments.open')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button-quiet"
                  aria-label={t('attachments.downloadNamed', { name })}
                  disabled={state?.status === 'downloading' || state?.status === 'queued'}
                  onClick={() => void download(sha256)}
                >
                  {t('attachments.download')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error !== null ? (
        <p className="field-error" role="alert">
          {t('attachments.failed', { message: error })}
        </p>
      ) : null}
    </div>
  );
}
