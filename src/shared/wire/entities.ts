import { z } from 'zod';
import { CONTENT_LANGUAGES } from '../languages';
import { ROLES } from './roles';
import { label, text } from './text';

/**
 * The entities the sync feed carries. Each change of one of them is a
 * `Change` (see sync.ts) whose `data` is validated by the schema below.
 * Versions live on the change envelope, not in `data`.
 */
export const ENTITY_TYPES = [
  'user',
  'category',
  'thread',
  'post',
  'document',
  'collection',
  'session',
  'material',
  'news',
  'translation',
  'report',
  'translationRequest',
  'follows',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const IdSchema = z.uuid();
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/u, 'a lowercase hex sha256');
export const LanguageSchema = z.enum(CONTENT_LANGUAGES);
export const TimestampSchema = z.iso.datetime({ offset: true });
/** A date without time, e.g. an Academy's first day. */
export const DateSchema = z.iso.date();
/** Text given per language; at least one language. */
export const LocalizedTextSchema = z
  .partialRecord(LanguageSchema, text(1, 2000))
  .refine((value) => Object.keys(value).length > 0, 'at least one language');
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** A title given per language: each one a label (see text.ts), at least one language. */
export const LocalizedLabelSchema = z
  .partialRecord(LanguageSchema, label(1, 2000))
  .refine((value) => Object.keys(value).length > 0, 'at least one language');

export const UserSchema = z.strictObject({
  id: IdSchema,
  displayName: z.string().min(1).max(120),
  roles: z.array(z.enum(ROLES)).min(1),
  /** Collections (Academy editions) the user attended. */
  editions: z.array(IdSchema),
  /** Ordered content languages, most preferred first. */
  contentLanguages: z.array(LanguageSchema),
});
export type User = z.infer<typeof UserSchema>;

export const CategorySchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  position: z.int().min(0),
});
export type Category = z.infer<typeof CategorySchema>;

export const ThreadSchema = z.strictObject({
  id: IdSchema,
  categoryId: IdSchema,
  authorId: IdSchema,
  title: z.string().min(1).max(300),
  language: LanguageSchema,
  tags: z.array(z.string().min(1).max(40)).max(10),
  locked: z.boolean(),
  pinned: z.boolean(),
  hidden: z.boolean(),
  createdAt: TimestampSchema,
});
export type Thread = z.infer<typeof ThreadSchema>;

export const PostSchema = z.strictObject({
  id: IdSchema,
  threadId: IdSchema,
  authorId: IdSchema,
  /** Markdown, sanitized by the client before display. */
  body: z.string().min(1).max(50_000),
  language: LanguageSchema,
  replyTo: IdSchema.nullable(),
  createdAt: TimestampSchema,
  editedAt: TimestampSchema.nullable(),
  hidden: z.boolean(),
  /** sha256 of uploaded files. */
  attachments: z.array(Sha256Schema).max(10),
});
export type Post = z.infer<typeof PostSchema>;

