import type { EntityType } from '../../../shared/wire/entities';
import {
  editedNews,
  editedPost,
  newCollection,
  newDocument,
  newMaterial,
  newNews,
  newPost,
  newReport,
  newSession,
  newThread,
  newTranslation,
  noFollows,
  pinnedNews,
  publishedNews,
  resolvedReport,
  updatedMaterial,
  updatedProfile,
  updatedThread,
  updatedTranslation,
  updatedUser,
  withChanges,
  withFollow,
} from '../../../shared/wire/entity-builders';
import type { MutationArgs, MutationName } from '../../../shared/wire/mutations';
import { FALLBACK_MEDIA_TYPE } from '../../../shared/uploads';
import type { DocumentVariant } from '../../../shared/wire/entities';
import { collectionRow, documentRow } from './cached-rows';
import {
  rowTables,
  type CachedByType,
  type CachedDocument,
  type CachedReport,
  type CollectiveBrainDb,
  type LocalState,
  type OutboxItemOf,
} from './db';
import { bumpThread } from './thread-activity';

/**
 * How each write shows on this computer before the server has it: one entry
 * per mutation, checked against the list of mutations (`satisfies
 * OptimisticWrites`), as the server's handlers are (server/sync/push.ts). A
 * new mutation without its entry here does not compile.
 *
 * What an entity becomes is worked out by the same pure functions the server
 * uses (src/shared/wire/entity-builders.ts), so the two cannot drift apart.
 * A row written here carries its mark (`local`: pending, or in conflict) until
 * the server's copy replaces it.
 */

/** The cached entity a write changes. */
export interface EntityTarget {
  readonly type: EntityType;
  readonly id: string;
}

/** A write being shown in the cache. */
export interface LocalWrite<N extends MutationName> {
  readonly db: CollectiveBrainDb;
  readonly item: OutboxItemOf<N>;
  readonly args: MutationArgs<N>;
  /** When the write was made (ISO): the creation or edit time shown until the server's copy arrives. */
  readonly now: string;
  /** Who wrote it, when this computer knows (see `AuthorPending` in db.ts). */
  readonly actorId: string | undefined;
  /** The mark the row carries. */
  readonly mark: LocalState;
}

export interface OptimisticWrite<N extends MutationName> {
  /** The cached entity the write changes: its outbox item is filed under it. */
  readonly target: (args: MutationArgs<N>, actorId: string | undefined) => EntityTarget;
  /** Shows the write in the cache: a new row, an edit, a deletion. */
  readonly apply: (write: LocalWrite<N>) => Promise<void>;
}

/** One optimistic write per mutation; indexed by a name of type N, it is `OptimisticWrite<N>`. */
export type OptimisticWrites = { readonly [N in MutationName]: OptimisticWrite<N> };

/** Mutations whose arguments name the entity they change (`args.id`). */
type ChangesById = { [N in MutationName]: MutationArgs<N> extends { id: string } ? N : never }[MutationName];

/** The fields every row written here carries. */
function stamp(write: { mark: LocalState }): { version: number; local: LocalState } {
  return { version: 0, local: write.mark };
}

/** A new entity's author: the user, or none yet when this computer does not know who is signed in. */
function authored<E extends { authorId: string }>(
  make: (authorId: string) => E,
  actorId: string | undefined,
): E | Omit<E, 'authorId'> {
  if (actorId !== undefined) return make(actorId);
  const { authorId: _unknown, ...rest } = make('');
  return rest;
}

/**
 * A write that creates a row. A row the server's copy already replaced is left alone; the user's own
 * pending row is written again (after a pull, the outbox is laid back on top).
 */
function creates<T extends EntityType, N extends ChangesById>(
  type: T,
  row: (write: LocalWrite<N>, existing: CachedByType[T] | undefined) => CachedByType[T] | Promise<CachedByType[T]>,
  after?: (write: LocalWrite<N>, existing: CachedByType[T] | undefined) => Promise<void>,
): OptimisticWrite<N> {
  return {
    target: (args) => ({ type, id: args.id }),
    apply: async (write) => {
      const table = rowTables(write.db)[type];
      const existing = await table.get(write.args.id);
      if (existing !== undefined && existing.local === undefined) return;
      await table.put(await row(write, existing));
      await after?.(write, existing);
    },
  };
}

