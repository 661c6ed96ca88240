import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Notice } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { runShortcut, useShortcut, useShortcutListener } from '../../app/keyboard';
import { ScrollPaneContext } from '../../app/scroll-pane';
import { useCan } from '../../app/session-context';
import { useDb } from '../../data/data-context';
import { useUiStore, sectionOf } from '../../app/ui-store';
import { ActivityNavBadge } from '../activity/ActivityNavBadge';
import { ActivityWatcher } from '../activity/ActivityWatcher';
import { ModerationNavBadge } from '../moderation/ModerationNavBadge';
import { HostBadge } from './HostBadge';
import { HostLinkBanner } from './HostLinkBanner';
import { InsecureConnectionHint } from './InsecureConnectionHint';
import { NoticeBanner } from './NoticeBanner';
import { SearchField } from '../search/SearchField';
import { ScreenRouter } from './ScreenRouter';
import { SessionBanner } from './SessionBanner';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StatusArea } from './StatusArea';

const NAV_ITEMS = [
  'home',
  'activity',
  'forum',
  'library',
  'academy',
  'news',
  'sync',
  'venue',
  'moderation',
  'profile',
  'people',
  'settings',
] as const;

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
  const back = useUiStore((state) => state.back);
  const mainRef = useRef<HTMLElement>(null);
  const shown = useRef(route);
  const section = sectionOf(route);
  const activityBadge = useId();
  const moderationBadge = useId();
  // People is for admins only; the server refuses everyone else anyway.
  const managesPeople = useCan('users.manage');
  const moderates = useCan('forum.moderate');
  const navItems = NAV_ITEMS.filter(
    (item) => (item !== 'people' || managesPeople) && (item !== 'moderation' || moderates),
  );
  const db = useDb();
  const canWrite = useCan('forum.write');
  const [showShortcuts, setShowShortcuts] = useState(false);

  const api = useApi();
  useShortcutListener();
  // The application menu asks for the same commands as the keys; Back has no key of the page's own.
  useEffect(() => api.on('app.command', ({ id }) => (id === 'back' ? back() : void runShortcut(id))), [api, back]);
  useShortcut('help', () => setShowShortcuts(true));
  useShortcut('search', () => {
    const box = document.querySelector<HTMLInputElement>('.app-header input[type="search"]');
    box?.focus();
    box?.select();
  });
  useShortcut('goHome', () => navigate({ name: 'home' }));
  useShortcut('goForum', () => navigate({ name: 'forum' }));
  useShortcut('goLibrary', () => navigate({ name: 'library' }));
  useShortcut('goAcademy', () => navigate({ name: 'academy' }));
  // A new thread in the category on show (or the thread's), else in the forum's first category.
  useShortcut('newThread', () => {
    if (!canWrite) return;
    void (async () => {
      const current = useUiStore.getState().route;
      let categoryId =
        current.name === 'category' || current.name === 'new-thread'
          ? current.categoryId
          : current.name === 'thread'
            ? (await db.threads.get(current.threadId))?.categoryId
            : undefined;
      categoryId ??= (await db.categories.orderBy('position').first())?.id;
      if (categoryId !== undefined && current.name !== 'new-thread') navigate({ name: 'new-thread', categoryId });
    })();
  });

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
      <ActivityWatcher info={info} settings={settings} />
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
        <StatusArea />
      </header>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <ul>
          {navItems.map((item) => (
            <li key={item}>
              <button
                type="button"
                className="nav-item"
                data-section={item}
                aria-current={section === item ? 'page' : undefined}
                aria-describedby={
                  item === 'activity' ? activityBadge : item === 'moderation' ? moderationBadge : undefined
                }
                onClick={() => navigate({ name: item })}
              >
                {t(`nav.${item}`)}
                {item === 'activity' ? <ActivityNavBadge id={activityBadge} /> : null}
                {item === 'moderation' ? <ModerationNavBadge id={moderationBadge} /> : null}
              </button>
            </li>
          ))}
        </ul>
        <div className="nav-foot">
          <button type="button" className="link-button shortcuts-open" onClick={() => setShowShortcuts(true)}>
            {t('shortcuts.open')} <kbd aria-hidden="true">?</kbd>
          </button>
          <HostBadge info={info} />
        </div>
      </nav>
      <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
        <HostLinkBanner />
        <SessionBanner />
        <InsecureConnectionHint serverUrl={settings.serverUrl} />
        <NoticeBanner notices={notices} onNoticesChange={onNoticesChange} />
        <ScrollPaneContext.Provider value={mainRef}>
          <ScreenRouter route={route} settings={settings} />
        </ScrollPaneContext.Provider>
      </main>
      {showShortcuts ? <ShortcutsDialog onClose={() => setShowShortcuts(false)} /> : null}
    </div>
  );
}
