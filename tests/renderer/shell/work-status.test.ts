import { describe, expect, it } from 'vitest';
import {
  NO_DOWNLOADS,
  describeWork,
  downloadBatch,
  workDetail,
  type WorkInput,
} from '../../../src/renderer/src/features/shell/work-status';

const IDLE: WorkInput = {
  hostLink: 'connected',
  hostLostAt: null,
  phase: 'idle',
  errorCode: null,
  retryAt: null,
  lastSuccessAt: '2026-03-02T10:00:00.000Z',
  receiving: 0,
  reachable: true,
  lastReachableAt: '2026-03-02T10:00:00.000Z',
  waiting: 0,
  conflicts: 0,
  downloads: NO_DOWNLOADS,
};

const DOWNLOADING = downloadBatch([
  { status: 'done', receivedBytes: 10, totalBytes: 10 },
  { status: 'downloading', receivedBytes: 5, totalBytes: 20 },
  { status: 'queued', receivedBytes: 0, totalBytes: 30 },
]);

describe('the status area says what the app is doing (issue 17, item 6)', () => {
  it('says a large download is under way instead of "Up to date", with files and bytes', () => {
    const input = { ...IDLE, downloads: DOWNLOADING };
    const state = describeWork(input);
    expect(state).toEqual({
      kind: 'downloading',
      batch: { active: 2, doneFiles: 1, totalFiles: 3, receivedBytes: 15, totalBytes: 60 },
    });
    expect(workDetail(state, input)).toEqual({ kind: 'bytes', received: 15, total: 60 });
  });

  it('counts the changes of the pull under way, and the writes going out', () => {
    expect(describeWork({ ...IDLE, phase: 'pulling', receiving: 1234 })).toEqual({ kind: 'receiving', count: 1234 });
    expect(describeWork({ ...IDLE, phase: 'pushing', waiting: 3 })).toEqual({ kind: 'sending', count: 3 });
    // Writes waiting while online are on their way, even between two runs.
    expect(describeWork({ ...IDLE, waiting: 2 })).toEqual({ kind: 'sending', count: 2 });
  });

  it('says since when it is offline, what waits to be sent, and otherwise how old the last sync is', () => {
    const offline = { ...IDLE, reachable: false, lastReachableAt: '2026-03-02T09:00:00.000Z', waiting: 2 };
    const state = describeWork({ ...offline, downloads: DOWNLOADING });
    expect(state).toEqual({ kind: 'offline', since: '2026-03-02T09:00:00.000Z' });
    expect(workDetail(state, offline)).toEqual({ kind: 'waiting', count: 2 });
    const quiet = { ...offline, waiting: 0 };
    expect(workDetail(describeWork(quiet), quiet)).toEqual({ kind: 'last-sync', at: IDLE.lastSuccessAt });
    const never = { ...quiet, lastSuccessAt: null };
    expect(workDetail(describeWork(never), never)).toEqual({ kind: 'never-synced' });
  });

  it('says the storage is full when a page could not be stored for lack of space, with what waits to be sent', () => {
    const full = {
      ...IDLE,
      phase: 'waiting-to-retry' as const,
      errorCode: 'disk-full',
      retryAt: IDLE.lastSuccessAt,
      waiting: 2,
    };
    const state = describeWork(full);
    expect(state).toEqual({ kind: 'storageFull' });
    expect(workDetail(state, full)).toEqual({ kind: 'waiting', count: 2 });
  });

  it('says sync is paused when the user paused it (the tray, Settings), offline or not, with what waits to be sent', () => {
    const paused = { ...IDLE, phase: 'waiting-to-retry' as const, errorCode: 'sync-paused', retryAt: null, waiting: 2 };
    const state = describeWork(paused);
    expect(state).toEqual({ kind: 'pausedByUser' });
    expect(workDetail(state, paused)).toEqual({ kind: 'waiting', count: 2 });
    expect(describeWork({ ...paused, reachable: false })).toEqual({ kind: 'pausedByUser' });
  });

  it('reads a failed sync that could not reach the server as offline, and other failures as a retry', () => {
    expect(describeWork({ ...IDLE, reachable: null, phase: 'waiting-to-retry', errorCode: 'offline' }).kind).toBe(
      'offline',
    );
    const retry = { ...IDLE, phase: 'waiting-to-retry' as const, errorCode: 'invalid-response', retryAt: 'x' };
    expect(describeWork(retry)).toEqual({ kind: 'retrying', at: 'x' });
    expect(workDetail(describeWork(retry), retry)).toEqual({ kind: 'retry-at', at: 'x' });
  });

  it('puts a lost host (browser mode) before everything, and a conflict before the age of the last sync', () => {
    expect(describeWork({ ...IDLE, hostLink: 'disconnected', hostLostAt: 't', reachable: false })).toEqual({
      kind: 'disconnected',
      since: 't',
      refused: false,
    });
    expect(describeWork({ ...IDLE, hostLink: 'refused' }).kind).toBe('disconnected');
    expect(describeWork({ ...IDLE, phase: 'paused', reachable: false }).kind).toBe('paused');
    const conflicted = { ...IDLE, conflicts: 1 };
    expect(workDetail(describeWork(conflicted), conflicted)).toEqual({ kind: 'conflicts', count: 1 });
  });

  it('ends a download batch when nothing is left to do; a failed file leaves the count', () => {
    expect(downloadBatch([{ status: 'done', receivedBytes: 1, totalBytes: 1 }])).toEqual(NO_DOWNLOADS);
    expect(
      downloadBatch([
        { status: 'failed', receivedBytes: 3, totalBytes: 9 },
        { status: 'verifying', receivedBytes: 4, totalBytes: 4 },
      ]),
    ).toEqual({ active: 1, doneFiles: 0, totalFiles: 1, receivedBytes: 4, totalBytes: 4 });
  });
});
