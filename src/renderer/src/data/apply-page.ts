import type { Change, PullPage } from '../../../shared/wire/sync';
import { z } from 'zod';
import { CONTENT_TABLES, type CachedThread, type CollectiveBrainDb } from './db';
import { reapplyOutbox } from './optimistic';

type TableName = (typeof CONTENT_TABLES)[number];

const TABLE_OF: Record<Change['type'], TableName> = {
  user: 'users',
  category: 'categories',
  thread: 'threads',
  post: 'posts',
  document: 'documents',
  collection: 'collections',
  session: 'sessions',
  material: 'materials',
  news: 'news',
  translation: 'translations',
};

export interface AppliedPage {
  applied: number;
  deleted: number;
  skipped: number;
}

/**
 * Applies one pull page and the cursor that follows it in ONE transaction
 * (architecture invariant 2): a crash leaves either both or neither, so a
 * page is never skipped or half-applied. Older versions than the cached one
 * are ignored; the user's pending writes are laid back on top afterwards.
 */
export async function applyPage(db: CollectiveBrainDb, page: PullPage, known?: KnownIds): Promise<AppliedPage> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.syncMeta, db.outbox];
  return db.transaction('rw', tables, async () => {
    const counts = await applyChanges(db, page.changes, {
      more: page.hasMore,
      // A run from a stored cursor: every change is the entity's latest, delivered once.
      ...(known ? { known } : { ordered: true }),
    });
    await db.syncMeta.bulkPut([
      { key: 'cursor', value: page.cursor },
      { key: 'lastSyncAt', value: new Date().toISOString() },
    ]);
    if ((await db.outbox.count()) > 0) await reapplyOutbox(db);
    return counts;
  });
}

/**
 * Applies the newest-discussion snapshot before the first full pull. The
 * cursor is left alone: the pull delivers the same rows again, and the
 * version check skips them.
 */
export async function applySnapshot(db: CollectiveBrainDb, changes: readonly Change[]): Promise<number> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.outbox, db.syncMeta];
  return db.transaction('rw', tables, async () => {
    const counts = await applyChanges(db, changes, { more: false });
    if ((await db.outbox.count()) > 0) await reapplyOutbox(db);
    return counts.applied;
  });
}

type StoredRow = { version: number; threadId?: string } & Record<string, unknown>;

/**
 * Which rows may already be cached, during a pull run that started without a
 * cursor (a first sync, or after a reset): the keys cached when the run began
 * (the newest-discussion snapshot, the user's own writes), plus every row the
 * run applied. The rest are new, so the run does not read them back to
 * compare versions: on a first sync that read is a third of the work.
 * A row written meanwhile by another window is an optimistic one and has its
 * outbox item, which `applyChanges` checks too.
 */
export class KnownIds {
  private constructor(private readonly ids: Map<TableName, Set<string>>) {}

  static async load(db: CollectiveBrainDb): Promise<KnownIds> {
    const ids = new Map<TableName, Set<string>>();
    await db.transaction(
      'r',
      CONTENT_TABLES.map((name) => db[name]),
      async () => {
        for (const name of CONTENT_TABLES) ids.set(name, new Set(await db[name].toCollection().primaryKeys()));
      },
    );
    return new KnownIds(ids);
  }

  mayExist(table: TableName, id: string): boolean {
    return this.ids.get(table)?.has(id) ?? false;
  }

  /** Only ever grows: a row deleted in a page that then rolled back must still count as possibly there. */
  add(table: TableName, id: string): void {
    let set = this.ids.get(table);
    if (set === undefined) {
      set = new Set();
      this.ids.set(table, set);
    }
    set.add(id);
  }
}

/** A multi-page run folds post counts into threads every this many pages, and at its last page. */
const FOLD_EVERY_PAGES = 10;

const PendingActivitySchema = z.strictObject({
  pages: z.int().min(0),
  threads: z.record(z.string(), z.tuple([z.int(), z.string().nullable()])),
});
type Activity = Map<string, { count: number; last?: string }>;

/**
 * The work of a page, in bulk: one read per table for what is cached, one
 * write per table, and each touched thread's activity and post count
 * updated once (IndexedDB round trips, not rows, are what costs).
 *
 * When more pages follow (`more`), the post counts and activity dates of
 * threads already cached are not rewritten at every page: a first sync
 * spreads each page's posts over hundreds of threads, and rewriting them
 * page after page cost as much as storing the posts. The deltas are kept in
 * `syncMeta` (in the page's transaction, so a crash loses nothing) and folded
 * into the threads every FOLD_EVERY_PAGES pages and at the last page.
 */
