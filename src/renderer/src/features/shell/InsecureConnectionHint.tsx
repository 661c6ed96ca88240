import { Trans, useTranslation } from 'react-i18next';
import { isInsecureServerUrl } from '../../../../shared/settings';
import { ISOLATE } from '../../ui/bidi';
import '../settings/insecure.css';

/**
 * Always there while the app talks to a server on another computer over plain
 * http:// (the user allowed it): passwords and content travel unencrypted.
 */
export function InsecureConnectionHint({ serverUrl }: { serverUrl: string }): React.JSX.Element | null {
  const { t } = useTranslation('shell');
  if (!isInsecureServerUrl(serverUrl)) return null;
  return (
    <p className="notice insecure-hint" role="note">
      <span>
        <Trans t={t} i18nKey="insecure.hint" values={{ server: serverUrl }} components={ISOLATE} />
      </span>
    </p>
  );
}
