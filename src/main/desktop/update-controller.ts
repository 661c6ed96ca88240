import type { UpdateState } from '../../shared/desktop';
import { AppError } from '../../shared/result';
import type { Settings } from '../../shared/settings';

/**
 * The part of electron-updater's `autoUpdater` this app drives. electron-updater
 * fetches the feed, downloads, and verifies what it downloaded (the sha512 in
 * the feed; on Windows the publisher's signature; on macOS Squirrel checks the
 * code signature) before anything is installed. The decisions are made here.
 */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available' | 'checking-for-update', listener: () => void): unknown;
  on(event: 'download-progress', listener: (progress: { transferred: number; total: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The first check waits a little: the app's first sync matters more at start. */
export const FIRST_CHECK_DELAY_MS = 15_000;

export interface UpdateControllerOptions {
  /** null where the app cannot update itself (a development build): the state says so. */
  updater: Updater | null;
  settings(): Pick<Settings, 'metered' | 'updateChannel'>;
  now(): Date;
  /** Runs `task` after `ms`; returns a cancel function (tests drive time themselves). */
  schedule(task: () => void, ms: number): () => void;
  onChange(state: UpdateState): void;
  /** An update finished downloading (once per version): tell the user. */
  onReady(version: string): void;
  log(message: string): void;
}

/** Sorts an updater failure into what the user can act on; the message goes to the log only. */
export function classifyUpdateError(error: unknown): Extract<UpdateState, { status: 'error' }>['code'] {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (/SIGNATURE|CHECKSUM|sha512 checksum mismatch|code signature/iu.test(`${code} ${message}`)) return 'verification';
  if (code === 'ENOSPC' || /ENOSPC|no space left/iu.test(message)) return 'disk';
  if (
    /^(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH)$/u.test(code) ||
    /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|CONNECTION_|NETWORK_|TIMED_OUT|ADDRESS_UNREACHABLE)/u.test(
      message,
    )
  ) {
    return 'offline';
  }
  if (
    /^ERR_UPDATER_(CHANNEL_FILE_NOT_FOUND|LATEST_VERSION_NOT_FOUND|INVALID_UPDATE_INFO|NO_PUBLISHED_VERSIONS)/u.test(
      code,
    )
  ) {
    return 'feed';
  }
  if (/HttpError: (4|5)\d\d/u.test(message) || /status code (4|5)\d\d/iu.test(message)) return 'feed';
  return 'other';
}

/**
 * When to check, whether to download, and when to install. It checks soon
 * after start and then once a day; a found update downloads in the background
 * unless the connection is metered (then it waits for "Download"); a
 * downloaded update installs only when the user agrees to restart (never
 * behind their back on quit). Betas are offered on the beta channel only, and
 * the app never downgrades.
 */
export class UpdateController {
  private current: UpdateState;
  private cancelTimer: (() => void) | null = null;
  private announced: string | null = null;
  private checking: Promise<UpdateState> | null = null;

  constructor(private readonly options: UpdateControllerOptions) {
    this.current =
      options.updater === null
        ? { status: 'unsupported', reason: 'not-packaged' }
        : { status: 'idle', checkedAt: null };
    const { updater } = options;
    if (updater === null) return;
    this.configure();
    updater.on('checking-for-update', () => this.set({ status: 'checking' }));
    updater.on('update-not-available', () => this.set({ status: 'up-to-date', checkedAt: this.now() }));
    updater.on('update-available', (info) => this.available(info.version));
    updater.on('download-progress', (progress) => {
      const version = 'version' in this.current ? this.current.version : '';
      this.set({ status: 'downloading', version, transferredBytes: progress.transferred, totalBytes: progress.total });
    });
    updater.on('update-downloaded', (info) => {
      this.set({ status: 'downloaded', version: info.version });
      if (this.announced !== info.version) {
        this.announced = info.version;
        this.options.onReady(info.version);
      }
    });
    updater.on('error', (error) => this.failed(error));
  }

  state(): UpdateState {
    return this.current;
  }

  /** Checks soon, then every day. */
  start(): void {
    if (this.options.updater === null) return;
    this.plan(FIRST_CHECK_DELAY_MS);
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** A check now: the daily one, or the user's "Check now". */
  async check(): Promise<UpdateState> {
    const { updater } = this.options;
    if (updater === null) return this.current;
    // Nothing to ask while an update is on its way or waits to be installed.
    if (this.current.status === 'downloading' || this.current.status === 'downloaded') return this.current;
    if (this.checking !== null) return this.checking;
    this.configure();
    this.checking = (async () => {
      try {
        this.set({ status: 'checking' });
        await updater.checkForUpdates();
      } catch (error) {
        this.failed(error);
      } finally {
        this.checking = null;
        this.plan(DAY_MS);
      }
      return this.current;
    })();
    return this.checking;
  }

  /** The user asked to download an update that waited for an unmetered connection. */
  async download(): Promise<UpdateState> {
    if (this.current.status !== 'available') return this.current;
    await this.startDownload(this.current.version);
    return this.current;
  }

  /** The user agreed to restart now. */
  install(): void {
    const { updater } = this.options;
    if (updater === null || this.current.status !== 'downloaded') {
      throw new AppError('unavailable', 'No update is ready to install.');
    }
    this.options.log(`installing update ${this.current.version}`);
    // Not silent: on Windows the installer shows its progress; and the app starts again afterwards.
    updater.quitAndInstall(false, true);
  }

  /** The channel or the metered setting changed. */
  settingsChanged(): void {
    if (this.options.updater === null) return;
    const before = this.options.updater.channel;
    this.configure();
    if (this.options.updater.channel !== before && this.current.status !== 'downloading') {
      // A newly chosen channel: look at once. An update of the old channel already downloaded stays ready.
      if (this.current.status !== 'downloaded') void this.check();
      return;
    }
    if (
      this.current.status === 'available' &&
      this.current.waitingFor === 'metered' &&
      !this.options.settings().metered
    ) {
      void this.startDownload(this.current.version);
    }
  }

  private configure(): void {
    const updater = this.options.updater;
    if (updater === null) return;
    const beta = this.options.settings().updateChannel === 'beta';
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    updater.allowPrerelease = beta;
    updater.channel = beta ? 'beta' : 'latest';
    // Setting the channel turns downgrades on in electron-updater; a beta tester going back to stable waits instead.
    updater.allowDowngrade = false;
  }

  private available(version: string): void {
    if (this.options.settings().metered) {
      this.set({ status: 'available', version, waitingFor: 'metered' });
      return;
    }
    void this.startDownload(version);
  }

  private async startDownload(version: string): Promise<void> {
    const updater = this.options.updater;
    if (updater === null) return;
    this.set({ status: 'downloading', version, transferredBytes: 0, totalBytes: 0 });
    try {
      await updater.downloadUpdate();
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    const code = classifyUpdateError(error);
    // The message may carry a URL of the feed, never a token or user text: still, only the code and name are kept.
    this.options.log(`update failed (${code}): ${error instanceof Error ? error.name : typeof error}`);
    this.set({ status: 'error', code, checkedAt: this.now() });
  }

  private plan(delayMs: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.options.schedule(() => {
      this.cancelTimer = null;
      void this.check();
    }, delayMs);
  }

  private now(): string {
    return this.options.now().toISOString();
  }

  private set(state: UpdateState): void {
    this.current = state;
    this.options.onChange(state);
  }
}
