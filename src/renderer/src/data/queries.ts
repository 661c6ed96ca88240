import type { CollectiveBrainDb } from './db';

/** Posts in a thread newer than what the user has read (index [threadId+createdAt]; never reads the rows). */
export async function unreadCount(db: CollectiveBrainDb, threadId: string): Promise<number> {
  const read = await db.readState.get(threadId);
  return db.posts
    .where('[threadId+createdAt]')
    .between([threadId, read?.lastReadAt ?? ''], [threadId, '\uffff'], read === undefined, true)
    .count();
}
