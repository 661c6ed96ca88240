import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  KEY_ROTATION_CONTEXT,
  KeyRotationsSchema,
  type KeyRotation,
  type SignedRotation,
} from '../../src/shared/venue/key-rotation';
import { signedText, type ServerKey } from '../../src/shared/venue/pack';

/**
 * The server's own Ed25519 key: it signs edition packs and relay receipts,
 * and clients pin its public half at sign-in. Kept in the data folder (0600);
 * several instances behind a load balancer must share the file.
 */
export interface ServerSigningKey extends ServerKey {
  /** base64url signature of `context + text`. */
  sign(context: string, text: string): string;
  /** The rotation statements from every earlier key of this server to this one, oldest first. */
  readonly rotations: readonly SignedRotation[];
  /** This key and the earlier ones it took over from (relayed writes may name any of them). */
  readonly keyIds: ReadonlySet<string>;
}

const StoredKeySchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  d: z.string(),
});
export const SERVER_KEY_FILE = 'server-ed25519.jwk';
export const ROTATIONS_FILE = 'key-rotations.json';

export async function loadServerKey(dataDir: string): Promise<ServerSigningKey> {
  const dir = join(dataDir, 'venue');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, SERVER_KEY_FILE);
  let stored = await readStored(path);
  if (stored === undefined) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = StoredKeySchema.parse(privateKey.export({ format: 'jwk' }));
    // Written whole under a name of its own, then linked into place: two instances starting together never
    // overwrite each other's key, and neither ever reads a key file still being written (the loser reads the
    // winner's, complete). A plain 'wx' write let the second instance read an empty file.
    const draft = `${path}.${randomUUID()}.tmp`;
    await writeFile(draft, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
    try {
      await link(draft, path);
      stored = jwk;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      stored = await readStored(path);
      if (stored === undefined) throw new Error(`The server key ${path} is unreadable.`, { cause: error });
    } finally {
      await rm(draft, { force: true });
    }
  }
  const rotations = await readRotations(dir);
  const keyIds = new Set([keyIdOf(stored.x)]);
  for (const statement of rotations) keyIds.add((JSON.parse(statement.payload) as KeyRotation).from);
  return { ...signerOf(stored), rotations, keyIds };
}

function signerOf(stored: z.infer<typeof StoredKeySchema>): Omit<ServerSigningKey, 'rotations' | 'keyIds'> {
  const privateKey = createPrivateKey({ key: stored, format: 'jwk' });
  return {
    keyId: keyIdOf(stored.x),
    publicKey: stored.x,
    sign: (context, text) => sign(null, signedText(context, text), privateKey).toString('base64url'),
  };
}

async function readRotations(dir: string): Promise<SignedRotation[]> {
  let text: string;
  try {
    text = await readFile(join(dir, ROTATIONS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return KeyRotationsSchema.parse(JSON.parse(text)).rotations;
}

/**
 * Replaces the server's key (an operator's act; the server reads it at its next start): a new key,
 * and a statement signed by the old one that hands over to it, so clients that pinned the old key
 * re-pin the new one without trusting anything else. The old private key is kept aside (0600),
 * never served. Answers the new key's id.
 */
export async function rotateServerKey(dataDir: string, now = new Date()): Promise<string> {
  const dir = join(dataDir, 'venue');
  const path = join(dir, SERVER_KEY_FILE);
  const old = await readStored(path);
  if (old === undefined) throw new Error(`There is no server key at ${path} to rotate.`);
  const signer = signerOf(old);
  const fresh = StoredKeySchema.parse(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }));
  const statement: KeyRotation = {
    v: 1,
    kind: 'cb-key-rotation',
    from: signer.keyId,
    to: { keyId: keyIdOf(fresh.x), publicKey: fresh.x },
    rotatedAt: now.toISOString(),
  };
  const payload = JSON.stringify(statement);
  const rotations = [...(await readRotations(dir)), { payload, signature: signer.sign(KEY_ROTATION_CONTEXT, payload) }];
  await writeFile(join(dir, `retired-${signer.keyId}.jwk`), JSON.stringify(old), { mode: 0o600, flag: 'wx' });
  await writeFile(`${join(dir, ROTATIONS_FILE)}.tmp`, JSON.stringify({ rotations }), { mode: 0o600 });
  await rename(`${join(dir, ROTATIONS_FILE)}.tmp`, join(dir, ROTATIONS_FILE));
  await writeFile(`${path}.tmp`, JSON.stringify(fresh), { mode: 0o600 });
  await rename(`${path}.tmp`, path);
  return statement.to.keyId;
}

async function readStored(path: string): Promise<z.infer<typeof StoredKeySchema> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = StoredKeySchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`The server key ${path} is not an Ed25519 key.`);
  return parsed.data;
}

export function keyIdOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16);
}

/** Checks an Ed25519 signature made with a raw public key (base64url); false for anything malformed. */
export function verifySignature(publicKey: string, context: string, text: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    return verify(null, signedText(context, text), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
