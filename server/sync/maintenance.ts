import type { ServerContext } from '../context';
import { lockFeed } from './feed';

/**
 * Housekeeping, safe to run from several instances at once (it takes the
 * feed lock). Tombstones older than the retention are dropped and the
 * feed's floor (`min_seq`) moves past them: a client whose cursor is older
 * gets `reset-required` and pulls again from the start, which is the only
 * way it could learn about those deletes. Dedupe records of the same age go
 * too: a client replays an unacknowledged mutation within minutes, not months.
 */
export async function pruneFeed(
  ctx: ServerContext,
  retentionDays: number,
): Promise<{ tombstones: number; mutations: number }> {
  const before = new Date(ctx.now().getTime() - retentionDays * 24 * 60 * 60 * 1000);
  return ctx.db.transaction(async (db) => {
    await lockFeed(db);
    const pruned = await db.query<{ seq: number }>(
      'DELETE FROM entities WHERE deleted AND updated_at < $1 RETURNING seq',
      [before],
    );
    const highest = pruned.rows.reduce((max, row) => Math.max(max, row.seq), 0);
    if (highest > 0) {
      await db.query('UPDATE sync_state SET min_seq = greatest(min_seq, $1)', [highest]);
    }
    const mutations = await db.query('DELETE FROM applied_mutations WHERE created_at < $1', [before]);
    return { tombstones: pruned.rowCount ?? 0, mutations: mutations.rowCount ?? 0 };
  });
}
