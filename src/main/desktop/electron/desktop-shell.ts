import { join } from 'node:path';
import { app, shell, type BrowserWindow } from 'electron';
import type { EventPayload, Handlers } from '../../../shared/contract';
import type { NavTarget, SyncReport } from '../../../shared/desktop';
import type { Settings } from '../../../shared/settings';
import { isAllowedExternalUrl } from '../../security/external-url';
import type { Services } from '../../services';
import type { EventBus } from '../../services/events';
import type { AppLog } from '../app-log';
import { buildAppMenu, type MenuAction } from '../app-menu';
import { deepLinkInArgv, parseDeepLink } from '../deep-link';
import { desktopHandlers, desktopState } from '../desktop-handlers';
import { DownloadActivity } from '../download-activity';
import { startsHidden } from '../login-item';
import { NotificationCenter } from '../notification-center';
import { shellText, type ShellText } from '../shell-text';
import { SyncGate } from '../sync-gate';
import { trayView, type TrayAction } from '../tray-model';
import { UpdateController, type Updater } from '../update-controller';
import { WindowStateStore, type WindowState } from '../window-state';
import { applyAppMenu } from './app-menu';
import { openLogsFolder, reportProblem } from './help';
import { createMainWindow } from './main-window';
import { electronNotificationPort } from './notifications';
import { applyLoginItem, showBadge } from './system-integration';
import { TrayIconController } from './tray';

/** Help → the Academy's site (an allow-listed host). */
export const DOCUMENTATION_URL = 'https://socialeconomy.itcilo.org/';

export interface DesktopShellOptions {
  services: Services;
  events: EventBus;
  log: AppLog;
  url: string;
  preloadPath: string;
  /** Where extraResources live: the tray icons, the window icon. */
  resourcesDir: string;
  packaged: boolean;
  argv: readonly string[];
  /** electron-updater, when the app can update itself (a packaged build). */
  updater: Updater | null;
}

/**
 * Everything the app does as a desktop citizen, wired to Electron: the main
 * window, tray, application menu, notifications, deep links, badge, start at
 * login, background sync and updates. The decisions are made by the plain
 * modules beside this folder; this class connects them to Electron's objects.
 */
export class DesktopShell {
  readonly handlers: Handlers<'desktop'>;
  readonly gate: SyncGate;
  private window: BrowserWindow | null = null;
  private creating: Promise<void> | null = null;
  /** Someone asked to see the window (a launch without --hidden, a deep link, the tray): it shows once painted. */
  private showRequested = false;
  private quitting = false;
  private text: ShellText;
  private readonly tray: TrayIconController;
  private readonly downloads = new DownloadActivity();
  private syncReport: SyncReport | null = null;
  private lastSettings: Settings;
  private trayRender: ReturnType<typeof setTimeout> | null = null;
  private readonly windowState: WindowStateStore;
  private readonly notifications: NotificationCenter;
  private readonly updates: UpdateController;

  constructor(private readonly options: DesktopShellOptions) {
    const { services, events, log } = options;
    this.lastSettings = services.settings.get();
    this.text = shellText(this.lastSettings.uiLanguage);
    this.windowState = new WindowStateStore(app.getPath('userData'));
    this.gate = new SyncGate(services.live, events.emit, () => this.stateChanged());
    this.notifications = new NotificationCenter({
      port: electronNotificationPort(),
      muted: () => this.settings().muteNotifications,
      doNotDisturb: () => undefined,
      appInFront: () =>
        this.window !== null && !this.window.isDestroyed() && this.window.isVisible() && this.window.isFocused(),
      activate: (target) => this.open(target),
    });
    this.updates = new UpdateController({
      updater: options.updater,
      settings: () => this.settings(),
      now: () => new Date(),
      schedule: (task, ms) => {
        const timer = setTimeout(task, ms);
        timer.unref();
        return () => clearTimeout(timer);
      },
      onChange: () => this.stateChanged(),
      onReady: (version) =>
        this.notifications.show({
          kind: 'update-ready',
          title: this.text.t('notification.updateReady.title'),
          body: this.text.t('notification.updateReady.body', { version, appName: this.text.t('appName') }),
          target: { screen: 'section', section: 'settings' },
        }),
      log: (message) => log.info(message),
    });
    this.handlers = desktopHandlers({
      updates: this.updates,
      gate: this.gate,
      notifications: this.notifications,
      setBadge: (count) =>
        showBadge(count, { window: this.window, text: this.text, resourcesDir: this.options.resourcesDir }),
      reportSync: (report) => {
        this.syncReport = report;
        this.scheduleTrayRender();
      },
    });
    this.tray = new TrayIconController(join(options.resourcesDir, 'tray'), process.platform, (action) =>
      this.trayAction(action),
    );
    events.subscribe((event, payload) => this.onEvent(event, payload));
  }

