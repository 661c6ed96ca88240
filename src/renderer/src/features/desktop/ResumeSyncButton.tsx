import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api-context';

/** Sync was paused from the tray: the app offers to resume it where the pause shows. */
export function ResumeSyncButton(): React.JSX.Element {
  const { t } = useTranslation('sync');
  const api = useApi();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button-secondary"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void api.desktop.setSyncPaused({ paused: false }).finally(() => setBusy(false));
      }}
    >
      {t('resumeSync')}
    </button>
  );
}
