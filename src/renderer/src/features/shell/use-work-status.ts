import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useConnectivity } from '../../app/connectivity';
import { useHostLink } from '../../app/host-connection';
import { useDb, useSyncEngine } from '../../data/data-context';
import type { SyncStatus } from '../../data/sync-engine';
import { NO_DOWNLOADS, describeWork, downloadBatch, type WorkInput, type WorkState } from './work-status';

const ACTIVE = ['queued', 'downloading', 'verifying'] as const;

/** The sync engine's status, with the changes received by the pull under way (the engine counts per run). */
function usePullProgress(): { status: SyncStatus; receiving: number } {
  const engine = useSyncEngine();
  const [progress, setProgress] = useState(() => ({ status: engine.current(), receiving: 0 }));
  useEffect(() => {
    let baseline: number | null = null;
    const read = (status: SyncStatus): void => {
      if (status.phase !== 'pulling') baseline = null;
      else baseline ??= status.pulledChanges;
      setProgress({ status, receiving: baseline === null ? 0 : status.pulledChanges - baseline });
    };
    read(engine.current());
    return engine.subscribe(read);
  }, [engine]);
  return progress;
}

/** Everything the status area needs to say what the app is doing, from the engine, main, the host link and IndexedDB. */
export function useWorkStatus(): { state: WorkState; input: WorkInput } {
  const db = useDb();
  const host = useHostLink();
  const connectivity = useConnectivity();
  const { status, receiving } = usePullProgress();
  const outbox = useLiveQuery(
    async () => ({
      waiting: await db.outbox.where('status').anyOf('pending', 'sending').count(),
      conflicts: await db.outbox.where('status').equals('conflict').count(),
    }),
    [db],
  );
  // The files of the current batch: read only by key, so a store of thousands of documents costs nothing here.
  const batch = useRef(new Set<string>());
  const downloads = useLiveQuery(async () => {
    const active = await db.files.where('status').anyOf(ACTIVE).toArray();
    if (active.length === 0) {
      batch.current.clear();
      return NO_DOWNLOADS;
    }
    for (const file of active) batch.current.add(file.sha256);
    const members = await db.files.bulkGet([...batch.current]);
    return downloadBatch(members.filter((file) => file !== undefined));
  }, [db]);

  const input: WorkInput = {
    hostLink: host.link,
    hostLostAt: host.since,
    phase: status.phase,
    errorCode: status.error?.code ?? null,
    retryAt: status.retryAt,
    lastSuccessAt: status.lastSuccessAt,
    receiving,
    reachable: connectivity?.reachable ?? null,
    lastReachableAt: connectivity?.lastReachableAt ?? null,
    waiting: outbox?.waiting ?? 0,
    conflicts: outbox?.conflicts ?? 0,
    downloads: downloads ?? NO_DOWNLOADS,
  };
  return { state: describeWork(input), input };
}
