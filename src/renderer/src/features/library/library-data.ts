import type { CachedCollection, CollectiveBrainDb } from '../../data/db';

export interface EditionRef {
  id: string;
  label: { number: number; city: string; year: number };
}

/**
 * Which Academy editions use each document (through their sessions'
 * materials), for the "Academy edition" facet.
 */
export async function loadEditionIndex(
  db: CollectiveBrainDb,
): Promise<{ byDocument: Map<string, string[]>; editions: Map<string, EditionRef> }> {
  const [collections, sessions, materials] = await Promise.all([
    db.collections.toArray(),
    db.sessions.toArray(),
    db.materials.toArray(),
  ]);
  const editions = new Map<string, EditionRef>();
  for (const collection of collections) {
    const ref = editionRef(collection);
    if (ref !== null) editions.set(collection.id, ref);
  }
  const collectionOfSession = new Map(sessions.map((session) => [session.id, session.collectionId] as const));
  const byDocument = new Map<string, string[]>();
  for (const material of materials) {
    if (material.kind !== 'document') continue;
    const collectionId = collectionOfSession.get(material.sessionId);
    if (collectionId === undefined || !editions.has(collectionId)) continue;
    const list = byDocument.get(material.documentId) ?? [];
    if (!list.includes(collectionId)) list.push(collectionId);
    byDocument.set(material.documentId, list);
  }
  return { byDocument, editions };
}

function editionRef(collection: CachedCollection): EditionRef | null {
  const edition = collection.edition;
  if (edition === null) return null;
  return { id: collection.id, label: { number: edition.number, city: edition.city, year: edition.year } };
}
