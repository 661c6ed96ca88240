/**
 * Runs src/main/index.ts afresh against the fake electron, as Electron would
 * run out/main/index.js: module evaluation first (lock, scheme, listeners),
 * then `ready`. Each launch gets its own user-data folder.
 *
 * The calling test file must have `vi.mock('electron', () => fakeElectron)`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { app, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

export interface Launch {
  readonly userData: string;
  /** Fires `ready` and waits for the main window. */
  ready(): Promise<FakeBrowserWindow>;
  cleanUp(): Promise<void>;
}

export interface LaunchOptions {
  singleInstanceLock?: boolean;
  /** An installed app (app.isPackaged) rather than a development build. */
  packaged?: boolean;
  /** Extra command-line arguments, as the OS passes a deep link or the login item its switch. */
  argv?: readonly string[];
  /** settings.json as the user left it (the schema's defaults fill the rest). */
  settings?: Record<string, unknown>;
}

export async function launchShell(options: LaunchOptions = {}): Promise<Launch> {
  resetFakeElectron();
  const userData = await mkdtemp(join(tmpdir(), 'cb-shell-'));
  app.userData = userData;
  app.sessionData = join(userData, 'session');
  app.singleInstanceLock = options.singleInstanceLock ?? true;
  app.isPackaged = options.packaged ?? false;
  // Electron sets it for an installed app: the folder that holds app.asar and the extra resources.
  Object.defineProperty(process, 'resourcesPath', { value: join(userData, 'resources'), configurable: true });
  if (options.settings !== undefined) {
    await writeFile(
      join(userData, 'settings.json'),
      JSON.stringify({
        uiLanguage: 'en',
        contentLanguages: ['en'],
        theme: 'system',
        serverUrl: 'http://127.0.0.1:9',
        ...options.settings,
      }),
    );
  }
  const argv = process.argv;
  process.argv = [...argv, ...(options.argv ?? [])];
  vi.resetModules();
  try {
    await import('../../../src/main/index');
  } finally {
    if (options.argv === undefined) process.argv = argv;
  }
  return {
    userData,
    async ready() {
      app.becomeReady();
      try {
        // Bound well past vi.waitFor's 1 s default: the entry's start-up is slow on a busy machine.
        await vi.waitFor(
          () => {
            expect(FakeBrowserWindow.created).toHaveLength(1);
          },
          { timeout: 15_000 },
        );
      } finally {
        process.argv = argv;
      }
      const [window] = FakeBrowserWindow.created;
      if (window === undefined) throw new Error('no window');
      return window;
    },
    async cleanUp() {
      // The entry's background work (the live stream, timers) belongs to this launch only.
      app.emit('before-quit', { preventDefault: () => undefined });
      // The window state or the log may still be landing in it: retry a removal that races them.
      await rm(userData, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** The top-level frame of the app page, as `event.senderFrame` shows it. */
export const APP_FRAME = { url: 'app://bundle/index.html', parent: null } as const;
