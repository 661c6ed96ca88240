import { rename } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../../fs/atomic-write';
import { readJsonFile } from '../../fs/json-file';

export const QueuedDownloadSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mime: z.string().min(1),
  pinned: z.boolean(),
  groups: z.array(z.string().min(1)),
});
export type QueuedDownload = z.infer<typeof QueuedDownloadSchema>;

const QueueFileSchema = z.object({ version: z.literal(1), items: z.array(QueuedDownloadSchema) });

export interface QueueLoad {
  readonly items: QueuedDownload[];
  /** The file could not be read: it was set aside here, and the queue starts empty. */
  readonly setAside?: string;
}

/**
 * The downloads that are not finished, on disk (`files/queue.json`), so that a restart continues them: the
 * queued ones, those under way (their bytes so far wait in `partial/`), and those that stopped for a reason
 * that passes (offline, signed out). Written atomically, one write at a time, the latest list winning.
 */
export class DownloadQueueFile {
  private chain: Promise<void> = Promise.resolve();
  private latest: readonly QueuedDownload[] | undefined;

  constructor(private readonly path: string) {}

  async load(now: () => number = Date.now): Promise<QueueLoad> {
    const read = await readJsonFile(this.path, QueueFileSchema);
    if (read.kind === 'loaded') return { items: read.value.items };
    if (read.kind === 'missing') return { items: [] };
    // Kept aside, never overwritten: what was queued can still be read there; the documents can be asked again.
    const setAside = `${this.path}.corrupt-${now()}`;
    await rename(this.path, setAside).catch(() => undefined);
    return { items: [], setAside };
  }

  /** Replaces the stored list; calls made while a write waits share the next one. */
  save(items: readonly QueuedDownload[]): Promise<void> {
    const pending = this.latest !== undefined;
    this.latest = items;
    if (pending) return this.chain;
    this.chain = this.chain.then(async () => {
      const snapshot = this.latest ?? [];
      this.latest = undefined;
      await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, items: snapshot })}\n`);
    });
    this.chain = this.chain.catch((error: unknown) => console.error('could not save the download queue', error));
    return this.chain;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}
