import { CONTENT_TABLES, type CollectiveBrainDb, type ContentTable } from './db';
import { RunCounts } from './post-count-ledger';

/**
 * Which rows may already be cached, during a pull run that started without a
 * cursor (a first sync, or after a reset): the keys cached when the run began
 * (the newest-discussion snapshot, the user's own writes), plus every row the
 * run applied. The rest are new, so the run does not read them back to
 * compare versions: on a first sync that read is a third of the work.
 * A row written meanwhile by another window is an optimistic one and has its
 * outbox item, which the page's rows check too.
 */
export class KnownIds {
  /** The post counts this run owes to threads, kept in memory until its last page. */
  readonly counts = new RunCounts();

  private constructor(private readonly ids: Map<ContentTable, Set<string>>) {}

  static async load(db: CollectiveBrainDb): Promise<KnownIds> {
    const ids = new Map<ContentTable, Set<string>>();
    await db.transaction(
      'r',
      CONTENT_TABLES.map((name) => db[name]),
      async () => {
        for (const name of CONTENT_TABLES) ids.set(name, new Set(await db[name].toCollection().primaryKeys()));
      },
    );
    return new KnownIds(ids);
  }

  mayExist(table: ContentTable, id: string): boolean {
    return this.ids.get(table)?.has(id) ?? false;
  }

  /** Only ever grows: a row deleted in a page that then rolled back must still count as possibly there. */
  add(table: ContentTable, id: string): void {
    let set = this.ids.get(table);
    if (set === undefined) {
      set = new Set();
      this.ids.set(table, set);
    }
    set.add(id);
  }
}
