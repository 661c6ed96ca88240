import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../ui/format';

/**
 * Asks before a download starts, with its size: on a slow or metered link
 * the user must know what they are about to fetch.
 */
export function OfflineConfirm({
  count,
  totalBytes,
  reachable,
  onConfirm,
  onCancel,
}: {
  count: number;
  totalBytes: number;
  reachable: boolean | null;
  onConfirm: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('library');
  return (
    <div className="offline-confirm" role="group" aria-label={t('offline.confirmLabel')}>
      <p>{t('offline.confirm', { count, size: formatBytes(totalBytes, i18n.language) })}</p>
      {reachable === false ? <p className="offline-note">{t('offline.willQueue')}</p> : null}
      <div className="button-row">
        <button type="button" className="button-primary" onClick={onConfirm} autoFocus>
          {t('offline.start')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('offline.cancel')}
        </button>
      </div>
    </div>
  );
}
