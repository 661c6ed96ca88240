import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api } from '../../../shared/contract';
import { AppShell } from '../features/shell/AppShell';
import { ApiContext } from './api-context';
import { useHostState } from './host-state';
import { useTheme } from './use-theme';

export function App({ api }: { api: Api }): React.JSX.Element {
  const [host, setNotices] = useHostState(api);
  const { t, i18n } = useTranslation('shell');
  const language = host.status === 'ready' ? host.settings.uiLanguage : undefined;
  useTheme(host.status === 'ready' ? host.settings.theme : 'system');

  useEffect(() => {
    if (language === undefined) return;
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  if (host.status === 'loading') {
    return (
      <p className="boot-message" role="status">
        {t('status.connecting')}
      </p>
    );
  }
  if (host.status === 'failed') {
    return (
      <p className="boot-message" role="alert">
        {t('errors.startFailed', { message: host.error.message })}
      </p>
    );
  }
  return (
    <ApiContext.Provider value={api}>
      <AppShell info={host.info} settings={host.settings} notices={host.notices} onNoticesChange={setNotices} />
    </ApiContext.Provider>
  );
}
