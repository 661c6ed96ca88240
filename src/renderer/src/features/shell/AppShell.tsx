import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Notice } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/settings';
import { useCan } from '../../app/session-context';
import { useUiStore, sectionOf } from '../../app/ui-store';
import { NoticeBanner } from './NoticeBanner';
import { SearchField } from '../search/SearchField';
import { ScreenRouter } from './ScreenRouter';
import { SessionBanner } from './SessionBanner';
import { StatusArea } from './StatusArea';
import { SyncIndicator } from './SyncIndicator';

const NAV_ITEMS = ['home', 'forum', 'library', 'academy', 'news', 'sync', 'profile', 'people', 'settings'] as const;

interface AppShellProps {
  info: AppInfo;
  settings: Settings;
  notices: Notice[];
  onNoticesChange: (notices: Notice[]) => void;
}

export function AppShell({ info, settings, notices, onNoticesChange }: AppShellProps): React.JSX.Element {
  const { t } = useTranslation('shell');
  const route = useUiStore((state) => state.route);
  const navigate = useUiStore((state) => state.navigate);
  const mainRef = useRef<HTMLElement>(null);
  const shown = useRef(route);
  const section = sectionOf(route);
  // People is for admins only; the server refuses everyone else anyway.
  const managesPeople = useCan('users.manage');
  const navItems = NAV_ITEMS.filter((item) => item !== 'people' || managesPeople);

  // After navigation, move focus to the new screen's heading so screen readers announce it. A new query on
  // the results screen keeps the focus where it is (the search box, to refine it): the results screen
  // announces its count itself.
  useEffect(() => {
    const previous = shown.current;
    shown.current = route;
    if (previous === route) return;
    mainRef.current?.scrollTo({ top: 0 });
    if (previous.name === 'search' && route.name === 'search') return;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <div>
            <p className="brand-name">{t('appName')}</p>
            <p className="brand-tagline">{t('tagline')}</p>
          </div>
        </div>
        <SearchField settings={settings} />
        <div className="header-status">
          <SyncIndicator />
          <StatusArea info={info} />
        </div>
      </header>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <ul>
          {navItems.map((item) => (
            <li key={item}>
              <button
                type="button"
                className="nav-item"
                aria-current={section === item ? 'page' : undefined}
                onClick={() => navigate({ name: item })}
              >
                {t(`nav.${item}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
        <SessionBanner />
        <NoticeBanner notices={notices} onNoticesChange={onNoticesChange} />
        <ScreenRouter route={route} settings={settings} />
      </main>
    </div>
  );
}
