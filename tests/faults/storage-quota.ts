import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import type { CollectiveBrainDb } from '../../src/renderer/src/data/db';

/**
 * IndexedDB's quota, made to run out: while `full`, every write of the database fails as the browser
 * fails it (a DOMException named QuotaExceededError), so the transaction aborts and stores nothing.
 * Reads go on. Install before the database opens.
 */
export class StorageQuota {
  full = false;
  /** Writes refused so far. */
  refused = 0;
  private room: number | null = null;

  /** Full from the n-th write on (n >= 1), wherever it falls: mid-page, mid-push, mid-send. */
  fillAfter(writes: number): void {
    this.room = writes - 1;
  }

  free(): void {
    this.full = false;
    this.room = null;
  }

  install(db: CollectiveBrainDb): void {
    const middleware: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'StorageQuota',
      create: (down) => ({
        ...down,
        table: (name): DBCoreTable => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (req) => {
              if (this.room !== null) {
                if (this.room <= 0) this.full = true;
                else this.room -= 1;
              }
              if (this.full) {
                this.refused += 1;
                return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
              }
              return table.mutate(req);
            },
          };
        },
      }),
    };
    db.use(middleware);
  }
}
