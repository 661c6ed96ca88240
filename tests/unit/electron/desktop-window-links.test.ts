/**
 * The desktop shell as the Electron entry wires it, against the fake electron:
 * deep links, the application menu, the window, crash recovery, start at
 * login, and the shell's part of issue 19.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { app, FakeBrowserWindow } from './fake-electron';
import { FakeTray, screen } from './fake-desktop';
import {
  appMenu,
  begin,
  call,
  current,
  DOCUMENT,
  LONG,
  received,
  setPlatform,
  start,
  stop,
  THREAD,
  trayMenu,
  useDesktopShell,
} from './desktop-harness';

// Hoisted with vi.mock above every import, so the fakes exist before the shell imports them.
const { fakeElectron } = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => fakeElectron);
// An installed app loads electron-updater; here it gets the stand-in.
const updaterHolder = vi.hoisted((): { current: unknown } => ({ current: null }));
vi.mock('electron-updater', () => ({
  get autoUpdater() {
    return updaterHolder.current;
  },
}));
useDesktopShell(updaterHolder);

describe('deep links', () => {
  it('a link handed to a second instance (Windows, Linux) opens its thread in the running window', async () => {
    const window = await start();
    window.hide();
    app.emit('second-instance', {}, ['/opt/cb/collective-brain', `collective-brain://thread/${THREAD}`], '/');
    expect(window.isVisible()).toBe(true);
    expect(received(window, 'shell.navigate')).toEqual([{ screen: 'thread', threadId: THREAD }]);
    expect(FakeBrowserWindow.created).toHaveLength(1);
  });

  it('a link that launched the app waits for the renderer to take it', async () => {
    await start({ argv: [`collective-brain://document/${DOCUMENT}`] });
    expect(await call('shell.takeNavigation')).toEqual({
      ok: true,
      value: { screen: 'document', documentId: DOCUMENT },
    });
  });

  it('macOS: open-url, even before the app is ready, opens the edition', async () => {
    setPlatform('darwin');
    await begin();
    const early = { preventDefault: vi.fn() };
    app.emit('open-url', early, `collective-brain://edition/${DOCUMENT}`);
    expect(early.preventDefault).toHaveBeenCalled();
    await current().ready();
    // The window was not there to hear the event: its renderer takes the place when it mounts.
    await vi.waitFor(async () =>
      expect(await call('shell.takeNavigation')).toEqual({
        ok: true,
        value: { screen: 'edition', collectionId: DOCUMENT },
      }),
    );
  });

  it.each([
    `collective-brain://thread/${THREAD}/../../etc`,
    'collective-brain://thread/not-an-id',
    `collective-brain://settings/${THREAD}`,
    `javascript:alert(1)//collective-brain://thread/${THREAD}`,
  ])('a hostile link (%s) opens nothing, and the window still comes forward', async (link) => {
    setPlatform('darwin');
    const window = await start();
    window.hide();
    app.emit('second-instance', {}, ['app', link], '/');
    app.emit('open-url', { preventDefault: () => undefined }, link);
    expect(received(window, 'shell.navigate')).toEqual([]);
    expect(await call('shell.takeNavigation')).toEqual({ ok: true, value: null });
    expect(window.isVisible()).toBe(true);
  });

  it('registers the scheme with the OS in an installed app only', async () => {
    await start({ packaged: true });
    expect(app.protocolClients).toEqual(['collective-brain']);
    await stop();
    await start({ packaged: false });
    expect(app.protocolClients).toEqual([]);
  });
});

describe('the application menu', () => {
  it('Go items and Search travel to the renderer as contract events', async () => {
    const window = await start();
    appMenu().click('Go', 'Library');
    appMenu().click('Edit', 'Search…');
    appMenu().click('Go', 'Back');
    appMenu().click('File', 'Settings…');
    expect(received(window, 'shell.navigate')).toEqual([
      { screen: 'section', section: 'library' },
      { screen: 'section', section: 'settings' },
    ]);
    expect(received(window, 'app.command')).toEqual([{ id: 'search' }, { id: 'back' }]);
  });

  it('is the macOS menu on macOS, with the app menu first', async () => {
    setPlatform('darwin');
    await start();
    expect(appMenu().items.map((item) => item.label)).toEqual([
      'Collective Brain',
      'File',
      'Edit',
      'View',
      'Go',
      'Window',
      'Help',
    ]);
  });

  it('Help opens the logs folder, and Report a Problem copies the app’s details', async () => {
    const window = await start();
    window.show();
    appMenu().click('Help', 'Open Logs Folder');
    await vi.waitFor(() => expect(fakeElectron.shell.openedPaths).toEqual([join(current().userData, 'logs')]));
    appMenu().click('Help', 'Report a Problem…');
    await vi.waitFor(() => expect(fakeElectron.dialog.asked).toHaveLength(1));
    const asked = fakeElectron.dialog.asked[0];
    expect(asked?.options.buttons).toEqual(['Copy Details', 'Open Logs Folder', 'Close']);
    asked?.answer(0);
    await vi.waitFor(() => expect(fakeElectron.clipboard.text).toContain('Collective Brain 0.1.0-test (stable)'));
    expect(fakeElectron.clipboard.text).not.toMatch(/127\.0\.0\.1|@example/u);
  });

  it('follows the interface language', async () => {
    await start({ settings: { uiLanguage: 'fr' } });
    expect(appMenu().find('Aller', 'Bibliothèque')).toBeDefined();
    await call('settings.set', { uiLanguage: 'es' });
    await vi.waitFor(() => expect(appMenu().find('Ir', 'Biblioteca')).toBeDefined());
    await vi.waitFor(() => expect(trayMenu()).toContain('Sincronizar ahora'), LONG);
  });
});

describe('the window', () => {
  it('comes back where it was left, moved onto a screen that still exists', async () => {
    await begin();
    await writeFile(
      join(current().userData, 'window-state.json'),
      JSON.stringify({ bounds: { x: 3000, y: 200, width: 1400, height: 900 }, maximized: false, fullScreen: false }),
    );
    screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
    const window = await current().ready();
    expect(window.options).toMatchObject({ width: 1400, height: 900 });
    expect(window.options.x).toBeUndefined();

    window.bounds = { x: 50, y: 60, width: 1000, height: 700 };
    window.maximized = true;
    window.close();
    await vi.waitFor(async () => {
      const saved = JSON.parse(await readFile(join(current().userData, 'window-state.json'), 'utf8')) as unknown;
      expect(saved).toEqual({ bounds: { x: 50, y: 60, width: 1000, height: 700 }, maximized: true, fullScreen: false });
    });
  });

  it('on Windows and Linux, closing it quits, unless it keeps syncing in the background', async () => {
    const window = await start();
    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(app.quitCount).toBe(1);
    await stop();

    const background = await start({ settings: { backgroundSync: true } });
    background.show();
    background.close();
    expect(background.isDestroyed()).toBe(false);
    expect(background.isVisible()).toBe(false);
    expect(app.quitCount).toBe(0);
    // Quitting for real (tray, menu, an update) lets it close.
    app.quit();
    background.close();
    expect(background.isDestroyed()).toBe(true);
  });

  it('on macOS, closing it keeps the app in the dock, and the dock icon brings a window back', async () => {
    setPlatform('darwin');
    const window = await start();
    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(app.quitCount).toBe(0);
    app.emit('activate');
    await vi.waitFor(() => expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1));
  });

  it('started at login with background sync, it stays in the tray', async () => {
    const window = await start({ argv: ['--hidden'], settings: { backgroundSync: true } });
    expect(window.isVisible()).toBe(false);
    expect(FakeTray.created).toHaveLength(1);
  });

  it('shows the unread activity on the launcher (Linux, macOS) or as a taskbar overlay (Windows)', async () => {
    await start();
    await call('desktop.setBadgeCount', { count: 5 });
    expect(app.badgeCount).toBe(5);
    await call('desktop.setBadgeCount', { count: 0 });
    expect(app.badgeCount).toBe(0);
    expect(await call('desktop.setBadgeCount', { count: -1 })).toMatchObject({ ok: false });
    await stop();

    setPlatform('win32');
    const window = await start();
    await call('desktop.setBadgeCount', { count: 5 });
    expect(window.overlay?.description).toBe('5 new activities');
    expect(window.overlay?.image?.path).toMatch(/badge-overlay\.png$/u);
    await call('desktop.setBadgeCount', { count: 0 });
    expect(window.overlay).toEqual({ image: null, description: '' });
  });
});

describe('crash recovery', () => {
  it('a crashed page gets a Reload dialog; Reload reloads it and clears nothing it stored', async () => {
    const window = await start();
    window.show();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    const asked = fakeElectron.dialog.asked[0];
    expect(asked?.options).toMatchObject({
      message: 'This window stopped working.',
      buttons: ['Reload', 'Quit'],
    });
    expect(asked?.options.detail).toContain('writes waiting to be sent and your drafts are safe');
    asked?.answer(0);
    await vi.waitFor(() => expect(window.webContents.reloads).toBe(1));
    expect(fakeElectron.session.defaultSession.cleared).toEqual([]);
    expect(FakeBrowserWindow.created).toHaveLength(1);
  });

  it('a hung page gets Wait or Reload, and the question goes away when it answers again', async () => {
    const window = await start();
    window.show();
    window.emit('unresponsive');
    const asked = fakeElectron.dialog.asked[0];
    expect(asked?.options.buttons).toEqual(['Wait', 'Reload']);
    window.emit('responsive');
    expect(asked?.withdrawn).toBe(true);
    expect(window.webContents.reloads).toBe(0);
  });
});

describe('start at login', () => {
  it('on Linux, an installed app writes and removes its XDG autostart entry', async () => {
    await begin({ packaged: true });
    const config = join(current().userData, 'xdg-config');
    vi.stubEnv('XDG_CONFIG_HOME', config);
    await current().ready();
    const entry = join(config, 'autostart', 'collective-brain.desktop');
    await call('settings.set', { startAtLogin: true });
    await vi.waitFor(async () => expect(await readFile(entry, 'utf8')).toContain('--hidden'));
    await call('settings.set', { startAtLogin: false });
    await vi.waitFor(async () => expect(await stat(entry).catch(() => null)).toBeNull());
  });

  it('on macOS and Windows, uses the login-item settings', async () => {
    setPlatform('win32');
    await start({ packaged: true });
    await call('settings.set', { startAtLogin: true });
    await vi.waitFor(() => expect(app.loginItemSettings).toMatchObject({ openAtLogin: true, args: ['--hidden'] }));
  });

  it('is off by default', async () => {
    await start({ packaged: true });
    expect(await call('settings.get')).toMatchObject({ value: { startAtLogin: false, backgroundSync: false } });
    expect(app.loginItemSettings.openAtLogin).toBe(false);
  });
});

describe('issue 19: the shell', () => {
  it('a packaged app never loads what ELECTRON_RENDERER_URL names', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://127.0.0.1:9/evil');
    const window = await start({ packaged: true });
    expect(window.loadedUrls).toEqual(['app://bundle/index.html']);
  });

  it('a development build loads the dev server it is given', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://127.0.0.1:5173/');
    const window = await start({ packaged: false });
    expect(window.loadedUrls).toEqual(['http://127.0.0.1:5173/']);
  });

  it.each([
    ['linux', false],
    ['win32', false],
    ['darwin', true],
  ] as const)('on %s the spell checker is on only where it downloads nothing (%s)', async (platform, on) => {
    setPlatform(platform);
    const window = await start();
    expect(fakeElectron.session.defaultSession.spellCheckerEnabled).toBe(on);
    expect(window.options.webPreferences?.spellcheck).toBe(on);
    // Even where it is on (or if a window turned it on), dictionaries would come from the app's own bundle.
    expect(fakeElectron.session.defaultSession.spellCheckerDictionaryDownloadUrl).toMatch(/^app:\/\/bundle\//u);
  });
});
