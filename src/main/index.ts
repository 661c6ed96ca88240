/**
 * The Electron shell: windows, protocols, security handlers and the contract
 * wired to the services. Everything else lives in plain TypeScript services
 * that take a Host, so it runs (and is tested) without Electron; the desktop
 * shell's decisions (deep links, tray, menu, updates, crash recovery) live in
 * desktop/ for the same reason.
 */
import { join } from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';
import { createAppLog } from './desktop/app-log';
import { DEEP_LINK_SCHEME } from './desktop/deep-link';
import { DesktopShell } from './desktop/electron/desktop-shell';
import { loadUpdater } from './desktop/electron/updater';
import { createElectronHost } from './host/electron-host';
import { parseLaunchOptions } from './launch-options';
import { APP_ENTRY_URL } from './security/app-origin';
import { createServices } from './services';
import { createDispatcher } from './services/dispatcher';
import { EventBus } from './services/events';
import { handleAppProtocol, handleFileProtocol, registerAppScheme } from './shell/app-protocol';
import { wireContract } from './shell/ipc';
import { denyAllPermissions, restrictContents, restrictSpellChecker } from './shell/security';

// A development server only for development: a packaged app never loads what an environment variable names.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
// Installed: electron-builder's extraResources. A development build: the repository's resources/ (out/main is two below).
const resourcesDir = app.isPackaged ? process.resourcesPath : join(import.meta.dirname, '../../resources');

let desktop: DesktopShell | null = null;
/** Deep links macOS hands over before the shell is up (a link that launched the app). */
const earlyUrls: string[] = [];

async function start(): Promise<void> {
  const host = await createElectronHost({ notify: (title, body) => desktop?.hostNotice(title, body) });
  const log = createAppLog({
    userData: host.paths.userData,
    appName: app.getName(),
    console: devServerUrl !== undefined,
  });
  const events = new EventBus();
  const { serverUrl } = parseLaunchOptions(process.argv);
  const services = await createServices({
    host,
    events,
    ...(serverUrl !== undefined ? { serverUrlOverride: serverUrl } : {}),
    venueDiscovery: true,
  });
  desktop = new DesktopShell({
    services,
    events,
    log,
    url: devServerUrl ?? APP_ENTRY_URL,
    preloadPath,
    resourcesDir,
    packaged: app.isPackaged,
    argv: process.argv,
    updater: app.isPackaged ? await loadUpdater(log) : null,
  });
  const dispatch = createDispatcher(
    { ...services.handlers, desktop: desktop.handlers, sync: desktop.gate.wrap(services.handlers.sync) },
    { onInternalError: (channel, error) => log.error(`[${channel}] failed`, error) },
  );
  denyAllPermissions(session.defaultSession);
  restrictSpellChecker(session.defaultSession, process.platform);
  handleAppProtocol(rendererDir);
  handleFileProtocol(services.downloads);
  wireContract(dispatch, events, devServerUrl);
  desktop.start();
  for (const url of earlyUrls.splice(0)) desktop.openUrl(url);
}

// One instance owns the profile, the database and the downloads; a second launch hands over its deep link.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => desktop?.secondInstance(argv));
  // macOS: registered before ready, so a link that launches the app is not lost.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (desktop === null) earlyUrls.push(url);
    else desktop.openUrl(url);
  });
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => {
    restrictContents(contents, {
      ...(devServerUrl !== undefined ? { devServerUrl } : {}),
      // restrictContents has checked the allow-list already.
      openExternal: (url) => void shell.openExternal(url),
    });
  });
  app.on('before-quit', () => desktop?.beforeQuit());
  // macOS keeps the app in the dock with no window; elsewhere closing the window quits,
  // unless it keeps syncing in the background (then it was hidden, not closed).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().every((window) => !window.isVisible())) desktop?.activate();
  });
  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Without its services the app cannot work; say why on stderr and quit rather than hang windowless.
      console.error('Collective Brain could not start:', error);
      app.exit(1);
    });
}