export const DOCUMENT_TYPES = ['publication', 'case-study', 'academy-reader', 'course-material', 'report'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DocumentVariantSchema = z.strictObject({
  language: LanguageSchema,
  sha256: Sha256Schema,
  size: z.int().min(0),
  mime: z.string().min(1).max(100),
});
export type DocumentVariant = z.infer<typeof DocumentVariantSchema>;

export const DocumentSchema = z.strictObject({
  id: IdSchema,
  type: z.enum(DOCUMENT_TYPES),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema.nullable(),
  series: z.string().max(200).nullable(),
  year: z.int().min(1900).max(2100).nullable(),
  countries: z.array(z.string().min(1).max(80)),
  topics: z.array(z.string().min(1).max(80)),
  variants: z.array(DocumentVariantSchema).min(1),
  createdAt: TimestampSchema,
});
export type Document = z.infer<typeof DocumentSchema>;

export const EditionSchema = z.strictObject({
  number: z.int().min(1),
  city: text(1, 100),
  country: text(1, 100),
  year: z.int().min(2000).max(2100),
  startDate: DateSchema.nullable(),
  endDate: DateSchema.nullable(),
  theme: LocalizedTextSchema.nullable(),
  online: z.boolean(),
});
export type Edition = z.infer<typeof EditionSchema>;

/** A collection of sessions; an Academy edition's collection carries `edition`. */
export const CollectionSchema = z.strictObject({
  id: IdSchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.nullable(),
  edition: EditionSchema.nullable(),
  position: z.int().min(0),
});
export type Collection = z.infer<typeof CollectionSchema>;

export const SessionSchema = z.strictObject({
  id: IdSchema,
  collectionId: IdSchema,
  title: LocalizedTextSchema,
  startsAt: TimestampSchema.nullable(),
  position: z.int().min(0),
});
export type Session = z.infer<typeof SessionSchema>;

const materialBase = {
  id: IdSchema,
  sessionId: IdSchema,
  position: z.int().min(0),
  title: LocalizedTextSchema.nullable(),
};
export const MaterialSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...materialBase, kind: z.literal('document'), documentId: IdSchema }),
  z.strictObject({ ...materialBase, kind: z.literal('link'), url: z.url({ protocol: /^https?$/u }) }),
  z.strictObject({ ...materialBase, kind: z.literal('note'), note: z.string().min(1).max(20_000) }),
]);
export type Material = z.infer<typeof MaterialSchema>;

/** One language version of a news item: its title and its markdown body (sanitized by the client before display). */
export const NewsVersionSchema = z.strictObject({
  title: z.string().min(1).max(300),
  body: z.string().min(1).max(50_000),
});
export type NewsVersion = z.infer<typeof NewsVersionSchema>;

/** A news item's versions by language; at least one. The reader sees the one their content languages prefer. */
export const NewsVersionsSchema = z
  .partialRecord(LanguageSchema, NewsVersionSchema)
  .refine((value) => Object.keys(value).length > 0, 'at least one language');
export type NewsVersions = z.infer<typeof NewsVersionsSchema>;

/**
 * A news item by the team, written in one or more languages (readers may add translations into others).
 * Unpublished (`publishedAt` null), it reaches only the people who may publish news.
 */
export const NewsSchema = z.strictObject({
  id: IdSchema,
  /** Who wrote it; null for news that came without one (written before news had authors). */
  authorId: IdSchema.nullable(),
  versions: NewsVersionsSchema,
  createdAt: TimestampSchema,
  editedAt: TimestampSchema.nullable(),
  /** When it was published; null while it is not. */
  publishedAt: TimestampSchema.nullable(),
  /** When it was pinned to the top of Home; null when it is not (the server keeps one pinned at most). */
  pinnedAt: TimestampSchema.nullable(),
});
export type News = z.infer<typeof NewsSchema>;

/** What a reader may translate: a forum post or a news item. */
export const TRANSLATION_TARGET_TYPES = ['post', 'news'] as const;
export type TranslationTargetType = (typeof TRANSLATION_TARGET_TYPES)[number];

/**
 * A reader's translation of a post or a news item into another language,
 * linked to its original. Anyone signed in may add one; its author (or a
 * moderator) may edit or delete it. Whoever may not see the original does not
 * get its translations either (the server gives them the original's audience).
 */
export const TranslationSchema = z.strictObject({
  id: IdSchema,
  targetType: z.enum(TRANSLATION_TARGET_TYPES),
  targetId: IdSchema,
  /** The language translated into; never the original's own. */
  language: LanguageSchema,
  /** The translated title of a news item; null for a post (posts have none). */
  title: z.string().min(1).max(300).nullable(),
  /** Markdown, sanitized by the client before display. */
  body: z.string().min(1).max(50_000),
  authorId: IdSchema,
  createdAt: TimestampSchema,
  editedAt: TimestampSchema.nullable(),
});
export type Translation = z.infer<typeof TranslationSchema>;

