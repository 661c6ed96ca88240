import type { Change, PullPage } from '../../../shared/wire/sync';
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
export async function applyPage(db: CollectiveBrainDb, page: PullPage): Promise<AppliedPage> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.syncMeta, db.outbox];
  return db.transaction('rw', tables, async () => {
    const counts = await applyChanges(db, page.changes);
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
    const counts = await applyChanges(db, changes);
    if ((await db.outbox.count()) > 0) await reapplyOutbox(db);
    return counts.applied;
  });
}

type StoredRow = { version: number; threadId?: string } & Record<string, unknown>;

/**
 * The work of a page, in bulk: one read per table for what is cached, one
 * write per table, and each touched thread's activity and post count
 * updated once (IndexedDB round trips, not rows, are what costs).
 */
async function applyChanges(db: CollectiveBrainDb, changes: readonly Change[]): Promise<AppliedPage> {
  const counts: AppliedPage = { applied: 0, deleted: 0, skipped: 0 };
  const idsByTable = new Map<TableName, string[]>();
  for (const change of changes) {
    const table = TABLE_OF[change.type];
    const ids = idsByTable.get(table) ?? [];
    ids.push(change.id);
    idsByTable.set(table, ids);
  }
  const cached = new Map<string, StoredRow | undefined>();
  for (const [table, ids] of idsByTable) {
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
      if (change.type === 'post' && existing?.threadId !== undefined) bump(existing.threadId, -1);
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
        if (existing === undefined) bump(change.data.threadId, 1, change.data.createdAt);
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
  for (const { change, previous } of threadUpserts) {
    if (change.data === undefined) continue;
    let postCount: number;
    let last: string | undefined;
    if (previous !== undefined) {
      const delta = activity.get(change.id);
      postCount = Math.max(0, previous.postCount + (delta?.count ?? 0));
      last = laterOf(previous.lastActivityAt, delta?.last ?? previous.lastActivityAt);
    } else {
      ({ postCount, lastActivityAt: last } = await postActivity(db, change.id));
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
  if (activity.size > 0) {
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
  return counts;
}

async function postActivity(
  db: CollectiveBrainDb,
  threadId: string,
): Promise<{ postCount: number; lastActivityAt?: string }> {
  const inThread = db.posts.where('[threadId+createdAt]').between([threadId, ''], [threadId, '\uffff']);
  const postCount = await inThread.count();
  if (postCount === 0) return { postCount };
  const last = await inThread.last();
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
    await db.syncMeta.delete('cursor');
  });
}
