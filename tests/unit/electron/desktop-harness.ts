/**
 * What the desktop-shell tests share: a launch of the Electron entry against
 * the fake electron (English, Linux unless a test says otherwise), calls from
 * the app's frame, and the events, tray and menus read as a user meets them.
 *
 * The calling test file mocks `electron` and `electron-updater` (vi.mock is
 * per file) and calls useDesktopShell() at its top level.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { FakeAutoUpdater } from '../../support/update-feed';
import { fakeElectron, type FakeBrowserWindow } from './fake-electron';
import { FakeMenu, FakeTray } from './fake-desktop';
import { APP_FRAME, launchShell, type Launch, type LaunchOptions } from './shell-harness';

export const THREAD = '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0001';
export const DOCUMENT = '7d3c1a90-2b1e-4f6a-8c2d-9e0f1a2b3c4d';
/** For what the tray redraws (at most twice a second) and other work that waits on timers. */
export const LONG = { timeout: 10_000 };
const realPlatform = process.platform;

export function setPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

let launch: Launch | undefined;

/** Installs the per-test set-up: a clean environment, Linux, a stand-in updater; the launch cleaned up after. */
export function useDesktopShell(updater: { current: unknown }): void {
  beforeEach(() => {
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
    setPlatform('linux');
    updater.current = new FakeAutoUpdater('http://127.0.0.1:9', '0.1.0-test');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    setPlatform(realPlatform);
    await stop();
  });
}

/** The entry evaluated, not yet ready (a test may act before `ready`). */
export async function begin(options: LaunchOptions = {}): Promise<Launch> {
  launch = await launchShell(options);
  return launch;
}

export function current(): Launch {
  if (launch === undefined) throw new Error('nothing launched');
  return launch;
}

export async function stop(): Promise<void> {
  await launch?.cleanUp();
  launch = undefined;
}

/** Launched, ready, and its window painted. */
export async function start(options: LaunchOptions = {}): Promise<FakeBrowserWindow> {
  // English, whatever the fake OS prefers (it says French first).
  const started = await begin({ ...options, settings: { uiLanguage: 'en', ...options.settings } });
  const window = await started.ready();
  window.emit('ready-to-show');
  return window;
}

export function call(channel: string, input?: unknown): Promise<unknown> {
  return fakeElectron.ipcMain.invoke(channel, APP_FRAME, input);
}

/** The payloads of one event the window received, in order. */
export function received(window: FakeBrowserWindow, event: string): unknown[] {
  return window.webContents.sent.filter((sent) => sent.channel === `event:${event}`).map((sent) => sent.args[0]);
}

export function tray(): FakeTray {
  const [only] = FakeTray.created;
  if (only === undefined) throw new Error('no tray');
  return only;
}

export function trayMenu(): string[] {
  return (tray().menu?.items ?? []).map((item) =>
    item.type === 'separator' ? '---' : `${item.label ?? ''}${item.enabled === false ? ' [off]' : ''}`,
  );
}

export function appMenu(): FakeMenu {
  if (FakeMenu.applicationMenu === null) throw new Error('no application menu');
  return FakeMenu.applicationMenu;
}
