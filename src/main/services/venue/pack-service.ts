import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackSummary, VenueProgress } from '../../../shared/venue/contract-types';
import {
  CutPackResponseSchema,
  PACK_EXTENSION,
  PACK_MANIFEST_FILE,
  PACK_SIGNATURE_CONTEXT,
  PACK_SIGNATURE_FILE,
  PackManifestSchema,
  packBytes,
  type CutPackRequest,
  type PackManifest,
  type PackRows,
  type ServerKey,
} from '../../../shared/venue/pack';
import { PACK_ROTATIONS_FILE, type SignedRotation } from '../../../shared/venue/key-rotation';
import { AppError } from '../../../shared/result';
import type { DownloadManager } from '../downloads';
import { syncDirectory } from '../downloads/disk-io';
import { toAppError } from '../remote/errors';
import type { RemoteClient } from '../remote/remote-client';
import type { SessionService } from '../session-service';
import { verifySigned } from './keys';
import {
  checkPresent,
  copyVerified,
  diskFullOr,
  ensureStored,
  nodeVenueFs,
  readPack,
  type VenueFs,
} from './pack-files';
import type { PackLibrary } from './pack-library';

interface Cut {
  readonly manifest: PackManifest;
  readonly manifestText: string;
  readonly signature: string;
  readonly rows: readonly string[];
}

export interface PackServiceOptions {
  readonly library: PackLibrary;
  readonly downloads: DownloadManager;
  readonly remote: RemoteClient;
  readonly session: SessionService;
  /** The key pinned for the server this account uses. */
  readonly pinnedKey: () => ServerKey | undefined;
  /** A newer key of that server, if the pinned one hands over to it through these statements (re-pinned). */
  readonly followKey: (keyId: string, statements: readonly SignedRotation[]) => Promise<ServerKey | undefined>;
  /** The statements from the first pinned key to the current one: an exported pack carries them. */
  readonly rotations: () => readonly SignedRotation[];
  /** Where imported files are copied before they enter the document store. */
  readonly incomingDir: string;
  readonly onProgress: (progress: VenueProgress) => void;
  /** Seam for fault injection (a full disk): replace only the operation under test. */
  readonly fs?: Partial<VenueFs>;
}

/**
 * Edition packs on this computer: cutting one (the server builds and signs
 * it, main writes it to a folder or drive) and importing one (verified while
 * copied, resumable, the rows handed to the renderer file by file).
 */
export class PackService {
  private readonly cuts = new Map<string, Cut>();
  private readonly jobs = new Map<string, AbortController>();
  private readonly fs: VenueFs;

  constructor(private readonly options: PackServiceOptions) {
    this.fs = { ...nodeVenueFs, ...options.fs };
  }

  /** Asks the server to cut a pack: nothing is written yet, the user sees its size first. */
  async plan(request: CutPackRequest): Promise<PackSummary> {
    const pinned = this.options.pinnedKey();
    if (pinned === undefined)
      throw new AppError('pack-server-unknown', 'Sign in again so this computer learns the server key.');
    const { value } = await this.options.session
      .withToken((token) =>
        this.options.remote.request({
          method: 'POST',
          path: '/api/venue/packs',
          body: request,
          token,
          schema: CutPackResponseSchema,
          timeoutMs: 120_000,
        }),
      )
      .catch((error: unknown) => {
        throw toAppError(error);
      });
    if (!verifySigned(pinned.publicKey, PACK_SIGNATURE_CONTEXT, value.manifest, value.signature)) {
      throw new AppError('pack-bad-signature', 'The server answered with a pack it did not sign with its pinned key.');
    }
    const manifest = PackManifestSchema.parse(JSON.parse(value.manifest));
    this.cuts.set(manifest.packId, {
      manifest,
      manifestText: value.manifest,
      signature: value.signature,
      rows: value.rows,
    });
    return summaryOf(manifest, 'cut');
  }

