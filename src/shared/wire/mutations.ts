import { z } from 'zod';
import {
  DOCUMENT_TYPES,
  DocumentVariantSchema,
  EditionSchema,
  IdSchema,
  LanguageSchema,
  LocalizedTextSchema,
  Sha256Schema,
  TimestampSchema,
  TRANSLATION_TARGET_TYPES,
} from './entities';
import { ROLES } from './roles';

/**
 * The arguments of every mutation a client may push, by name. Ids of new
 * entities are made by the client, so it can refer to them while offline.
 */
const id = { id: IdSchema };
const title = z.string().min(1).max(300);
const tags = z.array(z.string().min(1).max(40)).max(10);
const position = z.int().min(0);
const body = z.string().min(1).max(50_000);

const materialContent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), documentId: IdSchema }),
  z.strictObject({ kind: z.literal('link'), url: z.url({ protocol: /^https?$/u }) }),
  z.strictObject({ kind: z.literal('note'), note: z.string().min(1).max(20_000) }),
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
    title: LocalizedTextSchema,
    description: LocalizedTextSchema.nullable().optional(),
    edition: EditionSchema.nullable().optional(),
    position: position.optional(),
  }),
  'collection.update': z.strictObject({
    ...id,
    title: LocalizedTextSchema.optional(),
    description: LocalizedTextSchema.nullable().optional(),
    edition: EditionSchema.nullable().optional(),
    position: position.optional(),
  }),
  'collection.delete': z.strictObject(id),
  'session.create': z.strictObject({
    ...id,
    collectionId: IdSchema,
    title: LocalizedTextSchema,
    startsAt: TimestampSchema.nullable().optional(),
    position: position.optional(),
  }),
  'session.update': z.strictObject({
    ...id,
    title: LocalizedTextSchema.optional(),
    startsAt: TimestampSchema.nullable().optional(),
    position: position.optional(),
  }),
  'session.delete': z.strictObject(id),
  'material.create': z.strictObject({
    ...id,
    sessionId: IdSchema,
    position: position.optional(),
    title: LocalizedTextSchema.nullable().optional(),
    content: materialContent,
  }),
  'material.update': z.strictObject({
    ...id,
    position: position.optional(),
    title: LocalizedTextSchema.nullable().optional(),
    content: materialContent.optional(),
  }),
  'material.delete': z.strictObject(id),
  'document.create': z.strictObject({
    ...id,
    type: z.enum(DOCUMENT_TYPES),
    title: LocalizedTextSchema,
    summary: LocalizedTextSchema.nullable().optional(),
    series: z.string().max(200).nullable().optional(),
    year: z.int().min(1900).max(2100).nullable().optional(),
    countries: z.array(z.string().min(1).max(80)).optional(),
    topics: z.array(z.string().min(1).max(80)).optional(),
    variants: z.array(DocumentVariantSchema.omit({ size: true, mime: true })).min(1),
  }),
  'document.update': z.strictObject({
    ...id,
    title: LocalizedTextSchema.optional(),
    summary: LocalizedTextSchema.nullable().optional(),
    series: z.string().max(200).nullable().optional(),
    year: z.int().min(1900).max(2100).nullable().optional(),
    countries: z.array(z.string().min(1).max(80)).optional(),
    topics: z.array(z.string().min(1).max(80)).optional(),
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
  'user.create': z.strictObject({
    ...id,
    email: z.email().max(254),
    displayName: z.string().min(1).max(120),
    password: z.string().min(8).max(1024),
    roles: z.array(z.enum(ROLES)).min(1),
  }),
  'user.update': z.strictObject({
    ...id,
    displayName: z.string().min(1).max(120).optional(),
    roles: z.array(z.enum(ROLES)).min(1).optional(),
    disabled: z.boolean().optional(),
  }),
  'profile.update': z.strictObject({
    displayName: z.string().min(1).max(120).optional(),
    contentLanguages: z.array(LanguageSchema).max(10).optional(),
  }),
} as const;

export type MutationName = keyof typeof MUTATION_ARGS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATION_ARGS)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.prototype.hasOwnProperty.call(MUTATION_ARGS, name);
}
