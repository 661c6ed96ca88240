import { createHash, randomUUID, type Hash } from 'node:crypto';
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/result';
import { isDiskFullError, nodeDiskIo, type DiskIo } from '../downloads/disk-io';

/** A file complete on disk, with the sha256 of exactly its bytes. */
export interface ReceivedFile {
  readonly sha256: string;
  readonly path: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
}

interface Incoming {
  readonly id: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly path: string;
  readonly handle: FileHandle;
  readonly hash: Hash;
  received: number;
  nextIndex: number;
  touchedAt: number;
  /** Operations on one upload run one after the other, whatever the renderer does. */
  tail: Promise<unknown>;
}

export interface IncomingOptions {
  /** At most this many files being received at once. Default 8. */
  readonly maxOpen?: number;
  /** A file the renderer stopped sending (a closed window) is dropped after this. Default 10 min. */
  readonly idleMs?: number;
  readonly io?: Partial<DiskIo>;
  readonly now?: () => number;
}

/**
 * Files arriving from the renderer in ordered chunks: each is appended to a temp
 * file in the profile while its sha256 is computed, so committing needs no second read.
 */
export class IncomingFiles {
  private readonly open = new Map<string, Incoming>();
  private readonly io: DiskIo;
  private readonly now: () => number;

  private constructor(
    private readonly dir: string,
    private readonly options: IncomingOptions,
  ) {
    this.io = { ...nodeDiskIo, ...options.io };
    this.now = options.now ?? Date.now;
  }

  /** Leftovers from a previous run cannot be finished (their sender is gone): they are removed. */
  static async open(dir: string, options: IncomingOptions = {}): Promise<IncomingFiles> {
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) await rm(join(dir, name), { force: true, recursive: true });
    return new IncomingFiles(dir, options);
  }

  async begin(meta: { name: string; mime: string; size: number }): Promise<string> {
    await this.sweep();
    if (this.open.size >= (this.options.maxOpen ?? 8)) {
      throw new AppError('rate-limited', 'Too many files are being attached at once; wait for one to finish.');
    }
    const free = await this.io.freeBytes(this.dir);
    if (free < meta.size) throw new AppError('disk-full', `Needs ${meta.size} bytes, ${free} free.`);
    const id = randomUUID();
    const path = join(this.dir, `${id}.upload`);
    const handle = await open(path, 'wx', 0o600);
    this.open.set(id, {
      id,
      ...meta,
      path,
      handle,
      hash: createHash('sha256'),
      received: 0,
      nextIndex: 0,
      touchedAt: this.now(),
      tail: Promise.resolve(),
    });
    return id;
  }

  /** Appends chunk `index` (they come in order, each once); resolves with the bytes received so far. */
  chunk(id: string, index: number, bytes: Uint8Array): Promise<number> {
    return this.serialized(id, async (incoming) => {
      if (index !== incoming.nextIndex) {
        throw new AppError('conflict', `Expected chunk ${incoming.nextIndex}, got ${index}.`);
      }
      if (incoming.received + bytes.byteLength > incoming.size) {
        await this.discard(incoming);
        throw new AppError('invalid-arguments', `More bytes than the ${incoming.size} announced.`);
      }
      try {
        await this.io.writeChunk(incoming.handle, bytes);
      } catch (error) {
        await this.discard(incoming);
        if (isDiskFullError(error)) throw new AppError('disk-full', 'The disk is full.', { cause: error });
        throw new AppError('storage-failed', `Could not keep the file: ${(error as Error).message}`, { cause: error });
      }
      // Only bytes safely written enter the hash, so the hash always matches the file.
      incoming.hash.update(bytes);
      incoming.received += bytes.byteLength;
      incoming.nextIndex += 1;
      return incoming.received;
    });
  }

  /** Finishes a file: made durable, its hash final. The caller takes the file from here. */
  commit(id: string): Promise<ReceivedFile> {
    return this.serialized(id, async (incoming) => {
      if (incoming.received !== incoming.size) {
        await this.discard(incoming);
        throw new AppError('invalid-arguments', `Received ${incoming.received} of ${incoming.size} bytes.`);
      }
      this.open.delete(id);
      try {
        await incoming.handle.sync();
      } finally {
        await incoming.handle.close();
      }
      const { name, mime, size, path } = incoming;
      return { sha256: incoming.hash.digest('hex'), path, name, mime, size };
    });
  }

  /** Drops a file being received; unknown ids are fine (already gone). */
  async abort(id: string): Promise<void> {
    const incoming = this.open.get(id);
    if (incoming === undefined) return;
    await incoming.tail.catch(() => undefined);
    await this.discard(incoming);
  }

  async close(): Promise<void> {
    for (const id of [...this.open.keys()]) await this.abort(id);
  }

  private serialized<T>(id: string, run: (incoming: Incoming) => Promise<T>): Promise<T> {
    const incoming = this.open.get(id);
    if (incoming === undefined) {
      return Promise.reject(
        new AppError('not-found', 'This upload is unknown or was abandoned; attach the file again.'),
      );
    }
    incoming.touchedAt = this.now();
    const next = incoming.tail
      .catch(() => undefined)
      .then(() => {
        if (this.open.get(id) !== incoming) {
          throw new AppError('not-found', 'This upload was abandoned; attach the file again.');
        }
        return run(incoming);
      });
    incoming.tail = next;
    return next;
  }

  private async sweep(): Promise<void> {
    const limit = this.options.idleMs ?? 10 * 60_000;
    for (const incoming of [...this.open.values()]) {
      if (this.now() - incoming.touchedAt > limit) await this.abort(incoming.id);
    }
  }

  private async discard(incoming: Incoming): Promise<void> {
    if (this.open.get(incoming.id) === incoming) this.open.delete(incoming.id);
    await incoming.handle.close().catch(() => undefined);
    await rm(incoming.path, { force: true });
  }
}
