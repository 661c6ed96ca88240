import type { z } from 'zod';
import { parseRetryAfter } from '../../../shared/backoff';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../shared/wire/protocol';
import { WireErrorSchema, type WireErrorCode } from '../../../shared/wire/errors';

/** Why a request to the server failed: a wire error code, or the network / a malformed answer. */
export type RemoteFailure = WireErrorCode | 'network' | 'bad-response';

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
  schema: z.ZodType<T>;
  signal?: AbortSignal;
  timeoutMs?: number;
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

  url(path: string, query?: Record<string, string | number | undefined>): URL {
    const url = new URL(path, this.baseUrl());
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  headers(token?: string): Record<string, string> {
    return {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      accept: 'application/json',
      // A server on this machine (the demo, a local Academy server): compressing a page and
      // inflating it again costs both processes more than sending it as it is.
      ...(isLoopback(this.baseUrl()) ? { 'accept-encoding': 'identity' } : {}),
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    };
  }

  async request<T>(request: RemoteRequest<T>): Promise<RemoteResponse<T>> {
    const signals = [AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS)];
    if (request.signal !== undefined) signals.push(request.signal);
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(request.path, request.query), {
        method: request.method,
        headers: {
          ...this.headers(request.token),
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      this.onReachability?.(false);
      throw new RemoteError('network', `The server cannot be reached: ${(error as Error).message}`);
    }
    this.onReachability?.(true);
    return this.answer(response, request.schema);
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
      if (request.signal?.aborted === true) throw error;
      this.onReachability?.(false);
      throw new RemoteError('network', `The server cannot be reached: ${(error as Error).message}`);
    }
    this.onReachability?.(true);
    return this.answer(response, request.schema);
  }

  private async answer<T>(response: Response, schema: z.ZodType<T>): Promise<RemoteResponse<T>> {
    const body = await response.arrayBuffer().then(
      (buffer) => new Uint8Array(buffer),
      () => {
        throw new RemoteError('network', 'The connection dropped while reading the answer.');
      },
    );
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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether `url` points at this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/u.test(host);
}
