import type { ContentLanguage } from '../../../../shared/languages';
import type { CachedDocument, CachedMaterial, CachedSession } from '../../data/db';
import { stagedFiles, toLocalInput, type StagedMaterial, type StagedSession } from './staging';

/**
 * What publishing a staged session will do, before it is done: the session as readers will see it, and each
 * change against what is published (ux.md: a write shows its state where it was made; here, before it is).
 */
export type SessionChange =
  | { kind: 'session-new' }
  | { kind: 'title'; before: string | null; after: string }
  | { kind: 'starts'; before: string | null; after: string | null }
  | { kind: 'added'; material: StagedMaterial }
  | { kind: 'removed'; material: CachedMaterial }
  | { kind: 'changed'; material: StagedMaterial; title: boolean; content: boolean }
  | { kind: 'reordered' }
  | { kind: 'language'; language: ContentLanguage };

export interface Published {
  readonly session: CachedSession | undefined;
  readonly materials: readonly CachedMaterial[];
}

function contentKey(material: CachedMaterial | StagedMaterial): string {
  if ('content' in material) {
    const content = material.content;
    switch (content.kind) {
      case 'document':
        return `document:${content.documentId}`;
      case 'file':
        return `document:${content.documentId}`;
      case 'link':
        return `link:${content.url.trim()}`;
      case 'note':
        return `note:${content.note}`;
    }
  }
  switch (material.kind) {
    case 'document':
      return `document:${material.documentId}`;
    case 'link':
      return `link:${material.url}`;
    case 'note':
      return `note:${material.note}`;
  }
}

/** Every change publishing would make, in reading order; empty when the staged session is what is published. */
export function sessionChanges(staged: StagedSession, published: Published): SessionChange[] {
  const session = published.session;
  const changes: SessionChange[] = [];
  const lang = staged.language;
  const title = staged.title.trim();
  if (staged.isNew || session === undefined) {
    changes.push({ kind: 'session-new' });
  } else {
    const before = session.title[lang];
    if (before === undefined && Object.keys(session.title).length > 0)
      changes.push({ kind: 'language', language: lang });
    if (before !== title) changes.push({ kind: 'title', before: before ?? null, after: title });
    const startsBefore = session.startsAt === null ? null : toLocalInput(session.startsAt);
    const startsAfter = staged.startsAt === '' ? null : staged.startsAt;
    if (startsBefore !== startsAfter) changes.push({ kind: 'starts', before: startsBefore, after: startsAfter });
  }
  const byId = new Map(published.materials.map((material) => [material.id, material] as const));
  const kept = new Set(staged.materials.map((material) => material.id));
  for (const material of staged.materials) {
    const before = material.isNew ? undefined : byId.get(material.id);
    if (before === undefined) {
      changes.push({ kind: 'added', material });
      continue;
    }
    const titleChanged = (before.title?.[lang] ?? '') !== material.title.trim();
    const contentChanged = contentKey(before) !== contentKey(material);
    if (titleChanged || contentChanged) {
      changes.push({ kind: 'changed', material, title: titleChanged, content: contentChanged });
    }
  }
  for (const material of published.materials) {
    if (!kept.has(material.id)) changes.push({ kind: 'removed', material });
  }
  // Order matters among the materials that stay (added and removed ones move the others by themselves).
  const orderBefore = [...published.materials]
    .filter((material) => kept.has(material.id))
    .sort((a, b) => a.position - b.position)
    .map((material) => material.id);
  const orderAfter = staged.materials.filter((material) => byId.has(material.id) && !material.isNew).map((m) => m.id);
  if (orderBefore.join() !== orderAfter.join()) changes.push({ kind: 'reordered' });
  return changes;
}

/**
 * The staged session as the published screen draws it: its materials as materials, and the documents its
 * attached files will become, so the preview uses the very components readers see.
 */
export function previewOf(
  staged: StagedSession,
  sessionId: string,
): { materials: CachedMaterial[]; documents: Map<string, CachedDocument> } {
  const lang = staged.language;
  const documents = new Map<string, CachedDocument>();
  for (const file of stagedFiles(staged)) {
    documents.set(file.documentId, {
      id: file.documentId,
      type: 'course-material',
      title: { [file.titleLanguage]: file.title.trim() },
      summary: null,
      series: null,
      year: null,
      countries: [],
      topics: [],
      variants: [{ language: file.language, sha256: file.sha256, size: file.size, mime: file.mime }],
      createdAt: new Date(0).toISOString(),
      version: 0,
      languages: [file.language],
    });
  }
  const materials = staged.materials.map((material, position): CachedMaterial => {
    const base = {
      id: material.id,
      sessionId,
      position,
      title: material.title.trim() === '' ? null : { [lang]: material.title.trim() },
      version: 0,
    };
    const content = material.content;
    switch (content.kind) {
      case 'document':
        return { ...base, kind: 'document', documentId: content.documentId };
      case 'file':
        return { ...base, kind: 'document', documentId: content.documentId };
      case 'link':
        return { ...base, kind: 'link', url: content.url.trim() };
      case 'note':
        return { ...base, kind: 'note', note: content.note };
    }
  });
  return { materials, documents };
}