async function applyChanges(
  db: CollectiveBrainDb,
  changes: readonly Change[],
  { more, known, ordered = false }: { more: boolean; known?: KnownIds; ordered?: boolean },
): Promise<AppliedPage> {
  const counts: AppliedPage = { applied: 0, deleted: 0, skipped: 0 };
  const idsByTable = new Map<TableName, string[]>();
  for (const change of changes) {
    const table = TABLE_OF[change.type];
    const ids = idsByTable.get(table) ?? [];
    ids.push(change.id);
    idsByTable.set(table, ids);
  }
  // A page of a run that started from a cursor, whose new posts sit in a few threads (the usual
  // case: new replies): the posts are not read back at all. Such a run gets each post once, in its
  // latest version (the feed keeps one row per entity), so there is no version to compare; the
  // few threads they belong to are recounted from the cache instead.
  const postUpserts = changes.filter((change) => change.type === 'post' && change.op !== 'delete');
  const touched = new Set<string>();
  for (const change of postUpserts) if (change.type === 'post' && change.data) touched.add(change.data.threadId);
  const recount = ordered && postUpserts.length > 0 && touched.size * 4 <= postUpserts.length;
  const cached = new Map<string, StoredRow | undefined>();
  const pendingWrites = known !== undefined ? new Set(await db.outbox.orderBy('entityId').uniqueKeys()) : undefined;
  for (const [table, all] of idsByTable) {
    let ids = all;
    if (known !== undefined) ids = all.filter((id) => known.mayExist(table, id) || pendingWrites?.has(id) === true);
    if (recount && table === 'posts') {
      const upserted = new Set(postUpserts.map((change) => change.id));
      ids = all.filter((id) => !upserted.has(id)); // deletions: their thread is needed
    }
    if (ids.length === 0) continue;
    const rows = (await db[table].bulkGet(ids)) as (StoredRow | undefined)[];
    ids.forEach((id, index) => cached.set(`${table}:${id}`, rows[index]));
  }

  const puts = new Map<TableName, unknown[]>();
  const deletes = new Map<TableName, string[]>();
  const put = (table: TableName, row: unknown): void => {
    const rows = puts.get(table) ?? [];
    rows.push(row);
    puts.set(table, rows);
  };
  const threadUpserts: { change: Extract<Change, { type: 'thread' }>; previous: CachedThread | undefined }[] = [];
  /** Post count and newest post per thread, from this page's new and deleted posts. */
  const activity = new Map<string, { count: number; last?: string }>();
  const bump = (threadId: string, by: number, createdAt?: string): void => {
    const entry = activity.get(threadId) ?? { count: 0 };
    entry.count += by;
    if (createdAt !== undefined) entry.last = laterOf(entry.last, createdAt);
    activity.set(threadId, entry);
  };

  for (const change of changes) {
    const table = TABLE_OF[change.type];
    const key = `${table}:${change.id}`;
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
      const ids = deletes.get(table) ?? [];
      ids.push(change.id);
      deletes.set(table, ids);
      cached.set(key, undefined);
      counts.deleted += 1;
      continue;
    }
    const version = change.version;
    switch (change.type) {
      case 'thread':
        threadUpserts.push({ change, previous: existing as CachedThread | undefined });
        break;
      case 'post':
        put(table, { ...change.data, version });
        if (existing === undefined && !recount) bump(change.data.threadId, 1, change.data.createdAt);
        break;
      case 'document':
        put(table, {
          ...change.data,
          version,
          languages: [...new Set(change.data.variants.map((variant) => variant.language))],
        });
        break;
      case 'collection':
        put(table, { ...change.data, version, editionYear: change.data.edition?.year ?? null });
        break;
      default:
        put(table, { ...change.data, version });
    }
    cached.set(key, { ...(change.data as Record<string, unknown>), version });
    counts.applied += 1;
  }

  // Each table gets the rows built for it above; one handle type serves them all.
  for (const [table, rows] of puts) await (db[table] as unknown as CollectiveBrainDb['posts']).bulkPut(rows as never[]);
  for (const [table, ids] of deletes) await db[table].bulkDelete(ids);

  // Threads last, so a new thread counts the posts already here, this page's included.
  const threadRows: CachedThread[] = [];
  // New threads count the posts already cached, all in flight at once (one round trip, not two per thread);
  // so do all touched threads when this page's posts were not read back.
  const counted = await Promise.all(
    threadUpserts.map(({ change, previous }) =>
      (previous === undefined || (recount && touched.has(change.id))) && change.data !== undefined
        ? postActivity(db, change.id)
        : Promise.resolve(undefined),
    ),
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
  if (known !== undefined) for (const change of changes) known.add(TABLE_OF[change.type], change.id);
  const upsertedThreads = new Set(threadRows.map((row) => row.id));
  const recountOnly = recount ? [...touched].filter((id) => !upsertedThreads.has(id)) : [];
  if (recountOnly.length > 0) await recountThreads(db, recountOnly);

  // Activity of threads already cached: this page's, plus what earlier pages of the run left pending.
  const pending = await readPendingActivity(db);
  for (const [n, { change }] of threadUpserts.entries()) {
    // A thread counted from the cache just now has its posts of earlier pages included.
    if (counted[n] !== undefined) pending.threads.delete(change.id);
  }
  for (const id of recountOnly) pending.threads.delete(id);
  for (const [threadId, delta] of activity) {
    const entry = pending.threads.get(threadId) ?? { count: 0 };
    entry.count += delta.count;
    if (delta.last !== undefined) entry.last = laterOf(entry.last, delta.last);
    pending.threads.set(threadId, entry);
  }
  if (more && pending.pages + 1 < FOLD_EVERY_PAGES) {
    if (pending.threads.size > 0) await writePendingActivity(db, pending.pages + 1, pending.threads);
  } else {
    await foldActivity(db, pending.threads);
  }
  return counts;
}

