import { useLiveQuery } from 'dexie-react-hooks';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { DocumentVariant } from '../../../../shared/wire/entities';
import type { CollectiveBrainDb } from '../../data/db';
import { useDb } from '../../data/data-context';

/** A stored or downloading file as a person knows it: the document it is a language version of. */
export interface FileName {
  readonly documentId: string;
  readonly title: string;
  /** The title's language, for `lang`. */
  readonly titleLanguage: ContentLanguage;
  readonly variant: DocumentVariant;
}

/**
 * The documents these files belong to. Main knows files only by their hash; the cache knows which document
 * version each one is. Read for the few files on screen (a scan of the documents, not kept for every file).
 */
export async function fileNames(
  db: CollectiveBrainDb,
  sha256s: readonly string[],
  languages: readonly ContentLanguage[],
): Promise<Map<string, FileName>> {
  const wanted = new Set(sha256s);
  const names = new Map<string, FileName>();
  if (wanted.size === 0) return names;
  const documents = await db.documents
    .filter((document) => document.variants.some((variant) => wanted.has(variant.sha256)))
    .toArray();
  for (const document of documents) {
    const title = pickLocalized(document.title, languages);
    for (const variant of document.variants) {
      if (!wanted.has(variant.sha256) || title === undefined) continue;
      names.set(variant.sha256, {
        documentId: document.id,
        title: title.value,
        titleLanguage: title.language,
        variant,
      });
    }
  }
  return names;
}

export function useFileNames(
  sha256s: readonly string[],
  languages: readonly ContentLanguage[],
): ReadonlyMap<string, FileName> | undefined {
  const db = useDb();
  const key = sha256s.join(',');
  return useLiveQuery(() => fileNames(db, key === '' ? [] : key.split(','), languages), [db, key, languages]);
}