  /**
   * Writes a planned pack into `directory` as `<name>.cbpack`: aside first
   * (`.partial`), the files downloaded into the store if needed and copied with
   * their hash checked, then renamed. Cancel, a full disk or any error leaves
   * nothing behind.
   */
  async exportTo(packId: string, directory: string, userId: string | null): Promise<{ path: string }> {
    const cut = this.cuts.get(packId) ?? (await this.fromLibrary(packId));
    const { manifest } = cut;
    const controller = this.begin(packId);
    const total = packBytes(manifest);
    let done = 0;
    const report = (phase: VenueProgress['phase']): void =>
      this.options.onProgress({ packId, kind: 'export', phase, doneBytes: done, totalBytes: total });
    const target = await freeName(join(directory, `${slugOf(manifest)}${PACK_EXTENSION}`));
    const aside = `${target}.partial`;
    try {
      report('downloading');
      await ensureStored(
        this.options.downloads,
        manifest.files,
        `edition:${manifest.edition.collectionId}`,
        controller.signal,
      );
      await mkdir(join(aside, 'rows'), { recursive: true });
      await mkdir(join(aside, 'files'), { recursive: true });
      for (const [index, entry] of manifest.rows.entries()) {
        await this.fs.writeFile(join(aside, entry.path), cut.rows[index] ?? '');
        done += entry.size;
      }
      report('copying');
      for (const file of manifest.files) {
        const source = this.options.downloads.pathOf(file.sha256);
        if (source === undefined)
          throw new AppError('not-found', `The document ${file.sha256.slice(0, 12)} is not on this computer.`);
        await copyVerified(
          source,
          join(aside, 'files', file.sha256),
          { ...file, label: file.sha256.slice(0, 12) },
          {
            signal: controller.signal,
            fs: this.fs,
            onBytes: (bytes) => {
              done += bytes;
              report('copying');
            },
          },
        );
      }
      // The manifest last: a folder without it is never taken for a pack.
      const rotations = this.options.rotations();
      if (rotations.length > 0) {
        await this.fs.writeFile(join(aside, PACK_ROTATIONS_FILE), JSON.stringify({ rotations }));
      }
      await this.fs.writeFile(join(aside, PACK_SIGNATURE_FILE), cut.signature);
      await this.fs.writeFile(join(aside, PACK_MANIFEST_FILE), cut.manifestText);
      await syncDirectory(aside);
      await rename(aside, target);
      await syncDirectory(directory);
      if (cut.rows.length === manifest.rows.length) {
        await this.options.library.add(cut.manifestText, cut.signature, manifest, cut.rows, {
          state: (await this.options.library.get(packId))?.state ?? 'cut',
          userId,
        });
      }
      report('done');
      return { path: target };
    } catch (error) {
      await rm(aside, { recursive: true, force: true });
      report('failed');
      throw controller.signal.aborted
        ? new AppError('cancelled', 'The export was cancelled.')
        : diskFullOr(error, toAppError);
    } finally {
      this.jobs.delete(packId);
    }
  }

  /** Checks a pack on a drive or in a folder, writing nothing. */
  async inspect(path: string): Promise<PackSummary> {
    const read = await readPack(path, { pinned: this.options.pinnedKey(), follow: this.options.followKey });
    await checkPresent(path, read.manifest);
    const held = await this.options.library.get(read.manifest.packId);
    return summaryOf(read.manifest, held?.state ?? null);
  }

