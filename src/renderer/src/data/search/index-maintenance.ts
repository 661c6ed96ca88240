import type { Transaction } from 'dexie';
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
 * The one place where the search index listens to the database. Dexie table
 * hooks run inside the writing transaction (sync's `applyPage`/`applySnapshot`,
 * the outbox's optimistic writes, file states, `resetContent`): they only
 * record which keys changed. When that transaction has committed (or rolled
 * back), `settled` is called once; the index then reads those rows back in its
 * own read transaction, so it sees exactly what was committed and nothing of
 * a rolled-back write. Re-reading a key is idempotent, so a key recorded twice
 * or by an aborted transaction does no harm.
 *
 * Returns the function that unregisters the hooks.
 */
export function watchIndexedTables(
  db: CollectiveBrainDb,
  listener: { changed: (table: WatchedTable, key: string) => void; settled: () => void },
): () => void {
  const offs: (() => void)[] = [];
  const watched = new WeakSet<Transaction>();
  const onSettled = (transaction: Transaction | undefined): void => {
    if (transaction === undefined) {
      listener.settled();
      return;
    }
    if (watched.has(transaction)) return;
    watched.add(transaction);
    transaction.on('complete', () => listener.settled());
    transaction.on('abort', () => listener.settled());
  };
  for (const name of WATCHED_TABLES) {
    const table = db.table<unknown, string | number>(name);
    const record = (key: unknown, transaction: Transaction | undefined): void => {
      listener.changed(name, String(key));
      onSettled(transaction);
    };
    const creating = (primKey: string | number, _obj: unknown, transaction: Transaction): void =>
      record(primKey, transaction);
    const updating = (
      _modifications: object,
      primKey: string | number,
      _obj: unknown,
      transaction: Transaction,
    ): void => record(primKey, transaction);
    const deleting = (primKey: string | number, _obj: unknown, transaction: Transaction): void =>
      record(primKey, transaction);
    table.hook('creating', creating);
    table.hook('updating', updating);
    table.hook('deleting', deleting);
    offs.push(() => {
      table.hook('creating').unsubscribe(creating);
      table.hook('updating').unsubscribe(updating);
      table.hook('deleting').unsubscribe(deleting);
    });
  }
  return () => {
    for (const off of offs) off();
  };
}