/** Why a reader reports a post. */
export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'misinformation', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** What a moderator did about a report: the post hidden or deleted, the report dismissed, the author contacted. */
export const REPORT_ACTIONS = ['hidden', 'deleted', 'dismissed', 'contacted'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Who resolved a report, how and when: written by the server (its clock, the acting moderator). */
export const ReportResolutionSchema = z.strictObject({
  action: z.enum(REPORT_ACTIONS),
  moderatorId: IdSchema,
  at: TimestampSchema,
  /** The moderator's note, for the queue's history. */
  note: z.string().min(1).max(1000).nullable(),
  /** `contacted`: the moderator's reply to the author, in the thread. */
  replyId: IdSchema.nullable(),
});
export type ReportResolution = z.infer<typeof ReportResolutionSchema>;

/**
 * A reader's report of a post, for the moderators. Only moderators (and admins) and the reporter ever
 * receive it: the server leaves it out of everyone else's feed, not even a tombstone.
 */
export const ReportSchema = z.strictObject({
  id: IdSchema,
  postId: IdSchema,
  threadId: IdSchema,
  /** The reported post's author, known to the queue even once the post is gone. */
  postAuthorId: IdSchema,
  reporterId: IdSchema,
  reason: z.enum(REPORT_REASONS),
  /** What the reporter adds in their words. */
  note: z.string().min(1).max(1000).nullable(),
  createdAt: TimestampSchema,
  /** Null while the report is open. */
  resolution: ReportResolutionSchema.nullable(),
});
export type Report = z.infer<typeof ReportSchema>;
/**
 * A reader's request for a translation of a post or a news item into one of their languages
 * (docs/venue.md). Every reader who may see the original sees it: translators pick the open ones in
 * the languages they read. The first translation into that language fulfils it.
 */
export const TranslationRequestSchema = z.strictObject({
  id: IdSchema,
  targetType: z.enum(TRANSLATION_TARGET_TYPES),
  targetId: IdSchema,
  /** The language asked for; never the original's own. */
  language: LanguageSchema,
  requesterId: IdSchema,
  createdAt: TimestampSchema,
  /** The translation that fulfilled it, and when; null while it is open. */
  fulfilledBy: IdSchema.nullable(),
  fulfilledAt: TimestampSchema.nullable(),
});
export type TranslationRequest = z.infer<typeof TranslationRequestSchema>;
/** What a user may follow: a forum thread, or an Academy edition (a collection of sessions). */
export const FOLLOW_TARGET_TYPES = ['thread', 'edition'] as const;
export type FollowTargetType = (typeof FOLLOW_TARGET_TYPES)[number];

/** How many threads, and how many editions, one user's list keeps (the oldest unfollowed go first). */
export const MAX_FOLLOWS = 2000;

/** One thread or edition the user chose to follow, or chose to stop following. */
export const FollowSchema = z.strictObject({
  id: IdSchema,
  /** False: the user stopped following it (writing in a thread no longer follows it by default). */
  following: z.boolean(),
  /** When the choice was made: only what happens after it is news. */
  since: TimestampSchema,
});
export type Follow = z.infer<typeof FollowSchema>;

/**
 * A user's own choices of what to follow, one list per user (its id is the
 * user's), sent to that user alone: they travel with them to every device. A
 * thread the user wrote in is followed without an entry here, unless one says
 * otherwise.
 */
export const FollowsSchema = z.strictObject({
  id: IdSchema,
  threads: z.array(FollowSchema).max(MAX_FOLLOWS),
  editions: z.array(FollowSchema).max(MAX_FOLLOWS),
});
export type Follows = z.infer<typeof FollowsSchema>;

export const ENTITY_SCHEMAS = {
  user: UserSchema,
  category: CategorySchema,
  thread: ThreadSchema,
  post: PostSchema,
  document: DocumentSchema,
  collection: CollectionSchema,
  session: SessionSchema,
  material: MaterialSchema,
  news: NewsSchema,
  translation: TranslationSchema,
  report: ReportSchema,
  translationRequest: TranslationRequestSchema,
  follows: FollowsSchema,
} as const satisfies Record<EntityType, z.ZodType>;

export interface EntityByType {
  user: User;
  category: Category;
  thread: Thread;
  post: Post;
  document: Document;
  collection: Collection;
  session: Session;
  material: Material;
  news: News;
  translation: Translation;
  report: Report;
  translationRequest: TranslationRequest;
  follows: Follows;
}
