import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, type AppErrorValue, type ErrorCode } from '../../../shared/result';
import { BlobStore, type RemovalResult, type RemovalTarget, type StoredBlob, type StoreUsage } from './blob-store';
import { isDiskFullError, nodeDiskIo, type DiskIo } from './disk-io';
import { DownloadQueueFile, type QueuedDownload } from './download-queue';
import { backoffDelay, DEFAULT_RETRY, sleep, type RetryOptions } from './retry-policy';
import { TransferError, transferOnce, type ResumePoint, type TransferAttempt } from './transfer';

export type DownloadStatus = 'queued' | 'downloading' | 'verifying' | 'done' | 'failed' | 'cancelled';

export interface DownloadState {
  readonly sha256: string;
  readonly status: DownloadStatus;
  readonly receivedBytes: number;
  readonly totalBytes: number;
  readonly error?: AppErrorValue;
}

const DownloadItemSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mime: z.string().min(1),
  pinned: z.boolean().optional(),
  groups: z.array(z.string().min(1)).optional(),
});

export type DownloadItem = z.input<typeof DownloadItemSchema>;

export interface DownloadManagerOptions {
  /** The store's folder, normally `<userData>/files`. */
  readonly rootDir: string;
  readonly fetch: typeof globalThis.fetch;
  /** `{serverUrl}/api/files/{sha256}`, decided by whoever knows the server. */
  fileUrl(sha256: string): string;
  /** Authorization, protocol version...: asked again before every attempt, so a refreshed token is used. */
  requestHeaders(): Promise<Record<string, string>>;
  /** Simultaneous transfers. Default 3. */
  readonly concurrency?: number;
  /** Tells the user about what they must act on (a full disk). */
  notify?(title: string, body: string): void;
  /** Every status change, and progress at most every `progressIntervalMs`. */
  onChange?(state: DownloadState): void;
  readonly progressIntervalMs?: number;
  readonly retry?: Partial<RetryOptions>;
  /** Seam for fault injection: replace only the operation under test. */
  readonly io?: Partial<DiskIo>;
  readonly now?: () => number;
}

interface Job {
  readonly sha256: string;
  size: number;
  mime: string;
  pinned: boolean;
  groups: string[];
  state: DownloadState;
  controller?: AbortController;
  abortReason?: 'cancel' | 'close';
  resume?: ResumePoint;
  lastEmitAt: number;
  running?: Promise<void>;
}

const ACTIVE: ReadonlySet<DownloadStatus> = new Set(['queued', 'downloading', 'verifying']);

/**
 * Failures that pass on their own (the network, the server, a sign-in): such a download stays in the stored
 * queue and starts again at the next launch or when `resume()` is called (the server answers again, the user
 * signs in). Others (not found, forbidden, wrong bytes, a full disk) wait for the user.
 */
const PASSING: ReadonlySet<ErrorCode> = new Set([
  'offline',
  'unavailable',
  'rate-limited',
  'unauthorized',
  'signed-out',
  'session-expired',
]);

/**
 * Brings documents into the content-addressed store: a queue with a concurrency limit,
 * resumable verified transfers with retries, and one clear state per file.
 */
export class DownloadManager {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private readonly active = new Set<Job>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly retry: RetryOptions;
  private readonly concurrency: number;
  /** What is not finished yet, as stored in the queue file. */
  private readonly unfinished = new Map<string, QueuedDownload>();
  private closed = false;

  private constructor(
    private readonly options: DownloadManagerOptions,
    private readonly store: BlobStore,
    private readonly io: DiskIo,
    private readonly queueFile: DownloadQueueFile,
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.concurrency = Math.max(1, options.concurrency ?? 3);
  }

  /**
   * Opens the store and continues what an earlier run left unfinished (queued, under way, or stopped by the
   * network or a sign-in): from the bytes already on disk, with the same groups and pin.
   */
  static async open(options: DownloadManagerOptions): Promise<DownloadManager> {
    const io: DiskIo = { ...nodeDiskIo, ...options.io };
    const store = await BlobStore.open(options.rootDir, io, options.now ?? Date.now);
    const queueFile = new DownloadQueueFile(join(options.rootDir, 'queue.json'));
    const { items } = await queueFile.load(options.now);
    const manager = new DownloadManager(options, store, io, queueFile);
    for (const item of items) manager.unfinished.set(item.sha256, item);
    await manager.resume();
    return manager;
  }

