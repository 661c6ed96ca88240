/**
 * The Electron shell: windows, protocols, security handlers and the contract
 * wired to the services. Everything else lives in plain TypeScript services
 * that take a Host, so it runs (and is tested) without Electron.
 */
import { join } from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';
import { createElectronHost } from './host/electron-host';
import { parseLaunchOptions } from './launch-options';
import { APP_ENTRY_URL } from './security/app-origin';
import { createServices } from './services';
import { createDispatcher } from './services/dispatcher';
import { EventBus } from './services/events';
import { handleAppProtocol, handleFileProtocol, registerAppScheme } from './shell/app-protocol';
import { wireContract } from './shell/ipc';
import { denyAllPermissions, restrictContents, secureWebPreferences } from './shell/security';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: app.getName(),
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return window;
}

function focusMainWindow(): void {
  if (mainWindow === null || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const host = await createElectronHost();
  const events = new EventBus();
  const { serverUrl } = parseLaunchOptions(process.argv);
  const services = await createServices({
    host,
    events,
    ...(serverUrl !== undefined ? { serverUrlOverride: serverUrl } : {}),
  });
  const dispatch = createDispatcher(services.handlers, {
    onInternalError: (channel, error) => console.error(`[${channel}]`, error),
  });
  denyAllPermissions(session.defaultSession);
  handleAppProtocol(rendererDir);
  handleFileProtocol(services.downloads);
  wireContract(dispatch, events, devServerUrl);
  mainWindow = createMainWindow();
}

// One instance owns the profile, the database and the downloads; a second launch focuses it.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => {
    restrictContents(contents, {
      ...(devServerUrl !== undefined ? { devServerUrl } : {}),
      // restrictContents has checked the allow-list already.
      openExternal: (url) => void shell.openExternal(url),
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
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
