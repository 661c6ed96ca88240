/**
 * The Electron Host keeps secrets with safeStorage, and says when the OS
 * offers no real encryption (Linux without a secret service).
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElectronHost, safeStorageCodec } from '../../../src/main/host/electron-host';
import { app, resetFakeElectron, type StorageBackend } from './fake-electron';

// Hoisted with vi.mock above every import, so the fake exists before the host imports electron.
const { fakeElectron } = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => fakeElectron);

const { safeStorage } = fakeElectron;
const realPlatform = process.platform;

function setPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

let userData: string;

beforeEach(async () => {
  resetFakeElectron();
  userData = await mkdtemp(join(tmpdir(), 'cb-host-'));
  app.userData = userData;
  app.sessionData = join(userData, 'session');
  setPlatform('linux');
});

afterEach(async () => {
  setPlatform(realPlatform);
  await rm(userData, { recursive: true, force: true });
});

describe('safeStorageCodec', () => {
  it.each<[StorageBackend, boolean]>([
    ['basic_text', false],
    ['unknown', false],
    ['gnome_libsecret', true],
    ['kwallet6', true],
  ])('on Linux with the %s backend reports encrypted=%s', async (backend, encrypted) => {
    safeStorage.backend = backend;
    expect((await safeStorageCodec()).encrypted).toBe(encrypted);
  });

  it('reports encrypted=false when safeStorage is unavailable, whatever the backend', async () => {
    safeStorage.available = false;
    expect((await safeStorageCodec()).encrypted).toBe(false);
  });

  it('trusts the OS keychain off Linux', async () => {
    setPlatform('darwin');
    safeStorage.backend = 'basic_text'; // Only meaningful on Linux; ignored elsewhere.
    expect((await safeStorageCodec()).encrypted).toBe(true);
  });
});

describe('createElectronHost', () => {
  it('describes itself from app and keeps its data in app.getPath("userData")', async () => {
    const host = await createElectronHost();
    expect(host).toMatchObject({
      kind: 'electron',
      appName: 'Collective Brain',
      appVersion: '0.1.0-test',
      paths: { userData, cache: join(userData, 'session') },
    });
    expect(host.systemLanguages()).toEqual(['fr-FR', 'en-US']);
  });

  it('round-trips a secret through an owner-only (0600) file that never holds it in clear', async () => {
    safeStorage.backend = 'gnome_libsecret';
    const host = await createElectronHost();
    expect(host.secrets.encrypted).toBe(true);
    await host.secrets.set('session-token', 'tok_s3cret-value');

    const file = join(userData, 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).not.toContain('tok_s3cret-value');

    // A later launch reads it back through safeStorage.
    const again = await createElectronHost();
    expect(await again.secrets.get('session-token')).toBe('tok_s3cret-value');
    await again.secrets.delete('session-token');
    expect(await host.secrets.get('session-token')).toBeNull();
  });

  it('still stores secrets with the basic_text backend, but reports them as unencrypted', async () => {
    safeStorage.backend = 'basic_text';
    const host = await createElectronHost();
    expect(host.secrets.encrypted).toBe(false);
    await host.secrets.set('session-token', 'tok_plain');
    expect((await stat(join(userData, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect(await host.secrets.get('session-token')).toBe('tok_plain');
  });

  it('opens links and shows notifications through electron', async () => {
    const host = await createElectronHost();
    await host.openExternal('https://www.ilo.org/');
    host.notify('Synced', '3 new posts');
    expect(fakeElectron.shell.opened).toEqual(['https://www.ilo.org/']);
    expect(fakeElectron.Notification.shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Synced', body: '3 new posts' },
    ]);
  });

  it('asks where to save with the save dialog, modal to the focused window, in the downloads folder', async () => {
    const host = await createElectronHost();
    const window = new fakeElectron.BrowserWindow({});
    fakeElectron.BrowserWindow.focused = window;
    fakeElectron.dialog.saveAnswer = { canceled: false, filePath: '/home/test/Documents/my data.zip' };
    const filter = { name: 'Zip archive', extensions: ['zip'] };
    expect(await host.saveDialog?.({ fileName: 'my data.zip', filter })).toBe('/home/test/Documents/my data.zip');
    expect(fakeElectron.dialog.savesAsked).toEqual([
      {
        window,
        options: {
          defaultPath: '/home/test/Downloads/my data.zip',
          filters: [filter],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      },
    ]);
    fakeElectron.dialog.saveAnswer = { canceled: true, filePath: '' };
    expect(await host.saveDialog?.({ fileName: 'my data.zip', filter })).toBeNull();
  });

  it('asks for an export folder with the open dialog, modal to the focused window', async () => {
    const host = await createElectronHost();
    const window = new fakeElectron.BrowserWindow({});
    fakeElectron.BrowserWindow.focused = window;
    fakeElectron.dialog.openAnswer = { canceled: false, filePaths: ['/media/usb/academy'] };
    expect(await host.folderDialog?.({ defaultPath: '/home/test/exports' })).toBe('/media/usb/academy');
    expect(fakeElectron.dialog.opensAsked).toEqual([
      {
        window,
        options: {
          defaultPath: '/home/test/exports',
          properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        },
      },
    ]);
    fakeElectron.dialog.openAnswer = { canceled: true, filePaths: [] };
    expect(await host.folderDialog?.({ defaultPath: '/home/test/exports' })).toBeNull();
  });
});
