import { editedPost, newPost, newThread, updatedThread, type Post, type Thread } from '../../src/shared/wire';
import { publishFiles, referenceableFiles } from '../files/access';
import { childIds, deleteEntity, republishPosts, republishTranslations } from './feed';
import {
  assertNew,
  canModerate,
  conflictIfStale,
  loadVisible,
  Rejection,
  requireCapability,
  write,
  type Live,
  type MutationContext,
  type MutationHandlers,
  type Outcome,
} from './mutation-kit';
import { deleteTranslationsOf } from './translation-mutations';

type ForumHandlers = Pick<
  MutationHandlers,
  | 'thread.create'
  | 'thread.update'
  | 'thread.delete'
  | 'thread.lock'
  | 'thread.pin'
  | 'thread.hide'
  | 'thread.move'
  | 'post.create'
  | 'post.update'
  | 'post.delete'
  | 'post.hide'
>;

function assertOwnerOrModerator(m: MutationContext, ownerId: string | null): void {
  if (ownerId !== m.user.id && !canModerate(m))
    throw new Rejection('forbidden', 'Only the author or a moderator may do this.');
}

function assertOpen(m: MutationContext, thread: Live<'thread'>): void {
  if (thread.data.locked && !canModerate(m)) throw new Rejection('thread-locked', 'This thread is locked.');
}

async function writeThread(m: MutationContext, thread: Thread): Promise<Outcome> {
  return write(m, 'thread', thread, {
    audience: thread.hidden ? 'moderators' : 'all',
    ownerId: thread.authorId,
    parentId: thread.categoryId,
  });
}

/** A post is for moderators only when it, or its thread, is hidden. */
async function writePost(m: MutationContext, post: Post, thread: Live<'thread'>): Promise<Outcome> {
  return write(m, 'post', post, {
    audience: post.hidden || thread.data.hidden ? 'moderators' : 'all',
    ownerId: post.authorId,
    parentId: post.threadId,
  });
}

/** Whether anyone but the thread's author has a post in it (hidden ones count: they are someone's words). */
async function othersReplied(m: MutationContext, thread: Live<'thread'>): Promise<boolean> {
  const others = await m.db.query(
    `SELECT 1 FROM entities
      WHERE type = 'post' AND parent_id = $1 AND NOT deleted AND owner_id IS DISTINCT FROM $2 LIMIT 1`,
    [thread.id, thread.ownerId],
  );
  return (others.rowCount ?? 0) > 0;
}

/** A moderation flag on a thread: moderators only, with a version check. */
async function moderateThread(
  m: MutationContext,
  id: string,
  baseVersion: number | undefined,
  change: (thread: Thread) => Thread | Promise<Thread>,
): Promise<Outcome> {
  requireCapability(m, 'forum.moderate');
  const thread = await loadVisible(m, 'thread', id);
  return conflictIfStale(thread, baseVersion) ?? writeThread(m, await change(thread.data));
}

