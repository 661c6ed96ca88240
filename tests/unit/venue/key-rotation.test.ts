import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerKey, rotateServerKey, type ServerSigningKey } from '../../../server/venue/signing-key';
import { keyIdOf, TrustPins, verifySigned } from '../../../src/main/services/venue/keys';
import { readPack } from '../../../src/main/services/venue/pack-files';
import { KEY_ROTATION_CONTEXT, PACK_ROTATIONS_FILE, type SignedRotation } from '../../../src/shared/venue/key-rotation';
import { PACK_SIGNATURE_CONTEXT, type PackManifest } from '../../../src/shared/venue/pack';

/**
 * A rotated server key: the server hands over from its old key to a new one with a statement signed by
 * the old key; a client that pinned the old key follows it and re-pins, at sign-in or from a pack that
 * carries it. Nobody without the old private key can make a client adopt another key.
 */
const SERVER = 'https://brain.example.org';
let dir: string;
let serverData: string;
let first: ServerSigningKey;
let second: ServerSigningKey;
let intruder: ServerSigningKey;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cb-key-rotation-'));
  serverData = join(dir, 'server');
  first = await loadServerKey(serverData);
  await rotateServerKey(serverData);
  second = await loadServerKey(serverData);
  intruder = await loadServerKey(join(dir, 'intruder'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const keyOf = (key: ServerSigningKey): { keyId: string; publicKey: string } => ({
  keyId: key.keyId,
  publicKey: key.publicKey,
});

async function freshPins(): Promise<TrustPins> {
  const pinsDir = await mkdtemp(join(dir, 'pins-'));
  const pins = await TrustPins.open(pinsDir);
  expect(await pins.offer(SERVER, keyOf(first))).toBe('pinned');
  return pins;
}

/** A pack folder signed by `signer`, with these rotation statements beside its manifest. */
async function packSignedBy(signer: ServerSigningKey, rotations: readonly SignedRotation[] | null): Promise<string> {
  const folder = await mkdtemp(join(dir, 'pack-'));
  const manifest: PackManifest = {
    format: 'cb-pack',
    version: 1,
    packId: randomUUID(),
    keyId: signer.keyId,
    server: SERVER,
    edition: { collectionId: randomUUID(), title: 'Johannesburg 2026' },
    languages: ['en'],
    scope: { categoryIds: [], tags: [] },
    cursor: '1.10',
    cutAt: new Date().toISOString(),
    base: null,
    rows: [],
    files: [],
  };
  const text = JSON.stringify(manifest);
  await writeFile(join(folder, 'manifest.json'), text);
  await writeFile(join(folder, 'manifest.sig'), signer.sign(PACK_SIGNATURE_CONTEXT, text));
  if (rotations !== null) await writeFile(join(folder, PACK_ROTATIONS_FILE), JSON.stringify({ rotations }));
  return folder;
}

const trustOf = (pins: TrustPins) => ({
  pinned: pins.get(SERVER),
  follow: (keyId: string, statements: readonly SignedRotation[]) => pins.follow(SERVER, keyId, statements),
});

describe('the server rotating its key', () => {
  it('makes a new key, keeps the old one aside, and publishes a statement signed by the old key', async () => {
    expect(second.keyId).not.toBe(first.keyId);
    expect(second.rotations).toHaveLength(1);
    const [statement] = second.rotations;
    expect(
      verifySigned(first.publicKey, KEY_ROTATION_CONTEXT, statement?.payload ?? '', statement?.signature ?? ''),
    ).toBe(true);
    expect(JSON.parse(statement?.payload ?? '{}')).toMatchObject({ from: first.keyId, to: keyOf(second) });
    // Relayed writes signed for the old key are still this server's.
    expect([...second.keyIds].sort()).toEqual([first.keyId, second.keyId].sort());
    expect(JSON.parse(await readFile(join(serverData, 'venue', `retired-${first.keyId}.jwk`), 'utf8'))).toMatchObject({
      x: first.publicKey,
    });
  });
});

describe('a client that pinned the old key', () => {
  it('re-pins the new key at sign-in through the signed statement, and not without it', async () => {
    const pinsDir = await mkdtemp(join(dir, 'pins-'));
    const pins = await TrustPins.open(pinsDir);
    await pins.offer(SERVER, keyOf(first));
    expect(await pins.offer(SERVER, keyOf(second))).toBe('changed');
    expect(pins.get(SERVER)?.keyId).toBe(first.keyId);
    expect(await pins.offer(SERVER, keyOf(second), second.rotations)).toBe('rotated');
    expect(pins.get(SERVER)?.keyId).toBe(second.keyId);
    expect(pins.rotations(SERVER)).toEqual(second.rotations);
    // Kept on disk: the next start knows the new key.
    const reopened = await TrustPins.open(pinsDir);
    expect(reopened.get(SERVER)?.keyId).toBe(second.keyId);
  });

  it('follows a chain of two rotations', async () => {
    const chained = join(dir, 'server-chain');
    const a = await loadServerKey(chained);
    await rotateServerKey(chained);
    await rotateServerKey(chained);
    const c = await loadServerKey(chained);
    const pins = await TrustPins.open(await mkdtemp(join(dir, 'pins-')));
    await pins.offer(SERVER, keyOf(a));
    expect(c.rotations).toHaveLength(2);
    expect(await pins.offer(SERVER, keyOf(c), [...c.rotations].reverse())).toBe('rotated');
    expect(pins.get(SERVER)?.keyId).toBe(c.keyId);
  });

  it('refuses a key handed over by anyone but the pinned key (a malicious peer cannot make one)', async () => {
    const pins = await freshPins();
    const forge = (signer: ServerSigningKey, to: { keyId: string; publicKey: string }): SignedRotation => {
      const payload = JSON.stringify({
        v: 1,
        kind: 'cb-key-rotation',
        from: first.keyId,
        to,
        rotatedAt: new Date().toISOString(),
      });
      return { payload, signature: signer.sign(KEY_ROTATION_CONTEXT, payload) };
    };
    // Signed by the intruder itself; a real statement's signature on an altered text; a key id that lies.
    const [real] = second.rotations;
    const altered = {
      payload: (real?.payload ?? '').replace(second.publicKey, intruder.publicKey),
      signature: real?.signature ?? '',
    };
    const lying = forge(first, { keyId: intruder.keyId, publicKey: second.publicKey });
    for (const statements of [[forge(intruder, keyOf(intruder))], [altered], second.rotations]) {
      expect(await pins.offer(SERVER, keyOf(intruder), statements)).toBe('changed');
    }
    expect(await pins.follow(SERVER, intruder.keyId, [lying])).toBeUndefined();
    expect(keyIdOf(second.publicKey)).not.toBe(intruder.keyId);
    // A signature made for a pack is not a rotation statement (domain separation).
    const payload = JSON.stringify({
      v: 1,
      kind: 'cb-key-rotation',
      from: first.keyId,
      to: keyOf(intruder),
      rotatedAt: new Date().toISOString(),
    });
    const crossed = { payload, signature: first.sign(PACK_SIGNATURE_CONTEXT, payload) };
    expect(await pins.follow(SERVER, intruder.keyId, [crossed])).toBeUndefined();
    expect(pins.get(SERVER)?.keyId).toBe(first.keyId);
  });
});

describe('a pack signed by the new key, on a laptop offline since the rotation', () => {
  it('is accepted through the statements it carries, and re-pins', async () => {
    const pins = await freshPins();
    const folder = await packSignedBy(second, second.rotations);
    const read = await readPack(folder, trustOf(pins));
    expect(read.manifest.keyId).toBe(second.keyId);
    expect(pins.get(SERVER)?.keyId).toBe(second.keyId);
  });

  it('is refused without them, and a pack by an unknown key with a forged chain is refused, naming why', async () => {
    const pins = await freshPins();
    await expect(readPack(await packSignedBy(second, null), trustOf(pins))).rejects.toMatchObject({
      code: 'pack-foreign-server',
      message: expect.stringMatching(/never handed over/u) as unknown,
    });
    const selfSigned = {
      payload: JSON.stringify({
        v: 1,
        kind: 'cb-key-rotation',
        from: first.keyId,
        to: keyOf(intruder),
        rotatedAt: new Date().toISOString(),
      }),
      signature: '',
    };
    selfSigned.signature = intruder.sign(KEY_ROTATION_CONTEXT, selfSigned.payload);
    await expect(
      readPack(await packSignedBy(intruder, [...second.rotations, selfSigned]), trustOf(pins)),
    ).rejects.toMatchObject({ code: 'pack-foreign-server' });
    expect(pins.get(SERVER)?.keyId).toBe(first.keyId);
  });
});
