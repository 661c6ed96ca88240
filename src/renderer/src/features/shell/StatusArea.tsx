import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/contract';

export function StatusArea({ info }: { info: AppInfo }): React.JSX.Element {
  const { t } = useTranslation('shell');
  return (
    <div className="status-area" role="status" aria-label={t('status.label')}>
      <span className="status-host" data-host-kind={info.hostKind}>
        {t(`status.host.${info.hostKind}`)}
      </span>
      <span className="status-version">{t('status.version', { version: info.version })}</span>
    </div>
  );
}
