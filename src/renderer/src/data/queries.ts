import Dexie from 'dexie';
import type { CollectiveBrainDb } from './db';

/** Posts of a thread created after `lastReadAt` (all of them when the thread was never opened). */
export function countUnread(db: CollectiveBrainDb, threadId: string, lastReadAt: string | undefined): Promise<number> {
  return db.posts
    .where('[threadId+createdAt]')
    .between([threadId, lastReadAt ?? Dexie.minKey], [threadId, Dexie.maxKey], lastReadAt === undefined, true)
    .count();
}

/** A thread's posts on this computer, and how many of them are unread. */
export interface ThreadCounts {
  posts: number;
  unread: number;
}

/**
 * Post and unread counts for several threads, by thread id, both counted from the posts on this computer.
 * A thread's stored `postCount` is folded in at the end of a first sync, while its posts arrive page by
 * page: shown next to an unread count read from the posts, it said "20 posts, 22 unread" meanwhile.
 */
export async function countsByThread(
  db: CollectiveBrainDb,
  threadIds: readonly string[],
): Promise<Map<string, ThreadCounts>> {
  const reads = await db.readState.bulkGet([...threadIds]);
  const counts = await Promise.all(
    threadIds.map(async (id, index) => {
      const [posts, unread] = await Promise.all([countPosts(db, id), countUnread(db, id, reads[index]?.lastReadAt)]);
      return { posts, unread };
    }),
  );
  return new Map(threadIds.map((id, index) => [id, counts[index] ?? { posts: 0, unread: 0 }]));
}

/** Every post of a thread on this computer. */
export function countPosts(db: CollectiveBrainDb, threadId: string): Promise<number> {
  return db.posts.where('[threadId+createdAt]').between([threadId, Dexie.minKey], [threadId, Dexie.maxKey]).count();
}
