import {
  isMutationName,
  parseMutationArgs,
  type MutationArgs,
  type MutationName,
} from '../../../shared/wire/mutations';
import type { MutationResult, PushRequest } from '../../../shared/wire/sync';
import { toStorableValue } from '../../../shared/wire/text';
import {
  CONTENT_TABLES,
  rowTableOf,
  type CollectiveBrainDb,
  type OutboxItem,
  type OutboxItemOf,
  type OutboxItemsByName,
} from './db';
import { keepRefusedText } from './drafts';
import { newId } from './ids';
import { serverRow } from './cached-rows';
import { applyOptimistic, targetOf } from './optimistic';

export class InvalidWriteError extends Error {
  constructor(
    readonly mutation: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidWriteError';
  }
}

/** A write of one mutation, as a screen asks for it. */
export interface WriteRequestOf<N extends MutationName> {
  name: N;
  args: MutationArgs<N>;
  baseVersion?: number;
}

/** A write of any mutation: a union keyed by its name, so each name is checked against its own arguments. */
export type WriteRequest = { [N in MutationName]: WriteRequestOf<N> }[MutationName];

/**
 * A write with its arguments validated by its own schema. Text the server could not store (a pasted NUL,
 * half a character) is mended here, not refused there.
 */
function validated<N extends MutationName>(write: WriteRequestOf<N>): WriteRequestOf<N> {
  // A name no schema knows (a write removed since, such as `user.create`) is refused like bad arguments.
  if (!isMutationName(write.name)) throw new InvalidWriteError(String(write.name), 'No such write.');
  const parsed = parseMutationArgs(write.name, toStorableValue(write.args));
  if (!parsed.success) throw new InvalidWriteError(write.name, parsed.error.message);
  return { ...write, args: parsed.data };
}

/** The outbox item of a validated write, filed under the entity it changes. */
function outboxItemOf<N extends MutationName>(
  write: WriteRequestOf<N>,
  now: string,
  actorId: string | undefined,
): OutboxItem {
  const target = targetOf(write.name, write.args, actorId);
  const item: OutboxItemOf<N> = {
    id: newId(),
    name: write.name,
    args: write.args,
    ...(write.baseVersion !== undefined ? { baseVersion: write.baseVersion } : {}),
    status: 'pending',
    entityType: target.type,
    entityId: target.id,
    createdAt: now,
    attempts: 0,
  };
  // A name and the arguments its own schema parsed go together, which TypeScript cannot follow from a
  // generic name to the union of items: this is the one place an outbox item is made.
  return item as OutboxItemsByName[N];
}

/**
 * Records writes in the outbox and shows them at once, in one transaction:
 * "saved" is true only once this resolves. `alsoDeleteDrafts` removes the
 * drafts the writes came from, in the same transaction, so a crash can never
 * lose both or keep both.
 */
export async function enqueueWrites(
  db: CollectiveBrainDb,
  writes: readonly WriteRequest[],
  options: { alsoDeleteDrafts?: string[]; now?: Date } = {},
): Promise<OutboxItem[]> {
  const now = (options.now ?? new Date()).toISOString();
  // All are checked before anything is written: one invalid write, and none is.
  const checked = writes.map((write) => validated(write));
  const items: OutboxItem[] = [];
  await db.transaction(
    'rw',
    [...CONTENT_TABLES.map((name) => db[name]), db.outbox, db.drafts, db.syncMeta],
    async () => {
      // Whose write it is, so a new post or thread shows its author before the server echoes it.
      const actorId = (await db.syncMeta.get('userId'))?.value;
      for (const write of checked) {
        const item = outboxItemOf(write, now, actorId);
        items.push(item);
        await inheritBaseVersion(db, item);
        item.before = await rowTableOf(db, item.entityType).get(item.entityId);
        item.seq = await db.outbox.add(item);
        await applyOptimistic(db, item, now, actorId);
      }
      for (const key of options.alsoDeleteDrafts ?? []) await db.drafts.delete(key);
    },
  );
  return items;
}

/**
 * An edit made on top of the user's own unconfirmed write of the same item
 * is based on what that write was based on: the version the user last had
 * from the server, not the one a pull laid under their pending text. So an
 * edit made while someone else's change came in still conflicts, and
 * `applyPushResults` moves it onto the user's own write once that is applied.
 */
