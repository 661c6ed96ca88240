import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a bad network does to a request, decided once per request. */
export type Fate = 'pass' | 'drop-request' | 'drop-response' | 'replay' | 'replay-concurrent';

export interface FaultRates {
  /** The request never reaches the server: the connection is cut. */
  dropRequest: number;
  /** The server handles the request, and its answer is lost: the connection is cut. */
  dropResponse: number;
  /** The request reaches the server twice (half of these at the same time, half one after the other). */
  replay: number;
}

export interface ProxyFigures {
  requests: number;
  droppedRequests: number;
  droppedResponses: number;
  replays: number;
  concurrentReplays: number;
  /** Requests that found the server stopped (the connection refused). */
  refused: number;
}

/** What a tampering proxy sends instead of the server's answer, or `cut` to drop the connection mid-body. */
export type Tampered = { status: number; body: Buffer } | 'cut';

export interface FaultyProxy {
  readonly url: string;
  /** Rewrites the server's answers to matching requests (fuzzed, truncated, oversized), while set. */
  tamper: ((path: string, answer: { status: number; body: Buffer }) => Tampered | null) | null;
  /** Where requests go: changed when the server restarts on another port. */
  upstream: string | null;
  /** Off while clients sign in: the faults are for the writes under test. */
  faulty: boolean;
  readonly figures: ProxyFigures;
  close(): Promise<void>;
}

/** A small seeded generator (mulberry32): a failing run can be replayed with its seed. */
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

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** One request to the server, read whole (the live stream is piped instead, see below). */
function forward(upstream: string, req: IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(req.url ?? '/', upstream);
    const out = httpRequest(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host }, agent: false },
      (res) => {
        readBody(res).then(
          (data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }),
          reject,
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/**
 * An HTTP proxy on 127.0.0.1 that behaves like a bad network between the app and its server: it cuts
 * connections before a request reaches the server or after the server answered, and delivers some
 * requests twice. The app's fetch sees what it would see on such a network: a connection reset.
 */
export async function startFaultyProxy(options: { rates: FaultRates; seed: number }): Promise<FaultyProxy> {
  const random = seededRandom(options.seed);
  const figures: ProxyFigures = {
    requests: 0,
    droppedRequests: 0,
    droppedResponses: 0,
    replays: 0,
    concurrentReplays: 0,
    refused: 0,
  };
  const fateOf = (): Fate => {
    const roll = random();
    const { dropRequest, dropResponse, replay } = options.rates;
    if (roll < dropRequest) return 'drop-request';
    if (roll < dropRequest + dropResponse) return 'drop-response';
    if (roll < dropRequest + dropResponse + replay) return random() < 0.5 ? 'replay-concurrent' : 'replay';
    return 'pass';
  };
  const cut = (res: ServerResponse): void => {
    res.socket?.destroy();
  };

  const proxy: FaultyProxy = {
    url: '',
    upstream: null,
    faulty: false,
    tamper: null,
    figures,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const upstream = proxy.upstream;
    if (upstream === null) {
      figures.refused += 1;
      cut(res);
      return;
    }
    // The live stream is long-lived: piped as it is (a cut stream is a fault the app already recovers from).
    if ((req.url ?? '').startsWith('/api/sync/live')) {
      const target = new URL(req.url ?? '/', upstream);
      const out = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      out.on('error', () => cut(res));
      res.on('close', () => out.destroy());
      out.end(body);
      return;
    }
    figures.requests += 1;
    const fate = proxy.faulty ? fateOf() : 'pass';
    if (fate === 'drop-request') {
      figures.droppedRequests += 1;
      cut(res);
      return;
    }
    let answer: Answer;
    try {
      if (fate === 'replay-concurrent') {
        figures.replays += 1;
        figures.concurrentReplays += 1;
        const [first, second] = await Promise.allSettled([forward(upstream, req, body), forward(upstream, req, body)]);
        // Either copy's answer may be the one that comes back.
        const [kept, other] = random() < 0.5 ? [first, second] : [second, first];
        const chosen = kept.status === 'fulfilled' ? kept : other;
        if (chosen.status !== 'fulfilled') throw new Error('both copies failed');
        answer = chosen.value;
      } else if (fate === 'replay') {
        figures.replays += 1;
        await forward(upstream, req, body).catch(() => undefined);
        answer = await forward(upstream, req, body);
      } else {
        answer = await forward(upstream, req, body);
      }
    } catch {
      figures.refused += 1;
      cut(res);
      return;
    }
    if (fate === 'drop-response') {
      figures.droppedResponses += 1;
      cut(res);
      return;
    }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers['content-encoding'];
    const tampered = proxy.tamper?.(req.url ?? '/', answer) ?? null;
    if (tampered === 'cut') {
      // Half the answer, then the connection drops: what a reset link does mid-transfer.
      headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers);
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => cut(res));
      return;
    }
    const sent = tampered ?? answer;
    headers['content-length'] = String(sent.body.length);
    res.writeHead(sent.status, headers);
    res.end(sent.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => cut(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(proxy, { url: `http://127.0.0.1:${String(port)}` });
  return proxy;
}
