import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, truncate, writeFile } from 'node:fs/promises';
import type { ErrorCode } from '../../../shared/result';
import { syncDirectory, type DiskIo } from './disk-io';
import { parseRetryAfter } from './retry-policy';
import type { StoreLayout } from './store-paths';

/** A failed attempt, already classified: retry it or give up with `code`. */
export class TransferError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransferError';
  }
}

/** How far the .part file is known to be good, with the hash state of exactly those bytes. */
export interface ResumePoint {
  readonly size: number;
  readonly hash: Hash;
}

/** One attempt's inputs, and what it leaves for the next attempt. */
export interface TransferAttempt {
  readonly sha256: string;
  readonly size: number;
  readonly url: string;
  headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly layout: StoreLayout;
  readonly io: DiskIo;
  readonly fetch: typeof globalThis.fetch;
  /** In: the hash state from the previous attempt, if any. Out: where this attempt got to. */
  resume: ResumePoint | undefined;
  /** Out: the offset this attempt resumed from (0 for a fresh start). */
  startedAt: number;
  /** Out: whether this attempt stored any new bytes. */
  progressed: boolean;
  onBytes(received: number): void;
  onVerifying(): void;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * One attempt at bringing a blob into the store: restore the hash state of any existing
 * .part, ask for the rest with Range/If-Range, append while hashing, fsync, verify, then
 * rename into place and fsync the folders. Network failures come out as retryable
 * TransferErrors; file-system errors come out as they are, for the caller to classify.
 */
export async function transferOnce(attempt: TransferAttempt): Promise<void> {
  const { sha256, size, layout } = attempt;
  const part = layout.partPath(sha256);
  const restored = await restoreResume(part, attempt.resume, size);
  let offset = restored.size;
  let hash = restored.hash;
  attempt.resume = { size: offset, hash };
  attempt.startedAt = offset;

  if (offset < size) {
    const free = await attempt.io.freeBytes(layout.root);
    if (free < size - offset) {
      throw new TransferError('disk-full', `Needs ${size - offset} bytes, ${free} free.`, false);
    }
    const response = await request(attempt, offset);
    if (response.status === 200 && offset > 0) {
      // The server ignored Range (or If-Range did not match): start again from zero.
      offset = 0;
      hash = createHash('sha256');
      attempt.resume = { size: 0, hash };
    }
    await receive(attempt, response, part, offset, hash);
  } else if (size === 0) {
    await writeFile(part, new Uint8Array());
  }

  attempt.onVerifying();
  const digest = hash.digest('hex');
  attempt.resume = undefined;
  if (digest !== sha256) throw new TransferError('hash-mismatch', `Content hash ${digest} is not ${sha256}.`, false);

  const dir = layout.fanOutDir(sha256);
  await mkdir(dir, { recursive: true });
  await rename(part, layout.blobPath(sha256));
  await syncDirectory(dir);
  await syncDirectory(layout.partialDir);
}

async function request(attempt: TransferAttempt, offset: number): Promise<Response> {
  const headers: Record<string, string> = { ...attempt.headers, 'Accept-Encoding': 'identity' };
  if (offset > 0) {
    headers.Range = `bytes=${offset}-`;
    headers['If-Range'] = `"${attempt.sha256}"`;
  }
  let response: Response;
  try {
    response = await attempt.fetch(attempt.url, { headers, signal: attempt.signal });
  } catch (error) {
    throw new TransferError('offline', `Could not reach the server: ${errorText(error)}`, true, undefined, {
      cause: error,
    });
  }
  if (response.status === 206 && contentRangeStart(response.headers.get('content-range')) === offset) {
    return response;
  }
  if (response.status === 200) return response;
  await response.body?.cancel().catch(() => undefined);
  const status = response.status;
  if (status === 206 || status === 416) {
    // A range we did not ask for, or one the server cannot satisfy: the part is not to be trusted.
    await truncate(attempt.layout.partPath(attempt.sha256), 0);
    attempt.resume = undefined;
    throw new TransferError('unavailable', `Unusable range answer (${status}); starting over.`, true, 0);
  }
  if (status === 401) throw new TransferError('unauthorized', 'The server refused the credentials.', false);
  if (status === 403) throw new TransferError('forbidden', 'The server refused access to this file.', false);
  if (status === 404 || status === 410)
    throw new TransferError('not-found', 'The server does not have this file.', false);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (RETRYABLE_STATUS.has(status)) {
    const code = status === 429 ? 'rate-limited' : 'unavailable';
    throw new TransferError(code, `The server answered ${status}.`, true, retryAfter);
  }
  throw new TransferError('unavailable', `Unexpected answer ${status} from the server.`, false);
}

async function receive(attempt: TransferAttempt, response: Response, part: string, from: number, hash: Hash) {
  const body = response.body;
  if (body === null) throw new TransferError('unavailable', 'The server sent no content.', true);
  let offset = from;
  const handle = await open(part, from === 0 ? 'w' : 'a');
  try {
    const reader = body.getReader();
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new TransferError('offline', `The connection dropped: ${errorText(error)}`, true, undefined, {
          cause: error,
        });
      }
      if (chunk.done) break;
      const bytes = chunk.value as Uint8Array;
      if (offset + bytes.byteLength > attempt.size) {
        await reader.cancel().catch(() => undefined);
        throw new TransferError('hash-mismatch', `The server sent more than ${attempt.size} bytes.`, false);
      }
      await attempt.io.writeChunk(handle, bytes);
      // Only bytes safely written enter the hash, so the hash always matches the file.
      hash.update(bytes);
      offset += bytes.byteLength;
      attempt.resume = { size: offset, hash };
      attempt.progressed = true;
      attempt.onBytes(offset);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (offset < attempt.size) {
    throw new TransferError('unavailable', `The server stopped after ${offset} of ${attempt.size} bytes.`, true);
  }
}

/** The hash state of the bytes already in the .part file: reused from memory, or re-read from disk. */
async function restoreResume(part: string, cached: ResumePoint | undefined, size: number): Promise<ResumePoint> {
  let existing: number;
  try {
    existing = (await stat(part)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { size: 0, hash: createHash('sha256') };
    throw error;
  }
  if (existing > size) {
    await truncate(part, 0);
    return { size: 0, hash: createHash('sha256') };
  }
  if (cached?.size === existing) return cached;
  const hash = createHash('sha256');
  if (existing > 0) {
    for await (const chunk of createReadStream(part, { start: 0, end: existing - 1 })) hash.update(chunk as Buffer);
  }
  return { size: existing, hash };
}

function contentRangeStart(value: string | null): number | undefined {
  const match = value === null ? null : /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(value.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
