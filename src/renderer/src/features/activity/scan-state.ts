import { z } from 'zod';
import type { CollectiveBrainDb } from '../../data/db';

/**
 * How far the Activity screen has looked for what concerns the user, kept in
 * `syncMeta` (key `activity`) so each look starts where the last one ended:
 * after each sync, only what arrived since is read, never the whole cache.
 */
const ScanStateSchema = z.strictObject({
  version: z.literal(1),
  /** Where each source's last look ended (ISO, the server's clock: the newest post or news item it read). */
  marks: z.record(z.string(), z.string()),
  /** The sessions and materials of each followed edition when last looked at: any other one is new. */
  editions: z.record(z.string(), z.array(z.string())),
});
export type ScanState = z.infer<typeof ScanStateSchema>;

export const SCAN_STATE_KEY = 'activity';

/** The stored state, or undefined before the first look (or when what is stored cannot be read: look afresh). */
export async function readScanState(db: CollectiveBrainDb): Promise<ScanState | undefined> {
  const stored = await db.syncMeta.get(SCAN_STATE_KEY);
  if (stored === undefined) return undefined;
  try {
    const parsed = ScanStateSchema.safeParse(JSON.parse(stored.value));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: looked at afresh below.
  }
  console.warn('activity: the stored scan state is unreadable; looking afresh');
  return undefined;
}

export async function writeScanState(db: CollectiveBrainDb, state: ScanState): Promise<void> {
  await db.syncMeta.put({ key: SCAN_STATE_KEY, value: JSON.stringify(state) });
}
