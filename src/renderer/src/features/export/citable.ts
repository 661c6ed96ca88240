import type { Citable, CitableDocument } from '../../../../shared/export/citations';
import type { CachedDocument, CollectiveBrainDb } from '../../data/db';
import { loadCollection } from '../academy/collection-data';

export function citableDocument(document: CachedDocument): CitableDocument {
  return {
    kind: 'document',
    id: document.id,
    type: document.type,
    title: document.title,
    year: document.year,
    series: document.series,
    topics: document.topics,
  };
}

export interface CitableSet {
  items: Citable[];
}

/** One library document, from the cache. */
export async function documentCitables(db: CollectiveBrainDb, documentId: string): Promise<CitableSet | null> {
  const document = await db.documents.get(documentId);
  return document === undefined ? null : { items: [citableDocument(document)] };
}

/**
 * A whole collection: every document and link among its sessions' materials,
 * in session order, each once. Notes are the facilitators' words, not works to cite.
 */
export async function collectionCitables(db: CollectiveBrainDb, collectionId: string): Promise<CitableSet | null> {
  const data = await loadCollection(db, collectionId);
  if (data === null) return null;
  const items: Citable[] = [];
  const seen = new Set<string>();
  for (const session of data.sessions) {
    for (const material of data.materials.get(session.id) ?? []) {
      if (material.kind === 'document') {
        const document = data.documents.get(material.documentId);
        if (document === undefined || seen.has(document.id)) continue;
        seen.add(document.id);
        items.push(citableDocument(document));
      } else if (material.kind === 'link' && !seen.has(material.url)) {
        seen.add(material.url);
        items.push({ kind: 'link', id: material.id, title: material.title, url: material.url });
      }
    }
  }
  return { items };
}