async function inheritBaseVersion(db: CollectiveBrainDb, item: OutboxItem): Promise<void> {
  if (item.baseVersion === undefined) return;
  const earlier = await db.outbox.where('entityId').equals(item.entityId).sortBy('seq');
  const base = earlier[0]?.baseVersion;
  if (base !== undefined) item.baseVersion = base;
}

/** After a crash, items left "sending" go back to pending: safe, because the server deduplicates. */
export async function recoverSending(db: CollectiveBrainDb): Promise<number> {
  return db.outbox.where('status').equals('sending').modify({ status: 'pending' });
}

/** Takes the next batch to push and marks it sending, in one transaction. `skip`: writes left out this time. */
export async function takeBatch(
  db: CollectiveBrainDb,
  clientId: string,
  max = 50,
  skip: ReadonlySet<string> = new Set(),
): Promise<PushRequest | null> {
  return db.transaction('rw', db.outbox, async () => {
    const items = (await db.outbox.where('status').equals('pending').sortBy('seq')).filter(
      (item) => !skip.has(item.id),
    );
    // A second edit of one item waits for the next batch: it is based on the version the first makes.
    const batch: OutboxItem[] = [];
    const entities = new Set<string>();
    for (const item of items.slice(0, max)) {
      if (item.baseVersion !== undefined && entities.has(item.entityId)) break;
      entities.add(item.entityId);
      batch.push(item);
    }
    if (batch.length === 0) return null;
    await db.outbox.bulkUpdate(
      batch.map((item) => ({
        key: item.seq ?? 0,
        changes: { status: 'sending' as const, attempts: item.attempts + 1 },
      })),
    );
    return {
      clientId,
      mutations: batch.map((item) => ({
        id: item.id,
        name: item.name,
        args: item.args,
        ...(item.baseVersion !== undefined ? { baseVersion: item.baseVersion } : {}),
      })),
    };
  });
}

/**
 * How many times the server may fail (500) on one write, sent alone, before the write is stepped over, to
 * see whether the next one goes through: if it does, the server works and fails on that write only, which
 * is set aside as a draft. A write the server cannot handle must not hold back all the others for good;
 * a server that fails on every write must not turn the whole outbox into drafts either.
 */
export const SERVER_ERRORS_BEFORE_SET_ASIDE = 3;
/** With no other write to show that the server works, a write is set aside after this many failures. */
export const SERVER_ERRORS_WHEN_ALONE = 8;

/** The server failed (500) on a push of this one write: counted, and back in the queue. Returns the count. */
export async function noteServerError(db: CollectiveBrainDb, mutationId: string): Promise<number> {
  return db.transaction('rw', db.outbox, async () => {
    const item = await db.outbox.where('id').equals(mutationId).first();
    if (item?.seq === undefined) return 0;
    const serverErrors = (item.serverErrors ?? 0) + 1;
    await db.outbox.update(item.seq, { status: 'pending', serverErrors });
    return serverErrors;
  });
}

/**
 * A write the server keeps failing on leaves the outbox as an editable draft with its text and the reason,
 * as a refusal would, in one transaction: it is never lost, and the writes after it go on.
 */
export async function setAsideAfterServerErrors(
  db: CollectiveBrainDb,
  mutationId: string,
  message: string,
): Promise<boolean> {
  return db.transaction('rw', [...CONTENT_TABLES.map((name) => db[name]), db.outbox, db.drafts], async () => {
    const item = await db.outbox.where('id').equals(mutationId).first();
    if (item?.seq === undefined) return false;
    await db.outbox.delete(item.seq);
    await undoOptimistic(db, item);
    await keepRefusedText(db, item, { id: item.id, status: 'rejected', code: 'server-error', message });
    return true;
  });
}

/** The push did not get through (offline, server down): try the same mutations again later. */
export async function releaseBatch(db: CollectiveBrainDb, request: PushRequest): Promise<void> {
  const ids = request.mutations.map((mutation) => mutation.id);
  await db.outbox
    .where('id')
    .anyOf(ids)
    .and((item) => item.status === 'sending')
    .modify({ status: 'pending' });
}

export interface PushOutcome {
  applied: number;
  conflicts: number;
  rejected: number;
}

