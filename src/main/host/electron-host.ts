import { join } from 'node:path';
import { app, BrowserWindow, dialog, net, Notification, safeStorage, shell } from 'electron';
import { createFileSecretStore, type SecretCodec } from './file-secret-store';
import type { Host } from './host';

/**
 * safeStorage encrypts with the OS keychain. On Linux without a secret
 * service it falls back to a hard-coded key ('basic_text'): that is not
 * encryption, and the codec says so, so the UI can warn.
 */
export async function safeStorageCodec(): Promise<SecretCodec> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const encrypted = available && backend !== 'basic_text' && backend !== 'unknown';
  return {
    encrypted,
    encode: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    decode: async (stored) => (await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'))).result,
  };
}

export interface ElectronHostOptions {
  /**
   * Where the services' notifications go: the desktop shell's notification
   * centre (mute, Do Not Disturb, click routing). Without it they are shown as they come.
   */
  notify?: (title: string, body: string) => void;
}

/** Only valid after `app.whenReady()`: safeStorage and paths need a ready app. */
export async function createElectronHost(options: ElectronHostOptions = {}): Promise<Host> {
  const userData = app.getPath('userData');
  return {
    kind: 'electron',
    appName: app.getName(),
    appVersion: app.getVersion(),
    platform: process.platform,
    paths: { userData, cache: app.getPath('sessionData') },
    secrets: createFileSecretStore(join(userData, 'secrets.json'), await safeStorageCodec()),
    systemLanguages: () => app.getPreferredSystemLanguages(),
    openExternal: (url) => shell.openExternal(url),
    openPath: async (path) => {
      const failure = await shell.openPath(path);
      if (failure !== '') throw new Error(failure);
    },
    notify(title, body) {
      if (options.notify !== undefined) options.notify(title, body);
      else if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
    saveDialog: async ({ fileName, filter }) => {
      const options: Electron.SaveDialogOptions = {
        defaultPath: join(app.getPath('downloads'), fileName),
        filters: [{ name: filter.name, extensions: [...filter.extensions] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      // Modal to the window that asked, so the dialog cannot hide behind it.
      const window = BrowserWindow.getFocusedWindow();
      const result = await (window === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(window, options));
      return result.canceled || result.filePath === '' ? null : result.filePath;
    },
    folderDialog: async ({ defaultPath }) => {
      const options: Electron.OpenDialogOptions = {
        defaultPath,
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      };
      const window = BrowserWindow.getFocusedWindow();
      const result = await (window === null ? dialog.showOpenDialog(options) : dialog.showOpenDialog(window, options));
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
