import { useTranslation } from 'react-i18next';
import { useHostConnection, useHostLink } from '../../app/host-connection';

/**
 * Browser mode, when the page loses the app's services (the host process stopped): what is on screen stays
 * readable, writes cannot be saved until it is back, and the page reconnects by itself. A host started again
 * has a new launch key: its new address, opened in this tab, reconnects without a reload.
 */
export function HostLinkBanner(): React.JSX.Element | null {
  const { t } = useTranslation('shell');
  const link = useHostLink();
  const connection = useHostConnection();
  if (link.link !== 'disconnected' && link.link !== 'refused') return null;
  return (
    <div className="notice host-link-notice" role="alert">
      <div>
        <p className="notice-title">{t('work.state.disconnected')}</p>
        <p>{link.link === 'refused' ? t('hostLink.refused') : t('hostLink.lost')}</p>
      </div>
      <button type="button" className="button-secondary" onClick={() => connection.retryNow()}>
        {t('hostLink.retry')}
      </button>
    </div>
  );
}
