import type { Change } from '../../../shared/wire/sync';
import { collectionRow, documentRow } from './cached-rows';
import { rowTableOf, TABLE_OF_ENTITY, type CachedRow, type CachedThread, type CollectiveBrainDb } from './db';
import type { KnownIds } from './known-ids';
import { settleRunActivity, settleStoredActivity, type Activity, type RunPage } from './post-count-ledger';
import { laterOf, postActivity, recountThreads } from './thread-activity';
import type { EntityType } from '../../../shared/wire/entities';

export interface AppliedPage {
  applied: number;
  deleted: number;
  skipped: number;
}

/** What the page needs to know of a cached row: its version, and a post's thread. */
interface Seen {
  version: number;
  threadId?: string;
}

/**
 * The work of a page, in bulk: one read per table for what is cached, one
 * write per table, and each touched thread's activity and post count
 * updated once (IndexedDB round trips, not rows, are what costs). Thread
 * counts owed by more pages to come wait in the post-count ledger.
 */
export async function applyChanges(
  db: CollectiveBrainDb,
  changes: readonly Change[],
  {
    more,
    known,
    page,
    ordered = false,
    tombstones,
  }: {
    more: boolean;
    /** A run without a cursor: the rows it may find cached, and its counts in memory. */
    known?: KnownIds;
    page?: RunPage | undefined;
    /** A run from a stored cursor: every change is the entity's latest, delivered once. */
    ordered?: boolean;
    tombstones?: Map<string, number>;
  },
): Promise<AppliedPage> {
  const counts: AppliedPage = { applied: 0, deleted: 0, skipped: 0 };
  const idsByType = new Map<EntityType, string[]>();
  for (const change of changes) {
    const ids = idsByType.get(change.type) ?? [];
    ids.push(change.id);
    idsByType.set(change.type, ids);
  }
  // A page of a run that started from a cursor, whose new posts sit in a few threads (the usual
  // case: new replies): the posts are not read back at all. Such a run gets each post once, in its
  // latest version (the feed keeps one row per entity), so there is no version to compare; the
  // few threads they belong to are recounted from the cache instead.
  const postUpserts = changes.filter((change) => change.type === 'post' && change.op !== 'delete');
  const touched = new Set<string>();
  for (const change of postUpserts) if (change.type === 'post' && change.data) touched.add(change.data.threadId);
  const recount = ordered && postUpserts.length > 0 && touched.size * 4 <= postUpserts.length;
  const cached = new Map<string, Seen | undefined>();
  const cachedThreads = new Map<string, CachedThread>();
  const readCached = async (type: EntityType, ids: string[]): Promise<void> => {
    if (ids.length === 0) return;
    if (type === 'thread') {
      const threads = await db.threads.bulkGet(ids);
      ids.forEach((id, index) => {
        const thread = threads[index];
        cached.set(`thread:${id}`, thread);
        if (thread !== undefined) cachedThreads.set(id, thread);
      });
      return;
    }
    const rows: (CachedRow | undefined)[] = await rowTableOf(db, type).bulkGet(ids);
    ids.forEach((id, index) => cached.set(`${type}:${id}`, rows[index]));
  };
  if (known !== undefined) {
    // Rows the run knows of, read while the outbox is: one round trip. Then the rows only a pending
    // write made (rare: usually none, and no second round trip).
    // One look per id (a first sync asks 134 000 times).
    const maybe: (readonly [EntityType, string[]])[] = [];
    const fresh: (readonly [EntityType, string[]])[] = [];
    for (const [type, all] of idsByType) {
      const table = TABLE_OF_ENTITY[type];
      const [mayExist, isNew]: [string[], string[]] = [[], []];
      for (const id of all) (known.mayExist(table, id) ? mayExist : isNew).push(id);
      maybe.push([type, mayExist]);
      fresh.push([type, isNew]);
    }
    const first = Promise.all([
      db.outbox.orderBy('entityId').uniqueKeys(),
      ...maybe.map(([type, ids]) => readCached(type, ids)),
    ]);
    // Known from now on, before the next page (queued behind this one) looks: it then reads them back.
    for (const change of changes) known.add(TABLE_OF_ENTITY[change.type], change.id);
    const pendingWrites = new Set((await first)[0]);
    await Promise.all(
      fresh.map(([type, ids]) =>
        readCached(
          type,
          ids.filter((id) => pendingWrites.has(id)),
        ),
      ),
    );
  } else {
    await Promise.all(
      [...idsByType].map(([type, all]) => {
        if (!(recount && type === 'post')) return readCached(type, all);
        // Only the deletions: their thread is needed.
        const upserted = new Set(postUpserts.map((change) => change.id));
        return readCached(
          type,
          all.filter((id) => !upserted.has(id)),
        );
      }),
    );
  }

  // Rows are gathered by entity type and written to that type's table: each row is built for its change's type.
  const puts = new Map<EntityType, CachedRow[]>();
  const deletes = new Map<EntityType, string[]>();
  const put = (type: EntityType, row: CachedRow): void => {
    const rows = puts.get(type) ?? [];
    rows.push(row);
    puts.set(type, rows);
  };
  const threadUpserts: { change: Extract<Change, { type: 'thread' }>; previous: CachedThread | undefined }[] = [];
  /** Post count and newest post per thread, from this page's new and deleted posts. */
  const activity: Activity = new Map();
  const bump = (threadId: string, by: number, createdAt?: string): void => {
    const entry = activity.get(threadId) ?? { count: 0 };
    entry.count += by;
    if (createdAt !== undefined) entry.last = laterOf(entry.last, createdAt);
    activity.set(threadId, entry);
  };

  for (const change of changes) {
    const key = `${change.type}:${change.id}`;
    const existing = cached.get(key);
    // A version the cache already has (or newer) is a replay; 0 marks a row only this device knows.
    if (existing !== undefined && existing.version >= change.version) {
      counts.skipped += 1;
      continue;
    }
    if (change.op === 'delete' || change.data === undefined) {
      if (change.type === 'post' && existing?.threadId !== undefined) {
        if (recount) touched.add(existing.threadId);
        else bump(existing.threadId, -1);
      }
      const ids = deletes.get(change.type) ?? [];
      ids.push(change.id);
      deletes.set(change.type, ids);
      tombstones?.set(change.id, change.version);
      cached.set(key, undefined);
      counts.deleted += 1;
      continue;
    }
    const version = change.version;
    switch (change.type) {
      case 'thread':
        threadUpserts.push({ change, previous: cachedThreads.get(change.id) });
        break;
      case 'post': {
        const row = { ...change.data, version };
        put('post', row);
        if (existing === undefined && !recount) bump(change.data.threadId, 1, change.data.createdAt);
        cached.set(key, row);
        counts.applied += 1;
        continue;
      }
      case 'document':
        put('document', documentRow(change.data, version));
        break;
      case 'collection':
        put('collection', collectionRow(change.data, version));
        break;
      default:
        put(change.type, { ...change.data, version });
    }
    cached.set(key, { version });
    counts.applied += 1;
  }

  for (const [type, rows] of puts) await rowTableOf(db, type).bulkPut(rows);
  for (const [type, ids] of deletes) await rowTableOf(db, type).bulkDelete(ids);

  // Threads last, so a new thread counts the posts already here, this page's included.
  const threadRows: CachedThread[] = [];
  // New threads count the posts already cached, all in flight at once (one round trip, not two per thread);
  // so do all touched threads when this page's posts were not read back. In a run that started without a
  // cursor, a thread it does not know has in the cache only the posts this run stored (the user cannot have
  // written in a thread they never had), and the run keeps count of those: no read at all.
  /** Threads just counted in full from the cache (or, in a run without a cursor, from its memory). */
  const consumed = new Set<string>();
  /** What the run owes to threads, as this page sees it (worked out when first needed). */
  let owed: Activity | undefined;
  const counted = await Promise.all(
    threadUpserts.map(({ change, previous }) => {
      if (change.data === undefined || !(previous === undefined || (recount && touched.has(change.id)))) {
        return Promise.resolve(undefined);
      }
      if (known === undefined || page === undefined) return postActivity(db, change.id);
      owed ??= known.counts.owedBefore(page);
      const earlier = owed.get(change.id);
      const here = activity.get(change.id);
      const last = here?.last !== undefined ? laterOf(earlier?.last, here.last) : earlier?.last;
      consumed.add(change.id);
      return Promise.resolve({
        postCount: (earlier?.count ?? 0) + (here?.count ?? 0),
        ...(last !== undefined ? { lastActivityAt: last } : {}),
      });
    }),
  );
  for (const [n, { change, previous }] of threadUpserts.entries()) {
    if (change.data === undefined) continue;
    let postCount = 0;
    let last: string | undefined;
    const recounted = counted[n];
    if (previous !== undefined && recounted !== undefined) {
      ({ postCount, lastActivityAt: last } = recounted);
      last = laterOf(previous.lastActivityAt, last ?? previous.lastActivityAt);
    } else if (previous !== undefined) {
      const delta = activity.get(change.id);
      postCount = Math.max(0, previous.postCount + (delta?.count ?? 0));
      last = laterOf(previous.lastActivityAt, delta?.last ?? previous.lastActivityAt);
    } else {
      ({ postCount, lastActivityAt: last } = counted[n] ?? { postCount });
    }
    activity.delete(change.id);
    threadRows.push({
      ...change.data,
      version: change.version,
      postCount,
      lastActivityAt: laterOf(last, change.data.createdAt),
    });
  }
  if (threadRows.length > 0) await db.threads.bulkPut(threadRows);
  const upsertedThreads = new Set(threadRows.map((row) => row.id));
  const recountOnly = recount ? [...touched].filter((id) => !upsertedThreads.has(id)) : [];
  if (recountOnly.length > 0) await recountThreads(db, recountOnly);

  if (known !== undefined && page !== undefined) {
    page.activity = activity;
    page.consumed = consumed;
    await settleRunActivity(db, known.counts, page, more);
    return counts;
  }

  // Activity of threads already cached: this page's, plus what earlier pages of the run left pending.
  // A thread counted from the cache just now has its posts of earlier pages included.
  for (const [n, { change }] of threadUpserts.entries()) if (counted[n] !== undefined) consumed.add(change.id);
  for (const id of recountOnly) consumed.add(id);
  await settleStoredActivity(db, { activity, consumed, more });
  return counts;
}
