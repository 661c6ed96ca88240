import { z } from 'zod';
import { watchCommits } from '../change-feed';
import type { CollectiveBrainDb } from '../db';

/**
 * The tables whose rows feed the search index, `files` (a finished download
 * brings PDF text), and the two that make up the watermark (sync cursor, outbox).
 */
export const WATCHED_TABLES = ['posts', 'threads', 'documents', 'news', 'files', 'syncMeta', 'outbox'] as const;
export type WatchedTable = (typeof WATCHED_TABLES)[number];

export type ChangedKeys = Record<WatchedTable, Set<string>>;

export function noChanges(): ChangedKeys {
  return {
    posts: new Set(),
    threads: new Set(),
    documents: new Set(),
    news: new Set(),
    files: new Set(),
    syncMeta: new Set(),
    outbox: new Set(),
  };
}

export function hasChanges(changes: ChangedKeys): boolean {
  return WATCHED_TABLES.some((table) => changes[table].size > 0);
}

/**
 * The one place where the search index listens to the database: every
 * committed write to a watched table (sync's `applyPage`/`applySnapshot`, the
 * outbox's optimistic writes, file states, `resetContent`) reports its keys
 * once the transaction has committed, so nothing of a rolled-back write is
 * seen. The index then reads those rows back in its own read transaction;
 * re-reading a key is idempotent.
 *
 * Writes made in another window (the one that syncs, or one where the user
 * wrote) arrive the same way: each window relays the keys its commits wrote
 * on a BroadcastChannel named after the database, so every open window's
 * index stays current, not only the writer's.
 *
 * Returns the function that stops listening.
 */
export function watchIndexedTables(
  db: CollectiveBrainDb,
  listener: { changed: (table: WatchedTable, key: string) => void; settled: () => void },
): () => void {
  const watched = new Set<string>(WATCHED_TABLES);
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${INDEX_CHANNEL}:${db.name}`) : null;
  const deliver = (changes: Iterable<[string, Iterable<string>]>): boolean => {
    let any = false;
    for (const [table, keys] of changes) {
      if (!watched.has(table)) continue;
      for (const key of keys) listener.changed(table as WatchedTable, key);
      any = true;
    }
    return any;
  };
  const stop = watchCommits(db, (changes) => {
    if (!deliver(changes)) return;
    listener.settled();
    const relayed: Record<string, string[]> = {};
    for (const [table, keys] of changes) if (watched.has(table)) relayed[table] = [...keys];
    channel?.postMessage(relayed);
  });
  const onMessage = (event: MessageEvent<unknown>): void => {
    const parsed = RelayedSchema.safeParse(event.data);
    if (parsed.success && deliver(Object.entries(parsed.data))) listener.settled();
  };
  channel?.addEventListener('message', onMessage);
  return () => {
    stop();
    channel?.removeEventListener('message', onMessage);
    channel?.close();
  };
}

const INDEX_CHANNEL = 'collective-brain-index';
/** What another window relays: keys written, by table (checked: it crosses a process boundary). */
const RelayedSchema = z.record(z.string(), z.array(z.string().max(200)).max(100_000));
