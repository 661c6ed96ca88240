import type { MutationArgs, MutationName } from '../../../shared/wire/mutations';
import { rowTableOf, type CollectiveBrainDb, type OutboxItem, type OutboxItemOf } from './db';
import { OPTIMISTIC_WRITES, type EntityTarget, type OptimisticWrites } from './optimistic-writes';

/** The map seen through its type: indexed by a name of type N, an entry is `OptimisticWrite<N>`. */
const WRITES: OptimisticWrites = OPTIMISTIC_WRITES;

/** The cached entity a write changes. */
export function targetOf<N extends MutationName>(
  name: N,
  args: MutationArgs<N>,
  actorId: string | undefined,
): EntityTarget {
  return WRITES[name].target(args, actorId);
}

/**
 * Shows a write in the local view before the server has it: creations appear,
 * edits take effect, deletions disappear. The row is marked `local` until the
 * server's own version of it arrives through pull.
 */
export async function applyOptimistic(
  db: CollectiveBrainDb,
  item: OutboxItem,
  now: string,
  actorId?: string,
): Promise<void> {
  await applyNamed(db, item, now, actorId);
}

async function applyNamed<N extends MutationName>(
  db: CollectiveBrainDb,
  item: OutboxItemOf<N>,
  now: string,
  actorId: string | undefined,
): Promise<void> {
  await WRITES[item.name].apply({
    db,
    item,
    args: item.args,
    now,
    actorId,
    mark: item.status === 'conflict' ? 'conflict' : 'pending',
  });
}

/**
 * After a pull page: lay the user's unconfirmed writes back on top of the
 * server's data. `tombstones`: what the page deleted, with the versions.
 */
export async function reapplyOutbox(
  db: CollectiveBrainDb,
  tombstones: ReadonlyMap<string, number> = new Map(),
): Promise<void> {
  const items = await db.outbox.orderBy('seq').toArray();
  const actorId = (await db.syncMeta.get('userId'))?.value;
  // Every conflict reads what the page left before any write is laid back: once the first of two writes
  // of one item is laid back, the row is the user's (marked), and the second would keep the server's
  // older version as "theirs" (taking theirs for it would then bring back a version the server replaced).
  for (const item of items) if (item.status === 'conflict') await followTheirs(db, item, tombstones.get(item.entityId));
  for (const item of items) await applyOptimistic(db, item, item.createdAt, actorId);
}

/**
 * A conflict keeps the server's version as it was when the write was
 * refused. If the page just stored a newer one (a server row: no `local`
 * mark), or deleted the item, that is "theirs" from now on: taking theirs
 * must not bring back what the server has since replaced or deleted.
 */
async function followTheirs(db: CollectiveBrainDb, item: OutboxItem, deletedAt: number | undefined): Promise<void> {
  const current = item.current;
  if (current === undefined || item.seq === undefined) return;
  if (deletedAt !== undefined) {
    if (current.deleted) return;
    item.current = { type: current.type, id: current.id, version: Math.max(deletedAt, current.version), deleted: true };
    await db.outbox.update(item.seq, { current: item.current });
    return;
  }
  const row = await rowTableOf(db, item.entityType).get(item.entityId);
  if (row === undefined || row.local !== undefined) return;
  if (row.version <= current.version) return;
  const { version, local: _local, ...data } = row;
  item.current = { ...current, version, deleted: false, data };
  await db.outbox.update(item.seq, { current: item.current });
}
