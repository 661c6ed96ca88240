import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server misbehaves for one request. Plans are consumed in order, then `defaultPlan` applies. */
export interface Plan {
  /** Send bytes up to this absolute file offset, then cut the connection. */
  cutAt?: number;
  /** Send bytes up to this absolute file offset, then hang until the client goes away. */
  stallAt?: number;
  /** Answer 200 with the whole file whatever Range says. */
  ignoreRange?: boolean;
  /** Flip one byte in the middle of the file. */
  corrupt?: boolean;
  /** Answer with this status and no body. */
  status?: number;
  retryAfter?: string;
  /** Pause between chunks, to keep transfers running. */
  chunkDelayMs?: number;
}

export interface SeenRequest {
  readonly sha256: string;
  readonly range: string | undefined;
  readonly ifRange: string | undefined;
  readonly authorization: string | undefined;
  readonly protocol: string | undefined;
  readonly at: number;
  status: number;
  /** Absolute offsets of the bytes this response wrote: [start, end). */
  sent: [number, number];
}

const CHUNK = 16 * 1024;

/** A real HTTP server on loopback serving blobs like the Collective Brain server: ETag, Range, If-Range. */
export class BlobServer {
  readonly token = 'test-token';
  readonly requests: SeenRequest[] = [];
  defaultPlan: Plan = {};
  active = 0;
  maxActive = 0;
  private readonly blobs = new Map<string, Buffer>();
  private readonly plans = new Map<string, Plan[]>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<BlobServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const instance = new BlobServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void instance.handle(req, res));
    return instance;
  }

  add(data: Buffer): string {
    const sha256 = createHash('sha256').update(data).digest('hex');
    this.blobs.set(sha256, data);
    return sha256;
  }

  plan(sha256: string, ...plans: Plan[]): void {
    this.plans.set(sha256, [...(this.plans.get(sha256) ?? []), ...plans]);
  }

  url(sha256: string): string {
    return `${this.origin}/api/files/${sha256}`;
  }

  requestsFor(sha256: string): SeenRequest[] {
    return this.requests.filter((request) => request.sha256 === sha256);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A transfer counts as active from its request until its last byte is sent or the socket goes.
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    let finished = false;
    const finish = (): void => {
      if (!finished) this.active -= 1;
      finished = true;
    };
    res.on('close', finish);
    const sha256 = /^\/api\/files\/([0-9a-f]{64})$/.exec(req.url ?? '')?.[1] ?? '';
    const seen: SeenRequest = {
      sha256,
      range: req.headers.range,
      ifRange: header(req, 'if-range'),
      authorization: req.headers.authorization,
      protocol: header(req, 'x-protocol'),
      at: Date.now(),
      status: 0,
      sent: [0, 0],
    };
    this.requests.push(seen);
    const reply = (status: number, headers: Record<string, string> = {}): void => {
      seen.status = status;
      res.writeHead(status, headers).end();
    };
    const blob = this.blobs.get(sha256);
    if (req.headers.authorization !== `Bearer ${this.token}`) return reply(401);
    if (seen.protocol === undefined) return reply(400);
    if (blob === undefined) return reply(404);
    const plan = this.plans.get(sha256)?.shift() ?? this.defaultPlan;
    if (plan.status !== undefined) {
      return reply(plan.status, plan.retryAfter === undefined ? {} : { 'Retry-After': plan.retryAfter });
    }

    const data = Buffer.from(blob);
    if (plan.corrupt === true) data[data.length >> 1] = (data[data.length >> 1] ?? 0) ^ 0xff;
    const etag = `"${sha256}"`;
    const ranged = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const honourRange =
      ranged?.[1] !== undefined && plan.ignoreRange !== true && [undefined, etag].includes(seen.ifRange);
    const start = honourRange ? Number(ranged[1]) : 0;
    if (start >= data.length && data.length > 0) return reply(416, { 'Content-Range': `bytes */${data.length}` });
    seen.status = honourRange ? 206 : 200;
    res.writeHead(seen.status, {
      'Content-Type': 'application/pdf',
      'Content-Length': String(data.length - start),
      ETag: etag,
      'Accept-Ranges': 'bytes',
      ...(honourRange ? { 'Content-Range': `bytes ${start}-${data.length - 1}/${data.length}` } : {}),
    });
    const stopAt = plan.cutAt ?? plan.stallAt ?? data.length;
    let offset = start;
    seen.sent = [start, start];
    while (offset < stopAt && !res.destroyed) {
      const end = Math.min(offset + CHUNK, stopAt);
      await new Promise<void>((resolve) => res.write(data.subarray(offset, end), () => resolve()));
      offset = end;
      seen.sent = [start, end];
      if (plan.chunkDelayMs !== undefined && offset < stopAt) {
        await new Promise((resolve) => setTimeout(resolve, plan.chunkDelayMs));
      }
    }
    if (plan.stallAt === undefined) finish();
    if (plan.cutAt !== undefined) res.socket?.destroy();
    else if (plan.stallAt === undefined) res.end();
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Deterministic bytes and offsets: a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytesSeeded(size: number, random: () => number): Buffer {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) data[i] = Math.floor(random() * 256);
  return data;
}
