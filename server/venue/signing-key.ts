import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { signedText, type ServerKey } from '../../src/shared/venue/pack';

/**
 * The server's own Ed25519 key: it signs edition packs and relay receipts,
 * and clients pin its public half at sign-in. Kept in the data folder (0600);
 * several instances behind a load balancer must share the file.
 */
export interface ServerSigningKey extends ServerKey {
  /** base64url signature of `context + text`. */
  sign(context: string, text: string): string;
}

const StoredKeySchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  d: z.string(),
});
export const SERVER_KEY_FILE = 'server-ed25519.jwk';

export async function loadServerKey(dataDir: string): Promise<ServerSigningKey> {
  const dir = join(dataDir, 'venue');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, SERVER_KEY_FILE);
  let stored = await readStored(path);
  if (stored === undefined) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = StoredKeySchema.parse(privateKey.export({ format: 'jwk' }));
    try {
      // 'wx': two instances starting together never overwrite each other's key; the loser reads the winner's.
      await writeFile(path, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
      stored = jwk;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      stored = await readStored(path);
      if (stored === undefined) throw new Error(`The server key ${path} is unreadable.`, { cause: error });
    }
  }
  const privateKey = createPrivateKey({ key: stored, format: 'jwk' });
  return {
    keyId: keyIdOf(stored.x),
    publicKey: stored.x,
    sign: (context, text) => sign(null, signedText(context, text), privateKey).toString('base64url'),
  };
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
