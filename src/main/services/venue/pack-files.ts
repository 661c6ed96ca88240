import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  PACK_MANIFEST_FILE,
  PACK_SIGNATURE_CONTEXT,
  PACK_SIGNATURE_FILE,
  PackManifestSchema,
  type PackManifest,
  type ServerKey,
} from '../../../shared/venue/pack';
import { KeyRotationsSchema, PACK_ROTATIONS_FILE, type SignedRotation } from '../../../shared/venue/key-rotation';
import { AppError } from '../../../shared/result';
import type { DownloadManager } from '../downloads';
import { isDiskFullError } from '../downloads/disk-io';
import { verifySigned } from './keys';

/**
 * The writes packs and archives make to a drive or the data folder, behind a seam so a
 * test can make the disk full exactly there (docs/venue.md: nothing is left half-written).
 */
export interface VenueFs {
  writeFile(path: string, text: string): Promise<void>;
  appendFile(path: string, text: string): Promise<void>;
  /** A stream that appends to `path` (a copy resumes where it stopped). */
  appendStream(path: string): Writable;
}

export const nodeVenueFs: VenueFs = {
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  appendFile: (path, text) => appendFile(path, text, 'utf8'),
  appendStream: (path) => createWriteStream(path, { flags: 'a' }),
};

/** A full disk (ENOSPC, or a quota) is named as such; any other failure keeps its own code. */
export function diskFullOr(error: unknown, otherwise: (error: unknown) => AppError): AppError {
  return isDiskFullError(error) ? new AppError('disk-full', 'The disk is full.', { cause: error }) : otherwise(error);
}

export interface ReadPack {
  readonly manifest: PackManifest;
  readonly manifestText: string;
  readonly signature: string;
}

const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

/**
 * Reads a pack's manifest and checks it against the key pinned for the
 * account's server, with a named refusal for each way it can fail.
 */
/** What a pack is checked against: the pinned key, and the way to a newer key through rotation statements. */
export interface PackTrust {
  readonly pinned: ServerKey | undefined;
  follow(keyId: string, statements: readonly SignedRotation[]): Promise<ServerKey | undefined>;
}

