/**
 * A small, hand-written stand-in for the part of `electron` the shell uses.
 * Tests install it with `vi.mock('electron', () => fakeElectron)`; the real
 * module is never loaded (requiring it would try to fetch a binary).
 *
 * It behaves like Electron where the shell depends on it: `app` and web
 * contents are event emitters, a new window announces its web contents with
 * `web-contents-created`, `protocol.registerSchemesAsPrivileged` refuses to
 * run once the app is ready, `ipcMain.handle` refuses a second handler for a
 * channel, and `net.fetch` reads `file:` URLs from disk.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  clipboard,
  FakeDialog,
  FakeMenu,
  FakeNotification,
  FakeTray,
  nativeImage,
  resetFakeDesktop,
  screen,
  type FakeImage,
} from './fake-desktop';

/** What the shell records in order, so tests can check "before ready" and "before the window". */
export const calls: string[] = [];

// ---------------------------------------------------------------- app

export class FakeApp extends EventEmitter {
  singleInstanceLock = true;
  quitCount = 0;
  whenReadyCount = 0;
  ready = false;
  userData = '';
  sessionData = '';
  isPackaged = false;
  appPath = '/app';
  badgeCount = 0;
  exitCode: number | null = null;
  appUserModelId: string | null = null;
  readonly protocolClients: string[] = [];
  loginItemSettings: { openAtLogin: boolean; wasOpenedAtLogin: boolean; path?: string; args?: string[] } = {
    openAtLogin: false,
    wasOpenedAtLogin: false,
  };
  private resolveReady: () => void = () => undefined;
  private readyPromise: Promise<void> = this.newReadyPromise();

