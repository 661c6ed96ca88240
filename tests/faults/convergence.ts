import type pg from 'pg';
import { CONTENT_TABLES, TABLE_OF_ENTITY, type CollectiveBrainDb } from '../../src/renderer/src/data/db';
import type { EntityType } from '../../src/shared/wire/entities';

/** What the server holds that one account can see: every entity by type and id, with its version. */
export async function serverState(pool: pg.Pool, canModerate: boolean): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ type: string; id: string; version: number }>(
    `SELECT type, id::text, version FROM entities
      WHERE NOT deleted AND data IS NOT NULL AND (audience = 'all' OR $1)`,
    [canModerate],
  );
  return new Map(rows.map((row) => [`${row.type}:${row.id}`, row.version]));
}

/** What a client's cache holds: every row of every content table, with its version. */
export async function cacheState(db: CollectiveBrainDb): Promise<Map<string, number>> {
  const state = new Map<string, number>();
  const typeOf = new Map(Object.entries(TABLE_OF_ENTITY).map(([type, table]) => [table, type as EntityType]));
  for (const table of CONTENT_TABLES) {
    const rows = (await db.table(table).toArray()) as { id: string; version: number }[];
    for (const row of rows) state.set(`${typeOf.get(table) ?? table}:${row.id}`, row.version);
  }
  return state;
}

/**
 * How a cache differs from the server, per entity by id and version, and per thread by its post count
 * (which the client keeps itself, counting the posts it has): empty when they agree.
 */
export async function differences(
  db: CollectiveBrainDb,
  pool: pg.Pool,
  canModerate: boolean,
): Promise<{ entities: string[]; counts: string[] }> {
  const [server, cache] = await Promise.all([serverState(pool, canModerate), cacheState(db)]);
  const entities: string[] = [];
  for (const [key, version] of server) {
    const cached = cache.get(key);
    if (cached !== version)
      entities.push(
        `${key}: server v${String(version)}, cache ${cached === undefined ? 'missing' : `v${String(cached)}`}`,
      );
  }
  for (const key of cache.keys()) if (!server.has(key)) entities.push(`${key}: in the cache only`);
  const { rows } = await pool.query<{ thread: string; posts: number }>(
    `SELECT data->>'threadId' AS thread, count(*)::int AS posts FROM entities
      WHERE type = 'post' AND NOT deleted AND data IS NOT NULL AND (audience = 'all' OR $1)
      GROUP BY 1`,
    [canModerate],
  );
  const expected = new Map(rows.map((row) => [row.thread, row.posts]));
  const counts: string[] = [];
  for (const thread of await db.threads.toArray()) {
    const want = expected.get(thread.id) ?? 0;
    if (thread.postCount !== want)
      counts.push(`thread ${thread.id}: ${String(thread.postCount)} posts, server ${String(want)}`);
  }
  return { entities, counts };
}
