/**
 * Updater decisions: when to check, whether to download, when to install,
 * and which channel to follow. The updater is a stand-in for
 * electron-updater's autoUpdater (it needs Electron); the feed it reads is
 * real, served on 127.0.0.1, with real bytes and sha512 sums.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  classifyUpdateError,
  DAY_MS,
  FIRST_CHECK_DELAY_MS,
  UpdateController,
  type Updater,
} from '../../../src/main/desktop/update-controller';
import { desktopHandlers } from '../../../src/main/desktop/desktop-handlers';
import { NotificationCenter } from '../../../src/main/desktop/notification-center';
import { SyncGate } from '../../../src/main/desktop/sync-gate';
import { createDispatcher } from '../../../src/main/services/dispatcher';
import { EventBus } from '../../../src/main/services/events';
import { buildApi } from '../../../src/shared/api-builder';
import type { AllHandlers } from '../../../src/shared/contract';
import type { UpdateState } from '../../../src/shared/desktop';
import type { Settings } from '../../../src/shared/settings';
import { FakeAutoUpdater, startUpdateFeed, type UpdateFeed } from '../../support/update-feed';

type UpdateSettings = Pick<Settings, 'metered' | 'updateChannel'>;

/** A controller on a fake clock: scheduled tasks wait in `timers` until the test runs them. */
function controller(updater: Updater | null, settings: UpdateSettings = { metered: false, updateChannel: 'stable' }) {
  const timers: { ms: number; task: () => void; cancelled: boolean }[] = [];
  const states: UpdateState[] = [];
  const ready: string[] = [];
  const current = { ...settings };
  const control = new UpdateController({
    updater,
    settings: () => current,
    now: () => new Date('2026-12-07T10:00:00.000Z'),
    schedule: (task, ms) => {
      // A timer that ran or was cancelled is no longer pending.
      const timer = {
        ms,
        task: () => {
          timer.cancelled = true;
          task();
        },
        cancelled: false,
      };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    onChange: (state) => states.push(state),
    onReady: (version) => ready.push(version),
    log: () => undefined,
  });
  const pending = () => timers.filter((timer) => !timer.cancelled);
  return { control, timers: pending, states, ready, settings: current };
}

let feed: UpdateFeed;
beforeEach(async () => {
  feed = await startUpdateFeed();
});
afterEach(() => feed.close());

describe('the updater’s configuration', () => {
  it('downloads and installs nothing on its own: the controller decides, the user agrees to install', () => {
    const updater = new FakeAutoUpdater(feed.url, '1.0.0');
    controller(updater);
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false });
  });

  it('follows stable releases on the stable channel, and betas on the beta channel, never downgrading', () => {
    const updater = new FakeAutoUpdater(feed.url, '1.0.0');
    const { control, settings } = controller(updater);
    expect(updater).toMatchObject({ channel: 'latest', allowPrerelease: false });
    settings.updateChannel = 'beta';
    control.settingsChanged();
    expect(updater).toMatchObject({ channel: 'beta', allowPrerelease: true, allowDowngrade: false });
  });

  it('says a development build cannot update itself, and never checks', () => {
    const { control, timers } = controller(null);
    expect(control.state()).toEqual({ status: 'unsupported', reason: 'not-packaged' });
    control.start();
    expect(timers()).toEqual([]);
  });
});

describe('when it checks', () => {
  it('checks soon after start, then every day', async () => {
    feed.publish('latest', '1.0.0');
    const { control, timers, states } = controller(new FakeAutoUpdater(feed.url, '1.0.0'));
    control.start();
    expect(timers().map((timer) => timer.ms)).toEqual([FIRST_CHECK_DELAY_MS]);
    expect(feed.requests).toEqual([]);

    timers()[0]?.task();
    await vi.waitFor(() => expect(control.state().status).toBe('up-to-date'));
    expect(feed.requests).toEqual(['/latest-linux.yml']);
    expect(states.map((state) => state.status)).toContain('checking');
    expect(control.state()).toEqual({ status: 'up-to-date', checkedAt: '2026-12-07T10:00:00.000Z' });
    expect(timers().map((timer) => timer.ms)).toEqual([DAY_MS]);

    timers()[0]?.task();
    await vi.waitFor(() => expect(feed.requests).toHaveLength(2));
  });

  it('“Check now” checks at once, and only one check runs at a time', async () => {
    feed.publish('latest', '1.0.0');
    const { control } = controller(new FakeAutoUpdater(feed.url, '1.0.0'));
    const [a, b] = await Promise.all([control.check(), control.check()]);
    expect(a).toEqual(b);
    expect(feed.requests).toEqual(['/latest-linux.yml']);
  });
});

