import type { Api, DownloadState } from '../../../shared/contract';
import type { CollectiveBrainDb, FileStatusRow } from './db';

function row(state: DownloadState): FileStatusRow {
  return {
    sha256: state.sha256,
    status: state.status,
    receivedBytes: state.receivedBytes,
    totalBytes: state.totalBytes,
    ...(state.error !== undefined ? { error: state.error } : {}),
    updatedAt: new Date().toISOString(),
  };
}

/**
 * Keeps the `files` table (what is offline, what is downloading) in step
 * with main's document store, so every screen reads one source with live
 * queries: stored files at start, then every change and removal as it happens.
 */
export function mirrorFileStates(api: Pick<Api, 'files' | 'on'>, db: CollectiveBrainDb): () => void {
  let live = true;
  const offChanged = api.on('files.changed', (state) => {
    void db.files.put(row(state));
  });
  const offRemoved = api.on('files.removed', ({ sha256s }) => {
    void db.files.bulkDelete(sha256s);
  });
  void Promise.all([api.files.usage(), api.files.states()]).then(async ([usage, states]) => {
    if (!live) return;
    const rows: FileStatusRow[] = [];
    if (usage.ok) {
      for (const file of usage.value.files) {
        rows.push(row({ sha256: file.sha256, status: 'done', receivedBytes: file.size, totalBytes: file.size }));
      }
    }
    if (states.ok) rows.push(...states.value.map(row));
    await db.transaction('rw', db.files, async () => {
      // What the store no longer has (removed while this window was closed) must not look available.
      const stored = new Set(rows.map((r) => r.sha256));
      const stale = (await db.files.toArray()).filter((r) => r.status === 'done' && !stored.has(r.sha256));
      await db.files.bulkDelete(stale.map((r) => r.sha256));
      await db.files.bulkPut(rows);
    });
  });
  return () => {
    live = false;
    offChanged();
    offRemoved();
  };
}
