import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '../../shared/contract';
import {
  ClientFrameSchema,
  WS_CLOSE_WRONG_SECRET,
  WS_MAX_FRAME_BYTES,
  WS_PATH,
  WS_SECRET_PROTOCOL_PREFIX,
  type ServerFrame,
} from '../../shared/ws-protocol';
import { resolveInside } from '../security/app-origin';
import { RENDERER_CSP } from '../security/csp';
import type { Dispatch } from '../services/dispatcher';
import { jsonTextOf } from '../services/json-text';
import type { EventBus } from '../services/events';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export interface StoredFiles {
  pathOf(sha256: string): string | undefined;
  mimeOf(sha256: string): string | undefined;
}

export interface WebHostServerOptions {
  rendererDir: string;
  dispatch: Dispatch;
  events: EventBus;
  port?: number;
  /** The launch secret (see newLaunchSecret); it also signs file URLs. */
  secret: string;
  /** Downloaded documents, served on /files/<sha256>?t=<capability>. */
  files?: StoredFiles;
}

export function newLaunchSecret(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * A per-file capability derived from the launch secret: the renderer gets it
 * from files.url, so only the page holding the secret can read documents.
 */
export function fileCapability(secret: string, sha256: string): string {
  return createHmac('sha256', secret).update(`file:${sha256}`).digest('base64url');
}

export function webFileUrl(secret: string, sha256: string): string {
  return `/files/${sha256}?t=${fileCapability(secret, sha256)}`;
}

export interface WebHostServer {
  readonly url: string;
  /** The address to open, with the launch secret in the fragment (never sent to the server in requests). */
  readonly launchUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

function isAllowedOrigin(origin: string | undefined, allowedHosts: ReadonlySet<string>): boolean {
  if (origin === undefined) return false;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && allowedHosts.has(url.host);
  } catch {
    return false;
  }
}

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode: serves the built renderer on 127.0.0.1 and carries the
 * contract over a WebSocket. Only a page that was given the launch secret can
 * drive it, and only from this origin, so another local page or a DNS
 * rebinding attack cannot.
 */
export async function startWebHostServer(options: WebHostServerOptions): Promise<WebHostServer> {
  const secret = options.secret;
  let allowedHosts = new Set<string>();

  const server: Server = createServer((request, response) => {
    void serveStatic(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      response.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const requestUrl = new URL(request.url ?? '/', 'http://localhost');
    const pathname = requestUrl.pathname;
    const fileMatch = /^\/files\/([0-9a-f]{64})$/u.exec(pathname);
    if (fileMatch?.[1] !== undefined) {
      serveFile(fileMatch[1], requestUrl.searchParams.get('t') ?? '', request, response);
      return;
    }
    const wanted = pathname === '/' ? '/index.html' : pathname;
    let file = resolveInside(options.rendererDir, wanted);
    if (file === undefined) {
      response.writeHead(403).end();
      return;
    }
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) {
      // Client-side routes fall back to the app; missing assets are 404s.
      if (extname(wanted) !== '') {
        response.writeHead(404).end();
        return;
      }
      file = resolveInside(options.rendererDir, '/index.html') ?? '';
    }
    const body = await readFile(file);
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  function serveFile(sha256: string, token: string, request: IncomingMessage, response: ServerResponse): void {
    const path = sameSecret(token, fileCapability(secret, sha256)) ? options.files?.pathOf(sha256) : undefined;
    if (path === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': options.files?.mimeOf(sha256) ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(path).pipe(response);
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_FRAME_BYTES,
    handleProtocols: (protocols) => {
      for (const protocol of protocols) {
        if (protocol.startsWith(WS_SECRET_PROTOCOL_PREFIX)) return protocol;
      }
      return false;
    },
  });

  server.on('upgrade', (request, socket, head) => {
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== WS_PATH) return refuse(404, 'Not Found');
    if (!allowedHosts.has(request.headers.host ?? '')) return refuse(421, 'Misdirected Request');
    if (!isAllowedOrigin(request.headers.origin, allowedHosts)) return refuse(403, 'Forbidden');
    const offered = (request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .find((p) => p.startsWith(WS_SECRET_PROTOCOL_PREFIX));
    if (offered === undefined) return refuse(401, 'Unauthorized');
    if (!sameSecret(offered.slice(WS_SECRET_PROTOCOL_PREFIX.length), secret)) {
      // A page of this app (same origin and host) holding another run's secret: the host was started again.
      // The page cannot read an HTTP status from a failed WebSocket, so it is told in a close code instead:
      // it then asks for the new address rather than retrying in vain. Nothing is read from it or sent to it.
      wss.handleUpgrade(request, socket, head, (ws) => ws.close(WS_CLOSE_WRONG_SECRET, 'not this launch'));
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (frame: ServerFrame): void => {
      // Binary UTF-8 JSON (see ws-protocol.ts): cheaper for the page to receive than a text message.
      if (ws.readyState === ws.OPEN) ws.send(frameBytes(frame), { binary: true });
    };
    const unsubscribe = options.events.subscribe(<E extends EventName>(event: E, payload: EventPayload<E>) =>
      send({ type: 'event', event, payload }),
    );
    ws.on('close', unsubscribe);
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let json: unknown;
      try {
        json = JSON.parse(data.toString('utf8'));
      } catch {
        return ws.close(1007, 'invalid JSON');
      }
      const frame = ClientFrameSchema.safeParse(json);
      if (!frame.success) return ws.close(1008, 'invalid frame');
      const { id, channel, input } = frame.data;
      void options.dispatch(channel, input).then((result) => send({ type: 'result', id, result }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    launchUrl: `${url}#secret=${secret}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A frame's JSON in UTF-8; a result that carries its own JSON text (a pull page) is sent as that text. */
function frameBytes(frame: ServerFrame): Buffer {
  if (frame.type === 'result' && frame.result.ok) {
    const text = jsonTextOf(frame.result.value);
    if (text !== undefined) {
      const pieces = [`{"type":"result","id":${String(frame.id)},"result":{"ok":true,"value":`, ...text, '}}'];
      return Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece)));
    }
  }
  return Buffer.from(JSON.stringify(frame), 'utf8');
}
