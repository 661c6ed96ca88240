import { join } from 'node:path';
import { backoffDelay } from '../../../shared/backoff';
import type { UploadDiscard, UploadState } from '../../../shared/contract';
import { AppError, type AppErrorValue, type ErrorCode } from '../../../shared/result';
import { MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from '../../../shared/uploads';
import { UploadResponseSchema } from '../../../shared/wire/files';
import { CONTENT_SHA256_HEADER } from '../../../shared/wire/protocol';
import type { DownloadManager } from '../downloads';
import type { Emit } from '../events';
import type { NoticeBoard } from '../notice-board';
import { toAppError } from '../remote/errors';
import type { RemoteClient } from '../remote/remote-client';
import type { SessionService } from '../session-service';
import { IncomingFiles, type IncomingOptions } from './incoming';
import { fileBody } from './post-file';
import { UploadQueue, type QueueEntry } from './upload-queue';

/** The store group of files attached on this computer: pinned, so the storage cap never evicts them. */
export const UPLOADS_GROUP = 'uploads';

/** Refusals that retrying cannot change: the upload stops until the user retries it. */
const FINAL_CODES: ReadonlySet<ErrorCode> = new Set([
  'forbidden',
  'too-large',
  'quota-exceeded',
  'hash-mismatch',
  'invalid-arguments',
  'not-found',
  'protocol-mismatch',
  'invalid-response',
]);

export interface UploadServiceOptions {
  /** `<userData>/uploads`: the queue file and the files being received. */
  readonly rootDir: string;
  readonly downloads: DownloadManager;
  readonly remote: RemoteClient;
  readonly session: SessionService;
  readonly emit: Emit;
  readonly notices: NoticeBoard;
  /** The largest file accepted; the server's limit by default. */
  readonly maxBytes?: number;
  readonly backoff?: { baseMs: number; maxMs: number };
  readonly progressIntervalMs?: number;
  readonly incoming?: IncomingOptions;
}

type Attempt =
  | { readonly kind: 'uploaded' }
  /** Discarded while it was being sent: nothing more to do. */
  | { readonly kind: 'discarded' }
  | { readonly kind: 'failed'; readonly error: AppErrorValue }
  | { readonly kind: 'wait'; readonly error: AppError; readonly retryAfterMs?: number };

/**
 * Files a facilitator attaches, from the renderer's chunks to the server.
 * A committed file goes into the document store at once (offline, never
 * downloaded again) and into a persisted queue; the queue is sent whenever
 * the server can be reached, with backoff on network and server errors, and
 * stops with a named error on a refusal. `ensureUploaded` lets a push wait
 * for the files its mutations point to.
 */
export class UploadService {
  /** Files whose bytes are on the wire right now, by attempt (a late read of an old attempt is ignored). */
  private readonly live = new Map<string, { sentBytes: number; lastEmitAt: number }>();
  private readonly attempts = new Map<string, symbol>();
  private readonly inflight = new Map<string, Promise<Attempt>>();
  /** Stops one file's attempt (a discard) without stopping the others. */
  private readonly stoppers = new Map<string, AbortController>();
  private readonly controller = new AbortController();
  private pumping: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly options: UploadServiceOptions,
    private readonly queue: UploadQueue,
    private readonly incoming: IncomingFiles,
  ) {}

  static async open(options: UploadServiceOptions): Promise<UploadService> {
    const { queue, report } = await UploadQueue.open(options.rootDir);
    if (report.setAside !== undefined) {
      // The blobs are the truth: whatever was attached here is still in the store, so it goes again
      // (the server keeps one copy; a file it already has costs one request).
      const now = new Date().toISOString();
      for (const blob of options.downloads.list()) {
        if (!blob.groups.includes(UPLOADS_GROUP)) continue;
        queue.set({
          sha256: blob.sha256,
          name: blob.sha256.slice(0, 12),
          mime: blob.mime,
          size: blob.size,
          status: 'queued',
          addedAt: now,
        });
      }
      await queue.save();
      options.notices.post('upload-queue-reset', report.setAside);
    }
    const incoming = await IncomingFiles.open(join(options.rootDir, 'incoming'), options.incoming);
    const service = new UploadService(options, queue, incoming);
    service.kick();
    return service;
  }

  /** Starts receiving a file; refused at once when it is over the limit. */
  async begin(meta: { name: string; mime: string; size: number }): Promise<{ uploadId: string; chunkBytes: number }> {
    this.assertOpen();
    const max = this.options.maxBytes ?? MAX_UPLOAD_BYTES;
    if (meta.size > max) throw new AppError('too-large', `Files are limited to ${max} bytes.`);
    return { uploadId: await this.incoming.begin(meta), chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  async chunk(input: { uploadId: string; index: number; data: string }): Promise<{ receivedBytes: number }> {
    this.assertOpen();
    const bytes = Buffer.from(input.data, 'base64');
    if (bytes.byteLength > UPLOAD_CHUNK_BYTES) {
      await this.incoming.abort(input.uploadId);
      throw new AppError('invalid-arguments', `A chunk holds at most ${UPLOAD_CHUNK_BYTES} bytes.`);
    }
    return { receivedBytes: await this.incoming.chunk(input.uploadId, input.index, bytes) };
  }

  /** The file is complete: store it offline, queue it for upload, and say where it stands. */
  async commit({ uploadId }: { uploadId: string }): Promise<UploadState> {
    this.assertOpen();
    const file = await this.incoming.commit(uploadId);
    try {
      await this.options.downloads.adopt(file.sha256, file.path, {
        size: file.size,
        mime: file.mime,
        pinned: true,
        groups: [UPLOADS_GROUP],
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('storage-failed', `Could not store the file: ${(error as Error).message}`, { cause: error });
    }
    const existing = this.queue.get(file.sha256);
    if (existing?.status !== 'uploaded') {
      // A file attached again after a failure gets a fresh chance.
      const owner = this.options.session.status().user?.id;
      this.queue.set({
        sha256: file.sha256,
        name: file.name,
        mime: file.mime,
        size: file.size,
        status: 'queued',
        ...(owner !== undefined ? { owner } : {}),
        addedAt: existing?.addedAt ?? new Date().toISOString(),
      });
      await this.saveQueue();
      this.emitState(file.sha256);
      this.kick();
    }
    return this.stateOf(file.sha256) ?? unreachable();
  }

  abort({ uploadId }: { uploadId: string }): Promise<void> {
    return this.incoming.abort(uploadId);
  }

  list(): UploadState[] {
    return this.queue.list().map((entry) => this.toState(entry));
  }

  /** The signed-in account's uploads: another account on this computer does not see their names. */
  listMine(): UploadState[] {
    return this.queue
      .list()
      .filter((entry) => this.isMine(entry))
      .map((entry) => this.toState(entry));
  }

  /** True while the file still has to reach the server: its offline copy must not be removed. */
  isPending(sha256: string): boolean {
    const status = this.queue.get(sha256)?.status;
    return status === 'queued' || status === 'failed';
  }

  async retry({ sha256 }: { sha256: string }): Promise<UploadState> {
    this.assertOpen();
    const entry = this.queue.get(sha256);
    if (entry === undefined) throw new AppError('not-found', 'No such upload.');
    if (entry.status === 'failed') {
      const { error: _error, ...rest } = entry;
      this.queue.set({ ...rest, status: 'queued' });
      await this.saveQueue();
      this.emitState(sha256);
    }
    this.kick();
    return this.stateOf(sha256) ?? unreachable();
  }

  /**
   * Forgets a file nothing will use: out of the queue (an attempt under way is stopped;
   * if the server had it already, it stays there), and the offline copy kept for the
   * upload is released. Whether anything still uses it is the caller's to know.
   */
  async discard({ sha256 }: { sha256: string }): Promise<UploadDiscard> {
    this.assertOpen();
    const entry = this.queue.get(sha256);
    const held = this.options.downloads
      .list()
      .some((blob) => blob.sha256 === sha256 && blob.groups.includes(UPLOADS_GROUP));
    if (entry === undefined && !held) throw new AppError('not-found', 'No such upload.');
    if (entry !== undefined && !this.isMine(entry)) {
      throw new AppError('forbidden', 'Another account attached this file on this computer.');
    }
    let reachedServer = entry?.status === 'uploaded';
    if (entry !== undefined) {
      this.queue.delete(sha256);
      this.stoppers.get(sha256)?.abort();
      const running = this.inflight.get(sha256);
      if (running !== undefined && (await running).kind === 'uploaded') reachedServer = true;
      await this.saveQueue();
    }
    // Attached again while this discard waited: the new attachment owns the file now.
    if (this.queue.get(sha256) !== undefined) return { reachedServer, removedOffline: false };
    const removed = await this.releaseOffline(sha256);
    if (removed.length > 0) this.options.emit('files.removed', { sha256s: [...removed] });
    this.options.emit('files.uploadDiscarded', { sha256 });
    return { reachedServer, removedOffline: removed.length > 0 };
  }

  /** Takes the upload's hold off its offline copy; the copy goes unless a download holds it too. */
  private async releaseOffline(sha256: string): Promise<readonly string[]> {
    try {
      return (await this.options.downloads.release(sha256, UPLOADS_GROUP)).removed;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('storage-failed', `Could not remove the file: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Send what waits now: the connection is back, the user signed in, or retried. */
  kick(): void {
    this.attempt = 0;
    this.start();
  }

  private start(): void {
    if (this.closed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pumping !== null) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
    });
  }

  /**
   * Before a push: every file the pushed mutations point to that was attached here must be
   * on the server first. It is sent now if it is waiting; if it cannot go, the push fails
   * with a retryable error and the outbox keeps the mutations. Files this computer never
   * queued are left to the server to judge.
   */
  async ensureUploaded(sha256s: readonly string[]): Promise<void> {
    for (const sha256 of sha256s) {
      const entry = this.queue.get(sha256);
      if (entry === undefined || entry.status === 'uploaded' || !this.isMine(entry)) continue;
      if (entry.status === 'failed') throw blocked(entry, entry.error);
      const shared = this.inflight.has(sha256);
      let attempt = await this.uploadOnce(sha256);
      // An attempt already under way may have failed before this push asked (the network just came back): once more, afresh.
      if (shared && attempt.kind === 'wait') attempt = await this.uploadOnce(sha256);
      // Discarded meanwhile: the server judges the write (it refuses a file it lacks).
      if (attempt.kind === 'discarded') continue;
      if (attempt.kind === 'failed') throw blocked(entry, attempt.error);
      if (attempt.kind === 'wait') {
        throw new AppError(attempt.error.code, `"${entry.name}" must reach the server first: ${attempt.error.message}`);
      }
    }
  }

  /** Resolves when nothing is being sent right now (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.pumping !== null || this.inflight.size > 0) {
      await Promise.all([this.pumping, ...this.inflight.values()]);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.controller.abort();
    await this.whenIdle();
    await this.incoming.close();
    await this.queue.save().catch(() => undefined);
  }

  private async pump(): Promise<void> {
    do {
      this.again = false;
      for (const entry of this.queue.list()) {
        if (this.closed) return;
        // Another account's files wait for that account to sign in again.
        if (entry.status !== 'queued' || !this.isMine(entry)) continue;
        const attempt = await this.uploadOnce(entry.sha256).catch(
          // The queue file could not be written (a full disk): try again later, the entry is in memory.
          (error: unknown): Attempt => ({ kind: 'wait', error: toAppError(error) }),
        );
        if (attempt.kind === 'wait') {
          this.scheduleRetry(attempt);
          return;
        }
      }
    } while (this.rerun());
  }

  /** Whether something asked for another round while this one ran (a method: the flag changes across awaits). */
  private rerun(): boolean {
    return this.again && !this.closed;
  }

  private isMine(entry: QueueEntry): boolean {
    return entry.owner === undefined || entry.owner === this.options.session.status().user?.id;
  }

  private scheduleRetry(attempt: { error: AppError; retryAfterMs?: number }): void {
    if (this.closed) return;
    const code = attempt.error.code;
    // Signed out, or a session to renew: nothing to do until the user signs in (session.changed kicks).
    if (code === 'signed-out' || code === 'session-expired') return;
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, {
      ...(this.options.backoff ?? { baseMs: 1_000, maxMs: 60_000 }),
      ...(attempt.retryAfterMs !== undefined ? { retryAfterMs: attempt.retryAfterMs } : {}),
    });
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, delay);
    this.timer.unref();
  }

  /** One attempt for one file; concurrent callers (the queue, a push) share it. */
  private uploadOnce(sha256: string): Promise<Attempt> {
    const running = this.inflight.get(sha256);
    if (running !== undefined) return running;
    const attempt = this.send(sha256).finally(() => {
      this.inflight.delete(sha256);
      this.attempts.delete(sha256);
      this.live.delete(sha256);
      this.stoppers.delete(sha256);
    });
    this.inflight.set(sha256, attempt);
    return attempt;
  }

  private async send(sha256: string): Promise<Attempt> {
    const entry = this.queue.get(sha256);
    if (entry === undefined) return { kind: 'discarded' };
    if (entry.status === 'uploaded') return { kind: 'uploaded' };
    if (entry.status === 'failed') return { kind: 'failed', error: entry.error ?? unknownFailure() };
    const path = this.options.downloads.pathOf(sha256);
    if (path === undefined) {
      return this.finish(entry, { code: 'not-found', message: 'The file is no longer on this computer.' });
    }
    if (this.closed) return { kind: 'wait', error: new AppError('unavailable', 'The app is closing.') };
    if (!this.options.session.isActive()) {
      const expired = this.options.session.status().state === 'expired';
      return {
        kind: 'wait',
        error: expired
          ? new AppError('session-expired', 'Sign in again to send the files you attached.')
          : new AppError('signed-out', 'Sign in to send the files you attached.'),
      };
    }
    // Shown as uploading once the first bytes go: an attempt that cannot connect stays "queued".
    const attempt = Symbol(sha256);
    this.attempts.set(sha256, attempt);
    const stopper = new AbortController();
    this.stoppers.set(sha256, stopper);
    try {
      const { value } = await this.options.session.withToken((token) =>
        this.options.remote.postStream({
          path: '/api/files',
          token,
          headers: { 'content-type': entry.mime, [CONTENT_SHA256_HEADER]: sha256 },
          body: fileBody(path, (sent) => this.progress(sha256, attempt, sent)),
          schema: UploadResponseSchema,
          signal: AbortSignal.any([this.controller.signal, stopper.signal]),
        }),
      );
      // Discarded while on the wire, and the server took it anyway: it stays out of the queue.
      if (this.queue.get(sha256) === undefined) return { kind: 'uploaded' };
      if (value.sha256 !== sha256) {
        return await this.finish(entry, { code: 'invalid-response', message: 'The server stored a different file.' });
      }
      const { error: _error, ...rest } = entry;
      this.queue.set({ ...rest, status: 'uploaded', uploadedAt: new Date().toISOString() });
      this.attempts.delete(sha256);
      this.live.delete(sha256);
      await this.saveQueue();
      this.emitState(sha256);
      return { kind: 'uploaded' };
    } catch (error) {
      this.live.delete(sha256);
      this.attempts.delete(sha256);
      if (this.queue.get(sha256) === undefined) return { kind: 'discarded' };
      const appError = this.controller.signal.aborted
        ? new AppError('unavailable', 'The app is closing.')
        : toAppError(error);
      if (FINAL_CODES.has(appError.code)) {
        return this.finish(entry, { code: appError.code, message: appError.message });
      }
      // Still queued: it goes again with the connection, the session or the next retry.
      this.queue.set({ ...entry, status: 'queued', error: { code: appError.code, message: appError.message } });
      this.emitState(sha256);
      const retryAfterMs = (appError.cause as { retryAfterMs?: number } | undefined)?.retryAfterMs;
      return { kind: 'wait', error: appError, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
  }

  private async finish(entry: QueueEntry, error: AppErrorValue): Promise<Attempt> {
    if (this.queue.get(entry.sha256) === undefined) return { kind: 'discarded' };
    this.queue.set({ ...entry, status: 'failed', error });
    await this.saveQueue();
    this.emitState(entry.sha256);
    return { kind: 'failed', error };
  }

  private progress(sha256: string, attempt: symbol, sentBytes: number): void {
    // A read of a finished attempt's body (the server answered early) changes nothing.
    if (this.attempts.get(sha256) !== attempt) return;
    let live = this.live.get(sha256);
    if (live === undefined) {
      live = { sentBytes, lastEmitAt: 0 };
      this.live.set(sha256, live);
    }
    live.sentBytes = sentBytes;
    const now = Date.now();
    if (now - live.lastEmitAt < (this.options.progressIntervalMs ?? 100)) return;
    live.lastEmitAt = now;
    this.emitState(sha256);
  }

  private stateOf(sha256: string): UploadState | undefined {
    const entry = this.queue.get(sha256);
    return entry === undefined ? undefined : this.toState(entry);
  }

  private toState(entry: QueueEntry): UploadState {
    const live = this.live.get(entry.sha256);
    const base = { sha256: entry.sha256, name: entry.name, mime: entry.mime, size: entry.size };
    if (live !== undefined) return { ...base, status: 'uploading', sentBytes: Math.min(live.sentBytes, entry.size) };
    return {
      ...base,
      status: entry.status,
      sentBytes: entry.status === 'uploaded' ? entry.size : 0,
      ...(entry.error !== undefined && entry.status !== 'uploaded' ? { error: entry.error } : {}),
    };
  }

  private emitState(sha256: string): void {
    const state = this.stateOf(sha256);
    if (state !== undefined) this.options.emit('files.uploadChanged', state);
  }

  private async saveQueue(): Promise<void> {
    try {
      await this.queue.save();
    } catch (error) {
      throw new AppError('storage-failed', `Could not save the upload queue: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('unavailable', 'The app is closing.');
  }
}

function blocked(entry: QueueEntry, error: AppErrorValue | undefined): AppError {
  const why = error === undefined ? '' : ` (${error.code}: ${error.message})`;
  return new AppError(
    'upload-failed',
    `"${entry.name}" could not be uploaded${why}. Retry it from the session editor; the writes that use it wait.`,
  );
}

function unknownFailure(): AppErrorValue {
  return { code: 'internal', message: 'The upload failed.' };
}

function unreachable(): never {
  throw new AppError('internal', 'The upload vanished from the queue.');
}