  /**
   * Starts again every unfinished download that is not under way: after a restart, when the server answers
   * again, when the user signs in. A download that failed for a lasting reason is left to the user.
   */
  async resume(): Promise<DownloadState[]> {
    if (this.closed) return [];
    const items = [...this.unfinished.values()].filter((item) => {
      const job = this.jobs.get(item.sha256);
      const error = job?.state.status === 'failed' ? job.state.error : undefined;
      return job === undefined || (error !== undefined && PASSING.has(error.code));
    });
    return items.length === 0 ? [] : this.enqueue(items);
  }

  /** What the last load found: whether the manifest was rebuilt, blobs adopted or dropped. */
  get loadReport() {
    return this.store.loadReport;
  }

  /** Queues documents; those already stored are marked done at once (and take the new groups and pin). */
  async enqueue(items: readonly DownloadItem[]): Promise<DownloadState[]> {
    if (this.closed) throw new AppError('unavailable', 'The download manager is closed.');
    const parsed = z.array(DownloadItemSchema).safeParse(items);
    if (!parsed.success) throw new AppError('invalid-arguments', `Invalid download items: ${parsed.error.message}`);
    const states: DownloadState[] = [];
    for (const item of parsed.data) {
      const groups = item.groups ?? [];
      const pinned = item.pinned ?? false;
      const current = this.jobs.get(item.sha256);
      if (current !== undefined && ACTIVE.has(current.state.status)) {
        current.groups = [...new Set([...current.groups, ...groups])];
        current.pinned ||= pinned;
        this.remember(current);
        states.push({ ...current.state });
        continue;
      }
      const job: Job = {
        sha256: item.sha256,
        size: item.size,
        mime: item.mime,
        pinned,
        groups,
        state: { sha256: item.sha256, status: 'queued', receivedBytes: 0, totalBytes: item.size },
        lastEmitAt: 0,
      };
      this.jobs.set(item.sha256, job);
      const stored = this.store.get(item.sha256);
      if (stored !== undefined) {
        await this.store.claim(item.sha256, { mime: item.mime, pinned, groups });
        this.update(job, { status: 'done', receivedBytes: stored.size, totalBytes: stored.size });
      } else {
        this.queue.push(job);
        this.remember(job);
        this.emit(job);
      }
      states.push({ ...job.state });
    }
    this.saveQueue();
    this.pump();
    return states;
  }

  /**
   * Stores a file prepared on this computer (an upload) under its verified sha256, so it
   * is available offline at once and never downloaded. Reported as a finished download.
   */
  async adopt(
    sha256: string,
    source: string,
    meta: { size: number; mime: string; pinned?: boolean; groups?: readonly string[] },
  ): Promise<DownloadState> {
    if (this.closed) throw new AppError('unavailable', 'The download manager is closed.');
    const pinned = meta.pinned ?? false;
    const groups = [...(meta.groups ?? [])];
    await this.store.adoptFile(sha256, source, { size: meta.size, mime: meta.mime, pinned, groups });
    const current = this.jobs.get(sha256);
    if (current !== undefined && ACTIVE.has(current.state.status)) return { ...current.state };
    const job: Job = {
      sha256,
      size: meta.size,
      mime: meta.mime,
      pinned,
      groups,
      state: { sha256, status: 'queued', receivedBytes: 0, totalBytes: meta.size },
      lastEmitAt: 0,
    };
    this.jobs.set(sha256, job);
    this.update(job, { status: 'done', receivedBytes: meta.size, totalBytes: meta.size });
    return { ...job.state };
  }

