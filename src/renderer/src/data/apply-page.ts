import type { Change, PullPage } from '../../../shared/wire/sync';
import { CONTENT_TABLES, type CollectiveBrainDb } from './db';
import type { KnownIds } from './known-ids';
import { reapplyOutbox } from './optimistic';
import { applyChanges, type AppliedPage } from './page-rows';
import { LEDGER_KEY } from './post-count-ledger';

export { KnownIds } from './known-ids';
export type { AppliedPage } from './page-rows';

/**
 * Applies one pull page and the cursor that follows it in ONE transaction
 * (architecture invariant 2): a crash leaves either both or neither, so a
 * page is never skipped or half-applied. Older versions than the cached one
 * are ignored; the user's pending writes are laid back on top afterwards.
 */
export async function applyPage(
  db: CollectiveBrainDb,
  page: PullPage,
  known?: KnownIds,
  { after }: { after?: string | null } = {},
): Promise<AppliedPage> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.syncMeta, db.outbox];
  const share = known?.counts.begin(!page.hasMore);
  /** Versions of what the page deleted: an item the user has in conflict may be among them. */
  const tombstones = new Map<string, number>();
  try {
    const counts = await db.transaction('rw', tables, async () => {
      // Sent first, answered once the transactions before this one are done.
      const stored = after === undefined ? undefined : db.syncMeta.get('cursor');
      const applied = await applyChanges(db, page.changes, {
        more: page.hasMore,
        // A run from a stored cursor: every change is the entity's latest, delivered once.
        ...(known ? { known, page: share } : { ordered: true }),
        tombstones,
      });
      if (stored !== undefined && ((await stored)?.value ?? null) !== after) {
        // The page before this one did not commit (this one was queued behind it): it is not this page's turn.
        throw new Error('page-out-of-order: the stored cursor is not the one this page follows');
      }
      await db.syncMeta.put({ key: 'cursor', value: page.cursor });
      if ((await db.outbox.count()) > 0) await reapplyOutbox(db, tombstones);
      return applied;
    });
    if (share !== undefined) known?.counts.end(share, true);
    return counts;
  } catch (error) {
    if (share !== undefined) known?.counts.end(share, false);
    throw error;
  }
}

/**
 * Applies the newest-discussion snapshot before the first full pull. The
 * cursor is left alone: the pull delivers the same rows again, and the
 * version check skips them.
 */
export async function applySnapshot(db: CollectiveBrainDb, changes: readonly Change[]): Promise<number> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.outbox, db.syncMeta];
  return db.transaction('rw', tables, async () => {
    const counts = await applyChanges(db, changes, { more: false });
    if ((await db.outbox.count()) > 0) await reapplyOutbox(db);
    return counts.applied;
  });
}

/** After `reset-required`: forget the cached content and the cursor, keep the outbox and the drafts. */
export async function resetContent(db: CollectiveBrainDb): Promise<void> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.syncMeta];
  await db.transaction('rw', tables, async () => {
    for (const name of CONTENT_TABLES) await db[name].clear();
    await db.syncMeta.bulkDelete(['cursor', LEDGER_KEY]);
  });
}
