import { z } from 'zod';
import type { CollectiveBrainDb } from './db';

/**
 * Edition packs applied to this cache since the last complete pull run
 * (docs/venue.md): the next run names them, so the server leaves out what
 * they brought, and forgets them once it reached the end of the feed.
 */
const PacksSchema = z.array(z.uuid()).max(20);

async function read(db: CollectiveBrainDb): Promise<string[]> {
  const row = await db.syncMeta.get('venuePacks');
  if (row === undefined) return [];
  try {
    const parsed = PacksSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function packsToSkip(db: CollectiveBrainDb): Promise<string[]> {
  return read(db);
}

/** Records a pack whose rows are all applied (the newest 20 are kept: an older one only costs bytes). */
export async function rememberPack(db: CollectiveBrainDb, packId: string): Promise<void> {
  await db.transaction('rw', db.syncMeta, async () => {
    const packs = (await read(db)).filter((id) => id !== packId);
    await db.syncMeta.put({ key: 'venuePacks', value: JSON.stringify([...packs, packId].slice(-20)) });
  });
}

/** A run reached the end of the feed with these packs named: they are behind the cursor now. */
export async function passedPacks(db: CollectiveBrainDb, passed: readonly string[]): Promise<void> {
  if (passed.length === 0) return;
  await db.transaction('rw', db.syncMeta, async () => {
    const left = (await read(db)).filter((id) => !passed.includes(id));
    if (left.length === 0) await db.syncMeta.delete('venuePacks');
    else await db.syncMeta.put({ key: 'venuePacks', value: JSON.stringify(left) });
  });
}
