/**
 * Settings → Updates and Desktop app, as a person uses them. In browser mode
 * they say there is no desktop shell. In the desktop app the update state
 * comes from the real UpdateController driving a stand-in autoUpdater on a
 * real feed served on 127.0.0.1, through the contract, to the screen.
 */
import { act, cleanup as unmountAll, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ApiContext } from '../../../src/renderer/src/app/api-context';
import { SessionContext } from '../../../src/renderer/src/app/session-context';
import { DataProvider } from '../../../src/renderer/src/data/data-context';
import { openDb } from '../../../src/renderer/src/data/db';
import { SyncCenterScreen } from '../../../src/renderer/src/features/sync/SyncCenterScreen';
import { DesktopSettings } from '../../../src/renderer/src/features/settings/DesktopSettings';
import { createI18n } from '../../../src/renderer/src/i18n';
import { desktopHandlers, desktopState } from '../../../src/main/desktop/desktop-handlers';
import { NotificationCenter } from '../../../src/main/desktop/notification-center';
import { SyncGate } from '../../../src/main/desktop/sync-gate';
import { UpdateController } from '../../../src/main/desktop/update-controller';
import { createDispatcher } from '../../../src/main/services/dispatcher';
import { buildApi } from '../../../src/shared/api-builder';
import type { Api } from '../../../src/shared/contract';
import type { Settings } from '../../../src/shared/settings';
import { startInProcessApp, type InProcessApp } from '../../support/in-process';
import { makeTempDir } from '../../support/temp-dir';
import { FakeAutoUpdater, startUpdateFeed, type UpdateFeed } from '../../support/update-feed';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  unmountAll();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Settings as the screen gets them: the stored ones, then each `settings.changed`. */
function LiveSettings({ api }: { api: Api }): React.JSX.Element | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void api.settings.get().then((result) => {
      if (result.ok) setSettings(result.value);
    });
    return api.on('settings.changed', setSettings);
  }, [api]);
  return settings === null ? null : <DesktopSettings settings={settings} />;
}

/** The update state as read: versions are isolated (FSI … PDI) for right-to-left text, invisible here. */
function updateState(): string {
  return screen.getByRole('status').textContent.replace(/[\u2068\u2069]/gu, '');
}

async function renderSettings(api: Api): Promise<void> {
  const i18n = await createI18n('en');
  render(
    <I18nextProvider i18n={i18n}>
      <ApiContext.Provider value={api}>
        <LiveSettings api={api} />
      </ApiContext.Provider>
    </I18nextProvider>,
  );
}

async function inProcess(): Promise<InProcessApp> {
  const { dir, cleanup } = await makeTempDir('cb-desktop-settings-');
  const app = await startInProcessApp(dir, ['en-US'], { offline: true });
  cleanups.push(async () => {
    await app.services.close();
    await cleanup();
  });
  return app;
}

/** The desktop app's `desktop` namespace, on the real controller and a local feed. */
async function desktopApp(): Promise<{ api: Api; feed: UpdateFeed; updater: FakeAutoUpdater; app: InProcessApp }> {
  const app = await inProcess();
  const feed = await startUpdateFeed();
  cleanups.push(() => feed.close());
  const updater = new FakeAutoUpdater(feed.url, '0.0.0-test');
  const gate = new SyncGate(app.services.live, app.events.emit, () =>
    app.events.emit('desktop.changed', desktopState({ updates, gate })),
  );
  const updates: UpdateController = new UpdateController({
    updater,
    settings: () => app.services.settings.get(),
    now: () => new Date('2026-12-07T10:00:00.000Z'),
    schedule: () => () => undefined,
    onChange: () => app.events.emit('desktop.changed', desktopState({ updates, gate })),
    onReady: () => undefined,
    log: () => undefined,
  });
  app.events.subscribe((event) => {
    if (event === 'settings.changed') updates.settingsChanged();
  });
  const notifications = new NotificationCenter({
    port: { isSupported: () => false, show: () => undefined },
    muted: () => false,
    doNotDisturb: () => undefined,
    appInFront: () => true,
    activate: () => undefined,
  });
  const api = buildApi(
    createDispatcher({
      ...app.services.handlers,
      desktop: desktopHandlers({
        updates,
        gate,
        notifications,
        setBadge: () => undefined,
        reportSync: () => undefined,
      }),
      sync: gate.wrap(app.services.handlers.sync),
    }),
    (event, listener) =>
      app.events.subscribe((name, payload) => {
        if (name === event) listener(payload);
      }),
  );
  return { api, feed, updater, app };
}

