import type { z } from 'zod';
import { parseRetryAfter } from '../../../shared/backoff';
import { AppError } from '../../../shared/result';
import { isLoopbackUrl } from '../../../shared/settings';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../shared/wire/protocol';
import { WireErrorSchema, type WireErrorCode } from '../../../shared/wire/errors';

/**
 * Why a request to the server failed: a wire error code, or the network, a
 * malformed answer, an answer larger than the app reads, or one compressed in
 * a way it did not ask for.
 */
export type RemoteFailure = WireErrorCode | 'network' | 'bad-response' | 'response-too-large' | 'unexpected-encoding';

export class RemoteError extends Error {
  constructor(
    readonly failure: RemoteFailure,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

export interface RemoteRequest<T> {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  token?: string;
  /** Another server than the settings name: a session's own, to refresh or revoke it there. */
  baseUrl?: string;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** The most this answer may hold once decompressed (default DEFAULT_MAX_ANSWER_BYTES). */
  maxBytes?: number;
}

export interface RemoteResponse<T> {
  value: T;
  /** Bytes received for the body (compressed size when the server said so). */
  bytes: number;
  /** The body as received (UTF-8 JSON that `schema` accepted), for sending on without encoding it again. */
  body: Uint8Array;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * No JSON answer is larger: a pull page is at most 2 MiB on the reference server, a first-sync
 * snapshot a few hundred KiB. Files are not read this way (they have their own size).
 */
export const DEFAULT_MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** What the app asks a server on another computer to compress with (Node's fetch decodes both). */
const REMOTE_ENCODINGS = ['br', 'gzip'] as const;

/**
 * HTTP to the Collective Brain server: the protocol header on every call,
 * JSON errors mapped to their named codes, and every answer validated with
 * the shared wire schemas before anyone uses it.
 */
export class RemoteClient {
  constructor(
    private readonly fetchImpl: typeof globalThis.fetch,
    private readonly baseUrl: () => string,
    private readonly onReachability?: (reachable: boolean) => void,
  ) {}

  url(path: string, query?: Record<string, string | number | undefined>, baseUrl?: string): URL {
    const url = new URL(path, baseUrl ?? this.baseUrl());
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  headers(token?: string, baseUrl?: string): Record<string, string> {
    return {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      accept: 'application/json',
      // A server on this machine (the demo, a local Academy server): compressing a page and
      // inflating it again costs both processes more than sending it as it is.
      ...(isLoopback(baseUrl ?? this.baseUrl()) ? { 'accept-encoding': 'identity' } : {}),
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    };
  }

  async request<T>(request: RemoteRequest<T>): Promise<RemoteResponse<T>> {
    const signals = [AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS)];
    if (request.signal !== undefined) signals.push(request.signal);
    const baseUrl = request.baseUrl ?? this.baseUrl();
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(request.path, request.query, baseUrl), {
        method: request.method,
        headers: {
          ...this.headers(request.token, baseUrl),
          // Named, so an answer in any other encoding can be refused.
          'accept-encoding': acceptedEncodings(baseUrl).join(', '),
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      // The credential guard refused to send a token to a server that did not issue it.
      if (error instanceof AppError) throw error;
      this.onReachability?.(false);
      throw new RemoteError('network', `The server cannot be reached: ${(error as Error).message}`);
    }
    this.onReachability?.(true);
    return this.answer(response, request.schema, acceptedEncodings(baseUrl), request.maxBytes);
  }

  /**
   * POSTs a body streamed from disk (a file upload): no JSON, no overall timeout
   * (a large file on a slow link takes its time; `signal` stops it), the same
   * headers, error codes and answer validation as every other request.
   */
  async postStream<T>(request: {
    path: string;
    body: ReadableStream<Uint8Array>;
    headers: Record<string, string>;
    token: string;
    schema: z.ZodType<T>;
    signal?: AbortSignal;
  }): Promise<RemoteResponse<T>> {
    // Node's fetch sends a stream only half-duplex, and says so; browsers' typings do not know the field yet.
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { ...this.headers(request.token), ...request.headers },
      body: request.body,
      duplex: 'half',
      ...(request.signal !== undefined ? { signal: request.signal } : {}),
    };
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(request.path), init);
    } catch (error) {
      if (request.signal?.aborted === true || error instanceof AppError) throw error;
      this.onReachability?.(false);
      throw new RemoteError('network', `The server cannot be reached: ${(error as Error).message}`);
    }
    this.onReachability?.(true);
    return this.answer(response, request.schema, acceptedEncodings(this.baseUrl()));
  }

  private async answer<T>(
    response: Response,
    schema: z.ZodType<T>,
    encodings: readonly string[],
    maxBytes = DEFAULT_MAX_ANSWER_BYTES,
  ): Promise<RemoteResponse<T>> {
    const encoding = (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && !encodings.includes(encoding)) {
      await response.body?.cancel().catch(() => undefined);
      throw new RemoteError(
        'unexpected-encoding',
        `The server answered in ${encoding}, which this app did not ask for; nothing was read.`,
        response.status,
      );
    }
    const body = await readCapped(response, maxBytes);
    const lengthHeader = Number(response.headers.get('content-length'));
    const bytes = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : body.byteLength;
    // As `response.text()` reads it (UTF-8, a leading BOM dropped, bad bytes replaced), and as the page does.
    const json = parseJson(utf8.decode(body));
    if (!response.ok) {
      const error = WireErrorSchema.safeParse(json);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (error.success) {
        throw new RemoteError(error.data.code, error.data.message, response.status, retryAfterMs);
      }
      throw new RemoteError(
        // A bare 500 is the server failing on this request; 502-504 are a proxy or an outage.
        response.status === 500 ? 'internal' : response.status > 500 ? 'unavailable' : 'bad-response',
        `The server answered ${response.status}.`,
        response.status,
        retryAfterMs,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join('.')}: ${first.message}` : 'unknown';
      throw new RemoteError('bad-response', `The server sent data this app cannot use (${where}).`, response.status);
    }
    return { value: parsed.data, bytes, body };
  }
}

const utf8 = new TextDecoder();

/** The encodings the app accepts from this server: none from this computer, br or gzip from another. */
function acceptedEncodings(baseUrl: string): readonly string[] {
  return isLoopback(baseUrl) ? ['identity'] : REMOTE_ENCODINGS;
}

/**
 * Reads a body, stopping at `maxBytes` of decoded content: a huge answer, or
 * a small compressed one that inflates without end, costs at most that much.
 */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = (): RemoteError =>
    new RemoteError(
      'response-too-large',
      `The server's answer is larger than the ${maxBytes} bytes this app reads; it was not used.`,
      response.status,
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array();
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch {
      throw new RemoteError('network', 'The connection dropped while reading the answer.');
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether `url` points at this machine (127.0.0.0/8, ::1, localhost). */
export const isLoopback = isLoopbackUrl;