  /** Shows the window (creating it if it was closed) and starts the background work. */
  start(): void {
    if (process.platform === 'win32') app.setAppUserModelId('org.ilo.sse.collectivebrain');
    this.rebuildMenu();
    this.renderTray();
    const settings = this.settings();
    const hidden = startsHidden({
      argv: this.options.argv,
      openedAtLogin: process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
      backgroundSync: settings.backgroundSync,
    });
    void this.ensureWindow(hidden);
    if (settings.startAtLogin) void applyLoginItem(true, this.options);
    const link = deepLinkInArgv(this.options.argv);
    if (link !== null) this.options.services.navigation.request(link);
    this.updates.start();
    this.options.log.info(`started ${app.getName()} ${app.getVersion()} on ${process.platform}`);
  }

  /** The app is quitting for real (menu, tray, update): windows may close. */
  beforeQuit(): void {
    this.quitting = true;
    this.updates.stop();
  }

  /** Another launch (a deep link on Windows and Linux, or the user starting it again). */
  secondInstance(argv: readonly string[]): void {
    const target = deepLinkInArgv(argv);
    if (target === null && argv.some((arg) => arg.toLowerCase().startsWith('collective-brain:'))) {
      this.options.log.warn('refused a deep link that is not one of the app’s forms');
    }
    if (target !== null) this.open(target);
    else this.showWindow();
  }

  /** macOS hands deep links over as open-url. */
  openUrl(url: string): void {
    const target = parseDeepLink(url);
    if (target === null) {
      this.options.log.warn('refused a deep link that is not one of the app’s forms');
      this.showWindow();
      return;
    }
    this.open(target);
  }

  /** A service's own notice (the disk filled up while saving a document): the Sync center shows the rest. */
  hostNotice(title: string, body: string): void {
    this.notifications.show({ kind: 'storage-full', title, body });
  }

  /** The dock icon was clicked (macOS) with no window showing. */
  activate(): void {
    this.showWindow();
  }

  /** Brings the window up and asks the renderer to open `target`. */
  open(target: NavTarget): void {
    this.showWindow();
    this.options.services.navigation.request(target);
  }

