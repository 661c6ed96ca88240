import { backoffDelay } from '../../../shared/backoff';
import type { Api } from '../../../shared/contract';
import type { AppErrorValue } from '../../../shared/result';
import { PULL_MAX_LIMIT, type PullPage } from '../../../shared/wire/sync';
import { KnownIds, applyPage, applySnapshot, resetContent } from './apply-page';
import { watchCommits } from './change-feed';
import type { CollectiveBrainDb } from './db';
import {
  applyPushResults,
  noteServerError,
  recoverSending,
  releaseBatch,
  SERVER_ERRORS_BEFORE_SET_ASIDE,
  SERVER_ERRORS_WHEN_ALONE,
  setAsideAfterServerErrors,
  takeBatch,
} from './outbox';
import { newId } from './ids';
import { packsToSkip, passedPacks } from './venue-packs';

export const SYNC_LOCK = 'collective-brain-sync-owner';
/**
 * The server's largest page (it also caps pages at 2 MiB): fewer round trips on a slow link, and fewer
 * transactions. Per page, the sync pays a request, a transaction and its commit: going from 1 000 to 2 000
 * rows per page cut the CPU of a first sync in every process (docs/benchmarks.md).
 */
const DEFAULT_PAGE_LIMIT = PULL_MAX_LIMIT;
export const SYNC_CHANNEL = 'collective-brain-sync';

export type SyncPhase = 'starting' | 'idle' | 'pushing' | 'pulling' | 'waiting-to-retry' | 'paused' | 'standby';

export interface SyncStatus {
  phase: SyncPhase;
  /** This run: pages, changes and bytes pulled; mutations pushed. */
  pulledPages: number;
  pulledChanges: number;
  pulledBytes: number;
  pushed: number;
  /** This run: writes the server refused (now drafts) or found in conflict. */
  rejected: number;
  conflicts: number;
  lastSuccessAt: string | null;
  error: AppErrorValue | null;
  retryAt: string | null;
}

type SyncApi = Pick<Api, 'sync' | 'on'>;
type PullAnswer = ReturnType<SyncApi['sync']['pull']>;

/** The part of the Web Locks API sync needs (navigator.locks). */
export interface LockRequester {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

/** The part of BroadcastChannel sync needs. */
export interface WakeChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: () => void): void;
  removeEventListener(type: 'message', listener: () => void): void;
}

export interface SyncEngineOptions {
  db: CollectiveBrainDb;
  api: SyncApi;
  /** Web Locks (navigator.locks): exactly one window owns sync. */
  locks?: LockRequester;
  /** Tells the owning window that another window wrote to the outbox. */
  channel?: WakeChannel;
  /** Retry delays after a failed run (exponential, full jitter); `random` only for tests. */
  backoff?: { baseMs: number; maxMs: number; random?: () => number };
  pageLimit?: number;
  /** A periodic check even without live news, in case a notification was missed. */
  idlePollMs?: number;
  /**
   * The account (server and user) this database belongs to (SessionStatus.account): main
   * refuses its pushes and pulls under any other, so an outbox only ever reaches its own server.
   */
  account?: string;
}

/**
 * Errors after which retrying cannot help until the user acts (signs in, updates the app, resumes sync):
 * no attempt is made until then. `sync-paused`: the user paused sync (tray, menu); resuming wakes the engine.
 */
const PAUSING_CODES = new Set(['signed-out', 'session-expired', 'protocol-mismatch', 'sync-paused']);

/**
 * The renderer side of sync. One window (the Web Lock holder) runs it: it
 * pushes the outbox, then pulls pages, applying each page with its cursor in
 * one transaction before asking main for the next. It wakes on live news
 * from the server, on local writes, and when the server becomes reachable;
 * failures retry with exponential backoff and jitter.
 */
export class SyncEngine {
  private status: SyncStatus = {
    phase: 'starting',
    pulledPages: 0,
    pulledChanges: 0,
    pulledBytes: 0,
    pushed: 0,
    rejected: 0,
    conflicts: 0,
    lastSuccessAt: null,
    error: null,
    retryAt: null,
  };
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private dirty = true;
  private running = false;
  private wake: (() => void) | null = null;
  private attempt = 0;
  private clientId: string | null = null;
  private readonly unsubscribers: (() => void)[] = [];
  private stopped: Promise<void> = Promise.resolve();
  /** The outbox's write ids at the last look (see `sendIfPending`). */
  private seenWrites = new Set<string>();
  /** After the server failed (500) on a batch, writes go one at a time, so that the one it fails on is known. */
  private oneAtATime = false;

  constructor(private readonly options: SyncEngineOptions) {}

