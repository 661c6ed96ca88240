import { randomBytes, randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CallInput, CallOutput, SaveBegin } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/uploads';
import type { Host } from '../../host/host';
import { isDiskFullError, nodeDiskIo, syncDirectory, type DiskIo } from '../downloads/disk-io';

interface Saving {
  readonly id: string;
  readonly path: string;
  readonly temp: string;
  readonly size: number;
  readonly handle: FileHandle;
  written: number;
  nextIndex: number;
  touchedAt: number;
  /** Operations on one save run one after the other, whatever the renderer does. */
  tail: Promise<unknown>;
}

export interface SaveServiceOptions {
  readonly host: Pick<Host, 'saveDialog'>;
  /** A save the renderer stopped sending (a closed window) is dropped after this. Default 10 min. */
  readonly idleMs?: number;
  readonly io?: Partial<DiskIo>;
  readonly now?: () => number;
}

/**
 * Files the renderer made (exports, citation files), saved where the user
 * chose. The bytes go to a temp file beside the target and are renamed over it
 * once complete and on disk, so the chosen path holds either what was there
 * before or the whole new file, never a part.
 */
export class SaveService {
  private readonly saving = new Map<string, Saving>();
  private readonly io: DiskIo;
  private readonly now: () => number;

  constructor(private readonly options: SaveServiceOptions) {
    this.io = { ...nodeDiskIo, ...options.io };
    this.now = options.now ?? Date.now;
  }

  async begin(request: CallInput<'exports', 'saveBegin'>): Promise<SaveBegin> {
    await this.sweep();
    const dialog = this.options.host.saveDialog;
    if (dialog === undefined) return { kind: 'browser' };
    const path = await dialog({ fileName: request.fileName, filter: request.filter });
    if (path === null) return { kind: 'cancelled' };
    const dir = dirname(path);
    const free = await this.io.freeBytes(dir).catch((error: unknown) => {
      throw new AppError('storage-failed', `Cannot write to ${dir}: ${(error as Error).message}`, { cause: error });
    });
    if (free < request.size) throw new AppError('disk-full', `Needs ${request.size} bytes, ${free} free.`);
    const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
    let handle: FileHandle;
    try {
      handle = await open(temp, 'wx', 0o644);
    } catch (error) {
      throw new AppError('storage-failed', `Cannot write to ${dir}: ${(error as Error).message}`, { cause: error });
    }
    const id = randomUUID();
    this.saving.set(id, {
      id,
      path,
      temp,
      size: request.size,
      handle,
      written: 0,
      nextIndex: 0,
      touchedAt: this.now(),
      tail: Promise.resolve(),
    });
    return { kind: 'chosen', saveId: id, chunkBytes: UPLOAD_CHUNK_BYTES, path };
  }

  /** Appends chunk `index` (in order, each once); resolves with the bytes written so far. */
  chunk(input: CallInput<'exports', 'saveChunk'>): Promise<CallOutput<'exports', 'saveChunk'>> {
    const bytes = Buffer.from(input.data, 'base64');
    return this.serialized(input.saveId, async (saving) => {
      if (input.index !== saving.nextIndex) {
        throw new AppError('conflict', `Expected chunk ${saving.nextIndex}, got ${input.index}.`);
      }
      if (saving.written + bytes.byteLength > saving.size) {
        await this.discard(saving);
        throw new AppError('invalid-arguments', `More bytes than the ${saving.size} announced.`);
      }
      try {
        await this.io.writeChunk(saving.handle, bytes);
      } catch (error) {
        await this.discard(saving);
        if (isDiskFullError(error)) throw new AppError('disk-full', 'The disk is full.', { cause: error });
        throw new AppError('storage-failed', `Could not write the file: ${(error as Error).message}`, { cause: error });
      }
      saving.written += bytes.byteLength;
      saving.nextIndex += 1;
      return { writtenBytes: saving.written };
    });
  }

  /** The file takes its place: made durable, then renamed over the chosen path. */
  commit(input: CallInput<'exports', 'saveCommit'>): Promise<CallOutput<'exports', 'saveCommit'>> {
    return this.serialized(input.saveId, async (saving) => {
      if (saving.written !== saving.size) {
        await this.discard(saving);
        throw new AppError('invalid-arguments', `Received ${saving.written} of ${saving.size} bytes.`);
      }
      this.saving.delete(saving.id);
      try {
        await saving.handle.sync();
        await saving.handle.close();
        await rename(saving.temp, saving.path);
        await syncDirectory(dirname(saving.path));
      } catch (error) {
        await saving.handle.close().catch(() => undefined);
        await rm(saving.temp, { force: true });
        if (isDiskFullError(error)) throw new AppError('disk-full', 'The disk is full.', { cause: error });
        throw new AppError('storage-failed', `Could not save the file: ${(error as Error).message}`, { cause: error });
      }
      return { path: saving.path };
    });
  }

  async abort(input: CallInput<'exports', 'saveAbort'>): Promise<null> {
    const saving = this.saving.get(input.saveId);
    if (saving !== undefined) {
      await saving.tail.catch(() => undefined);
      await this.discard(saving);
    }
    return null;
  }

  /** Drops every save under way (the app is closing). */
  async close(): Promise<void> {
    for (const id of [...this.saving.keys()]) await this.abort({ saveId: id });
  }

  private serialized<T>(id: string, run: (saving: Saving) => Promise<T>): Promise<T> {
    const saving = this.saving.get(id);
    if (saving === undefined) {
      return Promise.reject(new AppError('not-found', 'This save is unknown or was abandoned; export again.'));
    }
    saving.touchedAt = this.now();
    const next = saving.tail
      .catch(() => undefined)
      .then(() => {
        if (this.saving.get(id) !== saving) throw new AppError('not-found', 'This save was abandoned; export again.');
        return run(saving);
      });
    saving.tail = next;
    return next;
  }

  private async sweep(): Promise<void> {
    const limit = this.options.idleMs ?? 10 * 60_000;
    for (const saving of [...this.saving.values()]) {
      if (this.now() - saving.touchedAt > limit) await this.abort({ saveId: saving.id });
    }
  }

  private async discard(saving: Saving): Promise<void> {
    if (this.saving.get(saving.id) === saving) this.saving.delete(saving.id);
    await saving.handle.close().catch(() => undefined);
    await rm(saving.temp, { force: true });
  }
}
