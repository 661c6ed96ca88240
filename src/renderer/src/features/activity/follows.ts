import type { FollowTargetType } from '../../../../shared/wire/entities';
import type { CachedFollows, CachedPost, CollectiveBrainDb } from '../../data/db';

/**
 * What the user follows: the threads and editions they chose to follow (their
 * synced list), and every thread they wrote in unless they chose to stop.
 * Writing in a thread follows it without a write of its own: the user's posts
 * travel to their other devices anyway, so the default does too.
 */

/** The user's posts on this computer, by id; a post written here before it knew who is signed in is theirs. */
export async function postsOf(db: CollectiveBrainDb, userId: string): Promise<Map<string, CachedPost>> {
  const [authored, pending] = await Promise.all([
    db.posts.where('authorId').equals(userId).toArray(),
    db.posts.where('local').anyOf(['pending', 'conflict']).toArray(),
  ]);
  const mine = new Map(authored.map((post) => [post.id, post]));
  for (const post of pending) if (post.authorId === undefined) mine.set(post.id, post);
  return mine;
}

/** When the user first wrote in each thread they wrote in. */
export function firstWritten(posts: Iterable<CachedPost>): Map<string, string> {
  const first = new Map<string, string>();
  for (const post of posts) {
    const known = first.get(post.threadId);
    if (known === undefined || post.createdAt < known) first.set(post.threadId, post.createdAt);
  }
  return first;
}

/** Whether, and since when, the user follows a thread: their choice if they made one, else since they first wrote in it. */
export function threadFollowedSince(
  follows: CachedFollows | undefined,
  written: ReadonlyMap<string, string>,
  threadId: string,
): string | undefined {
  const chosen = follows?.threads.find((entry) => entry.id === threadId);
  if (chosen !== undefined) return chosen.following ? chosen.since : undefined;
  return written.get(threadId);
}

/** The editions (collections) the user follows, with since when. */
export function followedEditions(follows: CachedFollows | undefined): Map<string, string> {
  return new Map((follows?.editions ?? []).filter((entry) => entry.following).map((entry) => [entry.id, entry.since]));
}

/** How the user follows one thread or edition, for its Follow button. */
export interface FollowState {
  following: boolean;
  /** Why: they chose to (or not to), or they wrote in the thread. */
  reason: 'chosen' | 'wrote-here' | 'none';
  /** Their last choice has not reached the server yet. */
  pending: boolean;
}

export async function followState(
  db: CollectiveBrainDb,
  userId: string,
  target: { type: FollowTargetType; id: string },
): Promise<FollowState> {
  const follows = await db.follows.get(userId);
  const pending = follows?.local !== undefined;
  const list = target.type === 'thread' ? follows?.threads : follows?.editions;
  const chosen = list?.find((entry) => entry.id === target.id);
  if (chosen !== undefined) return { following: chosen.following, reason: 'chosen', pending };
  if (target.type === 'edition') return { following: false, reason: 'none', pending };
  const wrote =
    (await db.posts
      .where('authorId')
      .equals(userId)
      .filter((post) => post.threadId === target.id)
      .count()) > 0 ||
    (await db.posts
      .where('local')
      .anyOf(['pending', 'conflict'])
      .filter((post) => post.threadId === target.id && post.authorId === undefined)
      .count()) > 0;
  return { following: wrote, reason: wrote ? 'wrote-here' : 'none', pending };
}

/** Everything the user follows, for the list on the Activity screen. */
export async function followedPlaces(
  db: CollectiveBrainDb,
  userId: string,
): Promise<{ threads: Map<string, string>; editions: Map<string, string> }> {
  const [follows, mine] = await Promise.all([db.follows.get(userId), postsOf(db, userId)]);
  const written = firstWritten(mine.values());
  const threads = new Map<string, string>();
  for (const threadId of new Set([...written.keys(), ...(follows?.threads ?? []).map((entry) => entry.id)])) {
    const since = threadFollowedSince(follows, written, threadId);
    if (since !== undefined) threads.set(threadId, since);
  }
  return { threads, editions: followedEditions(follows) };
}
