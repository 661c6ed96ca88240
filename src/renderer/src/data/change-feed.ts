import type { DBCore, DBCoreMutateRequest, DBCoreTable, Dexie, Middleware } from 'dexie';

/** The keys one committed transaction wrote (put, added or deleted), by table. */
export type CommittedChanges = ReadonlyMap<string, ReadonlySet<string>>;
export type CommitListener = (changes: CommittedChanges) => void;

const listenersOf = new WeakMap<Dexie, Set<CommitListener>>();

/**
 * Calls `listener` once per committed read-write transaction of this window
 * with the primary keys it wrote, by table. A rolled-back transaction reports
 * nothing. Returns the function that stops listening.
 *
 * Why not Dexie's table hooks: a `creating`/`updating` hook makes Dexie read
 * every row before each put to tell the two apart (one more IndexedDB read
 * per synced row, inside the sync transaction). This sees the keys only.
 */
export function watchCommits(db: Dexie, listener: CommitListener): () => void {
  const listeners = listenersOf.get(db);
  if (listeners === undefined) throw new Error('watchCommits needs a database made by openDb');
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Installed by `openDb` before the database opens (Dexie builds its middleware stack on open). */
export function installChangeFeed(db: Dexie): void {
  const listeners = new Set<CommitListener>();
  listenersOf.set(db, listeners);
  db.use(changeFeedMiddleware(listeners));
}

function changeFeedMiddleware(listeners: ReadonlySet<CommitListener>): Middleware<DBCore> {
  /** Keyed by the IndexedDB transaction (the core's transaction object). */
  const pending = new WeakMap<object, Map<string, Set<string>>>();

  const record = (trans: object, table: string, keys: readonly unknown[]): void => {
    if (listeners.size === 0 || keys.length === 0) return;
    let byTable = pending.get(trans);
    if (byTable === undefined) {
      byTable = new Map();
      pending.set(trans, byTable);
      const idb = trans as Partial<IDBTransaction>;
      const done = (): void => {
        const changes = pending.get(trans);
        pending.delete(trans);
        if (changes === undefined) return;
        for (const listener of listeners) listener(changes);
      };
      idb.addEventListener?.('complete', done);
      idb.addEventListener?.('abort', () => pending.delete(trans));
    }
    let set = byTable.get(table);
    if (set === undefined) {
      set = new Set();
      byTable.set(table, set);
    }
    for (const key of keys) {
      // Our primary keys are strings (ids, sha256s) and numbers (the outbox's sequence).
      if (typeof key === 'string' || typeof key === 'number') set.add(String(key));
    }
  };

  return {
    stack: 'dbcore',
    name: 'ChangeFeed',
    create: (down: DBCore): Partial<DBCore> => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        const { primaryKey } = table.schema;
        return {
          ...table,
          mutate: async (req: DBCoreMutateRequest) => {
            if (listeners.size === 0) return table.mutate(req);
            if (req.type === 'deleteRange') {
              // Rare (a reset clears tables): list the keys first, so listeners learn each one.
              const found = await table.query({
                trans: req.trans,
                values: false,
                query: { index: primaryKey, range: req.range },
              });
              const response = await table.mutate(req);
              record(req.trans, name, found.result);
              return response;
            }
            const response = await table.mutate(req);
            if (req.type === 'delete') record(req.trans, name, req.keys);
            else
              record(
                req.trans,
                name,
                response.results ??
                  req.keys ??
                  req.values.map((value: unknown): unknown => primaryKey.extractKey?.(value) as unknown),
              );
            return response;
          },
        };
      },
    }),
  };
}
