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
    const counts: AppliedPage = { applied: 0, deleted: 0, skipped: 0 };
    for (const change of page.changes) {
      const outcome = await applyChange(db, change);
      counts[outcome] += 1;
    }
    await db.syncMeta.put({ key: 'cursor', value: page.cursor });
    await db.syncMeta.put({ key: 'lastSyncAt', value: new Date().toISOString() });
    await reapplyOutbox(db);
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
    let applied = 0;
    for (const change of changes) if ((await applyChange(db, change)) === 'applied') applied += 1;
    await reapplyOutbox(db);
    return applied;
  });
}

async function applyChange(db: CollectiveBrainDb, change: Change): Promise<keyof AppliedPage> {
  const table = db[TABLE_OF[change.type]];
  const existing = (await table.get(change.id)) as { version: number; threadId?: string } | undefined;
  // A version the cache already has (or newer) is a replay; 0 marks a row only this device knows.
  if (existing !== undefined && existing.version >= change.version) return 'skipped';
  if (change.op === 'delete' || change.data === undefined) {
    if (change.type === 'post' && existing?.threadId !== undefined) await bumpThread(db, existing.threadId, '', -1);
    await table.delete(change.id);
    return 'deleted';
  }
  switch (change.type) {
    case 'thread': {
      const previous = existing as CachedThread | undefined;
      // A thread changed after its posts (locked, renamed) arrives after them: count what is here already.
      const activity = previous ?? (await postActivity(db, change.id));
      await db.threads.put({
        ...change.data,
        version: change.version,
        lastActivityAt: laterOf(activity.lastActivityAt, change.data.createdAt),
        postCount: activity.postCount,
      });
      break;
    }
    case 'post': {
      await db.posts.put({ ...change.data, version: change.version });
      if (existing === undefined) await bumpThread(db, change.data.threadId, change.data.createdAt);
      break;
    }
    case 'document':
      await db.documents.put({
        ...change.data,
        version: change.version,
        languages: [...new Set(change.data.variants.map((variant) => variant.language))],
      });
      break;
    case 'collection':
      await db.collections.put({
        ...change.data,
        version: change.version,
        editionYear: change.data.edition?.year ?? null,
      });
      break;
    case 'user':
      await db.users.put({ ...change.data, version: change.version });
      break;
    case 'category':
      await db.categories.put({ ...change.data, version: change.version });
      break;
    case 'session':
      await db.sessions.put({ ...change.data, version: change.version });
      break;
    case 'material':
      await db.materials.put({ ...change.data, version: change.version });
      break;
    case 'news':
      await db.news.put({ ...change.data, version: change.version });
      break;
  }
  return 'applied';
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
