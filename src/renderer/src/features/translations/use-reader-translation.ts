import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickTranslation } from '../../../../shared/translations';
import type { TranslationTargetType } from '../../../../shared/wire/entities';
import { useDb } from '../../data/data-context';
import type { CachedTranslation, Draft } from '../../data/db';
import { translationDraftKey } from '../../data/outbox';

export interface TranslationTarget {
  readonly type: TranslationTargetType;
  readonly id: string;
  readonly language: ContentLanguage;
}

export interface ReaderTranslation {
  /** Every translation of the original on this computer. */
  readonly translations: readonly CachedTranslation[];
  /** The one the reader's languages prefer to the original, if any. */
  readonly preferred: CachedTranslation | undefined;
  /** What to show now: the preferred translation, unless the reader asked for the original. */
  readonly shown: CachedTranslation | undefined;
  readonly translatorName: string | undefined;
  readonly toggle: () => void;
  /** A translation of this original the server refused, kept as a draft with the reason. */
  readonly rejected: Draft | undefined;
}

/** A translation made here has no author until the server has it: it is the reader's own. */
export function isOwnTranslation(translation: CachedTranslation, readerId: string | undefined): boolean {
  const authorId = translation.authorId as string | undefined;
  return authorId === undefined ? translation.version === 0 : authorId === readerId;
}

/**
 * The translations of one post or news item, live from the cache, and which
 * one to show the reader (with a one-click way back to the original).
 */
export function useReaderTranslation(
  target: TranslationTarget,
  languages: readonly ContentLanguage[],
  reader: { id: string | undefined; name: string | undefined },
): ReaderTranslation {
  const db = useDb();
  const [showOriginal, setShowOriginal] = useState(false);
  const data = useLiveQuery(async () => {
    const translations = await db.translations
      .where('[targetType+targetId]')
      .equals([target.type, target.id])
      .toArray();
    const authorIds = [...new Set(translations.map((translation) => translation.authorId as string | undefined))];
    const users = await db.users.bulkGet(authorIds.filter((id): id is string => id !== undefined));
    const names = new Map(users.flatMap((user) => (user === undefined ? [] : [[user.id, user.displayName] as const])));
    const draft = await db.drafts.get(translationDraftKey(target.type, target.id));
    return { translations, names, rejected: draft?.rejection !== undefined ? draft : undefined };
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
  const translatorName =
    chosen === undefined
      ? undefined
      : isOwnTranslation(chosen, reader.id)
        ? reader.name
        : data?.names.get(chosen.authorId);
  return {
    translations,
    preferred: chosen,
    shown: showOriginal ? undefined : chosen,
    translatorName,
    toggle: () => setShowOriginal((value) => !value),
    rejected: data?.rejected,
  };
}
