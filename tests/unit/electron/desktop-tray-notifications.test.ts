/**
 * The desktop shell as the Electron entry wires it, against the fake electron:
 * the tray, system notifications and updates, read the way a user meets them,
 * and what reaches the renderer (the contract's events sent to the window).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from './fake-electron';
import { FakeNotification, type FakeMenu } from './fake-desktop';
import { call, LONG, received, start, THREAD, tray, trayMenu, useDesktopShell } from './desktop-harness';
import { FakeAutoUpdater, startUpdateFeed, type UpdateFeed } from '../../support/update-feed';

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

describe('the tray', () => {
  it('shows the sync state, the writes waiting and the actions, as the renderer reports them', async () => {
    await start();
    expect(tray().tooltip).toBe('Collective Brain\nStarting…');
    expect(await call('desktop.reportSync', { state: 'offline', waiting: 3 })).toEqual({ ok: true, value: null });
    await vi.waitFor(() => expect(tray().tooltip).toBe('Collective Brain\nOffline\n3 writes waiting to be sent'), LONG);
    expect(trayMenu()).toEqual([
      'Offline [off]',
      '3 writes waiting to be sent [off]',
      '---',
      'Open Collective Brain',
      'Sync Now',
      'Pause Sync',
      '---',
      'Quit',
    ]);
    expect(tray().image.path).toMatch(/[/\\]tray[/\\]offline\.png$/u);
  });

  it('refuses a report that is not one', async () => {
    await start();
    expect(await call('desktop.reportSync', { state: 'hacked', waiting: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
  });

  it('Pause Sync stops pull and push, tells the window, and Resume asks it to sync at once', async () => {
    const window = await start();
    (tray().menu as unknown as FakeMenu).click('Pause Sync');
    await vi.waitFor(() => expect(received(window, 'desktop.changed').at(-1)).toMatchObject({ syncPaused: true }));
    expect(await call('sync.pull', {})).toMatchObject({ ok: false, error: { code: 'sync-paused' } });
    const push = { clientId: 'c', mutations: [{ id: 'm1', name: 'post.delete', args: { id: THREAD } }] };
    expect(await call('sync.push', push)).toMatchObject({
      ok: false,
      error: { code: 'sync-paused' },
    });
    await vi.waitFor(() => expect(trayMenu()).toContain('Resume Sync'), LONG);
    expect(trayMenu()).toContain('Sync Now [off]');

    const before = received(window, 'sync.remoteChanged').length;
    (tray().menu as unknown as FakeMenu).click('Resume Sync');
    await vi.waitFor(() => expect(received(window, 'sync.remoteChanged')).toHaveLength(before + 1));
    expect(await call('desktop.state')).toMatchObject({ ok: true, value: { syncPaused: false } });
    expect(await call('sync.pull', {})).not.toMatchObject({ error: { code: 'sync-paused' } });
  });

  it('Sync Now wakes the renderer’s sync, Open brings the window up, Quit quits', async () => {
    const window = await start();
    window.hide();
    const menu = tray().menu as unknown as FakeMenu;
    menu.click('Sync Now');
    expect(received(window, 'sync.remoteChanged')).toEqual([{ seq: null }]);
    menu.click('Open Collective Brain');
    expect(window.isVisible()).toBe(true);
    menu.click('Quit');
    expect(app.quitCount).toBe(1);
  });
});

describe('notifications', () => {
  const reply = {
    kind: 'reply',
    title: 'Amina Diallo replied',
    body: 'In “Solidarity finance in Agadir”',
    target: { screen: 'thread', threadId: THREAD },
  };

  it('shows the renderer’s notification while the window is away, and a click opens its thread', async () => {
    const window = await start();
    window.hide();
    expect(await call('desktop.notify', reply)).toEqual({ ok: true, value: null });
    expect(FakeNotification.shown.map((n) => [n.title, n.body, n.options.urgency])).toEqual([
      ['Amina Diallo replied', 'In “Solidarity finance in Agadir”', 'normal'],
    ]);
    FakeNotification.shown[0]?.click();
    expect(window.isVisible()).toBe(true);
    expect(window.isFocused()).toBe(true);
    expect(received(window, 'shell.navigate')).toEqual([{ screen: 'thread', threadId: THREAD }]);
    // A screen that mounts later (before sign-in, say) takes it; then it is gone.
    expect(await call('shell.takeNavigation')).toEqual({ ok: true, value: { screen: 'thread', threadId: THREAD } });
    expect(await call('shell.takeNavigation')).toEqual({ ok: true, value: null });
  });

  it('shows none when the user muted them', async () => {
    const window = await start({ settings: { muteNotifications: true } });
    window.hide();
    await call('desktop.notify', reply);
    expect(FakeNotification.shown).toEqual([]);
  });

  it('tells a reply nothing new while the user is looking at the window', async () => {
    const window = await start();
    window.show();
    window.focus();
    await call('desktop.notify', reply);
    expect(FakeNotification.shown).toEqual([]);
  });

  it('refuses a notification aimed at something that is not a place', async () => {
    await start();
    expect(
      await call('desktop.notify', { ...reply, target: { screen: 'thread', threadId: 'javascript:alert(1)' } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await call('desktop.notify', { ...reply, kind: 'update-ready' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
  });
});

describe('updates', () => {
  let feed: UpdateFeed;
  beforeEach(async () => {
    feed = await startUpdateFeed();
  });
  afterEach(() => feed.close());

  it('a development build says it does not update itself', async () => {
    await start();
    expect(await call('desktop.state')).toEqual({
      ok: true,
      value: { available: true, update: { status: 'unsupported', reason: 'not-packaged' }, syncPaused: false },
    });
  });

  it('an installed app downloads an update and says so; the notification opens Settings; Restart installs', async () => {
    feed.publish('latest', '0.2.0');
    const updater = new FakeAutoUpdater(feed.url, '0.1.0-test');
    updaterHolder.current = updater;
    const window = await start({ packaged: true });
    window.hide();
    expect(await call('desktop.checkForUpdates')).toMatchObject({ ok: true });
    await vi.waitFor(() =>
      expect(received(window, 'desktop.changed').at(-1)).toMatchObject({
        update: { status: 'downloaded', version: '0.2.0' },
      }),
    );
    const notice = FakeNotification.shown.find((n) => n.title === 'Update ready');
    expect(notice?.body).toBe('Version 0.2.0 installs when you restart Collective Brain.');
    notice?.click();
    expect(received(window, 'shell.navigate').at(-1)).toEqual({ screen: 'section', section: 'settings' });
    expect(await call('desktop.installUpdate')).toEqual({ ok: true, value: null });
    expect(updater.installs).toEqual([{ isSilent: false, isForceRunAfter: true }]);
  });
});
