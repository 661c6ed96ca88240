import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/contract';

/** Which app this is (desktop or browser mode) and its version: quiet, at the foot of the navigation. */
export function HostBadge({ info }: { info: AppInfo }): React.JSX.Element {
  const { t } = useTranslation('shell');
  return (
    <p className="host-badge">
      <span className="host-kind" data-host-kind={info.hostKind}>
        {t(`status.host.${info.hostKind}`)}
      </span>
      <span className="host-version">{t('status.version', { version: info.version })}</span>
    </p>
  );
}