describe('what it does with an update', () => {
  it('downloads a newer version in the background, announces it once, and installs it when the user agrees', async () => {
    feed.publish('latest', '1.1.0');
    const updater = new FakeAutoUpdater(feed.url, '1.0.0');
    const { control, states, ready } = controller(updater);
    await control.check();
    await vi.waitFor(() => expect(control.state()).toEqual({ status: 'downloaded', version: '1.1.0' }));
    expect(feed.requests).toEqual(['/latest-linux.yml', '/Collective-Brain-1.1.0.AppImage']);
    const progress = states.filter((state) => state.status === 'downloading');
    expect(progress.at(-1)).toEqual({
      status: 'downloading',
      version: '1.1.0',
      transferredBytes: 200_000,
      totalBytes: 200_000,
    });
    expect(ready).toEqual(['1.1.0']);
    expect(updater.installs).toEqual([]);

    // Nothing more to check while an update waits to be installed.
    await control.check();
    expect(feed.requests).toHaveLength(2);

    control.install();
    expect(updater.installs).toEqual([{ isSilent: false, isForceRunAfter: true }]);
  });

  it('on a metered connection, finds the update but downloads it only when asked', async () => {
    feed.publish('latest', '1.1.0');
    const { control } = controller(new FakeAutoUpdater(feed.url, '1.0.0'), { metered: true, updateChannel: 'stable' });
    await control.check();
    expect(control.state()).toEqual({ status: 'available', version: '1.1.0', waitingFor: 'metered' });
    expect(feed.requests).toEqual(['/latest-linux.yml']);

    await control.download();
    await vi.waitFor(() => expect(control.state()).toEqual({ status: 'downloaded', version: '1.1.0' }));
    expect(feed.requests).toContain('/Collective-Brain-1.1.0.AppImage');
  });

  it('downloads a waiting update once the connection is no longer metered', async () => {
    feed.publish('latest', '1.1.0');
    const { control, settings } = controller(new FakeAutoUpdater(feed.url, '1.0.0'), {
      metered: true,
      updateChannel: 'stable',
    });
    await control.check();
    expect(control.state().status).toBe('available');
    settings.metered = false;
    control.settingsChanged();
    await vi.waitFor(() => expect(control.state()).toEqual({ status: 'downloaded', version: '1.1.0' }));
  });

  it('offers betas only on the beta channel, and looks at once when the user switches', async () => {
    feed.publish('latest', '1.0.0');
    feed.publish('beta', '1.1.0-beta.2');
    const { control, settings } = controller(new FakeAutoUpdater(feed.url, '1.0.0'));
    await control.check();
    expect(control.state().status).toBe('up-to-date');

    settings.updateChannel = 'beta';
    control.settingsChanged();
    await vi.waitFor(() => expect(control.state()).toEqual({ status: 'downloaded', version: '1.1.0-beta.2' }));
    expect(feed.requests).toEqual(['/latest-linux.yml', '/beta-linux.yml', '/Collective-Brain-1.1.0-beta.2.AppImage']);
  });

  it('never installs a download whose bytes do not match the feed’s sha512', async () => {
    feed.publish('latest', '1.1.0', { tamper: true });
    const updater = new FakeAutoUpdater(feed.url, '1.0.0');
    const { control, ready } = controller(updater);
    await control.check();
    await vi.waitFor(() =>
      expect(control.state()).toEqual({ status: 'error', code: 'verification', checkedAt: '2026-12-07T10:00:00.000Z' }),
    );
    expect(ready).toEqual([]);
    expect(() => control.install()).toThrow('No update is ready to install.');
    expect(updater.installs).toEqual([]);
  });

  it('says the feed cannot be reached, or has no such channel', async () => {
    const missing = controller(new FakeAutoUpdater(feed.url, '1.0.0'));
    await missing.control.check();
    expect(missing.control.state()).toMatchObject({ status: 'error', code: 'feed' });

    await feed.close();
    const down = controller(new FakeAutoUpdater(feed.url, '1.0.0'));
    await down.control.check();
    expect(down.control.state()).toMatchObject({ status: 'error', code: 'offline' });
    feed = await startUpdateFeed();
  });
});

