import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../fs/atomic-write';
import { readJsonFile } from '../../fs/json-file';
import { isSha256, type StoreLayout } from './store-paths';

const BlobEntrySchema = z.object({
  size: z.number().int().nonnegative(),
  mime: z.string(),
  pinned: z.boolean(),
  /** Epoch ms; drives least-recently-used eviction. */
  lastAccessAt: z.number(),
  addedAt: z.number(),
  /** Editions, collections... the blob was made available offline for. */
  groups: z.array(z.string()),
});

const ManifestFileSchema = z.object({
  version: z.literal(1),
  blobs: z.record(z.string().regex(/^[0-9a-f]{64}$/), BlobEntrySchema),
});

export type BlobEntry = z.infer<typeof BlobEntrySchema>;

export const UNKNOWN_MIME = 'application/octet-stream';

export interface ManifestLoadReport {
  /** The file was unreadable or invalid, and was set aside and rebuilt from the blobs on disk. */
  readonly rebuilt: boolean;
  /** Blobs found on disk without an entry (a crash between rename and manifest write). */
  readonly adopted: readonly string[];
  /** Entries whose blob was gone from disk. */
  readonly dropped: readonly string[];
}

/**
 * What the store knows about each verified blob. The blobs on disk are the truth: the
 * manifest adds metadata (mime, pin, groups, access time) and is reconciled with the
 * disk on every load, so a lost or corrupt manifest never loses a document.
 */
export class Manifest {
  private readonly blobs: Map<string, BlobEntry>;
  private chain: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;

  private constructor(
    private readonly layout: StoreLayout,
    blobs: Map<string, BlobEntry>,
  ) {
    this.blobs = blobs;
  }

  static async load(layout: StoreLayout): Promise<{ manifest: Manifest; report: ManifestLoadReport }> {
    await mkdir(layout.partialDir, { recursive: true });
    const read = await readJsonFile(layout.manifestPath, ManifestFileSchema);
    const blobs = new Map<string, BlobEntry>(read.kind === 'loaded' ? Object.entries(read.value.blobs) : []);
    const corrupt = read.kind === 'corrupt';
    if (corrupt) {
      // Kept aside rather than deleted: it may help to understand what went wrong.
      await rename(layout.manifestPath, `${layout.manifestPath}.corrupt-${Date.now()}`).catch(() => undefined);
    }
    const onDisk = await scanBlobs(layout);
    const adopted: string[] = [];
    const dropped: string[] = [];
    for (const sha of [...blobs.keys()]) {
      if (!onDisk.has(sha)) {
        blobs.delete(sha);
        dropped.push(sha);
      }
    }
    for (const [sha, file] of onDisk) {
      const entry = blobs.get(sha);
      if (entry === undefined) {
        blobs.set(sha, {
          size: file.size,
          mime: UNKNOWN_MIME,
          pinned: false,
          lastAccessAt: file.mtimeMs,
          addedAt: file.mtimeMs,
          groups: [],
        });
        adopted.push(sha);
      } else if (entry.size !== file.size) {
        entry.size = file.size;
      }
    }
    const manifest = new Manifest(layout, blobs);
    if (corrupt || adopted.length > 0 || dropped.length > 0) await manifest.save();
    return { manifest, report: { rebuilt: corrupt, adopted, dropped } };
  }

  get(sha256: string): Readonly<BlobEntry> | undefined {
    return this.blobs.get(sha256);
  }

  entries(): [string, Readonly<BlobEntry>][] {
    return [...this.blobs.entries()];
  }

  set(sha256: string, entry: BlobEntry): void {
    this.blobs.set(sha256, { ...entry, groups: [...new Set(entry.groups)] });
  }

  delete(sha256: string): void {
    this.blobs.delete(sha256);
  }

  /**
   * Writes the manifest atomically. Writes never overlap, and calls made while one is
   * waiting to start share it: the snapshot is taken when the write begins.
   */
  save(): Promise<void> {
    if (this.pending !== undefined) return this.pending;
    const run = this.chain.then(async () => {
      this.pending = undefined;
      const file = { version: 1 as const, blobs: Object.fromEntries(this.blobs) };
      await writeFileAtomic(this.layout.manifestPath, `${JSON.stringify(file)}\n`);
    });
    this.pending = run;
    this.chain = run.catch(() => undefined);
    return run;
  }
}

async function scanBlobs(layout: StoreLayout): Promise<Map<string, { size: number; mtimeMs: number }>> {
  const found = new Map<string, { size: number; mtimeMs: number }>();
  for (const dirent of await readdir(layout.root, { withFileTypes: true })) {
    if (dirent.isFile() && dirent.name.startsWith('.manifest.json.') && dirent.name.endsWith('.tmp')) {
      // A temp file left by a crash in the middle of writeFileAtomic.
      await rm(join(layout.root, dirent.name), { force: true });
      continue;
    }
    if (!dirent.isDirectory() || !/^[0-9a-f]{2}$/.test(dirent.name)) continue;
    const dir = join(layout.root, dirent.name);
    for (const file of await readdir(dir, { withFileTypes: true })) {
      if (!file.isFile() || !isSha256(file.name) || !file.name.startsWith(dirent.name)) continue;
      const info = await stat(join(dir, file.name));
      found.set(file.name, { size: info.size, mtimeMs: Math.round(info.mtimeMs) });
    }
  }
  return found;
}
