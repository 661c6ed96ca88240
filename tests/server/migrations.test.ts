import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { migrate, MIGRATIONS } from '../../server/db/migrations';
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
