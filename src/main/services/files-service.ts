import { join } from 'node:path';
import type { Handlers } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { Host } from '../host/host';
import { DownloadManager } from './downloads';
import type { Emit } from './events';
import type { NoticeBoard } from './notice-board';
import type { RemoteClient } from './remote/remote-client';
import type { SessionService } from './session-service';
import type { SettingsService } from './settings-service';
import { UploadService, UPLOADS_GROUP } from './uploads';

const MB = 1024 * 1024;

export interface FilesServiceOptions {
  host: Host;
  remote: RemoteClient;
  session: SessionService;
  settings: SettingsService;
  emit: Emit;
  notices: NoticeBoard;
  /** Tests shorten the upload queue's retry backoff. */
  uploadBackoff?: { baseMs: number; maxMs: number };
  /** Where the renderer loads a stored file from; each host serves the store its own way. */
  fileUrl: (sha256: string) => string;
}

/**
 * Documents on this computer: downloads into the content-addressed store,
 * the storage cap (least recently used first, pinned documents never), the
 * ways the renderer and the system viewer reach a stored file, and the files
 * a facilitator attaches (stored here first, then uploaded).
 */
export async function createFilesService(
  options: FilesServiceOptions,
): Promise<{ downloads: DownloadManager; uploads: UploadService; handlers: Handlers<'files'> }> {
  const { host, remote, session, settings, emit } = options;
  const downloads: DownloadManager = await DownloadManager.open({
    rootDir: join(host.paths.userData, 'files'),
    fetch: host.fetch,
    fileUrl: (sha256) => remote.url(`/api/files/${sha256}`).href,
    requestHeaders: () => session.withToken((token) => Promise.resolve(remote.headers(token))),
    notify: (title, body) => host.notify(title, body),
    onChange: (state) => {
      emit('files.changed', state);
      if (state.status === 'done') {
        void downloads.enforceCap(settings.get().storageCapMb * MB).then(({ removed }) => {
          if (removed.length > 0) emit('files.removed', { sha256s: [...removed] });
        });
      }
    },
  });

  const uploads = await UploadService.open({
    rootDir: join(host.paths.userData, 'uploads'),
    downloads,
    remote,
    session,
    emit,
    notices: options.notices,
    ...(options.uploadBackoff !== undefined ? { backoff: options.uploadBackoff } : {}),
  });

  const handlers = {
    download: ({ items }) => downloads.enqueue(items),
    cancel: async ({ sha256 }) => (await downloads.cancel(sha256)) ?? null,
    states: () => downloads.states(),
    remove: async (target) => {
      const waiting =
        'sha256' in target
          ? uploads.isPending(target.sha256)
          : target.group === UPLOADS_GROUP && uploads.list().some((upload) => uploads.isPending(upload.sha256));
      // The offline copy of an attached file is its only copy until the server has it.
      if (waiting) throw new AppError('conflict', 'This file has not reached the server yet; it cannot be removed.');
      const result = await downloads.remove('sha256' in target ? target.sha256 : { group: target.group });
      if (result.removed.length > 0) emit('files.removed', { sha256s: [...result.removed] });
      return { removed: [...result.removed], freedBytes: result.freedBytes };
    },
    usage: async () => {
      const usage = await downloads.usage();
      const files = downloads.list().map((blob) => ({
        sha256: blob.sha256,
        size: blob.size,
        pinned: blob.pinned,
        groups: [...blob.groups],
        lastAccessAt: new Date(blob.lastAccessAt).toISOString(),
      }));
      return { ...usage, files };
    },
    url: async ({ sha256 }) => {
      if (downloads.pathOf(sha256) === undefined) return null;
      await downloads.touch(sha256);
      return options.fileUrl(sha256);
    },
    openWithSystem: async ({ sha256 }) => {
      const path = downloads.pathOf(sha256);
      if (path === undefined) throw new AppError('not-found', 'This document is not on this computer yet.');
      await downloads.touch(sha256);
      await host.openPath(path);
      return null;
    },
    uploadBegin: (meta) => uploads.begin(meta),
    uploadChunk: (chunk) => uploads.chunk(chunk),
    uploadCommit: (input) => uploads.commit(input),
    uploadAbort: async (input) => {
      await uploads.abort(input);
      return null;
    },
    uploads: () => uploads.listMine(),
    uploadRetry: (input) => uploads.retry(input),
    uploadDiscard: (input) => uploads.discard(input),
  } satisfies Handlers<'files'>;
  return { downloads, uploads, handlers };
}
