import { asRecord } from '../../../shared/records';
import { ENTITY_SCHEMAS, type Collection, type Document, type EntityType } from '../../../shared/wire/entities';
import type { CachedCollection, CachedDocument, CachedRow, CollectiveBrainDb } from './db';
import { laterOf, postActivity } from './thread-activity';

/**
 * Rows as the cache keeps them: the entity, its version, and what the
 * screens' indexes need besides (a document's languages for the language
 * facet, a collection's edition year). The same for the server's copy and
 * for one made on this device.
 */

export function documentRow(document: Document, version: number): CachedDocument {
  return { ...document, version, languages: [...new Set(document.variants.map((variant) => variant.language))] };
}

export function collectionRow(collection: Collection, version: number): CachedCollection {
  return { ...collection, version, editionYear: collection.edition?.year ?? null };
}

/** What the cache adds to an entity's fields; taken off before an entity is read back (see `serverRow`). */
const CACHE_FIELDS = new Set(['version', 'local', 'postCount', 'lastActivityAt', 'languages', 'editionYear']);

/**
 * The server's copy of an entity (from a conflict, or a later pull's row kept with it) as the cache holds
 * it, validated by the wire schema; undefined when it is not a valid entity of that type.
 */
export async function serverRow(
  db: CollectiveBrainDb,
  type: EntityType,
  data: unknown,
  version: number,
): Promise<CachedRow | undefined> {
  const fields = asRecord(data);
  if (fields === undefined) return undefined;
  const entity = Object.fromEntries(Object.entries(fields).filter(([name]) => !CACHE_FIELDS.has(name)));
  switch (type) {
    case 'thread': {
      const parsed = ENTITY_SCHEMAS.thread.safeParse(entity);
      if (!parsed.success) return undefined;
      const counted = await postActivity(db, parsed.data.id);
      return {
        ...parsed.data,
        version,
        postCount: counted.postCount,
        lastActivityAt: laterOf(counted.lastActivityAt, parsed.data.createdAt),
      };
    }
    case 'document': {
      const parsed = ENTITY_SCHEMAS.document.safeParse(entity);
      return parsed.success ? documentRow(parsed.data, version) : undefined;
    }
    case 'collection': {
      const parsed = ENTITY_SCHEMAS.collection.safeParse(entity);
      return parsed.success ? collectionRow(parsed.data, version) : undefined;
    }
    default: {
      const parsed = ENTITY_SCHEMAS[type].safeParse(entity);
      return parsed.success ? { ...parsed.data, version } : undefined;
    }
  }
}