/** A write that edits a row, if it is still here (else the push will tell). */
function edits<T extends EntityType, N extends MutationName>(
  type: T,
  change: (row: CachedByType[T], write: LocalWrite<N>) => CachedByType[T],
  target: (args: MutationArgs<N>, actorId: string | undefined) => string,
): OptimisticWrite<N> {
  return {
    target: (args, actorId) => ({ type, id: target(args, actorId) }),
    apply: async (write) => {
      const table = rowTables(write.db)[type];
      const existing = await table.get(target(write.args, write.actorId));
      if (existing === undefined) return;
      await table.put({ ...change(existing, write), local: write.mark });
    },
  };
}

/** A write that edits the row its arguments name. */
function editsById<T extends EntityType, N extends ChangesById>(
  type: T,
  change: (row: CachedByType[T], write: LocalWrite<N>) => CachedByType[T],
): OptimisticWrite<N> {
  return edits(type, change, (args) => args.id);
}

/** A write that deletes the row its arguments name. */
function deletes<T extends EntityType, N extends ChangesById>(
  type: T,
  after?: (write: LocalWrite<N>, deleted: CachedByType[T]) => Promise<void>,
): OptimisticWrite<N> {
  return {
    target: (args) => ({ type, id: args.id }),
    apply: async (write) => {
      const table = rowTables(write.db)[type];
      const existing = await table.get(write.args.id);
      if (existing === undefined) return;
      await table.delete(write.args.id);
      await after?.(write, existing);
    },
  };
}

/**
 * A `document.create` names its files by sha256 only (the server fills in their size and type). The
 * publisher records them on the pending row (see academy/publish.ts); laying the write on top again keeps
 * them. A file whose facts this computer lost (its row was reset) shows as an empty file of unknown type
 * until the server's copy arrives.
 */
function variantsWithFacts(
  variants: MutationArgs<'document.create'>['variants'],
  existing: CachedDocument | undefined,
): DocumentVariant[] {
  const known = new Map((existing?.variants ?? []).map((variant) => [variant.sha256, variant] as const));
  return variants.map((variant) => {
    const before = known.get(variant.sha256);
    return { ...variant, size: before?.size ?? 0, mime: before?.mime ?? FALLBACK_MEDIA_TYPE };
  });
}

/**
 * A report keeps the reported post's thread and author, read here from the cache (the user reports a post
 * they see); the server reads them from its own copy.
 */
async function reportRow(write: LocalWrite<'report.create'>): Promise<CachedReport> {
  const post = await write.db.posts.get(write.args.postId);
  const { reporterId, ...report } = newReport(
    write.args,
    { threadId: post?.threadId ?? '', authorId: post?.authorId ?? '' },
    { reporterId: write.actorId ?? '', now: write.now },
  );
  return { ...report, ...(write.actorId !== undefined ? { reporterId } : {}), ...stamp(write) };
}