  /**
   * Copies a pack's files into the document store (resuming a file an
   * interruption left half-copied) and keeps its rows for the renderer.
   * Calling it again after an interruption or a cancel goes on where it stopped.
   */
  async importFiles(path: string, userId: string | null): Promise<PackSummary> {
    const read = await readPack(path, { pinned: this.options.pinnedKey(), follow: this.options.followKey });
    const { manifest } = read;
    await checkPresent(path, manifest);
    if (manifest.base !== null) {
      const base = await this.options.library.get(manifest.base.packId);
      if (base?.state !== 'imported' && base?.state !== 'cut') {
        throw new AppError('pack-base-missing', 'Import the pack this one updates first.');
      }
    }
    const controller = this.begin(manifest.packId);
    const total = packBytes(manifest);
    let done = 0;
    const report = (phase: VenueProgress['phase']): void =>
      this.options.onProgress({ packId: manifest.packId, kind: 'import', phase, doneBytes: done, totalBytes: total });
    try {
      const rows = await Promise.all(manifest.rows.map((entry) => readFile(join(path, entry.path), 'utf8')));
      done += manifest.rows.reduce((sum, entry) => sum + entry.size, 0);
      const held = await this.options.library.get(manifest.packId);
      await this.options.library.add(read.manifestText, read.signature, manifest, rows, {
        state: held?.state === 'imported' ? 'imported' : 'importing',
        userId,
      });
      report('copying');
      const group = `edition:${manifest.edition.collectionId}`;
      for (const file of manifest.files) {
        if (controller.signal.aborted) throw new AppError('cancelled', 'The import was cancelled.');
        const meta = { size: file.size, mime: file.mime, pinned: true, groups: [group] };
        if (this.options.downloads.state(file.sha256)?.status === 'done') {
          await this.options.downloads.enqueue([{ sha256: file.sha256, ...meta }]);
        } else {
          const part = join(this.options.incomingDir, `${file.sha256}.part`);
          await copyVerified(
            join(path, 'files', file.sha256),
            part,
            { ...file, label: `files/${file.sha256}` },
            {
              signal: controller.signal,
              fs: this.fs,
              onBytes: (bytes) => {
                done += bytes;
                report('copying');
              },
            },
          );
          await this.options.downloads.adopt(file.sha256, part, meta);
        }
        done = Math.max(done, 0);
      }
      report('rows');
      return summaryOf(manifest, held?.state === 'imported' ? 'imported' : 'importing');
    } catch (error) {
      report('failed');
      throw controller.signal.aborted
        ? new AppError('cancelled', 'The import was cancelled.')
        : diskFullOr(error, toAppError);
    } finally {
      this.jobs.delete(manifest.packId);
    }
  }

  rows(packId: string, index: number): Promise<PackRows> {
    return this.options.library.rows(packId, index);
  }

  /** The renderer applied every rows file: the pack is imported. */
  async complete(packId: string, userId: string | null): Promise<PackSummary> {
    const held = await this.options.library.get(packId);
    if (held === undefined) throw new AppError('not-found', 'No such pack on this computer.');
    await this.options.library.setState(packId, held.state === 'cut' ? 'cut' : 'imported', userId);
    this.options.onProgress({ packId, kind: 'import', phase: 'done', doneBytes: held.bytes, totalBytes: held.bytes });
    return summaryOf(held.manifest, 'imported');
  }

  cancel(packId: string): void {
    this.jobs.get(packId)?.abort();
  }

  private begin(packId: string): AbortController {
    if (this.jobs.has(packId)) throw new AppError('conflict', 'This pack is already being written.');
    const controller = new AbortController();
    this.jobs.set(packId, controller);
    return controller;
  }

  private async fromLibrary(packId: string): Promise<Cut> {
    const held = await this.options.library.get(packId);
    if (held === undefined) throw new AppError('not-found', 'Plan the pack again: the server has to sign it first.');
    const { manifestText, signature } = await this.options.library.signed(packId);
    const rows = await Promise.all(
      held.manifest.rows.map((entry) => this.options.library.rowsText(packId, entry.path)),
    );
    return { manifest: held.manifest, manifestText, signature, rows };
  }
}

export function summaryOf(manifest: PackManifest, state: PackSummary['state']): PackSummary {
  return {
    packId: manifest.packId,
    title: manifest.edition.title,
    collectionId: manifest.edition.collectionId,
    cutAt: manifest.cutAt,
    languages: manifest.languages,
    bytes: packBytes(manifest),
    files: manifest.files.length,
    rowsFiles: manifest.rows.length,
    changes: manifest.rows.reduce((sum, rows) => sum + rows.count, 0),
    base: manifest.base?.packId ?? null,
    cursor: manifest.cursor,
    state,
  };
}

function slugOf(manifest: PackManifest): string {
  const title = manifest.edition.title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 60);
  return `${title === '' ? 'edition' : title}-${manifest.cutAt.slice(0, 10)}${manifest.base === null ? '' : '-update'}`;
}

async function freeName(path: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? path : path.replace(PACK_EXTENSION, `-${n}${PACK_EXTENSION}`);
    if ((await stat(candidate).catch(() => undefined)) === undefined) return candidate;
  }
}