async function readPendingActivity(db: CollectiveBrainDb): Promise<{ pages: number; threads: Activity }> {
  const row = await db.syncMeta.get('threadActivity');
  const parsed = row === undefined ? undefined : PendingActivitySchema.safeParse(safeJson(row.value));
  // Unreadable (it never should be): dropped; the counts are then off until those threads change again.
  if (parsed?.success !== true) return { pages: 0, threads: new Map() };
  const threads: Activity = new Map();
  for (const [id, [count, last]] of Object.entries(parsed.data.threads)) {
    threads.set(id, last === null ? { count } : { count, last });
  }
  return { pages: parsed.data.pages, threads };
}

async function writePendingActivity(db: CollectiveBrainDb, pages: number, threads: Activity): Promise<void> {
  const value: z.infer<typeof PendingActivitySchema> = { pages, threads: {} };
  for (const [id, { count, last }] of threads) value.threads[id] = [count, last ?? null];
  await db.syncMeta.put({ key: 'threadActivity', value: JSON.stringify(value) });
}

async function foldActivity(db: CollectiveBrainDb, activity: Activity): Promise<void> {
  await db.syncMeta.delete('threadActivity');
  if (activity.size === 0) return;
  const ids = [...activity.keys()];
  const threads = await db.threads.bulkGet(ids);
  const updated: CachedThread[] = [];
  threads.forEach((thread, index) => {
    const delta = activity.get(ids[index] ?? '');
    if (thread === undefined || delta === undefined) return;
    updated.push({
      ...thread,
      postCount: Math.max(0, thread.postCount + delta.count),
      lastActivityAt: laterOf(thread.lastActivityAt, delta.last ?? thread.lastActivityAt),
    });
  });
  if (updated.length > 0) await db.threads.bulkPut(updated);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sets each thread's post count and activity date from the posts in the cache. */
async function recountThreads(db: CollectiveBrainDb, ids: readonly string[]): Promise<void> {
  const [threads, activity] = await Promise.all([
    db.threads.bulkGet([...ids]),
    Promise.all(ids.map((id) => postActivity(db, id))),
  ]);
  const updated: CachedThread[] = [];
  threads.forEach((thread, n) => {
    const counted = activity[n];
    if (thread === undefined || counted === undefined) return;
    updated.push({
      ...thread,
      postCount: counted.postCount,
      lastActivityAt: laterOf(thread.lastActivityAt, counted.lastActivityAt ?? thread.lastActivityAt),
    });
  });
  if (updated.length > 0) await db.threads.bulkPut(updated);
}

async function postActivity(
  db: CollectiveBrainDb,
  threadId: string,
): Promise<{ postCount: number; lastActivityAt?: string }> {
  const inThread = () => db.posts.where('[threadId+createdAt]').between([threadId, ''], [threadId, '\uffff']);
  const [postCount, last] = await Promise.all([inThread().count(), inThread().last()]);
  return { postCount, ...(last !== undefined ? { lastActivityAt: last.createdAt } : {}) };
}

/** Keeps a thread's activity date and post count current as its posts arrive. */
export async function bumpThread(db: CollectiveBrainDb, threadId: string, createdAt: string, by = 1): Promise<void> {
  await db.threads
    .where('id')
    .equals(threadId)
    .modify((thread) => {
      thread.lastActivityAt = laterOf(thread.lastActivityAt, createdAt);
      thread.postCount = Math.max(0, thread.postCount + by);
    });
}

function laterOf(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}

/** After `reset-required`: forget the cached content and the cursor, keep the outbox and the drafts. */
export async function resetContent(db: CollectiveBrainDb): Promise<void> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.syncMeta];
  await db.transaction('rw', tables, async () => {
    for (const name of CONTENT_TABLES) await db[name].clear();
    await db.syncMeta.bulkDelete(['cursor', 'threadActivity']);
  });
}
