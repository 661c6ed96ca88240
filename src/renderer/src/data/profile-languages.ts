import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { readerContentLanguages, type ContentLanguage } from '../../../shared/languages';
import type { CollectiveBrainDb } from './db';

/**
 * The signed-in user's content languages as this computer knows them: their
 * latest change still waiting in the outbox, else their profile as last
 * synced. A change shows at once, even before the profile itself is cached
 * (the first sync has not brought it yet). Undefined when neither is known.
 */
export async function profileContentLanguages(
  db: CollectiveBrainDb,
  userId: string,
): Promise<readonly ContentLanguage[] | undefined> {
  // The outbox is this account's own (one database per account): every profile change in it is the user's.
  const writes = await db.outbox.orderBy('seq').reverse().toArray();
  for (const write of writes) {
    if (write.name === 'profile.update' && write.args.contentLanguages !== undefined) {
      return write.args.contentLanguages;
    }
  }
  return (await db.users.get(userId))?.contentLanguages;
}

/**
 * The reader's content languages, live: the signed-in user's as above, else `signedInWith` (their profile
 * as the server gave it at sign-in), else this computer's settings, else the interface language. The list
 * changes only when its languages do (a live query answers with a new array each time).
 */
export function useReaderLanguages(
  db: CollectiveBrainDb,
  userId: string | undefined,
  signedInWith: readonly string[] | undefined,
  local: readonly string[] | undefined,
  uiLanguage: string,
): readonly ContentLanguage[] {
  const stored = useLiveQuery(
    async () => (userId === undefined ? undefined : ((await profileContentLanguages(db, userId)) ?? null)),
    [db, userId],
  );
  const profileKey = (stored ?? signedInWith)?.join(',') ?? '';
  const localKey = local?.join(',') ?? '';
  return useMemo(
    () => readerContentLanguages(codes(profileKey), codes(localKey), uiLanguage),
    [profileKey, localKey, uiLanguage],
  );
}

function codes(key: string): string[] {
  return key === '' ? [] : key.split(',');
}