export const OPTIMISTIC_WRITES = {
  'thread.create': creates('thread', (write, existing) => ({
    ...authored((authorId) => newThread(write.args, { authorId, now: write.now }), write.actorId),
    // Its first post follows in the same batch and counts itself in (see post.create).
    postCount: existing?.postCount ?? 0,
    lastActivityAt: existing?.lastActivityAt ?? write.now,
    ...stamp(write),
  })),
  'thread.update': editsById('thread', (row, write) => updatedThread(row, write.args)),
  'thread.delete': deletes('thread'),
  'thread.lock': editsById('thread', (row, { args }) => ({ ...row, locked: args.locked })),
  'thread.pin': editsById('thread', (row, { args }) => ({ ...row, pinned: args.pinned })),
  'thread.hide': editsById('thread', (row, { args }) => ({ ...row, hidden: args.hidden })),
  'thread.move': editsById('thread', (row, { args }) => ({ ...row, categoryId: args.categoryId })),

  'post.create': creates(
    'post',
    (write) => ({
      ...authored((authorId) => newPost(write.args, { authorId, now: write.now }), write.actorId),
      ...stamp(write),
    }),
    async (write, existing) => {
      if (existing === undefined) await bumpThread(write.db, write.args.threadId, write.now);
    },
  ),
  'post.update': editsById('post', (row, write) => editedPost(row, write.args.body, write.now)),
  'post.delete': deletes('post', (write, post) => bumpThread(write.db, post.threadId, '', -1)),
  'post.hide': editsById('post', (row, { args }) => ({ ...row, hidden: args.hidden })),

  'collection.create': creates('collection', (write) => ({
    ...collectionRow(newCollection(write.args), 0),
    local: write.mark,
  })),
  'collection.update': editsById('collection', (row, { args }) => collectionRow(withChanges(row, args), row.version)),
  'collection.delete': deletes('collection'),

  'session.create': creates('session', (write) => ({ ...newSession(write.args), ...stamp(write) })),
  'session.update': editsById('session', (row, { args }) => withChanges(row, args)),
  'session.delete': deletes('session'),

  'material.create': creates('material', (write) => ({ ...newMaterial(write.args), ...stamp(write) })),
  'material.update': editsById('material', (row, { args }) => ({
    ...updatedMaterial(row, args),
    version: row.version,
  })),
  'material.delete': deletes('material'),

  'document.create': creates('document', (write, existing) => ({
    ...documentRow(newDocument(write.args, variantsWithFacts(write.args.variants, existing), write.now), 0),
    local: write.mark,
  })),
  'document.update': editsById('document', (row, { args }) => withChanges(row, args)),

  'translation.create': creates('translation', (write) => ({
    ...authored(
      (authorId) => newTranslation(write.args, write.args.title ?? null, { authorId, now: write.now }),
      write.actorId,
    ),
    ...stamp(write),
  })),
  'translation.update': editsById('translation', (row, { args, now }) =>
    updatedTranslation(row, { title: args.title === undefined ? row.title : args.title, body: args.body }, now),
  ),
  'translation.delete': deletes('translation'),
  // A reader's request: open until a translation into its language fulfils it on the server.
  'translationRequest.create': creates('translationRequest', (write) => ({
    id: write.args.id,
    targetType: write.args.targetType,
    targetId: write.args.targetId,
    language: write.args.language,
    requesterId: write.actorId ?? '',
    createdAt: write.now,
    fulfilledBy: null,
    fulfilledAt: null,
    ...stamp(write),
  })),
  // Withdrawn by its asker (or removed by a moderator): gone at once here, as on the server.
  'translationRequest.delete': deletes('translationRequest'),

  'news.create': creates('news', (write) => ({
    ...newNews(write.args, { authorId: write.actorId ?? null, now: write.now }),
    ...stamp(write),
  })),
  'news.update': editsById('news', (row, { args, now }) => editedNews(row, args.versions, now)),
  'news.publish': editsById('news', (row, { args, now }) => publishedNews(row, args.published, now)),
  // The newest pin tops Home (see pinnedNewsOf), so the item unpinned on the server meanwhile needs no change here.
  'news.pin': editsById('news', (row, { args, now }) => pinnedNews(row, args.pinned, now)),
  'news.delete': deletes('news'),

  'report.create': creates('report', reportRow),
  'report.resolve': editsById('report', (row, { args, now, actorId }) =>
    resolvedReport(row, args, { moderatorId: actorId ?? '', now }),
  ),

  // An account's public profile (accounts themselves come from invitations: direct calls, never the outbox).
  'user.update': editsById('user', (row, { args }) => updatedUser(row, args)),
  // The signed-in user's own profile: its arguments name no one.
  'profile.update': edits(
    'user',
    (row, { args }) => updatedProfile(row, args),
    (_args, actorId) => actorId ?? '',
  ),

  // The signed-in user's own list of follows, one row keyed by their id. Before this computer knows who
  // that is, the choice shows once the server's list arrives.
  'follow.set': {
    target: (_args, actorId) => ({ type: 'follows', id: actorId ?? '' }),
    apply: async ({ db, args, actorId, now, mark }) => {
      if (actorId === undefined) return;
      const existing = await db.follows.get(actorId);
      const list = existing ?? { ...noFollows(actorId), version: 0 };
      await db.follows.put({ ...withFollow(list, args, now), local: mark });
    },
  },
} satisfies OptimisticWrites;