export async function readPack(dir: string, trust: PackTrust): Promise<ReadPack> {
  const { pinned } = trust;
  let manifestText: string;
  let signature: string;
  try {
    const info = await stat(join(dir, PACK_MANIFEST_FILE));
    if (info.size > MAX_MANIFEST_BYTES) throw new Error('manifest too large');
    manifestText = await readFile(join(dir, PACK_MANIFEST_FILE), 'utf8');
    signature = (await readFile(join(dir, PACK_SIGNATURE_FILE), 'utf8')).trim();
  } catch (error) {
    throw new AppError('pack-unreadable', `No edition pack in ${dir}.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(manifestText);
  } catch {
    throw new AppError('pack-unreadable', 'The pack manifest is not JSON.');
  }
  const keyId = typeof json === 'object' && json !== null && 'keyId' in json ? String(json.keyId) : '';
  if (pinned === undefined) {
    throw new AppError(
      'pack-server-unknown',
      'Sign in once to the server this pack comes from, so this computer knows its key.',
    );
  }
  // A newer key of the same server is accepted only through statements signed by the pinned key.
  const key = keyId === pinned.keyId ? pinned : await trust.follow(keyId, await readRotations(dir));
  if (key === undefined) {
    throw new AppError(
      'pack-foreign-server',
      'This pack was signed by a key your server never handed over to: another server, or a forgery.',
    );
  }
  if (
    !/^[A-Za-z0-9_-]{40,100}$/u.test(signature) ||
    !verifySigned(key.publicKey, PACK_SIGNATURE_CONTEXT, manifestText, signature)
  ) {
    throw new AppError('pack-bad-signature', 'The pack manifest was changed after the server signed it.');
  }
  const parsed = PackManifestSchema.safeParse(json);
  if (!parsed.success) throw new AppError('pack-unreadable', `This pack is in a format this app does not read.`);
  return { manifest: parsed.data, manifestText, signature };
}

/** The rotation statements a pack carries (none when absent or unreadable: the pack is then judged without them). */
async function readRotations(dir: string): Promise<SignedRotation[]> {
  try {
    const path = join(dir, PACK_ROTATIONS_FILE);
    if ((await stat(path)).size > MAX_MANIFEST_BYTES) return [];
    return KeyRotationsSchema.parse(JSON.parse(await readFile(path, 'utf8'))).rotations;
  } catch {
    return [];
  }
}

/** Every file the manifest lists is there with its size (hashes are checked while copying). */
export async function checkPresent(dir: string, manifest: PackManifest): Promise<void> {
  const listed = [
    ...manifest.rows.map((rows) => ({ path: rows.path, size: rows.size })),
    ...manifest.files.map((file) => ({ path: `files/${file.sha256}`, size: file.size })),
  ];
  for (const { path, size } of listed) {
    const info = await stat(join(dir, path)).catch(() => undefined);
    if (info?.size !== size)
      throw new AppError('pack-tampered', `The pack's file ${path} is missing or has the wrong size.`);
  }
}

/**
 * Copies `source` to `target`, hashing as it goes, and resumes a `target`
 * left by an interrupted copy (its bytes are hashed first). The result is
 * the file only if its sha256 is `expected`; otherwise it is deleted and the
 * copy refused. A full disk deletes the partial file.
 */
export async function copyVerified(
  source: string,
  target: string,
  expected: { sha256: string; size: number; label: string },
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void; fs?: VenueFs } = {},
): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const hash = createHash('sha256');
  let done = 0;
  const existing = await stat(target).catch(() => undefined);
  if (existing !== undefined && existing.size <= expected.size) {
    for await (const chunk of createReadStream(target)) hash.update(chunk as Buffer);
    done = existing.size;
  } else if (existing !== undefined) {
    await rm(target, { force: true });
  }
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      if (done > expected.size) {
        callback(new AppError('pack-tampered', `The pack's file ${expected.label} is larger than its manifest says.`));
        return;
      }
      hash.update(chunk);
      options.onBytes?.(chunk.length);
      callback(null, chunk);
    },
  });
  try {
    if (done < expected.size) {
      const streams = [
        createReadStream(source, { start: done }),
        meter,
        (options.fs ?? nodeVenueFs).appendStream(target),
      ] as const;
      if (options.signal === undefined) await pipeline(...streams);
      else await pipeline(...streams, { signal: options.signal });
    }
  } catch (error) {
    if (isDiskFullError(error)) {
      await rm(target, { force: true });
      throw new AppError('disk-full', 'The disk is full.', { cause: error });
    }
    if (error instanceof AppError) {
      await rm(target, { force: true });
      throw error;
    }
    if (options.signal?.aborted === true) throw new AppError('cancelled', 'Cancelled.', { cause: error });
    throw new AppError('pack-unreadable', `Could not read ${expected.label} from the pack.`, { cause: error });
  }
  const actual = hash.digest('hex');
  if (done !== expected.size || actual !== expected.sha256) {
    await rm(target, { force: true });
    throw new AppError('pack-tampered', `The pack's file ${expected.label} is not the one the server signed.`);
  }
}

export function sha256Of(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Downloads into the document store the files this computer lacks (pinned, in `group`); refuses if one fails. */
export async function ensureStored(
  downloads: DownloadManager,
  files: readonly { sha256: string; size: number; mime: string }[],
  group: string,
  signal: AbortSignal,
): Promise<void> {
  const missing = files.filter((file) => downloads.state(file.sha256)?.status !== 'done');
  if (missing.length === 0) return;
  await downloads.enqueue(missing.map((file) => ({ ...file, pinned: true, groups: [group] })));
  await Promise.race([
    downloads.whenIdle(),
    new Promise((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(new AppError('cancelled', 'Cancelled.'))),
    ),
  ]);
  const failed = missing.find((file) => downloads.state(file.sha256)?.status !== 'done');
  if (failed !== undefined) {
    const error = downloads.state(failed.sha256)?.error;
    throw new AppError(error?.code ?? 'unavailable', error?.message ?? 'A document could not be downloaded.');
  }
}
