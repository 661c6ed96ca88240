import type { EntityType } from '../../src/shared/wire';
import type { Queryable } from '../db/database';
import type { Audience } from './audience';

/**
 * The change feed: one row per entity holding its latest state and the
 * sequence number of its latest change. Writers take one transaction-scoped
 * advisory lock before drawing a number, so numbers become visible in commit
 * order and a reader can never skip one that commits late.
 */
const FEED_LOCK = 727_002;
export const CHANGES_CHANNEL = 'cb_changes' as const;

export type { Audience } from './audience';

export interface StoredEntity {
  readonly type: EntityType;
  readonly id: string;
  readonly version: number;
  readonly seq: number;
  readonly deleted: boolean;
  readonly audience: Audience;
  readonly ownerId: string | null;
  readonly parentId: string | null;
  readonly data: unknown;
}

export interface EntityMeta {
  readonly audience?: Audience;
  readonly ownerId?: string | null;
  readonly parentId?: string | null;
}

export async function lockFeed(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK]);
}

interface EntityRow {
  type: EntityType;
  id: string;
  version: number;
  seq: number;
  deleted: boolean;
  audience: Audience;
  owner_id: string | null;
  parent_id: string | null;
  data: unknown;
}

function fromRow(row: EntityRow): StoredEntity {
  return {
    type: row.type,
    id: row.id,
    version: row.version,
    seq: row.seq,
    deleted: row.deleted,
    audience: row.audience,
    ownerId: row.owner_id,
    parentId: row.parent_id,
    data: row.data,
  };
}

export async function readEntity(db: Queryable, type: EntityType, id: string): Promise<StoredEntity | undefined> {
  const result = await db.query<EntityRow>(
    'SELECT type, id, version, seq, deleted, audience, owner_id, parent_id, data FROM entities WHERE type = $1 AND id = $2',
    [type, id],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : fromRow(row);
}

export async function childIds(db: Queryable, type: EntityType, parentId: string): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    'SELECT id FROM entities WHERE type = $1 AND parent_id = $2 AND NOT deleted ORDER BY seq',
    [type, parentId],
  );
  return result.rows.map((row) => row.id);
}

/** Creates or replaces an entity's state; the caller holds the feed lock. */
export async function putEntity(
  db: Queryable,
  type: EntityType,
  id: string,
  data: unknown,
  meta: EntityMeta,
  now: Date,
): Promise<{ version: number; seq: number }> {
  const result = await db.query<{ version: number; seq: number }>(
    `INSERT INTO entities (type, id, version, seq, deleted, audience, owner_id, parent_id, data, updated_at)
     VALUES ($1, $2, 1, nextval('change_seq'), false, $3, $4, $5, $6, $7)
     ON CONFLICT (type, id) DO UPDATE SET
       version = entities.version + 1,
       seq = excluded.seq,
       deleted = false,
       audience = excluded.audience,
       owner_id = excluded.owner_id,
       parent_id = excluded.parent_id,
       data = excluded.data,
       updated_at = excluded.updated_at
     RETURNING version, seq`,
    [type, id, meta.audience ?? 'all', meta.ownerId ?? null, meta.parentId ?? null, JSON.stringify(data), now],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error('putEntity returned nothing');
  return row;
}

/** Turns an entity into a tombstone; the caller holds the feed lock. */
export async function deleteEntity(
  db: Queryable,
  type: EntityType,
  id: string,
  now: Date,
): Promise<{ version: number; seq: number } | undefined> {
  const result = await db.query<{ version: number; seq: number }>(
    `UPDATE entities SET version = version + 1, seq = nextval('change_seq'), deleted = true, data = NULL, updated_at = $3
      WHERE type = $1 AND id = $2 AND NOT deleted
      RETURNING version, seq`,
    [type, id, now],
  );
  return result.rows[0];
}

/**
 * Gives a thread's posts a new place in the feed with the audience the
 * thread now implies (their data and version are unchanged).
 */
export async function republishPosts(db: Queryable, threadId: string, threadHidden: boolean, now: Date): Promise<void> {
  await db.query(
    `WITH target AS (
       SELECT id, CASE WHEN $2 OR coalesce((data->>'hidden')::boolean, false) THEN 'moderators' ELSE 'all' END AS audience
         FROM entities WHERE type = 'post' AND parent_id = $1 AND NOT deleted ORDER BY seq
     )
     UPDATE entities e SET audience = t.audience, seq = nextval('change_seq'), updated_at = $3
       FROM target t
      WHERE e.type = 'post' AND e.id = t.id AND e.audience <> t.audience`,
    [threadId, threadHidden, now],
  );
}

const TRANSLATIONS_OF_POST = `WITH target AS (
     SELECT t.id, p.audience FROM entities t
       JOIN entities p ON p.type = 'post' AND p.id = t.parent_id
      WHERE t.type = 'translation' AND NOT t.deleted AND t.audience <> p.audience AND p.id = $1
      ORDER BY t.seq
   )
   UPDATE entities e SET audience = target.audience, seq = nextval('change_seq'), updated_at = $2
     FROM target WHERE e.type = 'translation' AND e.id = target.id`;
const TRANSLATIONS_OF_THREAD = `WITH target AS (
     SELECT t.id, p.audience FROM entities t
       JOIN entities p ON p.type = 'post' AND p.id = t.parent_id
      WHERE t.type = 'translation' AND NOT t.deleted AND t.audience <> p.audience AND p.parent_id = $1
      ORDER BY t.seq
   )
   UPDATE entities e SET audience = target.audience, seq = nextval('change_seq'), updated_at = $2
     FROM target WHERE e.type = 'translation' AND e.id = target.id`;

const TRANSLATIONS_OF_NEWS = `WITH target AS (
     SELECT t.id, n.audience FROM entities t
       JOIN entities n ON n.type = 'news' AND n.id = t.parent_id
      WHERE t.type = 'translation' AND NOT t.deleted AND t.audience <> n.audience AND n.id = $1
      ORDER BY t.seq
   )
   UPDATE entities e SET audience = target.audience, seq = nextval('change_seq'), updated_at = $2
     FROM target WHERE e.type = 'translation' AND e.id = target.id`;

/**
 * Gives the translations of a post (or of every post of a thread, or of a
 * news item) the audience their original now has, with a new place in the
 * feed: whoever can no longer see a hidden post (an unpublished news item)
 * loses its translations too, and gets them back when it is shown again.
 * Call it after the original's own audience changed.
 */
export async function republishTranslations(
  db: Queryable,
  scope: { readonly postId: string } | { readonly threadId: string } | { readonly newsId: string },
  now: Date,
): Promise<void> {
  if ('postId' in scope) await db.query(TRANSLATIONS_OF_POST, [scope.postId, now]);
  else if ('threadId' in scope) await db.query(TRANSLATIONS_OF_THREAD, [scope.threadId, now]);
  else await db.query(TRANSLATIONS_OF_NEWS, [scope.newsId, now]);
}

/** Tells every server instance (and so every live client) that the feed moved. */
export async function announceChanges(db: Queryable): Promise<void> {
  await db.query(`SELECT pg_notify($1, (SELECT last_value::text FROM change_seq))`, [CHANGES_CHANNEL]);
}
