import Dexie from 'dexie';
import type { CachedPost, CachedThread, CollectiveBrainDb, Draft } from '../../data/db';
import { placeOf } from '../../data/drafts';

export { countUnread, countsByThread, type ThreadCounts } from '../../data/queries';

/** Hidden threads are shown to moderators only. */
export function visibleThreads(threads: readonly CachedThread[], moderator: boolean): CachedThread[] {
  return moderator ? [...threads] : threads.filter((thread) => !thread.hidden);
}

/** Pinned threads first, then by latest activity. */
export function sortByActivity(threads: readonly CachedThread[]): CachedThread[] {
  return [...threads].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.lastActivityAt.localeCompare(a.lastActivityAt),
  );
}

/**
 * The ids of a thread's posts in creation order: enough to lay out a virtual
 * list. Only primary keys are read (one getAllKeys on the index), never the rows.
 */
export async function postIds(db: CollectiveBrainDb, threadId: string): Promise<string[]> {
  const ids = await db.posts
    .where('[threadId+createdAt]')
    .between([threadId, Dexie.minKey], [threadId, Dexie.maxKey])
    .primaryKeys();
  return ids.map(String);
}

/** How many posts were read: those created at or before `lastReadAt`. It is also the index of the first unread post. */
export function countRead(db: CollectiveBrainDb, threadId: string, lastReadAt: string | undefined): Promise<number> {
  if (lastReadAt === undefined) return Promise.resolve(0);
  return db.posts
    .where('[threadId+createdAt]')
    .between([threadId, Dexie.minKey], [threadId, lastReadAt], true, true)
    .count();
}

/** Marks the thread read up to this post (its creation time). */
export async function markReadThrough(db: CollectiveBrainDb, threadId: string, postId: string): Promise<void> {
  const post = await db.posts.get(postId);
  if (post?.threadId === threadId) await markReadUpTo(db, threadId, post.createdAt);
}

/** Records that the thread was read up to `at`; never moves backwards. */
export async function markReadUpTo(db: CollectiveBrainDb, threadId: string, at: string): Promise<void> {
  await db.transaction('rw', db.readState, async () => {
    const current = await db.readState.get(threadId);
    if (current === undefined || current.lastReadAt < at) await db.readState.put({ threadId, lastReadAt: at });
  });
}

/** "Cities, education , youth" → ["Cities", "education", "youth"], without repeats. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0)
    .map((tag) => tag.slice(0, 40));
  return [...new Set(tags)].slice(0, 10);
}

/** Excerpts and quotes, cut after whole words and sentences (ui/excerpt.ts). */
export { excerpt, quoteOf } from '../../ui/excerpt';

/**
 * The drafts of this thread: replies (the one being written, and refused ones) and edits of its posts
 * (being written, or refused), oldest first.
 */
export async function threadDrafts(db: CollectiveBrainDb, threadId: string): Promise<ThreadDraft[]> {
  const drafts = await db.drafts.where('kind').anyOf(['reply', 'edit']).toArray();
  const result: ThreadDraft[] = [];
  for (const draft of drafts) {
    const place = placeOf(draft);
    if (place.kind === 'reply' && place.threadId === threadId) result.push({ draft, kind: 'reply' });
    else if (place.kind === 'edit') {
      const post = await db.posts.get(place.postId);
      if (post?.threadId === threadId) result.push({ draft, kind: 'edit', post });
    }
  }
  return result.sort((a, b) => a.draft.updatedAt.localeCompare(b.draft.updatedAt));
}

/** A draft of a thread, with the post it edits. */
export type ThreadDraft =
  | { readonly draft: Draft; readonly kind: 'reply' }
  | { readonly draft: Draft; readonly kind: 'edit'; readonly post: CachedPost };
