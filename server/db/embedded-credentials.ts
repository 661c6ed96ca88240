import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The embedded cluster's passwords, in `<dataDir>/pg-credentials.json` (0600,
 * readable by the server's own user only). A new set is first written as
 * `pg-credentials.pending.json` and promoted once the cluster accepts it, so a
 * crash at any point leaves a password that opens the cluster: the pending one,
 * the one initdb was given (kept in the pending file too), or, for a cluster
 * made before random passwords, the old fixed one.
 */
export const CREDENTIALS_FILE = 'pg-credentials.json';
const PENDING_FILE = 'pg-credentials.pending.json';

const CredentialsSchema = z.strictObject({
  superuserPassword: z.string().min(16),
  serverPassword: z.string().min(16),
  /** The throwaway initdb was given; replaced by `superuserPassword` as soon as the cluster runs. */
  initPassword: z.string().min(16).optional(),
});

export interface ClusterCredentials {
  readonly superuserPassword: string;
  readonly serverPassword: string;
  readonly initPassword: string;
  /** Not yet known to work: promote it once the cluster has it. */
  readonly pending: boolean;
}

function secret(): string {
  return randomBytes(24).toString('base64url');
}

async function readCredentials(file: string): Promise<z.infer<typeof CredentialsSchema> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = CredentialsSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${file} is not readable; restore it (it holds the database passwords) or move it away.`);
  }
  // Whatever happened to its mode since, it is the server's alone.
  await chmod(file, 0o600);
  return parsed.data;
}

async function writePrivate(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(file));
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The passwords to use. `fresh`: the cluster is about to be initialised, so a
 * new pending set is written (keeping the passwords already on file, if any).
 */
export async function loadCredentials(dataDir: string, fresh: boolean): Promise<ClusterCredentials> {
  const kept = await readCredentials(path.join(dataDir, CREDENTIALS_FILE));
  if (kept !== undefined && !fresh) {
    return {
      superuserPassword: kept.superuserPassword,
      serverPassword: kept.serverPassword,
      initPassword: secret(),
      pending: false,
    };
  }
  const pendingFile = path.join(dataDir, PENDING_FILE);
  const leftover = fresh ? undefined : await readCredentials(pendingFile);
  if (leftover !== undefined) return { ...leftover, initPassword: leftover.initPassword ?? secret(), pending: true };
  const next = {
    superuserPassword: kept?.superuserPassword ?? secret(),
    serverPassword: kept?.serverPassword ?? secret(),
    initPassword: secret(),
  };
  await writePrivate(pendingFile, `${JSON.stringify(next, null, 2)}\n`);
  return { ...next, pending: true };
}

/** The cluster accepted the pending set: it becomes the one on file. */
export async function promoteCredentials(dataDir: string): Promise<void> {
  await rename(path.join(dataDir, PENDING_FILE), path.join(dataDir, CREDENTIALS_FILE));
  await syncFolder(dataDir);
}
