import { z } from 'zod';
import {
  CategorySchema,
  CollectionSchema,
  DocumentSchema,
  ENTITY_TYPES,
  FollowsSchema,
  IdSchema,
  MaterialSchema,
  NewsSchema,
  PostSchema,
  ReportSchema,
  SessionSchema,
  ThreadSchema,
  TranslationRequestSchema,
  TranslationSchema,
  UserSchema,
} from './entities';
import { REJECTION_CODES } from './errors';
import { text } from './text';

/** Pull page bounds. The server may return fewer rows when the byte bound is hit. */
export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 2000;

/**
 * An opaque position in the server's change sequence. Clients store it as
 * given and send it back; an empty cursor means "from the beginning".
 */
export const CursorSchema = z.string().max(100);

/** Edition packs this client imported since its last complete pull run (comma-separated ids, see docs/venue.md). */
export const PullPacksSchema = z
  .string()
  .regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,19}$/u, 'up to 20 pack ids, comma-separated');

export const PullQuerySchema = z.strictObject({
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).optional(),
  /** What those packs hold at the same version, up to their cursor, is left out: the client has it. */
  packs: PullPacksSchema.optional(),
});
export type PullQuery = z.infer<typeof PullQuerySchema>;

const envelope = {
  seq: z.int().min(1),
  id: IdSchema,
  version: z.int().min(1),
};
function changeOf<T extends (typeof ENTITY_TYPES)[number], S extends z.ZodType>(type: T, data: S) {
  return z.strictObject({
    ...envelope,
    type: z.literal(type),
    op: z.enum(['upsert', 'delete']),
    /** Present on upserts, absent on deletes (tombstones). */
    data: data.optional(),
  });
}

/** One change of the feed: the latest state of one entity, or its tombstone. */
export const ChangeSchema = z.discriminatedUnion('type', [
  changeOf('user', UserSchema),
  changeOf('category', CategorySchema),
  changeOf('thread', ThreadSchema),
  changeOf('post', PostSchema),
  changeOf('document', DocumentSchema),
  changeOf('collection', CollectionSchema),
  changeOf('session', SessionSchema),
  changeOf('material', MaterialSchema),
  changeOf('news', NewsSchema),
  changeOf('translation', TranslationSchema),
  changeOf('report', ReportSchema),
  changeOf('translationRequest', TranslationRequestSchema),
  changeOf('follows', FollowsSchema),
]);
export type Change = z.infer<typeof ChangeSchema>;

export const PullPageSchema = z.strictObject({
  changes: z.array(ChangeSchema),
  /** Where the next pull starts; store it in the same transaction as the changes. */
  cursor: CursorSchema,
  hasMore: z.boolean(),
});
export type PullPage = z.infer<typeof PullPageSchema>;

/** The newest discussion for a first sync: categories, the threads with the latest posts, those posts, their authors. */
export const RecentQuerySchema = z.strictObject({
  threads: z.coerce.number().int().min(1).max(200).optional(),
  posts: z.coerce.number().int().min(1).max(100).optional(),
});
export type RecentQuery = z.infer<typeof RecentQuerySchema>;

/** Upserts with their versions, in no cursor: the pull that follows delivers the same rows again. */
export const RecentSnapshotSchema = z.strictObject({
  changes: z.array(ChangeSchema),
});
export type RecentSnapshot = z.infer<typeof RecentSnapshotSchema>;

/** The current state of an entity, returned with a conflict. */
export const EntityStateSchema = z.strictObject({
  type: z.enum(ENTITY_TYPES),
  id: IdSchema,
  version: z.int().min(1),
  deleted: z.boolean(),
  data: z.unknown().optional(),
});
export type EntityState = z.infer<typeof EntityStateSchema>;

export const MutationSchema = z.strictObject({
  /** Made by the client when the user acts; the key of exactly-once delivery. */
  id: text(1, 100),
  name: text(1, 60),
  args: z.unknown(),
  /** The version the user edited; omitted for creations and last-writer-wins edits. */
  baseVersion: z.int().min(1).optional(),
});
export type Mutation = z.infer<typeof MutationSchema>;

export const PUSH_MAX_MUTATIONS = 100;

export const PushRequestSchema = z.strictObject({
  clientId: text(1, 100),
  mutations: z.array(MutationSchema).min(1).max(PUSH_MAX_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const MUTATION_STATUSES = ['applied', 'conflict', 'rejected'] as const;
export type MutationStatus = (typeof MUTATION_STATUSES)[number];

export const MutationResultSchema = z.strictObject({
  id: z.string(),
  status: z.enum(MUTATION_STATUSES),
  /** The entity's version after an applied mutation. */
  version: z.int().min(1).optional(),
  /** The server's current state, on a conflict. */
  current: EntityStateSchema.optional(),
  /** Why, on a rejection. */
  code: z.enum(REJECTION_CODES).optional(),
  message: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const PushResponseSchema = z.strictObject({
  results: z.array(MutationResultSchema),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** The payload of a `changes` event on the live stream (SSE). */
export const LiveChangesEventSchema = z.strictObject({
  /** The newest sequence number the server has committed. */
  seq: z.int().min(0),
});
export type LiveChangesEvent = z.infer<typeof LiveChangesEventSchema>;
export const LIVE_EVENT_CHANGES = 'changes';
