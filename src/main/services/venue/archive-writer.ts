import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { VenueProgress } from '../../../shared/venue/contract-types';
import { AppError } from '../../../shared/result';
import type { DownloadManager } from '../downloads';
import { syncDirectory } from '../downloads/disk-io';
import { toAppError } from '../remote/errors';
import { copyVerified, diskFullOr, ensureStored, nodeVenueFs, type VenueFs } from './pack-files';

interface Job {
  readonly target: string;
  readonly aside: string;
  readonly controller: AbortController;
}

export interface ArchiveWriterOptions {
  readonly downloads: DownloadManager;
  readonly onProgress: (progress: VenueProgress) => void;
  /** Seam for fault injection (a full disk). */
  readonly fs?: Partial<VenueFs>;
}

/**
 * Writes an alumni archive the renderer built (pages and a list of document
 * files) into a folder: aside first (`<name>.partial`), the documents copied
 * from the store with their hash checked (downloaded first if missing), then
 * renamed. A cancel, a full disk or any error removes the partial folder, so a
 * drive never holds half an archive that looks whole.
 */
export class ArchiveWriter {
  private readonly jobs = new Map<string, Job>();
  /** Archives the user cancelled: a call still on its way for one is told so. */
  private readonly cancelled = new Set<string>();
  private readonly fs: VenueFs;

  constructor(private readonly options: ArchiveWriterOptions) {
    this.fs = { ...nodeVenueFs, ...options.fs };
  }

  async begin(directory: string, name: string): Promise<{ archiveId: string; path: string }> {
    const target = await freeName(join(directory, name));
    const aside = `${target}.partial`;
    await this.guard(async () => {
      await rm(aside, { recursive: true, force: true });
      await mkdir(aside, { recursive: true });
    });
    const archiveId = randomUUID();
    this.jobs.set(archiveId, { target, aside, controller: new AbortController() });
    return { archiveId, path: target };
  }

  async write(archiveId: string, path: string, text: string, append: boolean): Promise<null> {
    const job = this.job(archiveId);
    const file = confined(job.aside, path);
    await this.failing(archiveId, async () => {
      await mkdir(dirname(file), { recursive: true });
      await (append ? this.fs.appendFile(file, text) : this.fs.writeFile(file, text));
    });
    return null;
  }

  /** Copies the documents into the archive, downloading into the store first what this computer lacks. */
  async files(
    archiveId: string,
    files: readonly { sha256: string; size: number; mime: string; path: string }[],
  ): Promise<null> {
    const job = this.job(archiveId);
    const total = files.reduce((sum, file) => sum + file.size, 0);
    let done = 0;
    const report = (phase: VenueProgress['phase']): void =>
      this.options.onProgress({ packId: archiveId, kind: 'archive', phase, doneBytes: done, totalBytes: total });
    await this.failing(archiveId, async () => {
      report('downloading');
      await ensureStored(this.options.downloads, files, 'archives', job.controller.signal);
      report('copying');
      for (const file of files) {
        const source = this.options.downloads.pathOf(file.sha256);
        if (source === undefined) throw new AppError('not-found', `The document ${file.path} is not on this computer.`);
        await copyVerified(
          source,
          confined(job.aside, file.path),
          { sha256: file.sha256, size: file.size, label: file.path },
          {
            signal: job.controller.signal,
            fs: this.fs,
            onBytes: (bytes) => {
              done += bytes;
              report('copying');
            },
          },
        );
      }
    });
    return null;
  }

  async commit(archiveId: string): Promise<{ path: string }> {
    const job = this.job(archiveId);
    await this.failing(archiveId, async () => {
      await syncDirectory(job.aside);
      await rename(job.aside, job.target);
      await syncDirectory(dirname(job.target));
    });
    this.jobs.delete(archiveId);
    this.options.onProgress({ packId: archiveId, kind: 'archive', phase: 'done', doneBytes: 0, totalBytes: 0 });
    return { path: job.target };
  }

  /** Stops an archive being written and removes what it wrote. */
  async abort(archiveId: string): Promise<null> {
    const job = this.jobs.get(archiveId);
    if (job === undefined) return null;
    this.jobs.delete(archiveId);
    this.cancelled.add(archiveId);
    job.controller.abort();
    await rm(job.aside, { recursive: true, force: true });
    return null;
  }

  async close(): Promise<void> {
    for (const archiveId of [...this.jobs.keys()]) await this.abort(archiveId);
  }

  private job(archiveId: string): Job {
    const job = this.jobs.get(archiveId);
    if (job !== undefined) return job;
    if (this.cancelled.has(archiveId)) throw new AppError('cancelled', 'The archive was cancelled.');
    throw new AppError('not-found', 'This archive is no longer being written.');
  }

  /** Any failure of a step ends the archive: its partial folder goes, and the error is named. */
  private async failing(archiveId: string, work: () => Promise<void>): Promise<void> {
    try {
      await this.guard(work);
    } catch (error) {
      const cancelled = this.cancelled.has(archiveId);
      await this.abort(archiveId);
      this.options.onProgress({ packId: archiveId, kind: 'archive', phase: 'failed', doneBytes: 0, totalBytes: 0 });
      throw cancelled ? new AppError('cancelled', 'The archive was cancelled.') : error;
    }
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      throw diskFullOr(error, toAppError);
    }
  }
}

/** `path` inside `root`, or a refusal: the renderer names files, main decides where they may go. */
function confined(root: string, path: string): string {
  const full = resolve(root, path);
  if (!full.startsWith(resolve(root) + sep)) throw new AppError('invalid-arguments', 'A path outside the archive.');
  return full;
}

async function freeName(path: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? path : `${path}-${String(n)}`;
    const taken =
      (await stat(candidate).catch(() => undefined)) ?? (await stat(`${candidate}.partial`).catch(() => undefined));
    if (taken === undefined) return candidate;
  }
}