  current(): SyncStatus {
    return this.status;
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once no pull run is going on. Background work that competes for
   * this thread (the search index) waits for it: a first sync of 100 000 rows
   * is several times faster with the thread to itself.
   */
  whenNotPulling(): Promise<void> {
    if (this.status.phase !== 'pulling') return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.subscribe((status) => {
        if (status.phase === 'pulling') return;
        off();
        resolve();
      });
    });
  }

  /**
   * Something may have changed: sync soon. Any window may call it. Not while the user keeps sync paused:
   * only resuming wakes it then (a late live event or a write must not make an attempt).
   */
  trigger(): void {
    if (this.pausedByUser()) return;
    this.wakeNow();
  }

  private wakeNow(): void {
    if (this.running) {
      this.dirty = true;
      this.wake?.();
    } else {
      this.options.channel?.postMessage('sync');
    }
  }

  /**
   * Only new writes wake sync: a write not in the outbox before (a new id). The engine's own updates of
   * the outbox (sending, sent, back to pending after a failed push) leave its ids as they were, so they
   * never wake it: a failed push waking the sync at once, again and again, was a retry storm (hundreds of
   * pushes a minute against an unreachable server) that bypassed the backoff.
   */
  private async sendIfPending(): Promise<void> {
    const ids = await this.outboxIds();
    const fresh = ids.some((id) => !this.seenWrites.has(id));
    this.seenWrites = new Set(ids);
    // Paused (signed out, session over, app too old): only the user's action can help, and it wakes sync.
    if (fresh && this.status.phase !== 'paused') this.trigger();
  }

  private pausedByUser(): boolean {
    return this.status.phase === 'paused' && this.status.error?.code === 'sync-paused';
  }

  /** The ids of every write in the outbox, whatever its state (read from the index: no rows are read). */
  private async outboxIds(): Promise<string[]> {
    return (await this.options.db.outbox.orderBy('id').keys()) as string[];
  }

  start(): void {
    const { api, locks, channel } = this.options;
    this.unsubscribers.push(
      api.on('sync.remoteChanged', () => this.trigger()),
      api.on('sync.connectivity', (state) => {
        // The server coming back changes nothing while the user keeps sync paused.
        if (state.reachable === true && !this.pausedByUser()) this.trigger();
      }),
      api.on('desktop.changed', (desktop) => {
        if (!desktop.syncPaused && this.pausedByUser()) this.wakeNow();
      }),
      api.on('session.changed', (session) => {
        if (session.state === 'signed-in') this.trigger();
      }),
    );
    // A write of this window enters the outbox: send it now (another window's engine relays it by the channel).
    // What is in the outbox already is not news: it is sent by the run that starts now, or by the owner's.
    const seen = this.outboxIds().then((ids) => {
      for (const id of ids) this.seenWrites.add(id);
    });
    this.unsubscribers.push(
      watchCommits(this.options.db, (changes) => {
        if (changes.has('outbox')) void seen.then(() => this.sendIfPending());
        // A window that does not own sync learns of the owner's runs from the database.
        if (changes.has('syncMeta') && !this.running) void this.loadLastSuccess();
      }),
    );
    // How fresh the cache is survives a restart: an offline reader needs it most.
    void this.loadLastSuccess();
    const onMessage = (): void => this.trigger();
    channel?.addEventListener('message', onMessage);
    this.unsubscribers.push(() => channel?.removeEventListener('message', onMessage));

    this.running = false;
    this.update({ phase: 'standby' });
    const own = async (): Promise<void> => {
      this.running = true;
      // Whoever takes over syncs at once: the outbox may have grown while no one owned sync.
      this.dirty = true;
      await this.loop();
    };
    // Only the lock holder syncs; the others wait in line and take over if it closes.
    this.stopped = locks ? locks.request(SYNC_LOCK, own).then(() => undefined) : own();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.running = false;
    this.wake?.();
    await this.stopped.catch(() => undefined);
  }

  private async loop(): Promise<void> {
    // Its first writes may fail too (a full storage): reported and retried like a failed run, not lost
    // as an unhandled rejection that would leave sync stopped for good.
    for (let ready = false; this.running && !ready;) {
      try {
        await recoverSending(this.options.db);
        this.clientId = await this.ensureClientId();
        ready = true;
      } catch (error) {
        await this.failed(error);
      }
    }
    while (this.running) {
      if (this.dirty) {
        this.dirty = false;
        await this.syncOnce();
      } else {
        this.update({
          phase:
            this.status.phase === 'waiting-to-retry' || this.status.phase === 'paused' ? this.status.phase : 'idle',
        });
        await this.sleep(this.options.idlePollMs ?? 5 * 60_000);
        if (this.status.phase !== 'paused') this.dirty = true;
      }
    }
  }

  private async syncOnce(): Promise<void> {
    try {
      // A push that fails holds back only the writes: the pull still runs (what others wrote still comes in),
      // then the push's failure is reported and retried like any other. Only an unreachable server, or a
      // session that is over, makes the pull pointless.
      let pushFailure: SyncError | null = null;
      try {
        await this.pushAll();
      } catch (error) {
        const value = toErrorValue(error);
        if (PAUSING_CODES.has(value.code) || value.code === 'offline') throw error;
        pushFailure = new SyncError(value);
      }
      await this.pullAll();
      if (pushFailure !== null) throw pushFailure;
      this.attempt = 0;
      mark('cb:sync-idle');
      const lastSuccessAt = new Date().toISOString();
      await this.options.db.syncMeta.put({ key: 'lastSyncAt', value: lastSuccessAt });
      this.update({ phase: 'idle', error: null, retryAt: null, lastSuccessAt });
    } catch (error) {
      await this.failed(error);
    }
  }

  /** A run failed: paused until the user acts, or tried again after the backoff. */
  private async failed(error: unknown): Promise<void> {
    const value = toErrorValue(error);
    if (PAUSING_CODES.has(value.code)) {
      this.update({ phase: 'paused', error: value, retryAt: null });
      return;
    }
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.options.backoff ?? { baseMs: 1_000, maxMs: 30_000 });
    this.update({ phase: 'waiting-to-retry', error: value, retryAt: new Date(Date.now() + delay).toISOString() });
    await this.sleep(delay);
    this.dirty = true;
  }

  private async pushAll(): Promise<void> {
    const { db, api } = this.options;
    /** A write the server failed on alone, again and again, stepped over to see if the next one goes through. */
    let suspect: { id: string; message: string; errors: number } | null = null;
    // No batch is out now (one engine pushes at a time): writes still marked sending are left from a run
    // whose answer could not be stored (a full storage), and go again (the server deduplicates them).
    await recoverSending(db);
    for (;;) {
      const skip = new Set(suspect === null ? [] : [suspect.id]);
      const request = await takeBatch(db, this.clientId ?? 'unknown', this.oneAtATime ? 1 : undefined, skip);
      if (request === null) {
        if (suspect === null) {
          this.oneAtATime = false;
          return;
        }
        // Nothing else to show whether the server works: the write waits, up to a limit.
        if (suspect.errors < SERVER_ERRORS_WHEN_ALONE)
          throw new SyncError({ code: 'server-error', message: suspect.message });
        await this.setAside(suspect);
        suspect = null;
        continue;
      }
      this.update({ phase: 'pushing' });
      const result = await api.sync.push({ ...request, ...this.accountArg() });
      const [only] = request.mutations;
      if (!result.ok) {
        if (result.error.code === 'server-error') {
          if (request.mutations.length > 1 || only === undefined) {
            // Which write it failed on is not known: from now on they go one at a time.
            this.oneAtATime = true;
          } else {
            const errors = await noteServerError(db, only.id);
            if (suspect === null && errors >= SERVER_ERRORS_BEFORE_SET_ASIDE) {
              suspect = { id: only.id, message: result.error.message, errors };
              continue;
            }
            // (A suspect's next write failed as well: the server fails on every write, so nothing is set aside.)
          }
        }
        await releaseBatch(db, request);
        throw new SyncError(result.error);
      }
      // The write after the suspect went through: the server works, and fails on that write only.
      if (suspect !== null) {
        await this.setAside(suspect);
        suspect = null;
      }
      const outcome = await applyPushResults(db, result.value.results);
      this.update({
        pushed: this.status.pushed + outcome.applied,
        rejected: this.status.rejected + outcome.rejected,
        conflicts: this.status.conflicts + outcome.conflicts,
      });
    }
  }

  private async setAside(write: { id: string; message: string }): Promise<void> {
    if (await setAsideAfterServerErrors(this.options.db, write.id, write.message)) {
      this.update({ rejected: this.status.rejected + 1 });
    }
  }

  private async pullAll(): Promise<void> {
    const { db, api } = this.options;
    mark('cb:sync-start');
    let known: KnownIds | undefined;
    if ((await db.syncMeta.get('cursor')) === undefined) {
      await this.pullRecentFirst();
      // From no cursor, the cache holds only the snapshot and the user's writes: rows beyond those are new.
      known = await KnownIds.load(db);
    }
    const limit = this.options.pageLimit ?? DEFAULT_PAGE_LIMIT;
    let cursor = (await db.syncMeta.get('cursor'))?.value;
    // Edition packs imported since the last complete run: the server leaves out what they brought.
    let packs = await packsToSkip(db);
    const pull = (from: string | undefined): PullAnswer =>
      api.sync.pull({
        ...(from !== undefined ? { cursor: from } : {}),
        limit,
        ...(packs.length > 0 ? { packs } : {}),
        ...this.accountArg(),
      });
    /**
     * The next page, asked for as soon as this one arrives: its transfer from
     * main overlaps this page's IndexedDB work.
     */
    let next: { cursor: string; result: PullAnswer } | null = null;
    /** The page before, still being applied. */
    let previous: Promise<void> | null = null;
    for (;;) {
      this.update({ phase: 'pulling' });
      const ahead: PullAnswer | null = next !== null && next.cursor === cursor ? next.result : null;
      next = null;
      const result: Awaited<PullAnswer> = await (ahead ?? pull(cursor));
      if (!result.ok) {
        // The page before first: its failure is the news, and a reset must not race it.
        await previous;
        previous = null;
        if (result.error.code === 'reset-required') {
          // The server can no longer serve our cursor: start over, keeping the outbox and drafts.
          await resetContent(db);
          await passedPacks(db, packs);
          packs = [];
          known = await KnownIds.load(db);
          cursor = undefined;
          continue;
        }
        throw new SyncError(result.error);
      }
      const { page, bytes }: { page: PullPage; bytes: number } = result.value;
      mark('cb:page-fetched');
      if (page.hasMore) {
        next = { cursor: page.cursor, result: pull(page.cursor) };
        // Awaited on the next turn; if a page fails, nobody will, and its failure is not news.
        next.result.catch(() => undefined);
      }
      // Its transaction is queued behind the page before, so IndexedDB starts it the moment that one
      // commits (before the screens' reads that commit wakes). It applies only after the page before it
      // committed: it checks the stored cursor, in its own transaction.
      const applying = applyPage(db, page, known, { after: cursor ?? null }).then(() => {
        mark('cb:sync-page');
        this.update({
          pulledPages: this.status.pulledPages + 1,
          pulledChanges: this.status.pulledChanges + page.changes.length,
          pulledBytes: this.status.pulledBytes + bytes,
        });
      });
      // Awaited below or on the next turn; if the page before failed, this one fails its check: not news.
      applying.catch(() => undefined);
      await previous;
      previous = applying;
      cursor = page.cursor;
      if (!page.hasMore) {
        await applying;
        // The cursor is past every pack's now: they need not be named again.
        await passedPacks(db, packs);
        return;
      }
    }
  }

  /**
   * A first sync starts with the newest discussion (a small snapshot), so it
   * is readable within seconds on a slow link; the full pull follows. A server
   * without the snapshot is simply pulled in order.
   */
  private async pullRecentFirst(): Promise<void> {
    const result = await this.options.api.sync.recent();
    if (!result.ok) {
      if (PAUSING_CODES.has(result.error.code) || result.error.code === 'offline') throw new SyncError(result.error);
      return;
    }
    await applySnapshot(this.options.db, result.value.changes);
    mark('cb:sync-recent');
    this.update({ pulledChanges: this.status.pulledChanges + result.value.changes.length });
  }

  private accountArg(): { account?: string } {
    return this.options.account === undefined ? {} : { account: this.options.account };
  }

  /** The end of the last complete run (push and pull), as stored: kept across restarts. */
  private async loadLastSuccess(): Promise<void> {
    const stored = (await this.options.db.syncMeta.get('lastSyncAt'))?.value ?? null;
    if (stored !== null && (this.status.lastSuccessAt === null || stored > this.status.lastSuccessAt)) {
      this.update({ lastSuccessAt: stored });
    }
  }

  private async ensureClientId(): Promise<string> {
    const { db } = this.options;
    return db.transaction('rw', db.syncMeta, async () => {
      const existing = await db.syncMeta.get('clientId');
      if (existing !== undefined) return existing.value;
      const id = newId();
      await db.syncMeta.put({ key: 'clientId', value: id });
      return id;
    });
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        finish();
      };
    });
  }
}

/** Performance marks the benchmarks read (performance.getEntriesByName); harmless elsewhere. */
function mark(name: string): void {
  globalThis.performance.mark(name);
}

export class SyncError extends Error {
  constructor(readonly value: AppErrorValue) {
    super(value.message);
    this.name = 'SyncError';
  }
}

function toErrorValue(error: unknown): AppErrorValue {
  if (error instanceof SyncError) return error.value;
  // This computer's storage is full (the browser's quota for IndexedDB, or the disk under it): the page
  // was not stored, its cursor neither; drafts and the outbox are as they were. Named, so the user is told.
  if (isStorageFull(error)) return { code: 'disk-full', message: 'The storage on this computer is full.' };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** IndexedDB's QuotaExceededError, as the browser throws it or as Dexie wraps it (its `inner`). */
export function isStorageFull(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    if (current.name === 'QuotaExceededError') return true;
    current = (current as Error & { inner?: unknown }).inner ?? current.cause;
  }
  return false;
}
