import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ERROR_CODES } from '../../../shared/result';
import { writeFileAtomic } from '../../fs/atomic-write';
import { readJsonFile } from '../../fs/json-file';

export const UPLOAD_QUEUE_FILE = 'queue.json';
/** Finished uploads are remembered this long (the editor shows them as uploaded), then forgotten. */
const KEEP_UPLOADED_MS = 30 * 24 * 3_600_000;

const QueueEntrySchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/u),
  name: z.string().min(1).max(255),
  mime: z.string().min(1).max(100),
  size: z.number().int().nonnegative(),
  /** Never `uploading` on disk: an upload cut short by a crash simply goes again. */
  status: z.enum(['queued', 'uploaded', 'failed']),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).optional(),
  /** The account that attached it: only that account's session sends it. Unknown after a rebuilt queue. */
  owner: z.string().min(1).max(100).optional(),
  addedAt: z.iso.datetime(),
  uploadedAt: z.iso.datetime().optional(),
});
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

const QueueFileSchema = z.object({ version: z.literal(1), uploads: z.array(QueueEntrySchema) });

export interface QueueLoadReport {
  /** The file could not be read as a queue: where it was set aside. */
  readonly setAside?: string;
}

/**
 * The files waiting to go to the server, persisted in `<userData>/uploads/queue.json`.
 * Writes are atomic and never overlap; a file that does not validate is renamed
 * aside (never overwritten) and the queue starts again, as settings do.
 */
export class UploadQueue {
  private chain: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;

  private constructor(
    private readonly path: string,
    private readonly entries: Map<string, QueueEntry>,
  ) {}

  static async open(dir: string, now = Date.now()): Promise<{ queue: UploadQueue; report: QueueLoadReport }> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, UPLOAD_QUEUE_FILE);
    const read = await readJsonFile(path, QueueFileSchema);
    const entries = new Map<string, QueueEntry>();
    let report: QueueLoadReport = {};
    if (read.kind === 'corrupt') {
      const aside = join(dir, `queue.corrupt-${new Date(now).toISOString().replace(/[:.]/gu, '-')}.json`);
      await rename(path, aside);
      report = { setAside: aside };
    } else if (read.kind === 'loaded') {
      for (const entry of read.value.uploads) {
        const stale =
          entry.status === 'uploaded' && now - Date.parse(entry.uploadedAt ?? entry.addedAt) > KEEP_UPLOADED_MS;
        if (!stale) entries.set(entry.sha256, entry);
      }
    }
    const queue = new UploadQueue(path, entries);
    if (read.kind !== 'loaded' || entries.size !== read.value.uploads.length) await queue.save();
    return { queue, report };
  }

  get(sha256: string): QueueEntry | undefined {
    const entry = this.entries.get(sha256);
    return entry === undefined ? undefined : { ...entry };
  }

  list(): QueueEntry[] {
    return [...this.entries.values()].map((entry) => ({ ...entry }));
  }

  set(entry: QueueEntry): void {
    this.entries.set(entry.sha256, QueueEntrySchema.parse(entry));
  }

  /** True when it was in the queue. */
  delete(sha256: string): boolean {
    return this.entries.delete(sha256);
  }

  /**
   * Writes the queue atomically. Calls made while a write waits to start share it:
   * the snapshot is taken when the write begins, so the last state always lands.
   */
  save(): Promise<void> {
    if (this.pending !== undefined) return this.pending;
    const run = this.chain.then(async () => {
      this.pending = undefined;
      const file = { version: 1 as const, uploads: [...this.entries.values()] };
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
    });
    this.pending = run;
    this.chain = run.catch(() => undefined);
    return run;
  }
}
