import { TABLE_OF_ENTITY, type CollectiveBrainDb, type OutboxItem, type LocalState } from './db';
import { bumpThread } from './apply-page';

type Row = Record<string, unknown> & { id: string; version: number; local?: LocalState };

function tableFor(db: CollectiveBrainDb, item: OutboxItem): CollectiveBrainDb['posts'] {
  // Every content table is keyed by `id` and holds rows shaped like Row; one handle type serves all.
  return db[TABLE_OF_ENTITY[item.entityType]] as unknown as CollectiveBrainDb['posts'];
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
  const table = tableFor(db, item);
  const existing = (await table.get(item.entityId)) as Row | undefined;
  const local: LocalState = item.status === 'conflict' ? 'conflict' : 'pending';
  const [, action] = item.name.split('.') as [string, string];
  const { id: _id, content, ...fields } = item.args;

  if (action === 'delete') {
    if (existing !== undefined) {
      await table.delete(item.entityId);
      if (item.entityType === 'post') await bumpThread(db, text(existing['threadId']), '', -1);
    }
    return;
  }
  if (action === 'create') {
    if (existing !== undefined && existing.local === undefined) return; // the server's copy is here already
    const row: Row = {
      ...creationDefaults(item, now),
      ...(actorId !== undefined &&
      (item.entityType === 'post' || item.entityType === 'thread' || item.entityType === 'translation')
        ? { authorId: actorId }
        : {}),
      ...(actorId !== undefined && item.entityType === 'translationRequest' ? { requesterId: actorId } : {}),
      ...fields,
      ...(isObject(content) ? content : {}),
      id: item.entityId,
      version: 0,
      local,
    };
    if (item.entityType === 'document') withFileFacts(row, existing);
    await table.put(row as never);
    if (item.entityType === 'post' && existing === undefined) await bumpThread(db, text(item.args['threadId']), now);
    if (item.entityType === 'thread') {
      await db.threads.update(item.entityId, { lastActivityAt: now });
    }
    return;
  }
  if (existing === undefined) return; // edited something that is gone: the push will tell
  const changes: Record<string, unknown> = { ...fields, ...(isObject(content) ? content : {}), local };
  if (item.name === 'post.update' || item.name === 'translation.update') changes['editedAt'] = now;
  await table.update(item.entityId, changes as never);
}

function creationDefaults(item: OutboxItem, now: string): Record<string, unknown> {
  switch (item.entityType) {
    case 'thread':
      return {
        tags: [],
        locked: false,
        pinned: false,
        hidden: false,
        createdAt: now,
        lastActivityAt: now,
        postCount: 0,
      };
    case 'post':
      return { replyTo: null, createdAt: now, editedAt: null, hidden: false, attachments: [] };
    case 'collection':
      return { description: null, edition: null, position: 0, editionYear: null };
    case 'session':
      return { startsAt: null, position: 0 };
    case 'material':
      return { title: null, position: 0 };
    case 'translation':
      return { title: null, createdAt: now, editedAt: null };
    case 'translationRequest':
      return { createdAt: now, fulfilledBy: null, fulfilledAt: null };
    case 'document':
      return { summary: null, series: null, year: null, countries: [], topics: [], createdAt: now };
    default:
      return { createdAt: now };
  }
}

/**
 * A document.create names its files by sha256 only (the server fills in their size and type).
 * The publisher records them on the pending row (see academy/publish.ts); laying the write
 * on top again keeps them, and the language facet, so the row reads like the server's.
 */
function withFileFacts(row: Row, existing: Row | undefined): void {
  const known = new Map<string, unknown>();
  for (const variant of Array.isArray(existing?.['variants']) ? existing['variants'] : []) {
    if (isObject(variant) && typeof variant['sha256'] === 'string') known.set(variant['sha256'], variant);
  }
  const variants = (Array.isArray(row['variants']) ? row['variants'] : []).filter(isObject).map((variant) => {
    const before = known.get(text(variant['sha256']));
    return isObject(before) && 'size' in before && 'mime' in before
      ? { ...variant, size: before['size'], mime: before['mime'] }
      : variant;
  });
  row['variants'] = variants;
  row['languages'] = [...new Set(variants.map((variant) => text(variant['language'])))];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
  for (const item of items) {
    if (item.status === 'conflict') await followTheirs(db, item, tombstones.get(item.entityId));
    await applyOptimistic(db, item, item.createdAt, actorId);
  }
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
  const row = (await tableFor(db, item).get(item.entityId)) as Row | undefined;
  if (row === undefined || row.local !== undefined || typeof row.version !== 'number') return;
  if (row.version <= current.version) return;
  const { version, local: _local, ...data } = row;
  item.current = { ...current, version, deleted: false, data };
  await db.outbox.update(item.seq, { current: item.current });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