describe('Settings in browser mode', () => {
  it('says the desktop features come with the desktop app, and shows no control that would do nothing', async () => {
    const { api } = await inProcess();
    await renderSettings(api);
    expect(
      await screen.findByText(
        'You are using Collective Brain in a browser. Updates, the tray icon, starting at login and system notifications come with the desktop app.',
      ),
    ).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Check now' })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});

describe('Settings in the desktop app', () => {
  it('shows the version, checks now, downloads in the background and offers to restart and install', async () => {
    const { api, feed, updater } = await desktopApp();
    feed.publish('latest', '1.2.0');
    await renderSettings(api);
    expect(await screen.findByText('Version \u20680.0.0-test\u2069')).toBeDefined();
    expect(updateState()).toBe('Not checked yet.');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Stable releases' }).checked).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(updateState()).toBe('Version 1.2.0 is ready. It installs when you restart the app.'));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Check now' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Restart and install' }));
    await waitFor(() => expect(updater.installs).toEqual([{ isSilent: false, isForceRunAfter: true }]));
  });

  it('on a metered connection, waits for “Download now”', async () => {
    const { api, feed } = await desktopApp();
    feed.publish('latest', '1.2.0');
    await renderSettings(api);
    fireEvent.click(
      await screen.findByRole('checkbox', { name: 'Metered connection (mobile data, paid by the megabyte)' }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole<HTMLInputElement>('checkbox', {
          name: 'Metered connection (mobile data, paid by the megabyte)',
        }).checked,
      ).toBe(true),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() =>
      expect(updateState()).toBe(
        'Version 1.2.0 is available. The connection is metered, so it waits for you to download it.',
      ),
    );
    expect(feed.requests).toEqual(['/latest-linux.yml']);
    fireEvent.click(screen.getByRole('button', { name: 'Download now' }));
    await waitFor(() => expect(updateState()).toBe('Version 1.2.0 is ready. It installs when you restart the app.'));
  });

  it('says plainly why an update failed', async () => {
    const { api, feed } = await desktopApp();
    feed.publish('latest', '1.2.0', { tamper: true });
    await renderSettings(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Check now' }));
    await waitFor(() =>
      expect(updateState()).toMatch(
        /^The downloaded update is not signed by its publisher, so it was not installed \(.+\)\.$/u,
      ),
    );
    expect(screen.queryByRole('button', { name: 'Restart and install' })).toBeNull();
  });

  it('switches to the beta channel, and keeps the choices it is given', async () => {
    const { api, app } = await desktopApp();
    await renderSettings(api);
    fireEvent.click(await screen.findByRole('radio', { name: 'Beta releases (earlier, less tested)' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Open Collective Brain when I log in to this computer' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Keep syncing when the window is closed' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Mute notifications' }));
    await waitFor(() =>
      expect(app.services.settings.get()).toMatchObject({
        updateChannel: 'beta',
        startAtLogin: true,
        backgroundSync: true,
        muteNotifications: true,
      }),
    );
  });

  it('offers to resume sync paused from the tray', async () => {
    const { api } = await desktopApp();
    await renderSettings(api);
    await screen.findByText('Version \u20680.0.0-test\u2069');
    await act(async () => {
      await api.desktop.setSyncPaused({ paused: true });
    });
    expect(await screen.findByText('Sync is paused.')).toBeDefined();
    expect(await api.sync.pull({})).toMatchObject({ ok: false, error: { code: 'sync-paused' } });
    fireEvent.click(screen.getByRole('button', { name: 'Resume sync' }));
    await waitFor(() => expect(screen.queryByText('Sync is paused.')).toBeNull());
  });
});

describe('the Sync center while sync is paused from the tray', () => {
  it('says sync is paused (not that it will retry), offers Resume, and resuming lets it sync', async () => {
    const { api, app } = await desktopApp();
    await api.desktop.setSyncPaused({ paused: true });
    const db = openDb('desktop-paused', { indexedDB: new IDBFactory(), IDBKeyRange });
    cleanups.push(() => Promise.resolve(db.close()));
    const i18n = await createI18n('en');
    render(
      <I18nextProvider i18n={i18n}>
        <ApiContext.Provider value={api}>
          <SessionContext.Provider
            value={{ state: 'signed-out', serverUrl: 'http://127.0.0.1:9', secretsEncrypted: true }}
          >
            <DataProvider api={api} db={db}>
              <SyncCenterScreen settings={app.services.settings.get()} />
            </DataProvider>
          </SessionContext.Provider>
        </ApiContext.Provider>
      </I18nextProvider>,
    );
    expect(await screen.findByText('Sync paused')).toBeDefined();
    expect(screen.getByRole('alert').textContent).toContain('Sync is paused (from the tray icon).');
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Resume sync' }));
    // Resumed, the engine syncs at once: signed out here, it now says so instead.
    await waitFor(() => expect(screen.queryByText('Sync paused')).toBeNull());
    expect(await api.desktop.state()).toMatchObject({ ok: true, value: { syncPaused: false } });
  });
});
