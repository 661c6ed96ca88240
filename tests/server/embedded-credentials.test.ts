import { readFile, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { CREDENTIALS_FILE } from '../../server/db/embedded-credentials';
import { LEGACY_PASSWORD, SERVER_ROLE, startEmbeddedDatabase } from '../../server/db/embedded';
import { freePort } from '../../server/index';
import { makeTempDir } from '../support/temp-dir';

/**
 * The embedded PostgreSQL: a random superuser password kept in a 0600 file,
 * the server connected as a role that is not a superuser, and a cluster made
 * with the old fixed password moved over without losing anything.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function query<R extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Whether PostgreSQL lets the superuser in with this password. */
async function superuserAccepts(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '28P01') return false;
    throw error;
  }
}

async function tempDataDir(): Promise<string> {
  const { dir, cleanup } = await makeTempDir('cb-embedded-');
  cleanups.push(cleanup);
  return dir;
}

describe('embedded PostgreSQL credentials', () => {
  it('makes a random superuser password at first start, keeps it in a 0600 file, and connects the server as its own role', async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();
    const cluster = await startEmbeddedDatabase({ dataDir, port });
    cleanups.push(() => cluster.stop());
    const file = path.join(dataDir, CREDENTIALS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const kept = JSON.parse(await readFile(file, 'utf8')) as { superuserPassword: string; serverPassword: string };
    expect(kept.superuserPassword).toMatch(/^[A-Za-z0-9_-]{32}$/u);
    expect(kept.serverPassword).not.toBe(kept.superuserPassword);
    expect(existsSync(path.join(dataDir, 'pg-credentials.pending.json'))).toBe(false);
    expect(await superuserAccepts(port, kept.superuserPassword)).toBe(true);
    expect(await superuserAccepts(port, LEGACY_PASSWORD)).toBe(false);

    const url = await cluster.createDatabase('app');
    expect(new URL(url).username).toBe(SERVER_ROLE);
    const [role] = await query<{ user: string; super: boolean; createdb: boolean; createrole: boolean; owner: string }>(
      url,
      `SELECT current_user AS user, r.rolsuper AS super, r.rolcreatedb AS createdb, r.rolcreaterole AS createrole,
              pg_get_userbyid(d.datdba) AS owner
         FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`,
    );
    expect(role).toEqual({ user: SERVER_ROLE, super: false, createdb: false, createrole: false, owner: SERVER_ROLE });
    // It owns its database: it can build its schema there, and nothing beyond.
    await query(url, 'CREATE TABLE t (id bigserial PRIMARY KEY)');
    await expect(query(url, 'CREATE DATABASE other')).rejects.toThrow(/permission denied/u);
    await expect(query(url, "ALTER ROLE postgres PASSWORD 'x'")).rejects.toThrow(
      /permission denied|must be superuser/u,
    );
  });

  it('moves a cluster made with the old fixed password to a random one, and hands its database to the server role', async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();
    // A cluster as the previous version left it: the fixed password, a database and tables owned by the superuser.
    const first = await startEmbeddedDatabase({ dataDir, port });
    await query(first.url, `ALTER ROLE postgres PASSWORD '${LEGACY_PASSWORD}'`);
    const legacyBase = `postgres://postgres:${LEGACY_PASSWORD}@127.0.0.1:${port}`;
    await query(`${legacyBase}/postgres`, 'CREATE DATABASE collective_brain');
    await query(
      `${legacyBase}/collective_brain`,
      `CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);
       CREATE SEQUENCE change_seq;
       INSERT INTO notes (body) VALUES ('kept across the upgrade')`,
    );
    await first.stop();
    await rm(path.join(dataDir, CREDENTIALS_FILE));

    const upgraded = await startEmbeddedDatabase({ dataDir, port });
    cleanups.push(() => upgraded.stop());
    const kept = JSON.parse(await readFile(path.join(dataDir, CREDENTIALS_FILE), 'utf8')) as {
      superuserPassword: string;
    };
    expect(await superuserAccepts(port, LEGACY_PASSWORD)).toBe(false);
    expect(await superuserAccepts(port, kept.superuserPassword)).toBe(true);

    const url = await upgraded.createDatabase('collective_brain');
    expect(await query<{ body: string }>(url, 'SELECT body FROM notes')).toEqual([{ body: 'kept across the upgrade' }]);
    await query(url, "INSERT INTO notes (body) VALUES ('written by the server role')");
    expect(await query<{ n: string }>(url, "SELECT nextval('change_seq')::text AS n")).toEqual([{ n: '1' }]);
    const owners = await query<{ owner: string }>(
      url,
      `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public'`,
    );
    expect(owners).toEqual([{ owner: SERVER_ROLE }]);
  });
});
