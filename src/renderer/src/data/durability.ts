import type { DBCore, Dexie, Middleware } from 'dexie';

/**
 * How durable a read-write transaction must be, from the tables it spans.
 *
 * Chromium commits IndexedDB transactions with `relaxed` durability by
 * default (since Chrome 121): "complete" fires once the data is handed to the
 * operating system, before it is on disk, so a power cut right after can lose
 * it. That is fine for what sync can fetch again (pages, the search index),
 * but not for what only this laptop has: the outbox and the drafts. Their
 * writes wait for the disk (`strict`). A pull page's transaction spans the
 * outbox too (it lays pending writes back on top) but writes nothing of the
 * user's own, and it has `syncMeta` (its cursor) in scope: it stays relaxed.
 */
export function durabilityFor(tables: readonly string[], mode: string): 'default' | 'strict' | 'relaxed' {
  if (mode !== 'readwrite') return 'default';
  const userWords = tables.includes('drafts') || (tables.includes('outbox') && !tables.includes('syncMeta'));
  return userWords ? 'strict' : 'relaxed';
}

/** Installed by `openDb` before the database opens. */
export function installDurability(db: Dexie): void {
  db.use(durabilityMiddleware);
}

const durabilityMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'Durability',
  create: (down: DBCore): Partial<DBCore> => ({
    ...down,
    transaction: (tables, mode, options) =>
      down.transaction(tables, mode, { ...options, durability: durabilityFor(tables, mode) }),
  }),
};
