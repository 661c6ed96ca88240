/**
 * The Electron entry (src/main/index.ts) run against a fake electron: the
 * window's sandbox, the app:// protocol, navigation limits, permissions and
 * the single-instance lock, each checked through what the entry wires up.
 */
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, calls, FakeBrowserWindow, FakeWebContents, navigationEvent } from './fake-electron';
import { launchShell, type Launch } from './shell-harness';

// Hoisted with vi.mock above every import, so the fake exists before the shell imports electron.
const { fakeElectron } = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => fakeElectron);

let launch: Launch | undefined;

beforeEach(() => {
  // With a dev server URL the shell would load it instead of app://; users never have one.
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await launch?.cleanUp();
  launch = undefined;
});

async function readyWindow(): Promise<FakeBrowserWindow> {
  launch = await launchShell();
  return launch.ready();
}

describe('the main window', () => {
  it('is created sandboxed: context isolation and web security on, no Node, the CommonJS preload', async () => {
    const window = await readyWindow();
    const preferences = window.options.webPreferences;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(preferences?.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/u);
  });

  it('loads app://bundle/index.html, never a file: URL', async () => {
    const window = await readyWindow();
    expect(window.loadedUrls).toEqual(['app://bundle/index.html']);
  });

  it('shows itself only once its first paint is ready', async () => {
    const window = await readyWindow();
    expect(window.actions).not.toContain('show');
    window.emit('ready-to-show');
    expect(window.actions).toContain('show');
  });
});

describe('the app:// protocol', () => {
  it('is registered as a privileged standard, secure scheme before ready, and handled after', async () => {
    launch = await launchShell();
    expect(fakeElectron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown },
      { scheme: 'cbfile', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown },
    ]);
    expect(fakeElectron.protocol.handlers.size).toBe(0);

    await launch.ready();
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('app.ready'));
    expect([...fakeElectron.protocol.handlers.keys()]).toEqual(['app', 'cbfile']);
    // The window may only load once its protocol answers.
    expect(calls.indexOf('protocol.handle app')).toBeLessThan(
      calls.indexOf('BrowserWindow.loadURL app://bundle/index.html'),
    );
  });
});

describe('navigation and new windows', () => {
  const offOrigin = [
    'https://evil.example/',
    'http://bundle/index.html',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://bundle.evil.example/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ];

  it.each(offOrigin)('blocks navigating and redirecting to %s', async (url) => {
    const window = await readyWindow();
    expect(window.webContents.navigate('will-navigate', url)).toBe(false);
    expect(window.webContents.navigate('will-redirect', url)).toBe(false);
  });

  it.each(['app://bundle/x', 'app://bundle/index.html#/settings'])('lets the app move within %s', async (url) => {
    const window = await readyWindow();
    expect(window.webContents.navigate('will-navigate', url)).toBe(true);
    expect(window.webContents.navigate('will-redirect', url)).toBe(true);
  });

  it('denies every window.open, and sends only allow-listed https links to the system browser', async () => {
    const window = await readyWindow();
    const openHandler = window.webContents.windowOpenHandler;
    if (openHandler === null) throw new Error('no window open handler was set');
    const urls = [
      'https://www.ilo.org/topics/sse',
      'https://evil.example/',
      'http://www.ilo.org/',
      'https://ilo.org.evil.example/',
      'https://user:pass@ilo.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://bundle/index.html',
    ];
    for (const url of urls) expect(openHandler({ url })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(fakeElectron.shell.opened).toEqual(['https://www.ilo.org/topics/sse']);
  });

  it('prevents attaching a <webview>', async () => {
    const window = await readyWindow();
    const event = navigationEvent('');
    window.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('restricts every web contents Electron creates, not only the main window', async () => {
    await readyWindow();
    const other = new FakeWebContents();
    app.emit('web-contents-created', navigationEvent(''), other);
    expect(other.navigate('will-navigate', 'https://evil.example/')).toBe(false);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem'];

  it('denies every permission request and check, before any window exists', async () => {
    await readyWindow();
    const { permissionRequestHandler, permissionCheckHandler } = fakeElectron.session.defaultSession;
    if (permissionRequestHandler === null || permissionCheckHandler === null) throw new Error('handlers not set');
    for (const permission of permissions) {
      const callback = vi.fn<(granted: boolean) => void>();
      permissionRequestHandler(null, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(permissionCheckHandler(null, permission, 'app://bundle', {})).toBe(false);
    }
    expect(calls.indexOf('session.setPermissionRequestHandler')).toBeLessThan(calls.indexOf('BrowserWindow.new'));
    expect(calls.indexOf('session.setPermissionCheckHandler')).toBeLessThan(calls.indexOf('BrowserWindow.new'));
  });
});

describe('the single-instance lock', () => {
  it('quits without a window or any wiring when another instance holds the lock', async () => {
    launch = await launchShell({ singleInstanceLock: false });
    expect(app.quitCount).toBe(1);
    expect(app.whenReadyCount).toBe(0);
    expect(app.listenerCount('web-contents-created')).toBe(0);
    expect(fakeElectron.protocol.privileged).toEqual([]);
    app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(fakeElectron.ipcMain.handlers.size).toBe(0);
  });

  it('keeps running when it holds the lock', async () => {
    await readyWindow();
    expect(app.quitCount).toBe(0);
  });

  it('restores and focuses the existing window when a second instance starts', async () => {
    const window = await readyWindow();
    window.minimized = true;
    app.emit('second-instance', navigationEvent(''), ['collective-brain'], '/');
    // Shown as well: with background sync the window may be hidden in the tray.
    expect(window.actions).toEqual(['restore', 'show', 'focus']);
    expect(FakeBrowserWindow.created).toHaveLength(1);

    window.actions.length = 0;
    app.emit('second-instance', navigationEvent(''), ['collective-brain'], '/');
    expect(window.actions).toEqual(['show', 'focus']);
  });
});

describe('the test itself', () => {
  it('never loads the real electron module (it would try to download a binary)', async () => {
    await readyWindow();
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.filter((path) => /[/\\]node_modules[/\\]electron[/\\]/u.test(path))).toEqual([]);
  });
});
