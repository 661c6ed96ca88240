import type { HostLink } from '../../api/host-link';
import type { SyncPhase } from '../../data/sync-engine';

/** Everything the app may be doing, as the status area reads it. */
export interface WorkInput {
  /** Browser mode's link to the app's services ('connected' in Electron). */
  readonly hostLink: HostLink;
  readonly hostLostAt: string | null;
  readonly phase: SyncPhase;
  /** The last sync error's code, if the last run failed. */
  readonly errorCode: string | null;
  readonly retryAt: string | null;
  readonly lastSuccessAt: string | null;
  /** Changes received by the pull under way. */
  readonly receiving: number;
  /** Whether the server answers (null: not known yet), and when it last did. */
  readonly reachable: boolean | null;
  readonly lastReachableAt: string | null;
  /** Writes in the outbox on their way to the server, and those in conflict (waiting for the user's choice). */
  readonly waiting: number;
  readonly conflicts: number;
  /** The download batch under way: files done of all, bytes received of all. */
  readonly downloads: DownloadBatch;
}

export interface DownloadBatch {
  readonly active: number;
  readonly doneFiles: number;
  readonly totalFiles: number;
  readonly receivedBytes: number;
  readonly totalBytes: number;
}

export const NO_DOWNLOADS: DownloadBatch = { active: 0, doneFiles: 0, totalFiles: 0, receivedBytes: 0, totalBytes: 0 };

/**
 * What the status area says, most urgent first (Thunderbird's status bar, Kolibri's device states): the page
 * cannot reach the app; the user paused sync; sync needs a sign-in; storage full; offline since when; writes going out; changes coming in;
 * documents downloading; a failed sync waiting to retry; another window syncing; up to date.
 */
export type WorkState =
  | { kind: 'disconnected'; since: string | null; refused: boolean }
  | { kind: 'paused' }
  | { kind: 'pausedByUser' }
  | { kind: 'storageFull' }
  | { kind: 'offline'; since: string | null }
  | { kind: 'sending'; count: number }
  | { kind: 'receiving'; count: number }
  | { kind: 'downloading'; batch: DownloadBatch }
  | { kind: 'retrying'; at: string | null }
  | { kind: 'standby' }
  | { kind: 'starting' }
  | { kind: 'synced' };

/** The offline-looking errors: the server or the network did not answer. */
const UNREACHABLE = new Set(['offline', 'unavailable']);

export function describeWork(input: WorkInput): WorkState {
  if (input.hostLink === 'disconnected' || input.hostLink === 'refused') {
    return { kind: 'disconnected', since: input.hostLostAt, refused: input.hostLink === 'refused' };
  }
  // Paused by the user (the tray, Settings): the engine's runs are refused with sync-paused until resumed.
  if (input.errorCode === 'sync-paused') return { kind: 'pausedByUser' };
  if (input.phase === 'paused') return { kind: 'paused' };
  // This computer's storage is full: nothing from the server can be stored until space is freed.
  if (input.errorCode === 'disk-full' && input.phase === 'waiting-to-retry') return { kind: 'storageFull' };
  const unreachable =
    input.reachable === false ||
    (input.phase === 'waiting-to-retry' && input.errorCode !== null && UNREACHABLE.has(input.errorCode));
  if (unreachable) return { kind: 'offline', since: input.lastReachableAt };
  if (input.phase === 'pushing') return { kind: 'sending', count: Math.max(1, input.waiting) };
  if (input.phase === 'pulling') return { kind: 'receiving', count: input.receiving };
  if (input.downloads.active > 0) return { kind: 'downloading', batch: input.downloads };
  if (input.phase === 'waiting-to-retry') return { kind: 'retrying', at: input.retryAt };
  if (input.phase === 'standby') return { kind: 'standby' };
  if (input.phase === 'starting') return { kind: 'starting' };
  if (input.waiting > 0) return { kind: 'sending', count: input.waiting };
  return { kind: 'synced' };
}

/** The second line: what waits on the user or the network first, else how fresh this computer's copy is. */
export type WorkDetail =
  | { kind: 'conflicts'; count: number }
  | { kind: 'waiting'; count: number }
  | { kind: 'bytes'; received: number; total: number }
  | { kind: 'retry-at'; at: string }
  | { kind: 'last-sync'; at: string }
  | { kind: 'never-synced' }
  | { kind: 'none' };

export function workDetail(state: WorkState, input: WorkInput): WorkDetail {
  if (state.kind === 'downloading') {
    return { kind: 'bytes', received: state.batch.receivedBytes, total: state.batch.totalBytes };
  }
  if (input.conflicts > 0) return { kind: 'conflicts', count: input.conflicts };
  if (state.kind !== 'sending' && input.waiting > 0) return { kind: 'waiting', count: input.waiting };
  if (state.kind === 'retrying' && state.at !== null) return { kind: 'retry-at', at: state.at };
  if (state.kind === 'standby' || state.kind === 'disconnected') return { kind: 'none' };
  return input.lastSuccessAt === null ? { kind: 'never-synced' } : { kind: 'last-sync', at: input.lastSuccessAt };
}

/**
 * The download batch: the files seen queued or under way since the app last had nothing to download, with
 * those of them that finished since (a failed or cancelled one leaves the count).
 */
export function downloadBatch(
  members: readonly { status: string; receivedBytes: number; totalBytes: number }[],
): DownloadBatch {
  let active = 0;
  let doneFiles = 0;
  let receivedBytes = 0;
  let totalBytes = 0;
  for (const file of members) {
    if (file.status === 'queued' || file.status === 'downloading' || file.status === 'verifying') {
      active += 1;
      receivedBytes += Math.min(file.receivedBytes, file.totalBytes);
      totalBytes += file.totalBytes;
    } else if (file.status === 'done') {
      doneFiles += 1;
      receivedBytes += file.totalBytes;
      totalBytes += file.totalBytes;
    }
  }
  if (active === 0) return NO_DOWNLOADS;
  return { active, doneFiles, totalFiles: active + doneFiles, receivedBytes, totalBytes };
}
