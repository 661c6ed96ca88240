import { z } from 'zod';
import {
  DOCUMENT_TYPES,
  DocumentVariantSchema,
  EditionSchema,
  FOLLOW_TARGET_TYPES,
  IdSchema,
  LanguageSchema,
  LocalizedLabelSchema,
  LocalizedTextSchema,
  REPORT_ACTIONS,
  REPORT_REASONS,
  Sha256Schema,
  TimestampSchema,
  TRANSLATION_TARGET_TYPES,
} from './entities';
import { ROLES } from './roles';
import { isStorableText, label, text } from './text';

/**
 * The arguments of every mutation a client may push, by name. Ids of new
 * entities are made by the client, so it can refer to them while offline.
 */
const id = { id: IdSchema };
const title = label(1, 300);
const tags = z.array(label(1, 40)).max(10);
const position = z.int().min(0);
const body = text(1, 50_000);
const displayName = label(1, 120);
/** An edition as a facilitator writes it: its city and country are labels (see text.ts). */
const edition = EditionSchema.extend({ city: label(1, 100), country: label(1, 100) });
const subjects = z.array(label(1, 80));
/** A news item's title and body in each of its languages (at least one). */
const newsVersions = z
  .partialRecord(LanguageSchema, z.strictObject({ title, body }))
  .refine((value) => Object.keys(value).length > 0, 'at least one language');
/** A reporter's or a moderator's words about a report. */
const reportNote = text(1, 1000);

const materialContent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), documentId: IdSchema }),
  z.strictObject({
    kind: z.literal('link'),
    url: z
      .url({ protocol: /^https?$/u })
      .max(2048)
      .refine(isStorableText, 'not a storable address'),
  }),
  z.strictObject({ kind: z.literal('note'), note: text(1, 20_000) }),
]);

