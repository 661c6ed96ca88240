import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Immutable blobs addressed by their sha256. A local folder by default; an
 * S3-compatible store can implement the same interface.
 */
export interface BlobStore {
  /** Size in bytes, or undefined when the blob is not stored. */
  size(sha256: string): Promise<number | undefined>;
  /**
   * Stores the stream if its sha256 is `expected` and it fits in `maxBytes`.
   * A blob already stored is never overwritten.
   */
  put(source: Readable, expected: string, maxBytes: number): Promise<PutResult>;
  /** Reads the whole blob or the inclusive byte range [start, end]. */
  read(sha256: string, range?: { start: number; end: number }): Readable;
  /** Removes a blob (the collector's job); a missing one is already gone. */
  delete(sha256: string): Promise<void>;
  /** Every stored blob with the time it was last written, and unfinished uploads older than `staleBefore` (removed). */
  sweep(staleBefore: Date): AsyncIterable<{ sha256: string; modifiedAt: Date }>;
}

export type PutResult =
  | { readonly ok: true; readonly created: boolean; readonly size: number }
  | { readonly ok: false; readonly reason: 'hash-mismatch' | 'too-large'; readonly actual?: string };

const SHA256 = /^[0-9a-f]{64}$/u;

class TooLarge extends Error {}

export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    // Paths are built only from a validated hex digest: nothing can escape the root.
    if (!SHA256.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async size(sha256: string): Promise<number | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return undefined;
    }
  }

  async put(source: Readable, expected: string, maxBytes: number): Promise<PutResult> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) {
          callback(new TooLarge());
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      if (error instanceof TooLarge) {
        source.resume();
        return { ok: false, reason: 'too-large' };
      }
      throw error;
    }
    const actual = hash.digest('hex');
    if (actual !== expected) {
      await unlink(tmp).catch(() => undefined);
      return { ok: false, reason: 'hash-mismatch', actual };
    }
    const final = this.pathOf(actual);
    await mkdir(path.dirname(final), { recursive: true });
    let created = true;
    try {
      // link() fails if the target exists: an atomic "never overwrite".
      await link(tmp, final);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      created = false;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    return { ok: true, created, size };
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(sha256), range);
  }

  async delete(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }

  async *sweep(staleBefore: Date): AsyncIterable<{ sha256: string; modifiedAt: Date }> {
    const tmpDir = path.join(this.root, 'tmp');
    for (const name of await listDir(tmpDir)) {
      const file = path.join(tmpDir, name);
      const info = await stat(file).catch(() => undefined);
      // An upload that stopped midway (a crash) leaves its part behind.
      if (info !== undefined && info.mtime < staleBefore) await unlink(file).catch(() => undefined);
    }
    for (const fan of await listDir(this.root)) {
      if (!/^[0-9a-f]{2}$/u.test(fan)) continue;
      for (const name of await listDir(path.join(this.root, fan))) {
        if (!SHA256.test(name) || !name.startsWith(fan)) continue;
        const info = await stat(path.join(this.root, fan, name)).catch(() => undefined);
        if (info !== undefined) yield { sha256: name, modifiedAt: info.mtime };
      }
    }
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
