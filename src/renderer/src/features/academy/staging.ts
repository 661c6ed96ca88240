import { z } from 'zod';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import { IdSchema, Sha256Schema } from '../../../../shared/wire/entities';
import { contentOf } from '../../../../shared/wire/entity-builders';
import type { CachedMaterial, CachedSession, Draft } from '../../data/db';
import { draftKeys } from '../../data/drafts';
import type { WriteRequest } from '../../data/outbox';

/**
 * A facilitator's session as they prepare it: kept as a draft on this
 * device (staged) until they publish it, then turned into outbox writes.
 */
export const StagedContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), documentId: z.string() }),
  z.object({ kind: z.literal('link'), url: z.string() }),
  z.object({ kind: z.literal('note'), note: z.string() }),
  /**
   * A file attached from disk: already stored on this computer and queued for
   * upload. Publishing creates its document, then the material pointing to it.
   */
  z.object({
    kind: z.literal('file'),
    documentId: IdSchema,
    sha256: Sha256Schema,
    /** The name on the facilitator's disk: shown as text, never as markup. */
    fileName: z.string(),
    size: z.number().int().nonnegative(),
    mime: z.string(),
    /** The document's title (from the file name) and the language it is written in: the UI language. */
    title: z.string(),
    titleLanguage: z.enum(CONTENT_LANGUAGES),
    /** The language of the file's content: the facilitator's first content language. */
    language: z.enum(CONTENT_LANGUAGES),
  }),
]);
export type StagedContent = z.infer<typeof StagedContentSchema>;

const StagedMaterialSchema = z.object({
  id: IdSchema,
  isNew: z.boolean(),
  /** Title in the session's editing language; empty for none. */
  title: z.string(),
  content: StagedContentSchema,
});
export type StagedMaterial = z.infer<typeof StagedMaterialSchema>;

export interface StagedSession {
  collectionId: string;
  sessionId: string;
  isNew: boolean;
  /** The language the facilitator writes the title in. */
  language: ContentLanguage;
  title: string;
  /** As an `<input type="datetime-local">` holds it: local time, or empty. */
  startsAt: string;
  materials: StagedMaterial[];
}

export function draftKey(collectionId: string, sessionId: string): string {
  return draftKeys.session(collectionId, sessionId);
}

export function draftPrefix(collectionId: string): string {
  return draftKeys.sessionPrefix(collectionId);
}

export function toDraft(staged: StagedSession, now: Date = new Date()): Draft {
  return {
    key: draftKey(staged.collectionId, staged.sessionId),
    kind: 'session',
    targetId: staged.sessionId,
    fields: {
      collectionId: staged.collectionId,
      sessionId: staged.sessionId,
      isNew: staged.isNew ? 'true' : 'false',
      language: staged.language,
      title: staged.title,
      startsAt: staged.startsAt,
      materials: JSON.stringify(staged.materials),
    },
    updatedAt: now.toISOString(),
  };
}

const DraftFieldsSchema = z.object({
  collectionId: z.string(),
  sessionId: z.string(),
  isNew: z.enum(['true', 'false']),
  language: z.enum(CONTENT_LANGUAGES),
  title: z.string(),
  startsAt: z.string(),
  materials: z.string(),
});

/** Reads a staged session back; null for a draft that is not one (or is damaged). */
export function fromDraft(draft: Draft): StagedSession | null {
  if (draft.kind !== 'session') return null;
  const fields = DraftFieldsSchema.safeParse(draft.fields);
  if (!fields.success) return null;
  let materials: unknown;
  try {
    materials = JSON.parse(fields.data.materials);
  } catch {
    return null;
  }
  const parsed = z.array(StagedMaterialSchema).safeParse(materials);
  if (!parsed.success) return null;
  return { ...fields.data, isNew: fields.data.isNew === 'true', materials: parsed.data };
}

/** Starts editing a published session: what the server has, in the editing language. */
export function stageFromSession(
  session: CachedSession,
  materials: readonly CachedMaterial[],
  languages: readonly ContentLanguage[],
): StagedSession {
  const title = pickLocalized(session.title, languages);
  const language = title?.language ?? languages[0] ?? 'en';
  return {
    collectionId: session.collectionId,
    sessionId: session.id,
    isNew: false,
    language,
    title: title?.value ?? '',
    startsAt: session.startsAt === null ? '' : toLocalInput(session.startsAt),
    materials: [...materials]
      .sort((a, b) => a.position - b.position)
      .map((material) => ({
        id: material.id,
        isNew: false,
        title: material.title?.[language] ?? '',
        content: contentOf(material),
      })),
  };
}

/** ISO timestamp → `YYYY-MM-DDTHH:mm` in local time. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function toIso(local: string): string | null {
  if (local === '') return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export type StagedFile = Extract<StagedContent, { kind: 'file' }>;

/**
 * A material for a file just attached: a new document titled after the file
 * (without its extension) in the UI language, its one variant in the
 * facilitator's first content language.
 */
export function stageFile(
  file: { sha256: string; name: string; size: number; mime: string },
  languages: { ui: ContentLanguage; content: ContentLanguage },
  ids: { materialId: string; documentId: string },
): StagedMaterial {
  const name = file.name.trim();
  const bare = name.replace(/\.[^.\s]{1,8}$/u, '').trim();
  return {
    id: ids.materialId,
    isNew: true,
    title: '',
    content: {
      kind: 'file',
      documentId: ids.documentId,
      sha256: file.sha256,
      fileName: name,
      size: file.size,
      mime: file.mime,
      title: (bare === '' ? name : bare).slice(0, 300),
      titleLanguage: languages.ui,
      language: languages.content,
    },
  };
}

