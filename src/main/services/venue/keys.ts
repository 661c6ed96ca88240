import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { followRotations, SignedRotationSchema, type SignedRotation } from '../../../shared/venue/key-rotation';
import { KeyIdSchema, ServerKeySchema, signedText, type ServerKey } from '../../../shared/venue/pack';
import { writeFileAtomic } from '../../fs/atomic-write';
import { readJsonFile } from '../../fs/json-file';
import type { SecretStore } from '../../host/host';

/** Ed25519 verification with a raw public key (base64url); false for anything malformed. */
export function verifySigned(publicKey: string, context: string, text: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    return verify(null, signedText(context, text), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

export function keyIdOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16);
}

const PinsSchema = z.record(
  z.string(),
  ServerKeySchema.extend({
    pinnedAt: z.string(),
    /** The verified statements from the first pinned key to this one (packs carry them to other laptops). */
    rotations: z.array(SignedRotationSchema).optional(),
  }),
);

/**
 * The servers' public keys this computer learned at sign-in, by server
 * address. The first key seen for an address is kept (trust on first use);
 * a different one later is reported, never silently adopted.
 */
export class TrustPins {
  private constructor(
    private readonly path: string,
    private pins: z.infer<typeof PinsSchema>,
  ) {}

  static async open(dir: string): Promise<TrustPins> {
    const path = join(dir, 'pins.json');
    const read = await readJsonFile(path, PinsSchema);
    return new TrustPins(path, read.kind === 'loaded' ? read.value : {});
  }

  get(serverUrl: string): ServerKey | undefined {
    const pin = this.pins[originOf(serverUrl)];
    return pin === undefined ? undefined : { keyId: pin.keyId, publicKey: pin.publicKey };
  }

  /** The rotation statements that led from the first pinned key to the current one. */
  rotations(serverUrl: string): readonly SignedRotation[] {
    return this.pins[originOf(serverUrl)]?.rotations ?? [];
  }

  /**
   * Pins the key if the address has none. Another key is adopted only through a chain of rotation
   * statements, each signed by the key before it, from the pinned one ('rotated'); otherwise it is
   * 'changed' and the pin stays as it was.
   */
  async offer(
    serverUrl: string,
    key: ServerKey,
    statements: readonly SignedRotation[] = [],
  ): Promise<'pinned' | 'same' | 'rotated' | 'changed'> {
    if (keyIdOf(key.publicKey) !== key.keyId || !KeyIdSchema.safeParse(key.keyId).success) return 'changed';
    const origin = originOf(serverUrl);
    const current = this.pins[origin];
    if (current === undefined) {
      await this.save(origin, { ...key, pinnedAt: new Date().toISOString() });
      return 'pinned';
    }
    if (current.publicKey === key.publicKey) return 'same';
    const followed = await this.follow(serverUrl, key.keyId, statements);
    return followed?.publicKey === key.publicKey ? 'rotated' : 'changed';
  }

  /**
   * The key `keyId` if the pinned key hands over to it through these statements (then it is
   * pinned instead, with the chain); undefined otherwise. A pack on a drive brings the statements
   * along, so a laptop offline since the rotation still accepts the server's new packs.
   */
  async follow(
    serverUrl: string,
    keyId: string,
    statements: readonly SignedRotation[],
  ): Promise<ServerKey | undefined> {
    const origin = originOf(serverUrl);
    const current = this.pins[origin];
    if (current === undefined) return undefined;
    if (current.keyId === keyId) return { keyId: current.keyId, publicKey: current.publicKey };
    const followed = followRotations(current, statements, keyId, verifySigned);
    if (followed === null || keyIdOf(followed.key.publicKey) !== followed.key.keyId) return undefined;
    await this.save(origin, {
      ...followed.key,
      pinnedAt: new Date().toISOString(),
      rotations: [...(current.rotations ?? []), ...followed.chain],
    });
    return followed.key;
  }

  private async save(origin: string, pin: z.infer<typeof PinsSchema>[string]): Promise<void> {
    this.pins = { ...this.pins, [origin]: pin };
    await writeFileAtomic(this.path, `${JSON.stringify(this.pins, null, 2)}\n`);
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

const DeviceKeySchema = z.strictObject({ deviceId: z.uuid(), x: z.string(), d: z.string() });

export interface DeviceKey {
  readonly deviceId: string;
  readonly publicKey: string;
  sign(context: string, text: string): string;
}

/**
 * This computer's signing key for one account: made on first use and kept in
 * the host's secret store (safeStorage in Electron), never on a drive or the wire.
 */
export async function deviceKeyFor(secrets: SecretStore, userId: string): Promise<DeviceKey> {
  const name = `venue-device:${userId}`;
  const stored = await secrets.get(name);
  let key = stored === null ? undefined : DeviceKeySchema.safeParse(safeJson(stored)).data;
  if (key === undefined) {
    const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    key = { deviceId: randomUUID(), x: String(jwk.x), d: String(jwk.d) };
    await secrets.set(name, JSON.stringify(key));
  }
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x, d: key.d }, format: 'jwk' });
  return {
    deviceId: key.deviceId,
    publicKey: key.x,
    sign: (context, text) => sign(null, signedText(context, text), privateKey).toString('base64url'),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function forgetDeviceKey(secrets: SecretStore, userId: string): Promise<void> {
  await secrets.delete(`venue-device:${userId}`);
}
