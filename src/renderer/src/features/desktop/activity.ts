import Dexie from 'dexie';
import type { CachedPost, CachedThread, CollectiveBrainDb } from '../../data/db';

/** Something another person wrote that concerns the user: a reply in their thread or to their post, or a mention. */
export interface Activity {
  kind: 'reply' | 'mention';
  post: CachedPost;
  thread: CachedThread;
}

/** `@Display Name`, not inside a longer name or word (case and width folded, as people type it). */
export function mentions(body: string, displayName: string): boolean {
  const name = displayName.trim();
  if (name === '') return false;
  const fold = (text: string): string => text.normalize('NFKC').toLocaleLowerCase();
  const text = fold(body);
  const needle = `@${fold(name)}`;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const next = text.slice(at + needle.length, at + needle.length + 1);
    if (next === '' || !/[\p{L}\p{N}_]/u.test(next)) return true;
  }
  return false;
}

/**
 * Of the posts that arrived, those that concern `me`: a mention of my name,
 * else a reply (to one of my posts, or in a thread I started). My own posts,
 * hidden ones and those only this device knows (not yet synced) never count.
 */
export function activityIn(
  posts: readonly CachedPost[],
  threads: ReadonlyMap<string, CachedThread>,
  myPosts: ReadonlySet<string>,
  me: { id: string; displayName: string },
): Activity[] {
  const found: Activity[] = [];
  for (const post of posts) {
    const thread = threads.get(post.threadId);
    if (thread === undefined || post.authorId === me.id || post.hidden || post.version === 0) continue;
    if (mentions(post.body, me.displayName)) {
      found.push({ kind: 'mention', post, thread });
    } else if (thread.authorId === me.id || (post.replyTo !== null && myPosts.has(post.replyTo))) {
      found.push({ kind: 'reply', post, thread });
    }
  }
  return found.sort((a, b) => a.post.createdAt.localeCompare(b.post.createdAt));
}

/** Posts created after `since` (server time), through the threads active since then: the posts index is per thread. */
export async function postsSince(
  db: CollectiveBrainDb,
  since: string,
): Promise<{ posts: CachedPost[]; threads: Map<string, CachedThread> }> {
  const active = await db.threads.where('lastActivityAt').above(since).toArray();
  const threads = new Map(active.map((thread) => [thread.id, thread]));
  const posts: CachedPost[] = [];
  for (const thread of active) {
    posts.push(
      ...(await db.posts
        .where('[threadId+createdAt]')
        .between([thread.id, since], [thread.id, Dexie.maxKey], false, true)
        .toArray()),
    );
  }
  return { posts, threads };
}

/** Ids of my posts that a new post could answer. */
export async function myPostIds(db: CollectiveBrainDb, posts: readonly CachedPost[], me: string): Promise<Set<string>> {
  const asked = [...new Set(posts.flatMap((post) => (post.replyTo !== null ? [post.replyTo] : [])))];
  const answered = await db.posts.bulkGet(asked);
  return new Set(answered.flatMap((post) => (post !== undefined && post.authorId === me ? [post.id] : [])));
}