  private newReadyPromise(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolveReady = resolve;
    });
  }

  reset(): void {
    this.removeAllListeners();
    this.singleInstanceLock = true;
    this.quitCount = 0;
    this.whenReadyCount = 0;
    this.ready = false;
    this.userData = '';
    this.sessionData = '';
    this.isPackaged = false;
    this.badgeCount = 0;
    this.exitCode = null;
    this.appUserModelId = null;
    this.protocolClients.length = 0;
    this.loginItemSettings = { openAtLogin: false, wasOpenedAtLogin: false };
    this.readyPromise = this.newReadyPromise();
  }

  getAppPath(): string {
    return this.appPath;
  }

  exit(code = 0): void {
    this.exitCode = code;
  }

  setAsDefaultProtocolClient(scheme: string): boolean {
    this.protocolClients.push(scheme);
    return true;
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  setBadgeCount(count?: number): boolean {
    this.badgeCount = count ?? 0;
    return true;
  }

  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return this.loginItemSettings;
  }

  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void {
    this.loginItemSettings = { ...this.loginItemSettings, ...settings };
  }

  /** What Electron does once Chromium is up. */
  becomeReady(): void {
    calls.push('app.ready');
    this.ready = true;
    this.resolveReady();
  }

  requestSingleInstanceLock(): boolean {
    calls.push('app.requestSingleInstanceLock');
    return this.singleInstanceLock;
  }

  quit(): void {
    calls.push('app.quit');
    this.quitCount += 1;
    // Like Electron: windows are asked to close after before-quit (a window may refuse by preventing it).
    this.emit('before-quit', { preventDefault: () => undefined });
  }

  whenReady(): Promise<void> {
    this.whenReadyCount += 1;
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getPath(name: string): string {
    const paths: Record<string, string> = {
      userData: this.userData,
      sessionData: this.sessionData,
      downloads: '/home/test/Downloads',
    };
    const path = paths[name];
    if (path === undefined || path === '') throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  getName(): string {
    return 'Collective Brain';
  }

  getVersion(): string {
    return '0.1.0-test';
  }

  getPreferredSystemLanguages(): string[] {
    return ['fr-FR', 'en-US'];
  }
}

// ---------------------------------------------------------------- windows and web contents

/** The event object Electron passes to `will-navigate`, `will-redirect` and friends. */
export interface FakeNavigationEvent {
  readonly url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function navigationEvent(url: string): FakeNavigationEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export interface WindowOpenResponse {
  action: 'allow' | 'deny';
}
export type WindowOpenHandler = (details: { url: string }) => WindowOpenResponse;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];

  reloads = 0;

  reload(): void {
    this.reloads += 1;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  /** What Electron does when the page navigates: returns whether it may go ahead. */
  navigate(eventName: 'will-navigate' | 'will-redirect', url: string): boolean {
    const event = navigationEvent(url);
    // Electron 45 still passes the URL as a deprecated second argument.
    this.emit(eventName, event, url);
    return !event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created.filter((window) => !window.destroyed);
  }

  static focused: FakeBrowserWindow | null = null;

  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }

  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  readonly actions: string[] = [];
  minimized = false;
  destroyed = false;
  visible = false;
  focused = false;
  maximized = false;
  fullScreen = false;
  overlay: { image: FakeImage | null; description: string } | null = null;
  bounds: { x: number; y: number; width: number; height: number };

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = {
      x: options.x ?? 100,
      y: options.y ?? 100,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    calls.push('BrowserWindow.new');
    FakeBrowserWindow.created.push(this);
    app.emit('web-contents-created', navigationEvent(''), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    calls.push(`BrowserWindow.loadURL ${url}`);
    this.loadedUrls.push(url);
    return Promise.resolve();
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(`file://${path}`);
  }

  show(): void {
    this.actions.push('show');
    this.visible = true;
  }

  hide(): void {
    this.actions.push('hide');
    this.visible = false;
    this.focused = false;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isFocused(): boolean {
    return this.focused;
  }

  maximize(): void {
    this.maximized = true;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  setFullScreen(fullScreen: boolean): void {
    this.fullScreen = fullScreen;
  }

  isFullScreen(): boolean {
    return this.fullScreen;
  }

  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }

  setOverlayIcon(image: FakeImage | null, description: string): void {
    this.overlay = { image, description };
  }

  /** What Electron does when the user closes the window: 'close' may be prevented, else it is destroyed. */
  close(): void {
    let prevented = false;
    const wasPrevented = (): boolean => prevented;
    this.emit('close', {
      preventDefault: () => {
        prevented = true;
      },
    });
    // A listener may have prevented it (read back through a function, so the closure's write is seen).
    if (wasPrevented()) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.actions.push('restore');
    this.minimized = false;
  }

  focus(): void {
    this.actions.push('focus');
    this.focused = true;
  }
}

// ---------------------------------------------------------------- protocol and net

export interface SchemeRegistration {
  scheme: string;
  privileges?: Record<string, boolean>;
}
export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export class FakeProtocol {
  readonly privileged: SchemeRegistration[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  reset(): void {
    this.privileged.length = 0;
    this.handlers.clear();
  }

  registerSchemesAsPrivileged(schemes: SchemeRegistration[]): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    calls.push('protocol.registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    calls.push(`protocol.handle ${scheme}`);
    this.handlers.set(scheme, handler);
  }
}

/** Like Chromium's file loader: the bytes of a file, or a rejection when there is none. */
async function netFetch(input: string): Promise<Response> {
  const url = new URL(input);
  if (url.protocol !== 'file:') throw new TypeError(`fake net.fetch only serves file: URLs, not ${url.protocol}`);
  try {
    return new Response(await readFile(fileURLToPath(url)), { status: 200 });
  } catch {
    throw new TypeError('net::ERR_FILE_NOT_FOUND');
  }
}

// ---------------------------------------------------------------- session

export type PermissionRequestHandler = (
  contents: FakeWebContents | null,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
export type PermissionCheckHandler = (
  contents: FakeWebContents | null,
  permission: string,
  requestingOrigin: string,
  details: Record<string, unknown>,
) => boolean;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  spellCheckerEnabled = true;
  /** Chromium's default: Google's CDN. */
  spellCheckerDictionaryDownloadUrl = 'https://redirector.gvt1.com/edgedl/chrome/dict/';

  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.spellCheckerEnabled = true;
    this.spellCheckerDictionaryDownloadUrl = 'https://redirector.gvt1.com/edgedl/chrome/dict/';
    this.cleared.length = 0;
  }

  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellCheckerEnabled = enabled;
  }

  setSpellCheckerDictionaryDownloadURL(url: string): void {
    // Electron throws on an address that does not parse.
    this.spellCheckerDictionaryDownloadUrl = new URL(url).href;
  }

  /** Recorded so a test can prove recovery never clears what the page stored (the outbox, the drafts). */
  readonly cleared: string[] = [];

  clearStorageData(): Promise<void> {
    this.cleared.push('storage');
    return Promise.resolve();
  }

  clearCache(): Promise<void> {
    this.cleared.push('cache');
    return Promise.resolve();
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    calls.push('session.setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    calls.push('session.setPermissionCheckHandler');
    this.permissionCheckHandler = handler;
  }
}

// ---------------------------------------------------------------- IPC

export interface FakeFrame {
  readonly url: string;
  readonly parent: FakeFrame | null;
}
export interface FakeInvokeEvent {
  readonly senderFrame: FakeFrame | null;
}
export type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What Electron does when a renderer calls `ipcRenderer.invoke(channel, ...args)` from `senderFrame`. */
  async invoke(channel: string, senderFrame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return await handler({ senderFrame }, ...args);
  }
}

/** The renderer side: `invoke` answers with whatever the test queued, events arrive through `emit`. */
export class FakeIpcRenderer extends EventEmitter {
  readonly invocations: { channel: string; args: unknown[] }[] = [];

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return Promise.resolve({ ok: true, value: null });
  }
}

