import { z } from 'zod';
import {
  DOCUMENT_TYPES,
  DocumentVariantSchema,
  EditionSchema,
  IdSchema,
  LanguageSchema,
  LocalizedLabelSchema,
  LocalizedTextSchema,
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