describe('classifyUpdateError', () => {
  const coded = (code: string, message = 'failed'): Error => Object.assign(new Error(message), { code });
  it.each([
    [coded('ERR_UPDATER_INVALID_SIGNATURE', 'New version is not signed by the application owner'), 'verification'],
    [new Error('sha512 checksum mismatch, expected a, got b'), 'verification'],
    [new Error('Could not get code signature for running application'), 'verification'],
    [coded('ENOSPC', 'no space left on device'), 'disk'],
    [coded('ENOTFOUND'), 'offline'],
    [coded('ETIMEDOUT'), 'offline'],
    [new Error('net::ERR_INTERNET_DISCONNECTED'), 'offline'],
    [new Error('net::ERR_NAME_NOT_RESOLVED'), 'offline'],
    [coded('ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'), 'feed'],
    [coded('ERR_UPDATER_LATEST_VERSION_NOT_FOUND'), 'feed'],
    [new Error('HttpError: 404 Not Found'), 'feed'],
    [new Error('something else'), 'other'],
    ['a string', 'other'],
  ])('sorts %o as %s', (error, code) => {
    expect(classifyUpdateError(error)).toBe(code);
  });
});

describe('the state reaches the renderer', () => {
  it('through the desktop contract: Check now answers, and every change is an event', async () => {
    feed.publish('latest', '1.2.0');
    const events = new EventBus();
    const updater = new FakeAutoUpdater(feed.url, '1.0.0');
    const gate = new SyncGate({ start: () => undefined, stop: () => Promise.resolve() }, events.emit, () => undefined);
    const updates = new UpdateController({
      updater,
      settings: () => ({ metered: false, updateChannel: 'stable' }),
      now: () => new Date('2026-12-07T10:00:00.000Z'),
      schedule: () => () => undefined,
      onChange: () =>
        events.emit('desktop.changed', { available: true, update: updates.state(), syncPaused: gate.isPaused() }),
      onReady: () => undefined,
      log: () => undefined,
    });
    const notifications = new NotificationCenter({
      port: { isSupported: () => false, show: () => undefined },
      muted: () => false,
      doNotDisturb: () => undefined,
      appInFront: () => false,
      activate: () => undefined,
    });
    const handlers = {
      desktop: desktopHandlers({
        updates,
        gate,
        notifications,
        setBadge: () => undefined,
        reportSync: () => undefined,
      }),
    } as unknown as AllHandlers; // Only the desktop namespace is called here.
    const api = buildApi(createDispatcher(handlers), (event, listener) =>
      events.subscribe((name, payload) => {
        if (name === event) listener(payload);
      }),
    );
    const seen: string[] = [];
    api.on('desktop.changed', (state) => seen.push(state.update.status));

    expect(await api.desktop.checkForUpdates()).toMatchObject({
      ok: true,
      value: { status: expect.any(String) as unknown },
    });
    await vi.waitFor(() => expect(seen.at(-1)).toBe('downloaded'));
    expect(seen[0]).toBe('checking');
    expect(seen).toContain('downloading');
    expect(await api.desktop.state()).toEqual({
      ok: true,
      value: { available: true, update: { status: 'downloaded', version: '1.2.0' }, syncPaused: false },
    });
    expect(await api.desktop.installUpdate()).toEqual({ ok: true, value: null });
    expect(updater.installs).toHaveLength(1);
  });
});
