import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import type { CollectiveBrainDb } from '../../src/renderer/src/data/db';

/**
 * A process that dies mid-way, for the real code path: from the moment it is pulled, every IndexedDB
 * operation of the database it is installed on fails, so the transaction in flight aborts and commits
 * nothing (as when the process holding it dies), and every request of the host's fetch fails. `armAt`:
 * pulled by itself at the n-th write (a `mutate`) of the database.
 */
export class KillSwitch {
  killed = false;
  writes = 0;
  private armedAt: number | null = null;

  armAt(writes: number | null): void {
    this.armedAt = writes;
  }

  kill(): void {
    this.killed = true;
  }

  private check(write: boolean): void {
    if (write) {
      this.writes += 1;
      if (this.armedAt !== null && this.writes >= this.armedAt) this.killed = true;
    }
    if (this.killed) throw new Error('killed: the process holding this database is gone');
  }

  /** Installs it on a database before it opens. */
  install(db: CollectiveBrainDb): void {
    const middleware: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'KillSwitch',
      create: (down) => ({
        ...down,
        table: (name): DBCoreTable => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (req) => {
              this.check(true);
              return table.mutate(req);
            },
            get: (req) => {
              this.check(false);
              return table.get(req);
            },
            getMany: (req) => {
              this.check(false);
              return table.getMany(req);
            },
            query: (req) => {
              this.check(false);
              return table.query(req);
            },
            openCursor: (req) => {
              this.check(false);
              return table.openCursor(req);
            },
            count: (req) => {
              this.check(false);
              return table.count(req);
            },
          };
        },
      }),
    };
    db.use(middleware);
  }

  /** The host's fetch, dead once the switch is pulled. `onRequest` may pull it (and cut this request). */
  wrapFetch(
    fetch: typeof globalThis.fetch,
    onRequest: (url: string) => 'pass' | 'before' | 'after' | 'mid-body',
  ): typeof globalThis.fetch {
    return async (input, init) => {
      if (this.killed) throw new TypeError('fetch failed: the host was killed');
      const url = String(input instanceof Request ? input.url : input);
      const cut = onRequest(url);
      if (cut === 'before') {
        this.kill();
        throw new TypeError('fetch failed: the host was killed before sending');
      }
      const response = await fetch(input, init);
      if (cut === 'pass') return response;
      this.kill();
      if (cut === 'after') throw new TypeError('fetch failed: the host was killed before the answer arrived');
      // Mid-body: the first chunk arrives, then the connection dies with the process.
      const reader = response.body?.getReader();
      const first = await reader?.read();
      await reader?.cancel().catch(() => undefined);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          if (first?.value !== undefined) controller.enqueue(first.value.slice(0, Math.ceil(first.value.length / 2)));
          controller.error(new TypeError('terminated: the host was killed mid-body'));
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
  }
}