/**
 * Applies the server's verdicts atomically. Applied: the item leaves the
 * outbox. Conflict: both versions are kept and the item is marked for the
 * user to choose. Rejected: the write becomes an editable draft again, with
 * the reason, and the optimistic change is undone. Nothing written is lost.
 */
export async function applyPushResults(
  db: CollectiveBrainDb,
  results: readonly MutationResult[],
): Promise<PushOutcome> {
  const outcome: PushOutcome = { applied: 0, conflicts: 0, rejected: 0 };
  await db.transaction('rw', [...CONTENT_TABLES.map((name) => db[name]), db.outbox, db.drafts], async () => {
    for (const result of results) {
      const item = await db.outbox.where('id').equals(result.id).first();
      if (item?.seq === undefined) continue;
      const table = rowTableOf(db, item.entityType);
      if (result.status === 'applied') {
        await db.outbox.delete(item.seq);
        await rebaseFollowing(db, item, result.version);
        const stillPending = await db.outbox.where('entityId').equals(item.entityId).count();
        // Sent. The version stays as it was, so the server's own copy (its author, its dates), which
        // the pull right after brings with the new version, replaces the optimistic one.
        if (stillPending === 0 && (await table.get(item.entityId)) !== undefined) {
          await table.update(item.entityId, { local: undefined });
        }
        outcome.applied += 1;
      } else if (result.status === 'conflict') {
        await db.outbox.update(item.seq, {
          status: 'conflict',
          ...(result.current ? { current: result.current } : {}),
        });
        if (await table.get(item.entityId)) await table.update(item.entityId, { local: 'conflict' });
        outcome.conflicts += 1;
      } else {
        await db.outbox.delete(item.seq);
        await undoOptimistic(db, item);
        await keepRefusedText(db, item, result);
        outcome.rejected += 1;
      }
    }
  });
  return outcome;
}

/**
 * The user's later edits of the same item that were based on the version
 * this write was based on now follow it: they are based on the version it
 * made (on the server, the user's own write comes between, not someone else's).
 */
async function rebaseFollowing(db: CollectiveBrainDb, item: OutboxItem, version: number | undefined): Promise<void> {
  const base = item.baseVersion;
  if (base === undefined || version === undefined) return;
  await db.outbox
    .where('entityId')
    .equals(item.entityId)
    .and((later) => later.status === 'pending' && later.baseVersion === base && (later.seq ?? 0) > (item.seq ?? 0))
    .modify({ baseVersion: version });
}

async function undoOptimistic(db: CollectiveBrainDb, item: OutboxItem): Promise<void> {
  const table = rowTableOf(db, item.entityType);
  if (item.before === undefined) {
    const row = await table.get(item.entityId);
    if (row !== undefined && row.version === 0) await table.delete(item.entityId);
  } else {
    await table.put(item.before);
  }
}

/** The user chose their version in a conflict: send it again over the server's current one. */
export async function keepMine(db: CollectiveBrainDb, seq: number): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const item = await db.outbox.get(seq);
    if (item?.status !== 'conflict') return;
    // The user's later edits of it follow theirs, over the server's current version too.
    await rebaseFollowing(db, item, item.current?.version);
    // A new id: the old one is settled on the server (as a conflict) and a replay would say so again.
    await db.outbox.update(seq, {
      id: newId(),
      status: 'pending',
      ...(item.current !== undefined ? { baseVersion: item.current.version } : {}),
      current: undefined,
    });
  });
}

/** The user chose the server's version in a conflict: their write leaves the outbox, the server's version is shown. */
export async function takeTheirs(db: CollectiveBrainDb, seq: number): Promise<void> {
  await db.transaction('rw', [...CONTENT_TABLES.map((name) => db[name]), db.outbox, db.drafts], async () => {
    const item = await db.outbox.get(seq);
    if (item?.status !== 'conflict') return;
    await db.outbox.delete(seq);
    const table = rowTableOf(db, item.entityType);
    const current = item.current;
    if (current?.deleted === true) await table.delete(item.entityId);
    else if (current?.data !== undefined) {
      const row = await serverRow(db, item.entityType, current.data, current.version);
      // Not the user's any more: the mark goes (written out, as every settled write leaves it).
      if (row !== undefined) await table.put({ ...row, local: undefined });
    }
  });
}
