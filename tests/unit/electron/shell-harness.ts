/**
 * Runs src/main/index.ts afresh against the fake electron, as Electron would
 * run out/main/index.js: module evaluation first (lock, scheme, listeners),
 * then `ready`. Each launch gets its own user-data folder.
 *
 * The calling test file must have `vi.mock('electron', () => fakeElectron)`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
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

export async function launchShell(options: { singleInstanceLock?: boolean } = {}): Promise<Launch> {
  resetFakeElectron();
  const userData = await mkdtemp(join(tmpdir(), 'cb-shell-'));
  app.userData = userData;
  app.sessionData = join(userData, 'session');
  app.singleInstanceLock = options.singleInstanceLock ?? true;
  vi.resetModules();
  await import('../../../src/main/index');
  return {
    userData,
    async ready() {
      app.becomeReady();
      await vi.waitFor(() => {
        expect(FakeBrowserWindow.created).toHaveLength(1);
      });
      const [window] = FakeBrowserWindow.created;
      if (window === undefined) throw new Error('no window');
      return window;
    },
    cleanUp: () => rm(userData, { recursive: true, force: true }),
  };
}

/** The top-level frame of the app page, as `event.senderFrame` shows it. */
export const APP_FRAME = { url: 'app://bundle/index.html', parent: null } as const;