export const MUTATION_ARGS = {
  'thread.create': z.strictObject({
    ...id,
    categoryId: IdSchema,
    title,
    language: LanguageSchema,
    tags: tags.optional(),
  }),
  'thread.update': z.strictObject({ ...id, title: title.optional(), tags: tags.optional() }),
  'thread.delete': z.strictObject(id),
  'thread.lock': z.strictObject({ ...id, locked: z.boolean() }),
  'thread.pin': z.strictObject({ ...id, pinned: z.boolean() }),
  'thread.hide': z.strictObject({ ...id, hidden: z.boolean() }),
  'thread.move': z.strictObject({ ...id, categoryId: IdSchema }),
  'post.create': z.strictObject({
    ...id,
    threadId: IdSchema,
    body,
    language: LanguageSchema,
    replyTo: IdSchema.nullable().optional(),
    attachments: z.array(Sha256Schema).max(10).optional(),
  }),
  'post.update': z.strictObject({ ...id, body }),
  'post.delete': z.strictObject(id),
  'post.hide': z.strictObject({ ...id, hidden: z.boolean() }),
  'collection.create': z.strictObject({
    ...id,
    title: LocalizedLabelSchema,
    description: LocalizedTextSchema.nullable().optional(),
    edition: edition.nullable().optional(),
    position: position.optional(),
  }),
  'collection.update': z.strictObject({
    ...id,
    title: LocalizedLabelSchema.optional(),
    description: LocalizedTextSchema.nullable().optional(),
    edition: edition.nullable().optional(),
    position: position.optional(),
  }),
  'collection.delete': z.strictObject(id),
  'session.create': z.strictObject({
    ...id,
    collectionId: IdSchema,
    title: LocalizedLabelSchema,
    startsAt: TimestampSchema.nullable().optional(),
    position: position.optional(),
  }),
  'session.update': z.strictObject({
    ...id,
    title: LocalizedLabelSchema.optional(),
    startsAt: TimestampSchema.nullable().optional(),
    position: position.optional(),
  }),
  'session.delete': z.strictObject(id),
  'material.create': z.strictObject({
    ...id,
    sessionId: IdSchema,
    position: position.optional(),
    title: LocalizedLabelSchema.nullable().optional(),
    content: materialContent,
  }),
  'material.update': z.strictObject({
    ...id,
    position: position.optional(),
    title: LocalizedLabelSchema.nullable().optional(),
    content: materialContent.optional(),
  }),
  'material.delete': z.strictObject(id),
  'document.create': z.strictObject({
    ...id,
    type: z.enum(DOCUMENT_TYPES),
    title: LocalizedLabelSchema,
    summary: LocalizedTextSchema.nullable().optional(),
    series: label(0, 200).nullable().optional(),
    year: z.int().min(1900).max(2100).nullable().optional(),
    countries: subjects.optional(),
    topics: subjects.optional(),
    variants: z.array(DocumentVariantSchema.omit({ size: true, mime: true })).min(1),
  }),
  'document.update': z.strictObject({
    ...id,
    title: LocalizedLabelSchema.optional(),
    summary: LocalizedTextSchema.nullable().optional(),
    series: label(0, 200).nullable().optional(),
    year: z.int().min(1900).max(2100).nullable().optional(),
    countries: subjects.optional(),
    topics: subjects.optional(),
  }),
  'translation.create': z.strictObject({
    ...id,
    targetType: z.enum(TRANSLATION_TARGET_TYPES),
    targetId: IdSchema,
    language: LanguageSchema,
    /** Required for news (they have a title), refused for posts. */
    title: title.nullable().optional(),
    body,
  }),
  'translation.update': z.strictObject({ ...id, title: title.nullable().optional(), body: body.optional() }),
  'translation.delete': z.strictObject(id),
  'news.create': z.strictObject({ ...id, versions: newsVersions }),
  /** Every language version as the editor leaves it (a language left out is removed). */
  'news.update': z.strictObject({ ...id, versions: newsVersions }),
  /** Unpublished, only the people who may publish news see it; published again, everyone does. */
  'news.publish': z.strictObject({ ...id, published: z.boolean() }),
  /** Pinned, it tops Home (and any other pinned item is unpinned). */
  'news.pin': z.strictObject({ ...id, pinned: z.boolean() }),
  'news.delete': z.strictObject(id),
  'report.create': z.strictObject({
    ...id,
    postId: IdSchema,
    reason: z.enum(REPORT_REASONS),
    note: reportNote.nullable().optional(),
  }),
  /**
   * A moderator's resolution: `hidden` and `deleted` record what was done to the post (the server checks that
   * it was), `contacted` names the moderator's reply to the author (`replyId`), `dismissed` changes nothing.
   */
  'report.resolve': z.strictObject({
    ...id,
    action: z.enum(REPORT_ACTIONS),
    note: reportNote.nullable().optional(),
    replyId: IdSchema.nullable().optional(),
  }),
  /** A reader asks for a translation of a post or news item into one of their languages. */
  'translationRequest.create': z.strictObject({
    ...id,
    targetType: z.enum(TRANSLATION_TARGET_TYPES),
    targetId: IdSchema,
    language: LanguageSchema,
  }),
  /** The asker withdraws their request (a moderator may remove anyone's). */
  'translationRequest.delete': z.strictObject(id),
  // No `user.create`: accounts come from invitations, direct calls that keep passwords out of every outbox.
  'user.update': z.strictObject({
    ...id,
    displayName: displayName.optional(),
    roles: z.array(z.enum(ROLES)).min(1).optional(),
    disabled: z.boolean().optional(),
  }),
  'profile.update': z.strictObject({
    displayName: displayName.optional(),
    contentLanguages: z.array(LanguageSchema).max(10).optional(),
  }),
  /** Follow a thread or an edition, or stop following it: the signed-in user's own list, last choice wins. */
  'follow.set': z.strictObject({
    targetType: z.enum(FOLLOW_TARGET_TYPES),
    targetId: IdSchema,
    following: z.boolean(),
  }),
} as const;

export type MutationName = keyof typeof MUTATION_ARGS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATION_ARGS)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.prototype.hasOwnProperty.call(MUTATION_ARGS, name);
}

/** Each mutation's schema seen as what it parses to: looked up by a name of type N, it yields `MutationArgs<N>`. */
const SCHEMA_OF: { readonly [N in MutationName]: z.ZodType<MutationArgs<N>> } = MUTATION_ARGS;

/** Validates a mutation's arguments against its own schema; typed by the name, so no caller casts. */
export function parseMutationArgs<N extends MutationName>(
  name: N,
  args: unknown,
): z.ZodSafeParseResult<MutationArgs<N>> {
  return SCHEMA_OF[name].safeParse(args);
}
