import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DownloadManager, type DownloadManagerOptions, type DownloadState } from '../../../src/main/services/downloads';
import type { BlobServer } from './blob-server';

export interface Harness {
  readonly manager: DownloadManager;
  readonly changes: DownloadState[];
  readonly notices: string[];
}

export const rootOf = (dir: string): string => join(dir, 'files');

/** A manager over `<dir>/files` talking to the test server, with fast retries unless told otherwise. */
export async function openManager(
  dir: string,
  server: BlobServer,
  overrides: Partial<DownloadManagerOptions> = {},
): Promise<Harness> {
  const changes: DownloadState[] = [];
  const notices: string[] = [];
  const manager = await DownloadManager.open({
    rootDir: rootOf(dir),
    fetch: globalThis.fetch,
    fileUrl: (sha256) => server.url(sha256),
    requestHeaders: () => Promise.resolve({ Authorization: `Bearer ${server.token}`, 'X-Protocol': '1' }),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    progressIntervalMs: 0,
    notify: (title, body) => notices.push(`${title}: ${body}`),
    onChange: (state) => changes.push(state),
    ...overrides,
  });
  return { manager, changes, notices };
}

export async function partialFiles(dir: string): Promise<string[]> {
  return readdir(join(rootOf(dir), 'partial'));
}

/** Resolves once `predicate` holds for a state reported through onChange. */
export function waitForChange(changes: DownloadState[], predicate: (state: DownloadState) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      if (changes.some(predicate)) resolve();
      else if (Date.now() - started > 10_000) reject(new Error('state never reached'));
      else setTimeout(poll, 5);
    };
    poll();
  });
}
