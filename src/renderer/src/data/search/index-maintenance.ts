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
 * committed write of this window to a watched table (sync's
 * `applyPage`/`applySnapshot`, the outbox's optimistic writes, file states,
 * `resetContent`) reports its keys once the transaction has committed, so
 * nothing of a rolled-back write is seen. The index then reads those rows
 * back in its own read transaction; re-reading a key is idempotent.
 *
 * Returns the function that stops listening.
 */
export function watchIndexedTables(
  db: CollectiveBrainDb,
  listener: { changed: (table: WatchedTable, key: string) => void; settled: () => void },
): () => void {
  const watched = new Set<string>(WATCHED_TABLES);
  return watchCommits(db, (changes) => {
    let any = false;
    for (const [table, keys] of changes) {
      if (!watched.has(table)) continue;
      for (const key of keys) listener.changed(table as WatchedTable, key);
      any = true;
    }
    if (any) listener.settled();
  });
}
