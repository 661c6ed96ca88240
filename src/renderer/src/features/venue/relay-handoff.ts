import type { Api } from '../../../../shared/contract';
import { AppError } from '../../../../shared/result';
import { referencedFiles } from '../../../../shared/uploads';
import { isRelayable } from '../../../../shared/venue/relay';
import type { Mutation } from '../../../../shared/wire/sync';
import type { CollectiveBrainDb } from '../../data/db';
import { applyPushResults, type PushOutcome } from '../../data/outbox';

/**
 * The writes that may go to the venue host now: unsent outbox items in
 * order, under the push's own rule (a second edit of one item waits for the
 * first to be settled), only kinds that can travel, and none that points to a
 * file the server may not have yet (the relay carries no files).
 */
export async function relayableWrites(db: CollectiveBrainDb, max = 100): Promise<Mutation[]> {
  // A write in a push attempt right now travels too: with no internet that attempt fails, and if it
  // reaches the server after all, the relayed copy is applied once by its mutation id, like a replay.
  const items = await db.outbox.where('status').anyOf('pending', 'sending').sortBy('seq');
  const batch: Mutation[] = [];
  const entities = new Set<string>();
  for (const item of items) {
    if (batch.length >= max) break;
    if (item.baseVersion !== undefined && entities.has(item.entityId)) break;
    entities.add(item.entityId);
    const mutation: Mutation = {
      id: item.id,
      name: item.name,
      args: item.args,
      ...(item.baseVersion !== undefined ? { baseVersion: item.baseVersion } : {}),
    };
    // In order: a write that cannot travel stops the batch, so nothing overtakes it.
    if (!isRelayable(item.name) || referencedFiles([mutation]).length > 0) break;
    batch.push(mutation);
  }
  return batch;
}

async function clientIdOf(db: CollectiveBrainDb): Promise<string> {
  const clientId = (await db.syncMeta.get('clientId'))?.value;
  if (clientId === undefined) throw new AppError('unavailable', 'This window has not started sync yet.');
  return clientId;
}

/** Signs (in main) and leaves this account's pending writes with the connected venue host. */
export async function handOffWrites(api: Pick<Api, 'venue'>, db: CollectiveBrainDb): Promise<number> {
  const mutations = await relayableWrites(db);
  if (mutations.length === 0) return 0;
  const result = await api.venue.handOff({ clientId: await clientIdOf(db), mutations });
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value.handed;
}

/** Collects the server's signed receipts from the venue host and settles the outbox as a push would. */
export async function collectReceipts(api: Pick<Api, 'venue'>, db: CollectiveBrainDb): Promise<PushOutcome> {
  const result = await api.venue.receipts({ clientId: await clientIdOf(db) });
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return applyPushResults(db, result.value);
}