/** The files a staged session attaches: they must reach the server before it is published. */
export function stagedFiles(staged: StagedSession): StagedFile[] {
  return staged.materials.flatMap((material) => (material.content.kind === 'file' ? [material.content] : []));
}

export type StagingProblem =
  'title-missing' | 'link-invalid' | 'note-empty' | 'document-missing' | 'file-title-missing' | 'file-failed';

/**
 * What must be fixed before publishing; empty when it can go. A file whose
 * upload failed holds back publishing: its writes would wait in the outbox.
 */
export function problemsOf(staged: StagedSession, failedUploads: ReadonlySet<string> = new Set()): StagingProblem[] {
  const problems = new Set<StagingProblem>();
  if (staged.title.trim() === '') problems.add('title-missing');
  for (const material of staged.materials) {
    const content = material.content;
    if (content.kind === 'link' && !isHttpUrl(content.url)) problems.add('link-invalid');
    if (content.kind === 'note' && content.note.trim() === '') problems.add('note-empty');
    if (content.kind === 'document' && content.documentId === '') problems.add('document-missing');
    if (content.kind === 'file' && content.title.trim() === '') problems.add('file-title-missing');
    if (content.kind === 'file' && failedUploads.has(content.sha256)) problems.add('file-failed');
  }
  return [...problems];
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

type PublishedContent = Exclude<StagedContent, StagedFile>;

function cleanContent(content: PublishedContent): PublishedContent {
  switch (content.kind) {
    case 'document':
      return content;
    case 'link':
      return { kind: 'link', url: content.url.trim() };
    case 'note':
      return { kind: 'note', note: content.note };
  }
}

function sameContent(a: PublishedContent, b: PublishedContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The outbox writes that publish a staged session: the session first, then
 * removed materials, then every material in its new order. Only what
 * changed is written.
 */
export function publishWrites(
  staged: StagedSession,
  published: { session: CachedSession | undefined; materials: readonly CachedMaterial[]; nextPosition: number },
): WriteRequest[] {
  const writes: WriteRequest[] = [];
  const lang = staged.language;
  const startsAt = toIso(staged.startsAt);
  const title = staged.title.trim();
  const session = published.session;
  if (staged.isNew || session === undefined) {
    writes.push({
      name: 'session.create',
      args: {
        id: staged.sessionId,
        collectionId: staged.collectionId,
        title: { [lang]: title },
        startsAt,
        position: published.nextPosition,
      },
    });
  } else {
    const titleChanged = session.title[lang] !== title;
    const startsChanged = (session.startsAt === null ? null : new Date(session.startsAt).toISOString()) !== startsAt;
    if (titleChanged || startsChanged) {
      writes.push({
        name: 'session.update',
        args: {
          id: session.id,
          ...(titleChanged ? { title: { ...session.title, [lang]: title } } : {}),
          ...(startsChanged ? { startsAt } : {}),
        },
        ...(session.version > 0 ? { baseVersion: session.version } : {}),
      });
    }
  }
  const kept = new Set(staged.materials.map((material) => material.id));
  for (const material of published.materials) {
    if (!kept.has(material.id)) {
      writes.push({
        name: 'material.delete',
        args: { id: material.id },
        ...(material.version > 0 ? { baseVersion: material.version } : {}),
      });
    }
  }
  const byId = new Map(published.materials.map((material) => [material.id, material] as const));
  staged.materials.forEach((material, position) => {
    const materialTitle = material.title.trim();
    const source = material.content;
    if (source.kind === 'file') {
      // Its document first: the server checks the material's document exists.
      writes.push({
        name: 'document.create',
        args: {
          id: source.documentId,
          type: 'course-material',
          title: { [source.titleLanguage]: source.title.trim() },
          variants: [{ language: source.language, sha256: source.sha256 }],
        },
      });
    }
    const content: PublishedContent =
      source.kind === 'file' ? { kind: 'document', documentId: source.documentId } : cleanContent(source);
    const before = material.isNew ? undefined : byId.get(material.id);
    if (before === undefined) {
      writes.push({
        name: 'material.create',
        args: {
          id: material.id,
          sessionId: staged.sessionId,
          position,
          title: materialTitle === '' ? null : { [lang]: materialTitle },
          content,
        },
      });
      return;
    }
    const beforeTitle = before.title?.[lang] ?? '';
    const changes = {
      ...(before.position !== position ? { position } : {}),
      ...(beforeTitle !== materialTitle
        ? {
            title:
              materialTitle === ''
                ? otherLanguages(before.title, lang)
                : { ...(before.title ?? {}), [lang]: materialTitle },
          }
        : {}),
      ...(!sameContent(contentOf(before), content) ? { content } : {}),
    };
    if (Object.keys(changes).length === 0) return;
    writes.push({
      name: 'material.update',
      args: { id: material.id, ...changes },
      ...(before.version > 0 ? { baseVersion: before.version } : {}),
    });
  });
  return writes;
}

function otherLanguages(
  title: CachedMaterial['title'],
  without: ContentLanguage,
): Partial<Record<ContentLanguage, string>> | null {
  if (title === null) return null;
  const rest = Object.fromEntries(Object.entries(title).filter(([language]) => language !== without));
  return Object.keys(rest).length === 0 ? null : rest;
}
