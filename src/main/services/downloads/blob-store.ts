import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/result';
import { syncDirectory, type DiskIo } from './disk-io';
import { Manifest, type BlobEntry, type ManifestLoadReport } from './manifest';
import { isSha256, StoreLayout } from './store-paths';

export interface StoredBlob extends Readonly<Omit<BlobEntry, 'groups'>> {
  readonly sha256: string;
  readonly groups: readonly string[];
}

export interface StoreUsage {
  /** Verified blobs, each counted once. */
  readonly totalBytes: number;
  /** Per edition or collection; a blob shared by two groups counts in both. */
  readonly byGroup: Record<string, number>;
  readonly pinnedBytes: number;
  /** Unfinished downloads waiting in files/partial. */
  readonly partialBytes: number;
  readonly freeDiskBytes: number;
}

export interface RemovalResult {
  readonly removed: readonly string[];
  readonly freedBytes: number;
}

export type RemovalTarget = string | { readonly group: string };

/** The verified blobs on disk and their manifest: everything except transfers. */
export class BlobStore {
  private constructor(
    readonly layout: StoreLayout,
    private readonly manifest: Manifest,
    private readonly io: DiskIo,
    private readonly now: () => number,
    readonly loadReport: ManifestLoadReport,
  ) {}

  static async open(rootDir: string, io: DiskIo, now: () => number): Promise<BlobStore> {
    const layout = new StoreLayout(rootDir);
    const { manifest, report } = await Manifest.load(layout);
    return new BlobStore(layout, manifest, io, now, report);
  }

  has(sha256: string): boolean {
    return this.manifest.get(sha256) !== undefined;
  }

  get(sha256: string): StoredBlob | undefined {
    const entry = this.manifest.get(sha256);
    return entry === undefined ? undefined : { sha256, ...entry };
  }

  list(): StoredBlob[] {
    return this.manifest.entries().map(([sha256, entry]) => ({ sha256, ...entry }));
  }

  /** Only a complete, verified blob has a path. */
  pathOf(sha256: string): string | undefined {
    return isSha256(sha256) && this.has(sha256) ? this.layout.blobPath(sha256) : undefined;
  }

  /** Records a blob that has just been verified and renamed into place. */
  async add(sha256: string, meta: { size: number; mime: string; pinned: boolean; groups: readonly string[] }) {
    const now = this.now();
    const previous = this.manifest.get(sha256);
    this.manifest.set(sha256, {
      size: meta.size,
      mime: meta.mime,
      pinned: meta.pinned || (previous?.pinned ?? false),
      groups: [...(previous?.groups ?? []), ...meta.groups],
      addedAt: previous?.addedAt ?? now,
      lastAccessAt: now,
    });
    await this.manifest.save();
  }

  /**
   * Takes a complete file whose sha256 the caller has just computed (an upload
   * prepared on this computer) into the store: moved into place, made durable,
   * then recorded. An identical blob already stored is kept and the file dropped.
   */
  async adoptFile(
    sha256: string,
    source: string,
    meta: { size: number; mime: string; pinned: boolean; groups: readonly string[] },
  ): Promise<void> {
    if (this.has(sha256)) {
      await rm(source, { force: true });
      await this.claim(sha256, meta);
      return;
    }
    const dir = this.layout.fanOutDir(sha256);
    await mkdir(dir, { recursive: true });
    const target = this.layout.blobPath(sha256);
    try {
      await rename(source, target);
    } catch (error) {
      // Another volume (a profile folder on a different disk than its temp files): copy, then drop.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(source, target);
      await rm(source, { force: true });
    }
    await syncDirectory(dir);
    await this.add(sha256, meta);
  }

  /** Adds groups and a pin to a blob that is already stored (a second "make available offline"). */
  async claim(sha256: string, claim: { mime?: string; pinned?: boolean; groups?: readonly string[] }) {
    const entry = this.manifest.get(sha256);
    if (entry === undefined) return;
    this.manifest.set(sha256, {
      ...entry,
      mime: entry.mime === 'application/octet-stream' && claim.mime !== undefined ? claim.mime : entry.mime,
      pinned: entry.pinned || claim.pinned === true,
      groups: [...entry.groups, ...(claim.groups ?? [])],
    });
    await this.manifest.save();
  }

