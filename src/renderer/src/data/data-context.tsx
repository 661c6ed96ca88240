import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Api } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import { downloadMyEditions } from './auto-download';
import { DB_NAME, openDb, type CollectiveBrainDb } from './db';
import { mirrorFileStates } from './file-states';
import { useReaderLanguages } from './profile-languages';
import { SYNC_CHANNEL, SyncEngine, type SyncStatus } from './sync-engine';

interface DataContextValue {
  db: CollectiveBrainDb;
  engine: SyncEngine;
}

const DataContext = createContext<DataContextValue | null>(null);

/**
 * Opens the IndexedDB cache and starts sync for this window. Every window
 * opens the same database (Dexie refreshes every window's live queries);
 * only the Web Lock holder runs sync, the others stand by to take over.
 */
export function DataProvider({
  api,
  children,
  db: given,
  settings,
  userId,
  account,
}: {
  api: Api;
  children: ReactNode;
  db?: CollectiveBrainDb;
  /** For the download policy; without it nothing is downloaded automatically. */
  settings?: Settings;
  userId?: string;
  /** The server and user this cache belongs to (SessionStatus.account); names the database. */
  account?: string;
}) {
  const [value] = useState<DataContextValue>(() => {
    // One database per account (server and user): another person signing in on this computer never
    // sees this cache, and an outbox is only ever pushed by the account, to the server, that wrote it.
    const key = account ?? userId;
    const db = given ?? openDb(key === undefined ? DB_NAME : `${DB_NAME}-${key}`);
    const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(SYNC_CHANNEL);
    const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined;
    const engine = new SyncEngine({
      db,
      api,
      ...(locks ? { locks } : {}),
      ...(channel ? { channel } : {}),
      ...(account !== undefined ? { account } : {}),
    });
    return { db, engine };
  });
  useEffect(() => {
    if (userId !== undefined) void value.db.syncMeta.put({ key: 'userId', value: userId });
  }, [value, userId]);
  useEffect(() => {
    value.engine.start();
    const stopMirror = mirrorFileStates(api, value.db);
    return () => {
      stopMirror();
      void value.engine.stop();
    };
  }, [api, value]);
  // "My editions" policy: after each successful sync the owning window fetches what is missing, in the
  // reader's languages (their profile's, as every screen uses them; else this computer's settings).
  const autoDownload = settings?.downloadPolicy === 'my-editions' && userId !== undefined;
  const languages = useReaderLanguages(
    value.db,
    userId,
    undefined,
    settings?.contentLanguages,
    settings?.uiLanguage ?? 'en',
  );
  useEffect(() => {
    if (!autoDownload) return;
    let lastSuccess: string | null = null;
    return value.engine.subscribe((status) => {
      if (status.phase !== 'idle' || status.lastSuccessAt === lastSuccess) return;
      lastSuccess = status.lastSuccessAt;
      void downloadMyEditions(value.db, api, userId, languages);
    });
  }, [api, value, autoDownload, languages, userId]);
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}

function useData(): DataContextValue {
  const value = useContext(DataContext);
  if (value === null) throw new Error('useDb outside <DataProvider>');
  return value;
}

export function useDb(): CollectiveBrainDb {
  return useData().db;
}

export function useSyncEngine(): SyncEngine {
  return useData().engine;
}

/** The sync engine's status, re-rendering on every change. */
export function useSyncStatus(): SyncStatus {
  const engine = useSyncEngine();
  const [status, setStatus] = useState(() => engine.current());
  useEffect(() => engine.subscribe(setStatus), [engine]);
  return status;
}
