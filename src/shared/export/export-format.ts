/**
 * The JSON file in a "My data" export: everything one person wrote, in a form
 * another tool can read without this app. Versioned: a reader checks `format`
 * and `version`, and a change that could break a reader gets the next version.
 * The archive carries this schema as JSON Schema too (collective-brain-export.schema.json),
 * and docs/export-format.md explains each field.
 */
import { z } from 'zod';
import { CONTENT_LANGUAGES } from '../languages';
import { TRANSLATION_TARGET_TYPES } from '../wire/entities';

export const EXPORT_FORMAT = 'collective-brain-export';
export const EXPORT_VERSION = 1;
export const EXPORT_JSON_NAME = `${EXPORT_FORMAT}.json`;
export const EXPORT_SCHEMA_NAME = `${EXPORT_FORMAT}.schema.json`;

const Id = z.string().min(1).describe('An id made by the Collective Brain (a UUID).');
const Timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601, with its offset.');
const Language = z.enum(CONTENT_LANGUAGES).describe('ISO 639-1 code of the language the text is written in.');

/**
 * Where a write stands on this computer when the export was made: `sent` (the
 * server has it), `waiting` (in the outbox, not sent yet) or `conflict` (the
 * server changed it meanwhile; both versions wait for a choice).
 */
const WriteState = z.enum(['sent', 'waiting', 'conflict']);

export const ExportThreadSchema = z.object({
  id: Id,
  title: z.string(),
  language: Language,
  category: z.string().nullable().describe("The category's name in the reader's languages; null if unknown."),
  tags: z.array(z.string()),
  createdAt: Timestamp,
  startedByMe: z.boolean().describe('True if this person started the thread.'),
});

export const ExportPostSchema = z.object({
  id: Id,
  threadId: Id,
  body: z.string().describe('Markdown, exactly as written.'),
  language: Language,
  replyTo: Id.nullable().describe('The post this one answers, if any.'),
  replyToAuthor: z.string().nullable().describe("That post's author, if known here."),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
  hidden: z.boolean().describe('Hidden by a moderator.'),
  attachments: z.array(z.string()).describe('sha256 of attached files (not included in the archive).'),
  state: WriteState,
});

export const ExportDraftSchema = z.object({
  key: z.string(),
  /** `write`: a refused change that is not text (moderation, a session edit), kept with its arguments. */
  kind: z.enum(['thread', 'reply', 'edit', 'translation', 'news', 'write']),
  targetId: Id.nullable().describe('The thread, post, or translated item the draft belongs to.'),
  updatedAt: Timestamp,
  fields: z.record(z.string(), z.string()).describe('What was typed: body, title, language...'),
  refused: z
    .object({ code: z.string(), message: z.string().nullable() })
    .nullable()
    .describe('Set when the server refused it: why.'),
});

export const ExportTranslationSchema = z.object({
  id: Id,
  targetType: z.enum(TRANSLATION_TARGET_TYPES),
  targetId: Id,
  language: Language,
  title: z.string().nullable().describe('Translated title of a news item; null for a post.'),
  body: z.string().describe('Markdown.'),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
  original: z
    .object({ title: z.string().nullable(), language: Language.nullable() })
    .describe('What was translated: the thread or news title, and its language, if known here.'),
  state: WriteState,
});

export const ExportMaterialSchema = z.object({
  kind: z.enum(['document', 'link', 'note', 'file']),
  title: z.string().nullable(),
  documentId: Id.nullable(),
  documentTitle: z.string().nullable(),
  url: z.string().nullable(),
  note: z.string().nullable(),
  fileName: z.string().nullable().describe('A file attached from disk (not included in the archive).'),
});

export const ExportSessionSchema = z.object({
  id: Id,
  collectionId: Id,
  collection: z.string().nullable().describe("The edition or collection's title, if known here."),
  status: z
    .enum(['staged', 'waiting'])
    .describe('`staged`: prepared on this computer, not published; `waiting`: published, not sent yet.'),
  language: Language,
  title: z.string(),
  startsAt: Timestamp.nullable(),
  materials: z.array(ExportMaterialSchema),
});

export const MyDataSchema = z.object({
  exportedAt: Timestamp,
  server: z.string().describe('The Collective Brain server this account belongs to.'),
  user: z.object({ id: Id, displayName: z.string() }),
  threads: z.array(ExportThreadSchema).describe('Threads this person started or posted in.'),
  posts: z.array(ExportPostSchema),
  drafts: z.array(ExportDraftSchema),
  translations: z.array(ExportTranslationSchema),
  sessions: z.array(ExportSessionSchema),
});

export const MyDataExportSchema = MyDataSchema.extend({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
});

export type ExportThread = z.infer<typeof ExportThreadSchema>;
export type ExportPost = z.infer<typeof ExportPostSchema>;
export type ExportDraft = z.infer<typeof ExportDraftSchema>;
export type ExportTranslation = z.infer<typeof ExportTranslationSchema>;
export type ExportMaterial = z.infer<typeof ExportMaterialSchema>;
export type ExportSession = z.infer<typeof ExportSessionSchema>;
export type MyData = z.infer<typeof MyDataSchema>;
export type MyDataExport = z.infer<typeof MyDataExportSchema>;

/** The JSON Schema (draft 2020-12) of the export file, for tools that do not read zod. */
export function exportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(MyDataExportSchema, { target: 'draft-2020-12' }),
    title: 'Collective Brain: my data',
  };
}
