import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../../shared/contract';
import { useApi } from '../../app/api-context';
import { isolateText } from '../../ui/bidi';

interface NoticeBannerProps {
  notices: Notice[];
  onNoticesChange: (notices: Notice[]) => void;
}

/** Notices from main (a settings file or the upload queue reset, ...) stay until the user dismisses them. */
export function NoticeBanner({ notices, onNoticesChange }: NoticeBannerProps): React.JSX.Element | null {
  const { t } = useTranslation('shell');
  const api = useApi();
  if (notices.length === 0) return null;

  const dismiss = (id: string): void => {
    onNoticesChange(notices.filter((notice) => notice.id !== id));
    void api.app.dismissNotice({ id });
  };

  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" role="alert">
          <p>
            {notice.code === 'upload-queue-reset'
              ? t('notice.uploadQueueReset', { path: notice.detail ?? '' })
              : notice.code === 'server-refused'
                ? t('notice.serverRefused', { url: isolateText(notice.detail ?? '') })
                : t('notice.settingsReset', { path: notice.detail ?? '' })}
          </p>
          <button type="button" className="button-secondary" onClick={() => dismiss(notice.id)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
