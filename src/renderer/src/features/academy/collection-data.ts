import type { CachedCollection, CachedDocument, CachedMaterial, CachedSession, CollectiveBrainDb } from '../../data/db';
import { draftPrefix, fromDraft, type StagedSession } from './staging';

export interface CollectionData {
  collection: CachedCollection;
  sessions: CachedSession[];
  /** Each session's materials, in order. */
  materials: Map<string, CachedMaterial[]>;
  /** Documents the materials point to. */
  documents: Map<string, CachedDocument>;
  /** Sessions staged on this device, by session id. */
  staged: Map<string, StagedSession>;
}

/** One collection with its ordered sessions and materials, read through the compound indexes. */
export async function loadCollection(db: CollectiveBrainDb, collectionId: string): Promise<CollectionData | null> {
  const collection = await db.collections.get(collectionId);
  if (collection === undefined) return null;
  const sessions = await db.sessions
    .where('[collectionId+position]')
    .between([collectionId, -Infinity], [collectionId, Infinity])
    .toArray();
  const materials = new Map<string, CachedMaterial[]>();
  await Promise.all(
    sessions.map(async (session) => {
      materials.set(
        session.id,
        await db.materials
          .where('[sessionId+position]')
          .between([session.id, -Infinity], [session.id, Infinity])
          .toArray(),
      );
    }),
  );
  const documentIds = [...materials.values()].flatMap((list) =>
    list.flatMap((material) => (material.kind === 'document' ? [material.documentId] : [])),
  );
  const found = await db.documents.bulkGet([...new Set(documentIds)]);
  const documents = new Map(
    found.flatMap((document) => (document === undefined ? [] : [[document.id, document] as const])),
  );
  const drafts = await db.drafts.where('key').startsWith(draftPrefix(collectionId)).toArray();
  const staged = new Map(
    drafts.flatMap((draft) => {
      const session = fromDraft(draft);
      return session === null ? [] : [[session.sessionId, session] as const];
    }),
  );
  return { collection, sessions, materials, documents, staged };
}
