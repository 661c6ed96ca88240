import Dexie from 'dexie';
import type { CollectiveBrainDb } from './db';

/** Posts of a thread created after `lastReadAt` (all of them when the thread was never opened). */
export function countUnread(db: CollectiveBrainDb, threadId: string, lastReadAt: string | undefined): Promise<number> {
  return db.posts
    .where('[threadId+createdAt]')
    .between([threadId, lastReadAt ?? Dexie.minKey], [threadId, Dexie.maxKey], lastReadAt === undefined, true)
    .count();
}

/** Unread counts for several threads, by thread id. */
export async function unreadByThread(
  db: CollectiveBrainDb,
  threadIds: readonly string[],
): Promise<Map<string, number>> {
  const reads = await db.readState.bulkGet([...threadIds]);
  const counts = await Promise.all(threadIds.map((id, index) => countUnread(db, id, reads[index]?.lastReadAt)));
  return new Map(threadIds.map((id, index) => [id, counts[index] ?? 0]));
}