export const forumMutations: ForumHandlers = {
  async 'thread.create'(m, args) {
    requireCapability(m, 'forum.write');
    await loadVisible(m, 'category', args.categoryId);
    await assertNew(m, 'thread', args.id);
    return writeThread(m, newThread(args, { authorId: m.user.id, now: m.now.toISOString() }));
  },
  async 'thread.update'(m, args, baseVersion) {
    requireCapability(m, 'forum.write');
    const thread = await loadVisible(m, 'thread', args.id);
    assertOwnerOrModerator(m, thread.ownerId);
    assertOpen(m, thread);
    return conflictIfStale(thread, baseVersion) ?? writeThread(m, updatedThread(thread.data, args));
  },
  async 'thread.delete'(m, args, baseVersion) {
    requireCapability(m, 'forum.write');
    const thread = await loadVisible(m, 'thread', args.id);
    assertOwnerOrModerator(m, thread.ownerId);
    assertOpen(m, thread);
    const stale = conflictIfStale(thread, baseVersion);
    if (stale !== undefined) return stale;
    // Deleting a thread deletes its replies: its author may do that to their own only.
    if (!canModerate(m) && (await othersReplied(m, thread))) {
      throw new Rejection('thread-has-replies', 'Others have replied: close the thread instead of deleting it.');
    }
    for (const postId of await childIds(m.db, 'post', thread.id)) {
      await deleteTranslationsOf(m, postId);
      await deleteEntity(m.db, 'post', postId, m.now);
    }
    const deleted = await deleteEntity(m.db, 'thread', thread.id, m.now);
    return { status: 'applied', version: deleted?.version ?? thread.version + 1 };
  },
  async 'thread.lock'(m, args, baseVersion) {
    if (canModerate(m)) {
      return moderateThread(m, args.id, baseVersion, (thread) => ({ ...thread, locked: args.locked }));
    }
    // Its author may close their own thread (what they may do instead of deleting one others replied in);
    // reopening a closed thread is a moderator's call, as they may have closed it.
    requireCapability(m, 'forum.write');
    const thread = await loadVisible(m, 'thread', args.id);
    if (thread.ownerId !== m.user.id || !args.locked) {
      throw new Rejection('forbidden', 'Only a moderator may reopen a thread, or close someone else’s.');
    }
    return conflictIfStale(thread, baseVersion) ?? writeThread(m, { ...thread.data, locked: true });
  },
  'thread.pin': (m, args, baseVersion) =>
    moderateThread(m, args.id, baseVersion, (thread) => ({ ...thread, pinned: args.pinned })),
  async 'thread.hide'(m, args, baseVersion) {
    const outcome = await moderateThread(m, args.id, baseVersion, (thread) => ({ ...thread, hidden: args.hidden }));
    // The thread's posts (and their translations) follow it: out of non-moderators' feeds, and back.
    if (outcome.status === 'applied') {
      await republishPosts(m.db, args.id, args.hidden, m.now);
      await republishTranslations(m.db, { threadId: args.id }, m.now);
    }
    return outcome;
  },
  'thread.move': (m, args, baseVersion) =>
    moderateThread(m, args.id, baseVersion, async (thread) => {
      await loadVisible(m, 'category', args.categoryId);
      return { ...thread, categoryId: args.categoryId };
    }),

  async 'post.create'(m, args) {
    requireCapability(m, 'forum.write');
    const thread = await loadVisible(m, 'thread', args.threadId);
    assertOpen(m, thread);
    await assertNew(m, 'post', args.id);
    const replyTo = args.replyTo ?? null;
    if (replyTo !== null) {
      const parent = await loadVisible(m, 'post', replyTo);
      if (parent.data.threadId !== thread.id) throw new Rejection('invalid', 'A reply must be in the same thread.');
    }
    const attachments = args.attachments ?? [];
    // Only published files, or the author's own uploads: nobody publishes someone else's unpublished file.
    if ((await referenceableFiles(m.db, m.user.id, attachments)) === undefined)
      throw new Rejection('file-missing', 'Upload the attachments first.');
    await publishFiles(m.db, attachments, m.now);
    return writePost(
      m,
      newPost({ ...args, replyTo, attachments }, { authorId: m.user.id, now: m.now.toISOString() }),
      thread,
    );
  },
  async 'post.update'(m, args, baseVersion) {
    requireCapability(m, 'forum.write');
    const post = await loadVisible(m, 'post', args.id);
    if (post.ownerId !== m.user.id) throw new Rejection('forbidden', 'Only the author may edit a post.');
    const thread = await loadVisible(m, 'thread', post.data.threadId);
    assertOpen(m, thread);
    return (
      conflictIfStale(post, baseVersion) ?? writePost(m, editedPost(post.data, args.body, m.now.toISOString()), thread)
    );
  },
  async 'post.delete'(m, args, baseVersion) {
    requireCapability(m, 'forum.write');
    const post = await loadVisible(m, 'post', args.id);
    assertOwnerOrModerator(m, post.ownerId);
    assertOpen(m, await loadVisible(m, 'thread', post.data.threadId));
    const stale = conflictIfStale(post, baseVersion);
    if (stale !== undefined) return stale;
    // Its translations go with it, so every client drops them too (tombstones through the feed).
    await deleteTranslationsOf(m, post.id);
    const deleted = await deleteEntity(m.db, 'post', post.id, m.now);
    return { status: 'applied', version: deleted?.version ?? post.version + 1 };
  },
  async 'post.hide'(m, args, baseVersion) {
    requireCapability(m, 'forum.moderate');
    const post = await loadVisible(m, 'post', args.id);
    const thread = await loadVisible(m, 'thread', post.data.threadId);
    const outcome =
      conflictIfStale(post, baseVersion) ?? (await writePost(m, { ...post.data, hidden: args.hidden }, thread));
    // Its translations follow it out of (and back into) non-moderators' feeds.
    if (outcome.status === 'applied') await republishTranslations(m.db, { postId: post.id }, m.now);
    return outcome;
  },
};
