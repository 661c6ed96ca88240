import { useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api } from '../../../shared/contract';
import { ALWAYS_CONNECTED, type HostConnection } from '../api/host-link';
import { DataProvider } from '../data/data-context';
import { DesktopBridge } from '../features/desktop/DesktopBridge';
import { AppShell } from '../features/shell/AppShell';
import { SignInScreen } from '../features/signin/SignInScreen';
import { ApiContext } from './api-context';
import { HostConnectionContext } from './host-connection';
import { SessionContext } from './session-context';
import { useHostState } from './host-state';
import { useTheme } from './use-theme';

export function App({
  api,
  connection = ALWAYS_CONNECTED,
}: {
  api: Api;
  /** Browser mode's link to the host (Electron's never drops). */
  connection?: HostConnection;
}): React.JSX.Element {
  const [host, setNotices] = useHostState(api);
  const { t, i18n } = useTranslation('shell');
  const language = host.status === 'ready' ? host.settings.uiLanguage : undefined;
  useTheme(host.status === 'ready' ? host.settings.theme : 'system');

  // A layout effect, so lang and dir are set in the same commit that first
  // shows the shell: an Arabic reader never sees one frame laid out left to right.
  useLayoutEffect(() => {
    if (language === undefined) return;
    // Instant, without a reload: every useTranslation re-renders, and the
    // whole layout mirrors through CSS logical properties once dir changes.
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
    document.documentElement.dir = i18n.dir(language);
    document.title = i18n.t('shell:appName', { lng: language });
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
      <HostConnectionContext.Provider value={connection}>
        <SessionContext.Provider value={host.session}>
          {host.session.state === 'signed-out' ? (
            <SignInScreen info={host.info} settings={host.settings} />
          ) : (
            <DataProvider
              // Another account (or server) is another cache and outbox: never the same provider.
              key={host.session.account ?? host.session.user?.id ?? ''}
              api={api}
              settings={host.settings}
              {...(host.session.user !== undefined ? { userId: host.session.user.id } : {})}
              {...(host.session.account !== undefined ? { account: host.session.account } : {})}
            >
              <DesktopBridge />
              <AppShell info={host.info} settings={host.settings} notices={host.notices} onNoticesChange={setNotices} />
            </DataProvider>
          )}
        </SessionContext.Provider>
      </HostConnectionContext.Provider>
    </ApiContext.Provider>
  );
}
