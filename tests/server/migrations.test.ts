import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { migrate, MIGRATIONS } from '../../server/db/migrations';
import { NewsSchema } from '../../src/shared/wire';
import { startTestCluster, type TestCluster } from './harness';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => {
  await cluster.stop();
});

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  await client.end();
  return result.rows.map((row) => row.table_name);
}

describe('migrations', () => {
  it('migrate an empty database to the latest version, once', async () => {
    const url = await cluster.database();
    expect(await tables(url)).toEqual([]);
    const db = openDatabase(url);
    try {
      expect(await migrate(db)).toEqual(MIGRATIONS.map((migration) => migration.version));
      expect(await tables(url)).toEqual(
        expect.arrayContaining(['schema_migrations', 'users', 'auth_tokens', 'entities', 'applied_mutations', 'files']),
      );
      const recorded = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(recorded.rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
      const indexes = await db.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'entities' AND indexname = 'entities_translation_per_author'",
      );
      expect(indexes.rowCount).toBe(1);
      // A second run is a no-op.
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('upgrade a database that stopped at an older version', async () => {
    const url = await cluster.database();
    const db = openDatabase(url);
    try {
      expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
      expect(await tables(url)).not.toContain('entities');
      expect(await migrate(db)).toEqual(MIGRATIONS.slice(1).map((migration) => migration.version));
      const state = await db.query<{ epoch: string }>('SELECT epoch FROM sync_state');
      expect(state.rows[0]?.epoch).toMatch(/^[0-9a-f]{32}$/u);
    } finally {
      await db.close();
    }
  });

  it('let server instances that start together migrate safely', async () => {
    const url = await cluster.database();
    const first = openDatabase(url);
    const second = openDatabase(url);
    try {
      const [a, b] = await Promise.all([migrate(first), migrate(second)]);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((migration) => migration.version));
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('rewrite a news item of one language into versions by language, and send it again', async () => {
    const url = await cluster.database();
    const db = openDatabase(url);
    // Found by name: its number follows whatever migrations come before it.
    const newsMigration = MIGRATIONS.findIndex((migration) => migration.name === 'news in several languages, reports');
    expect(newsMigration).toBeGreaterThan(0);
    try {
      await migrate(db, MIGRATIONS.slice(0, newsMigration));
      const id = '0b9a4f3e-5d2c-4c1a-9e8f-7a6b5c4d3e2f';
      const old = {
        id,
        language: 'fr',
        title: 'Nouvelles',
        body: 'Le **corps**',
        publishedAt: '2020-01-10T09:00:00.000Z',
      };
      await db.query(
        `INSERT INTO entities (type, id, version, seq, data, audience, updated_at)
         VALUES ('news', $1, 1, nextval('change_seq'), $2, 'all', now())`,
        [id, JSON.stringify(old)],
      );
      const before = await db.query<{ seq: string }>("SELECT seq FROM entities WHERE type = 'news' AND id = $1", [id]);
      await migrate(db);
      const after = await db.query<{ seq: string; version: number; data: unknown }>(
        "SELECT seq, version, data FROM entities WHERE type = 'news' AND id = $1",
        [id],
      );
      const row = after.rows[0];
      expect(row?.version).toBe(2);
      expect(BigInt(row?.seq ?? 0)).toBeGreaterThan(BigInt(before.rows[0]?.seq ?? 0));
      // The new form is what the wire accepts.
      expect(NewsSchema.parse(row?.data)).toEqual({
        id,
        authorId: null,
        versions: { fr: { title: 'Nouvelles', body: 'Le **corps**' } },
        createdAt: old.publishedAt,
        editedAt: null,
        publishedAt: old.publishedAt,
        pinnedAt: null,
      });
    } finally {
      await db.close();
    }
  });

  it('roll back a failing migration entirely', async () => {
    const url = await cluster.database();
    const db = openDatabase(url);
    try {
      const broken = [
        ...MIGRATIONS,
        { version: 99, name: 'broken', statements: ['CREATE TABLE half (x int)', 'SELECT nonsense'] },
      ];
      await expect(migrate(db, broken)).rejects.toThrow(/Migration 99/u);
      expect(await tables(url)).not.toContain('half');
      const recorded = await db.query('SELECT 1 FROM schema_migrations WHERE version = 99');
      expect(recorded.rowCount).toBe(0);
    } finally {
      await db.close();
    }
  });
});
