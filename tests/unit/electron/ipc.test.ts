/**
 * The contract on IPC: one handler per declared call, answered only for the
 * app's own top-level frame, and carried through to the real services.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel } from '../../../src/shared/contract';
import { SettingsSchema } from '../../../src/shared/settings';
import type { Dispatch } from '../../../src/main/services/dispatcher';
import { EventBus } from '../../../src/main/services/events';
import { wireContract } from '../../../src/main/shell/ipc';
import { FakeBrowserWindow, resetFakeElectron, type FakeFrame } from './fake-electron';
import { APP_FRAME, launchShell, type Launch } from './shell-harness';

// Hoisted with vi.mock above every import, so the fake exists before the shell imports electron.
const { fakeElectron } = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => fakeElectron);

const { ipcMain } = fakeElectron;

const untrustedFrames: [string, FakeFrame | null][] = [
  ['no sender frame (it navigated away or was destroyed)', null],
  ['a remote page', { url: 'https://evil.example/', parent: null }],
  ['a file: page', { url: 'file:///tmp/index.html', parent: null }],
  ['another app: host', { url: 'app://evil/index.html', parent: null }],
  ['a look-alike host', { url: 'app://bundle.evil.example/index.html', parent: null }],
  ['a sub-frame of the app', { url: 'app://bundle/index.html', parent: APP_FRAME }],
  ['a remote sub-frame', { url: 'https://evil.example/', parent: APP_FRAME }],
];

function sorted(channels: readonly string[]): string[] {
  return [...channels].sort();
}

describe('wireContract', () => {
  beforeEach(() => {
    resetFakeElectron();
  });

  it('registers exactly one handler per channel of the contract', () => {
    wireContract(vi.fn<Dispatch>(), new EventBus());
    expect(sorted([...ipcMain.handlers.keys()])).toEqual(sorted(CHANNELS));
  });

  it.each(untrustedFrames)('refuses %s without reaching the dispatcher', async (_label, frame) => {
    const dispatch = vi.fn<Dispatch>();
    wireContract(dispatch, new EventBus());
    for (const channel of CHANNELS) {
      const result = await ipcMain.invoke(channel, frame, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('passes a call from the app frame to the dispatcher with its channel and input', async () => {
    const dispatch = vi.fn<Dispatch>((channel: string) => Promise.resolve({ ok: true, value: channel }));
    wireContract(dispatch, new EventBus());
    const result = await ipcMain.invoke('settings.set', APP_FRAME, { theme: 'dark' });
    expect(result).toEqual({ ok: true, value: 'settings.set' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('settings.set', { theme: 'dark' });
  });

  it('forwards events to every open window on their own event channel, and unwires cleanly', () => {
    const events = new EventBus();
    const unwire = wireContract(vi.fn<Dispatch>(), events);
    const window = new FakeBrowserWindow({});
    const other = new FakeBrowserWindow({});
    const notice = { id: 'n1', code: 'settings-reset', at: '2025-01-01T00:00:00.000Z' } as const;
    events.emit('app.notice', notice);
    expect(window.webContents.sent).toEqual([{ channel: 'event:app.notice', args: [notice] }]);
    expect(other.webContents.sent).toEqual([{ channel: 'event:app.notice', args: [notice] }]);

    unwire();
    expect(ipcMain.handlers.size).toBe(0);
    events.emit('app.notice', notice);
    expect(window.webContents.sent).toHaveLength(1);
  });
});

describe('the contract over IPC in the running shell', () => {
  let launch: Launch;

  beforeEach(async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
    launch = await launchShell();
    await launch.ready();
  });

  afterEach(async () => {
    vi.unstubAllEnvs();
    await launch.cleanUp();
  });

  const call = (channel: Channel, input?: unknown, frame: FakeFrame | null = APP_FRAME): Promise<unknown> =>
    ipcMain.invoke(channel, frame, input);

  it('answers exactly the contract', () => {
    expect(sorted([...ipcMain.handlers.keys()])).toEqual(sorted(CHANNELS));
  });

  it('round-trips settings.get through the real services', async () => {
    const result = await call('settings.get');
    expect(result).toMatchObject({ ok: true });
    const settings = SettingsSchema.parse((result as { value: unknown }).value);
    // The fake OS prefers French: first-run settings follow it.
    expect(settings.uiLanguage).toBe('fr');
  });

  it('reports the Electron host in app.info', async () => {
    expect(await call('app.info')).toEqual({
      ok: true,
      value: {
        name: 'Collective Brain',
        version: '0.1.0-test',
        platform: process.platform,
        hostKind: 'electron',
        systemLanguages: ['fr-FR', 'en-US'],
      },
    });
  });

  it('persists settings.set in the user-data folder and tells the window', async () => {
    expect(await call('settings.set', { theme: 'dark' })).toMatchObject({ ok: true, value: { theme: 'dark' } });
    const onDisk = JSON.parse(await readFile(join(launch.userData, 'settings.json'), 'utf8')) as unknown;
    expect(onDisk).toMatchObject({ theme: 'dark' });
    const [window] = FakeBrowserWindow.created;
    expect(window?.webContents.sent).toEqual([
      { channel: 'event:settings.changed', args: [expect.objectContaining({ theme: 'dark' }) as unknown] },
    ]);
    expect(await call('settings.get')).toMatchObject({ ok: true, value: { theme: 'dark' } });
  });

  it.each([
    ['settings.set', { theme: 'neon' }],
    ['settings.set', { theme: 'dark', isAdmin: true }],
    ['settings.set', 'dark'],
    ['settings.get', { anything: 1 }],
    ['app.dismissNotice', {}],
    ['shell.openExternal', { url: 42 }],
  ] as const)('gives invalid-arguments for %s %j and changes nothing', async (channel, input) => {
    expect(await call(channel, input)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await call('settings.get')).toMatchObject({ ok: true, value: { theme: 'system' } });
    expect(fakeElectron.shell.opened).toEqual([]);
  });

  it.each(untrustedFrames)('refuses %s and changes nothing', async (_label, frame) => {
    expect(await call('settings.set', { theme: 'dark' }, frame)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call('shell.openExternal', { url: 'https://www.ilo.org/' }, frame)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call('settings.get')).toMatchObject({ ok: true, value: { theme: 'system' } });
    expect(fakeElectron.shell.opened).toEqual([]);
    expect(FakeBrowserWindow.created[0]?.webContents.sent).toEqual([]);
  });

  it('opens allow-listed https links for the app, and refuses others with a code', async () => {
    expect(await call('shell.openExternal', { url: 'https://www.ilo.org/' })).toEqual({ ok: true, value: null });
    expect(await call('shell.openExternal', { url: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'external-url-refused' },
    });
    expect(fakeElectron.shell.opened).toEqual(['https://www.ilo.org/']);
  });
});