  async setPinned(sha256: string, pinned: boolean): Promise<void> {
    const entry = this.manifest.get(sha256);
    if (entry === undefined) throw new AppError('not-found', 'This document is not stored offline.');
    this.manifest.set(sha256, { ...entry, pinned });
    await this.manifest.save();
  }

  /** Marks a blob as just used, for least-recently-used eviction. */
  async touch(sha256: string): Promise<boolean> {
    const entry = this.manifest.get(sha256);
    if (entry === undefined) return false;
    this.manifest.set(sha256, { ...entry, lastAccessAt: Math.max(this.now(), entry.lastAccessAt) });
    await this.manifest.save();
    return true;
  }

  /**
   * Removes offline copies. A sha256 goes entirely. A group is taken off every blob, and
   * only blobs left in no group are deleted, so a document shared with another edition stays.
   */
  async remove(target: RemovalTarget): Promise<RemovalResult> {
    const doomed: string[] = [];
    if (typeof target === 'string') {
      if (!isSha256(target)) throw new AppError('invalid-arguments', 'Not a sha256.');
      if (this.has(target)) doomed.push(target);
    } else {
      for (const [sha256, entry] of this.manifest.entries()) {
        if (!entry.groups.includes(target.group)) continue;
        const groups = entry.groups.filter((group) => group !== target.group);
        if (groups.length === 0) doomed.push(sha256);
        else this.manifest.set(sha256, { ...entry, groups });
      }
    }
    return this.deleteBlobs(doomed);
  }

  /**
   * Takes one group off one blob: the blob is deleted only when no group holds it any more.
   * Its pin stays as it was while another group holds it (that group may have pinned it).
   */
  async release(sha256: string, group: string): Promise<RemovalResult> {
    const entry = this.manifest.get(sha256);
    if (entry === undefined || !entry.groups.includes(group)) return { removed: [], freedBytes: 0 };
    const groups = entry.groups.filter((held) => held !== group);
    if (groups.length === 0) return this.deleteBlobs([sha256]);
    this.manifest.set(sha256, { ...entry, groups });
    await this.manifest.save();
    return { removed: [], freedBytes: 0 };
  }

  /** Evicts least-recently-used unpinned blobs until the store fits in `capBytes`. Never a pinned one. */
  async enforceCap(capBytes: number): Promise<RemovalResult> {
    let total = this.list().reduce((sum, blob) => sum + blob.size, 0);
    const candidates = this.list()
      .filter((blob) => !blob.pinned)
      .sort((a, b) => a.lastAccessAt - b.lastAccessAt || a.addedAt - b.addedAt);
    const doomed: string[] = [];
    for (const blob of candidates) {
      if (total <= capBytes) break;
      doomed.push(blob.sha256);
      total -= blob.size;
    }
    return this.deleteBlobs(doomed);
  }

  async usage(): Promise<StoreUsage> {
    let totalBytes = 0;
    let pinnedBytes = 0;
    const byGroup: Record<string, number> = {};
    for (const [, entry] of this.manifest.entries()) {
      totalBytes += entry.size;
      if (entry.pinned) pinnedBytes += entry.size;
      for (const group of entry.groups) byGroup[group] = (byGroup[group] ?? 0) + entry.size;
    }
    let partialBytes = 0;
    for (const name of await readdir(this.layout.partialDir)) {
      const info = await stat(join(this.layout.partialDir, name)).catch(() => undefined);
      partialBytes += info?.size ?? 0;
    }
    const freeDiskBytes = await this.io.freeBytes(this.layout.root);
    return { totalBytes, byGroup, pinnedBytes, partialBytes, freeDiskBytes };
  }

  /** Waits for pending manifest writes. */
  flush(): Promise<void> {
    return this.manifest.save();
  }

  private async deleteBlobs(doomed: readonly string[]): Promise<RemovalResult> {
    if (doomed.length === 0) return { removed: [], freedBytes: 0 };
    let freedBytes = 0;
    for (const sha256 of doomed) {
      freedBytes += this.manifest.get(sha256)?.size ?? 0;
      this.manifest.delete(sha256);
    }
    // Files go before the manifest is written: after a crash in between, the next load
    // drops the entries whose file is gone, so a removal is never undone.
    for (const sha256 of doomed) await rm(this.layout.blobPath(sha256), { force: true });
    await this.manifest.save();
    return { removed: doomed, freedBytes };
  }
}