  showWindow(): void {
    const window = this.window;
    if (window === null || window.isDestroyed()) {
      // A window on its way (start, or a deep link that came first) shows once painted; else a new one.
      this.showRequested = true;
      void this.ensureWindow(false);
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  private ensureWindow(hidden: boolean): Promise<void> {
    if (this.creating === null) {
      this.creating = this.createWindow(hidden).finally(() => {
        this.creating = null;
      });
    }
    return this.creating;
  }

  private async createWindow(hidden: boolean): Promise<void> {
    this.showRequested = !hidden;
    const saved = await this.windowState.load();
    this.window = createMainWindow({
      url: this.options.url,
      preloadPath: this.options.preloadPath,
      title: app.getName(),
      ...(process.platform === 'linux' ? { iconPath: join(this.options.resourcesDir, 'icon.png') } : {}),
      saved,
      // Only macOS checks spelling without downloading dictionaries from a CDN (issue 19).
      spellcheck: process.platform === 'darwin',
      startHidden: () => !this.showRequested && this.settings().backgroundSync,
      hideOnClose: () => !this.quitting && this.settings().backgroundSync,
      saveState: (state: WindowState) =>
        void this.windowState.save(state).catch((error: unknown) => this.options.log.error('window state', error)),
      text: () => this.text,
      quit: () => app.quit(),
      log: (message) => this.options.log.warn(message),
    });
    this.window.on('closed', () => {
      this.window = null;
    });
  }

  private settings(): Settings {
    return this.options.services.settings.get();
  }

  private stateChanged(): void {
    this.options.events.emit('desktop.changed', desktopState({ updates: this.updates, gate: this.gate }));
    this.scheduleTrayRender();
  }

  private onEvent(event: string, payload: unknown): void {
    if (event === 'files.changed') {
      const finished = this.downloads.update(payload as EventPayload<'files.changed'>);
      this.scheduleTrayRender();
      if (finished !== null) {
        this.notifications.show({
          kind: 'download-finished',
          title: this.text.t('notification.downloadsFinished.title'),
          body: this.text.t('notification.downloadsFinished.body', {
            count: finished,
            formatted: this.text.count(finished),
          }),
        });
      }
    }
    if (event === 'settings.changed') this.settingsChanged(payload as EventPayload<'settings.changed'>);
  }

  private settingsChanged(next: Settings): void {
    const previous = this.lastSettings;
    this.lastSettings = next;
    if (next.uiLanguage !== this.text.language) {
      this.text = shellText(next.uiLanguage);
      this.rebuildMenu();
      this.renderTray();
    }
    if (next.startAtLogin !== previous.startAtLogin) void applyLoginItem(next.startAtLogin, this.options);
    this.updates.settingsChanged();
  }

  private rebuildMenu(): void {
    applyAppMenu(
      buildAppMenu({
        platform: process.platform,
        appName: this.text.t('appName'),
        packaged: this.options.packaged,
        text: this.text,
      }),
      (action) => this.menuAction(action),
    );
  }

  private menuAction(action: MenuAction): void {
    switch (action.kind) {
      case 'navigate':
        this.open({ screen: 'section', section: action.section });
        return;
      case 'command':
        this.showWindow();
        this.options.events.emit('app.command', { id: action.command });
        return;
      case 'documentation':
        if (isAllowedExternalUrl(DOCUMENTATION_URL)) void shell.openExternal(DOCUMENTATION_URL);
        return;
      case 'open-logs':
        void openLogsFolder(this.options.log);
        return;
      case 'report-problem':
        void reportProblem({
          parent: this.window !== null && !this.window.isDestroyed() && this.window.isVisible() ? this.window : null,
          text: this.text,
          log: this.options.log,
          channel: this.settings().updateChannel,
        });
        return;
    }
  }

  private trayAction(action: TrayAction): void {
    switch (action) {
      case 'open':
        this.showWindow();
        return;
      case 'sync-now':
        // The renderer's sync wakes on this event, as it does when the server announces news.
        this.options.events.emit('sync.remoteChanged', { seq: null });
        this.options.services.live.nudge();
        return;
      case 'toggle-pause':
        void this.gate.setPaused(!this.gate.isPaused());
        return;
      case 'quit':
        app.quit();
        return;
    }
  }

  /** Progress events can come many times a second: the tray is redrawn at most twice a second. */
  private scheduleTrayRender(): void {
    if (this.trayRender !== null) return;
    this.trayRender = setTimeout(() => {
      this.trayRender = null;
      this.renderTray();
    }, 500);
    this.trayRender.unref();
  }

  private renderTray(): void {
    this.tray.render(
      trayView(
        {
          appName: this.text.t('appName'),
          sync: this.syncReport,
          paused: this.gate.isPaused(),
          downloads: this.downloads.summary(),
        },
        this.text,
      ),
    );
  }
}