  /** Stops a download (or drops a failed one) and deletes its partial file. Resolves with the final state. */
  async cancel(sha256: string): Promise<DownloadState | undefined> {
    const job = this.jobs.get(sha256);
    if (job === undefined) return undefined;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      await this.discardPart(sha256);
      this.update(job, { status: 'cancelled' });
      this.settleIdle();
    } else if (job.controller !== undefined && ACTIVE.has(job.state.status)) {
      job.abortReason = 'cancel';
      job.controller.abort();
      await job.running;
    } else if (job.state.status === 'failed') {
      // A download that gave up may have kept its part for a later resume; cancelling drops it.
      job.resume = undefined;
      await this.discardPart(sha256);
      this.update(job, { status: 'cancelled', error: undefined });
    }
    return { ...job.state };
  }

  /** This run's downloads, and every file stored in an earlier run (done): what is on this computer. */
  states(): DownloadState[] {
    const states = [...this.jobs.values()].map((job) => ({ ...job.state }));
    for (const blob of this.store.list()) {
      if (!this.jobs.has(blob.sha256)) states.push(storedState(blob.sha256, blob.size));
    }
    return states;
  }

  state(sha256: string): DownloadState | undefined {
    const job = this.jobs.get(sha256);
    if (job !== undefined) return { ...job.state };
    const stored = this.store.get(sha256);
    return stored === undefined ? undefined : storedState(sha256, stored.size);
  }

  /** Resolves when nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0 && this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The absolute path of a complete, verified blob; undefined otherwise. */
  pathOf(sha256: string): string | undefined {
    return this.store.pathOf(sha256);
  }

  /** The media type recorded when the blob was downloaded. */
  mimeOf(sha256: string): string | undefined {
    return this.store.list().find((blob) => blob.sha256 === sha256)?.mime;
  }

  list(): StoredBlob[] {
    return this.store.list();
  }

  touch(sha256: string): Promise<boolean> {
    return this.store.touch(sha256);
  }

  setPinned(sha256: string, pinned: boolean): Promise<void> {
    return this.store.setPinned(sha256, pinned);
  }

  usage(): Promise<StoreUsage> {
    return this.store.usage();
  }

  enforceCap(capBytes: number): Promise<RemovalResult> {
    if (!Number.isFinite(capBytes) || capBytes < 0) throw new AppError('invalid-arguments', 'Invalid size cap.');
    return this.store.enforceCap(capBytes);
  }

  /** Removes offline copies; refused while a download of the same document or group is under way. */
  async remove(target: RemovalTarget): Promise<RemovalResult> {
    const busy = [...this.jobs.values()].some(
      (job) =>
        ACTIVE.has(job.state.status) &&
        (typeof target === 'string' ? job.sha256 === target : job.groups.includes(target.group)),
    );
    if (busy) throw new AppError('conflict', 'Cancel the download before removing the offline copy.');
    return this.store.remove(target);
  }

  /**
   * Takes `group` off a stored file (an attached file nothing uses any more): the file is
   * deleted only when no other group holds it, and then no longer reported as done.
   */
  async release(sha256: string, group: string): Promise<RemovalResult> {
    const job = this.jobs.get(sha256);
    if (job !== undefined && ACTIVE.has(job.state.status)) {
      throw new AppError('conflict', 'Cancel the download before removing the offline copy.');
    }
    const result = await this.store.release(sha256, group);
    if (result.removed.includes(sha256)) this.jobs.delete(sha256);
    return result;
  }

  /**
   * Stops taking work. With `abort` (the default) running transfers stop at once and keep
   * their partial files for the next start; otherwise they are allowed to finish.
   */
  async close(options: { abort?: boolean } = {}): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    const running = [...this.active];
    if (options.abort ?? true) {
      for (const job of running) {
        job.abortReason = 'close';
        job.controller?.abort();
      }
    }
    await Promise.all(running.map((job) => job.running ?? Promise.resolve()));
    await this.store.flush();
    await this.queueFile.flush();
    this.settleIdle();
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.concurrency) {
      const job = this.queue.shift();
      if (job === undefined) break;
      this.active.add(job);
      job.running = this.run(job).finally(() => {
        this.active.delete(job);
        this.pump();
        this.settleIdle();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    const controller = new AbortController();
    job.controller = controller;
    this.update(job, { status: 'downloading', error: undefined });
    let attempts = 0;
    let retriedFresh = false;
    try {
      for (;;) {
        const attempt = this.newAttempt(job, controller.signal);
        try {
          await this.transfer(attempt);
          job.resume = undefined;
          await this.store.add(job.sha256, job);
          this.update(job, { status: 'done', receivedBytes: job.size });
          return;
        } catch (error) {
          job.resume = attempt.resume;
          if (controller.signal.aborted) throw error;
          const failure = classify(error);
          if (failure.code === 'hash-mismatch' && attempt.startedAt > 0 && !retriedFresh) {
            // The bytes kept from before may be what is wrong: one fresh try before giving up.
            retriedFresh = true;
            await this.discardPart(job.sha256);
            this.update(job, { status: 'downloading', receivedBytes: 0 });
            continue;
          }
          attempts = attempt.progressed ? 1 : attempts + 1;
          if (!failure.retryable || attempts >= this.retry.maxAttempts) {
            await this.fail(job, failure);
            return;
          }
          const delay =
            failure.retryAfterMs !== undefined
              ? Math.min(failure.retryAfterMs, this.retry.maxRetryAfterMs)
              : backoffDelay(attempts, this.retry);
          if (job.state.status !== 'downloading') this.update(job, { status: 'downloading' });
          await sleep(delay, controller.signal);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        await this.fail(job, new TransferError('internal', errorMessage(error), false));
      } else if (job.abortReason === 'cancel') {
        job.resume = undefined;
        await this.discardPart(job.sha256);
        this.update(job, { status: 'cancelled' });
      }
      // Aborted by close(): the part stays for the next start and nobody is listening any more.
    } finally {
      job.controller = undefined;
    }
  }

  private newAttempt(job: Job, signal: AbortSignal): TransferAttempt {
    return {
      sha256: job.sha256,
      size: job.size,
      url: this.options.fileUrl(job.sha256),
      headers: {},
      signal,
      layout: this.store.layout,
      io: this.io,
      fetch: this.options.fetch,
      resume: job.resume,
      startedAt: 0,
      progressed: false,
      onBytes: (received) => this.progress(job, received),
      onVerifying: () => this.update(job, { status: 'verifying', receivedBytes: job.size }),
    };
  }

  private async transfer(attempt: TransferAttempt): Promise<void> {
    let headers: Record<string, string>;
    try {
      headers = await this.options.requestHeaders();
    } catch (error) {
      if (error instanceof AppError) throw new TransferError(error.code, error.message, false);
      throw new TransferError('internal', `No request headers: ${errorMessage(error)}`, false);
    }
    attempt.headers = headers;
    await transferOnce(attempt);
  }

  private async fail(job: Job, failure: TransferError): Promise<void> {
    if (failure.code === 'disk-full' || failure.code === 'hash-mismatch') {
      // Neither leaves anything behind: a full disk needs its space back, wrong bytes are worthless.
      job.resume = undefined;
      await this.discardPart(job.sha256);
    }
    if (failure.code === 'disk-full') {
      this.options.notify?.('Disk full', 'A document could not be saved because the disk is full.');
    }
    this.update(job, { status: 'failed', error: { code: failure.code, message: failure.message } });
  }

  private async discardPart(sha256: string): Promise<void> {
    await rm(this.store.layout.partPath(sha256), { force: true });
  }

  private progress(job: Job, receivedBytes: number): void {
    job.state = { ...job.state, receivedBytes };
    const now = Date.now();
    if (now - job.lastEmitAt >= (this.options.progressIntervalMs ?? 100)) {
      job.lastEmitAt = now;
      this.emit(job);
    }
  }

  private update(job: Job, patch: Partial<Omit<DownloadState, 'sha256'>>): void {
    const next: { -readonly [K in keyof DownloadState]: DownloadState[K] } = { ...job.state, ...patch };
    if (next.error === undefined) delete next.error;
    job.state = next;
    job.lastEmitAt = Date.now();
    const finished =
      next.status === 'done' ||
      next.status === 'cancelled' ||
      (next.status === 'failed' && (next.error === undefined || !PASSING.has(next.error.code)));
    if (finished && this.unfinished.delete(job.sha256)) this.saveQueue();
    this.emit(job);
  }

  private remember(job: Job): void {
    this.unfinished.set(job.sha256, {
      sha256: job.sha256,
      size: job.size,
      mime: job.mime,
      pinned: job.pinned,
      groups: [...job.groups],
    });
  }

  private saveQueue(): void {
    if (this.closed) return;
    void this.queueFile.save([...this.unfinished.values()]);
  }

  private emit(job: Job): void {
    if (this.closed && job.abortReason === 'close') return;
    try {
      this.options.onChange?.({ ...job.state });
    } catch (error) {
      console.error('download listener failed', error);
    }
  }

  private settleIdle(): void {
    if (this.queue.length > 0 || this.active.size > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

function classify(error: unknown): TransferError {
  if (error instanceof TransferError) return error;
  if (isDiskFullError(error))
    return new TransferError('disk-full', 'The disk is full.', false, undefined, { cause: error });
  if (error instanceof AppError) return new TransferError(error.code, error.message, false);
  return new TransferError('storage-failed', `Could not store the file: ${errorMessage(error)}`, false);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function storedState(sha256: string, size: number): DownloadState {
  return { sha256, status: 'done', receivedBytes: size, totalBytes: size };
}
