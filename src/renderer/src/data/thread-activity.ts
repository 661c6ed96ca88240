import type { CachedThread, CollectiveBrainDb } from './db';

/**
 * A thread's post count and activity date (its newest post's time), kept on
 * the thread row for the forum's order, and worked out from the posts in the
 * cache (the `[threadId+createdAt]` index) when they must be counted again.
 */

/** The later of two ISO times. */
export function laterOf(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}

/** Keeps a thread's activity date and post count current as its posts arrive (or go: `by` -1). */
export async function bumpThread(db: CollectiveBrainDb, threadId: string, createdAt: string, by = 1): Promise<void> {
  await db.threads
    .where('id')
    .equals(threadId)
    .modify((thread) => {
      thread.lastActivityAt = laterOf(thread.lastActivityAt, createdAt);
      thread.postCount = Math.max(0, thread.postCount + by);
    });
}

/** One thread's posts in the cache: how many, and when the newest was written. */
export async function postActivity(
  db: CollectiveBrainDb,
  threadId: string,
): Promise<{ postCount: number; lastActivityAt?: string }> {
  const inThread = () => db.posts.where('[threadId+createdAt]').between([threadId, ''], [threadId, '\uffff']);
  const [postCount, last] = await Promise.all([inThread().count(), inThread().last()]);
  return { postCount, ...(last !== undefined ? { lastActivityAt: last.createdAt } : {}) };
}

/** Sets each thread's post count and activity date from the posts in the cache. */
export async function recountThreads(db: CollectiveBrainDb, ids: readonly string[]): Promise<void> {
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

/** Every thread's post count and activity date, from the posts in the cache (one scan of an index's keys). */
export async function recountAllThreads(db: CollectiveBrainDb): Promise<void> {
  const [keys, threads] = await Promise.all([
    db.posts.orderBy('[threadId+createdAt]').keys() as Promise<unknown[]>,
    db.threads.toArray(),
  ]);
  const activity = new Map<string, { count: number; last: string }>();
  for (const key of keys) {
    if (!Array.isArray(key)) continue;
    const [threadId, createdAt] = key as [unknown, unknown];
    if (typeof threadId !== 'string' || typeof createdAt !== 'string') continue;
    const entry = activity.get(threadId);
    if (entry === undefined) activity.set(threadId, { count: 1, last: createdAt });
    else {
      entry.count += 1;
      entry.last = laterOf(entry.last, createdAt);
    }
  }
  const updated: CachedThread[] = [];
  for (const thread of threads) {
    const counted = activity.get(thread.id);
    const postCount = counted?.count ?? 0;
    const lastActivityAt = laterOf(counted?.last, thread.createdAt);
    if (thread.postCount !== postCount || thread.lastActivityAt !== lastActivityAt) {
      updated.push({ ...thread, postCount, lastActivityAt });
    }
  }
  if (updated.length > 0) await db.threads.bulkPut(updated);
}
