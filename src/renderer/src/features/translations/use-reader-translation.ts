import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickTranslation } from '../../../../shared/translations';
import type { TranslationTargetType } from '../../../../shared/wire/entities';
import { useDb } from '../../data/data-context';
import type { CachedTranslation, CollectiveBrainDb, Draft, OutboxItem } from '../../data/db';
import { draftKeys } from '../../data/drafts';

export interface TranslationTarget {
  readonly type: TranslationTargetType;
  readonly id: string;
  readonly language: ContentLanguage;
}

/** What the reader asked to see: the default pick, the original, or one translation by id. */
type Choice =
  { readonly kind: 'default' } | { readonly kind: 'original' } | { readonly kind: 'translation'; id: string };

export interface ReaderTranslation {
  /** Every translation of the original on this computer. */
  readonly translations: readonly CachedTranslation[];
  /** The one the reader's languages prefer to the original, if any (`pickTranslation`). */
  readonly preferred: CachedTranslation | undefined;
  /** What to show now: the preferred translation, one the reader chose, or undefined for the original. */
  readonly shown: CachedTranslation | undefined;
  /** The translator's name of the one shown (or of the preferred one while the original is shown). */
  readonly translatorName: string | undefined;
  /** Any translator's name, for telling two translations into one language apart. */
  readonly nameOf: (translation: CachedTranslation) => string | undefined;
  /** Back to the original, or from it to the preferred translation. */
  readonly toggle: () => void;
  /** Show this translation (or, with undefined, the original). */
  readonly show: (translationId: string | undefined) => void;
  /** Translations of this original the server refused, oldest first, each with its text and reason. */
  readonly refused: readonly Draft[];
  /** The first of them, for the one-line notice under the text. */
  readonly rejected: Draft | undefined;
  /** The reader's edits or deletions of these translations that met someone else's change. */
  readonly conflicts: readonly OutboxItem[];
}

/** A translation made here has no author until the server has it: it is the reader's own. */
export function isOwnTranslation(translation: CachedTranslation, readerId: string | undefined): boolean {
  const authorId = translation.authorId;
  return authorId === undefined ? translation.version === 0 : authorId === readerId;
}

/**
 * Refused translations of one original: each refused write in its own draft,
 * and the single draft an earlier version of the app kept the refusal in.
 */
export async function refusedTranslationsOf(
  db: CollectiveBrainDb,
  type: TranslationTargetType,
  id: string,
): Promise<Draft[]> {
  const [legacy, refused] = await Promise.all([
    db.drafts.get(draftKeys.translation(type, id)),
    db.drafts.where('key').startsWith(draftKeys.refusedTranslationPrefix(type, id)).toArray(),
  ]);
  return [...(legacy?.rejection !== undefined ? [legacy] : []), ...refused].sort((a, b) =>
    a.updatedAt.localeCompare(b.updatedAt),
  );
}

function targetOf(item: OutboxItem): { type: unknown; id: unknown } {
  const before = item.before as Record<string, unknown> | undefined;
  return { type: before?.['targetType'], id: before?.['targetId'] };
}

/**
 * The translations of one post or news item, live from the cache, and which
 * one to show the reader: the default pick, or any other in one click, and
 * back to the original.
 */
export function useReaderTranslation(
  target: TranslationTarget,
  languages: readonly ContentLanguage[],
  reader: { id: string | undefined; name: string | undefined },
): ReaderTranslation {
  const db = useDb();
  const [choice, setChoice] = useState<Choice>({ kind: 'default' });
  const data = useLiveQuery(async () => {
    const translations = await db.translations
      .where('[targetType+targetId]')
      .equals([target.type, target.id])
      .toArray();
    const authorIds = [...new Set(translations.map((translation) => translation.authorId))];
    const users = await db.users.bulkGet(authorIds.filter((id): id is string => id !== undefined));
    const names = new Map(users.flatMap((user) => (user === undefined ? [] : [[user.id, user.displayName] as const])));
    const ids = new Set(translations.map((translation) => translation.id));
    // A deletion in conflict has no row left here: its target is in the row as it was before.
    const conflicts = await db.outbox
      .where('status')
      .equals('conflict')
      .filter((item) => {
        if (item.entityType !== 'translation') return false;
        const of = targetOf(item);
        return ids.has(item.entityId) || (of.type === target.type && of.id === target.id);
      })
      .toArray();
    const refused = await refusedTranslationsOf(db, target.type, target.id);
    return { translations, names, refused, conflicts };
  }, [db, target.type, target.id]);

  const translations = data?.translations ?? [];
  const preferred = pickTranslation(
    target.language,
    // A translation made here carries no author yet; it is the reader's.
    translations.map((translation) =>
      isOwnTranslation(translation, reader.id) && reader.id !== undefined
        ? { ...translation, authorId: reader.id }
        : translation,
    ),
    languages,
    reader.id,
  );
  const chosen = translations.find((translation) => translation.id === preferred?.id);
  const picked =
    choice.kind === 'translation' ? translations.find((translation) => translation.id === choice.id) : undefined;
  // A chosen translation that is gone (deleted, refused) falls back to the default pick.
  const shown = choice.kind === 'original' ? undefined : (picked ?? chosen);
  const nameOf = (translation: CachedTranslation): string | undefined =>
    isOwnTranslation(translation, reader.id)
      ? reader.name
      : translation.authorId === undefined
        ? undefined
        : data?.names.get(translation.authorId);
  const named = shown ?? chosen;
  const refused = data?.refused ?? [];
  return {
    translations,
    preferred: chosen,
    shown,
    translatorName: named === undefined ? undefined : nameOf(named),
    nameOf,
    toggle: () => setChoice(shown === undefined ? { kind: 'default' } : { kind: 'original' }),
    show: (translationId) =>
      setChoice(translationId === undefined ? { kind: 'original' } : { kind: 'translation', id: translationId }),
    refused,
    rejected: refused[0],
    conflicts: data?.conflicts ?? [],
  };
}