export class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();

  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    this.exposed.set(key, api);
  }
}

// ---------------------------------------------------------------- safeStorage, shell, notifications

export type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** Real AES-GCM under a key of its own, so "encrypted" means the plain text is not on disk. */
export class FakeSafeStorage {
  backend: StorageBackend = 'gnome_libsecret';
  available = true;
  private key = randomBytes(32);

  reset(): void {
    this.backend = 'gnome_libsecret';
    this.available = true;
    this.key = randomBytes(32);
  }

  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }

  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }

  encryptStringAsync(plainText: string): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
  }

  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    return Promise.resolve({ shouldReEncrypt: false, result });
  }
}

export class FakeShell {
  readonly opened: string[] = [];
  readonly openedPaths: string[] = [];

  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }

  openPath(path: string): Promise<string> {
    this.openedPaths.push(path);
    return Promise.resolve('');
  }
}

// ---------------------------------------------------------------- the module

export const app = new FakeApp();
const protocol = new FakeProtocol();
const defaultSession = new FakeSession();
const ipcMain = new FakeIpcMain();
const ipcRenderer = new FakeIpcRenderer();
const contextBridge = new FakeContextBridge();
const safeStorage = new FakeSafeStorage();
const shell = new FakeShell();
export const dialog = new FakeDialog();

/** What `import { ... } from 'electron'` yields in these tests. */
export const fakeElectron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  protocol,
  net: { fetch: netFetch },
  session: { defaultSession },
  ipcMain,
  ipcRenderer,
  contextBridge,
  safeStorage,
  shell,
  Notification: FakeNotification,
  Tray: FakeTray,
  Menu: FakeMenu,
  dialog,
  screen,
  nativeImage,
  clipboard,
};

/** A clean slate for the next scenario (module state lives on across `vi.resetModules()`). */
export function resetFakeElectron(): void {
  calls.length = 0;
  app.reset();
  protocol.reset();
  defaultSession.reset();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  contextBridge.exposed.clear();
  safeStorage.reset();
  shell.opened.length = 0;
  shell.openedPaths.length = 0;
  dialog.reset();
  FakeBrowserWindow.created.length = 0;
  FakeBrowserWindow.focused = null;
  resetFakeDesktop();
}
