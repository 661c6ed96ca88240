import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  FrameSchema,
  LAN_PREFIX,
  LanCallSchema,
  PACK_PIECE_BYTES,
  PairFinishSchema,
  PairStartSchema,
  type HostPack,
  type LanCall,
} from '../../../shared/venue/lan';
import type { DownloadManager } from '../downloads';
import { LanChannel } from './lan-crypto';
import type { PackLibrary } from './pack-library';
import { newPairingCode } from './pairing-code';
import type { RelayBox } from './relay-box';
import { passwordScalar, Spake2, type Spake2Keys } from './spake2';

/** Failed or abandoned pairings a code survives; then the host shows a new one. */
export const MAX_PAIRING_ATTEMPTS = 10;
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HostState {
  readonly running: boolean;
  readonly code: string;
  readonly port: number;
  readonly addresses: readonly string[];
  readonly peers: number;
}

interface Pending {
  readonly keys: Spake2Keys;
  readonly name: string;
  readonly at: number;
}

/**
 * The venue host: serves the packs this computer holds and a drop box for
 * other laptops' signed writes, on the venue network, to peers that paired
 * with the code on this screen (SPAKE2). Nothing but pairing answers without
 * a session; every call is an encrypted, numbered frame.
 */
export class LanHost {
  private code = newPairingCode();
  private w = passwordScalar(this.code);
  private attempts = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly sessions = new Map<string, { channel: LanChannel; name: string; at: number }>();

  private constructor(
    private readonly server: Server,
    private readonly options: LanHostOptions,
  ) {}

  static async start(options: LanHostOptions): Promise<LanHost> {
    const box: { host?: LanHost } = {};
    const server = createServer((request, response) => {
      void box.host?.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
    const host = new LanHost(server, options);
    box.host = host;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.bind ?? '0.0.0.0', () => resolve());
    });
    return host;
  }

  state(): HostState {
    const port = (this.server.address() as AddressInfo | null)?.port ?? 0;
    const bind = this.options.bind ?? '0.0.0.0';
    const addresses =
      bind === '0.0.0.0'
        ? Object.values(networkInterfaces())
            .flat()
            .filter((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)
            .map((entry) => `${entry?.address ?? ''}:${port}`)
        : [`${bind}:${port}`];
    return { running: this.server.listening, code: this.code, port, addresses, peers: this.sessions.size };
  }

  close(): Promise<void> {
    this.sessions.clear();
    this.pending.clear();
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private rotateCode(): void {
    this.code = newPairingCode();
    this.w = passwordScalar(this.code);
    this.attempts = 0;
    this.pending.clear();
    this.options.onChange();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'POST') return send(response, 405, { error: 'method' });
    const body = await readBody(request);
    if (body === undefined) return send(response, 413, { error: 'too-large' });
    if (path === `${LAN_PREFIX}/pair/start`) return this.pairStart(body, response);
    if (path === `${LAN_PREFIX}/pair/finish`) return this.pairFinish(body, response);
    if (path === `${LAN_PREFIX}/call`) return this.call(body, response);
    return send(response, 404, { error: 'not-found' });
  }

  private pairStart(body: unknown, response: ServerResponse): void {
    const start = parse(PairStartSchema, body);
    if (start === undefined) return send(response, 400, { error: 'invalid' });
    // Each run can test one guess of the code, so every run counts until it proves the code.
    this.attempts += 1;
    if (this.attempts > MAX_PAIRING_ATTEMPTS) {
      this.rotateCode();
      return send(response, 423, { error: 'locked' });
    }
    const run = new Spake2('B', this.w);
    let keys: Spake2Keys;
    try {
      keys = run.finish(Buffer.from(start.share, 'base64url'));
    } catch {
      return send(response, 400, { error: 'invalid' });
    }
    const session = randomBytes(16).toString('base64url');
    this.pending.set(session, { keys, name: start.name, at: Date.now() });
    send(response, 200, {
      session,
      share: Buffer.from(run.share).toString('base64url'),
      confirmation: keys.confirmation.toString('base64url'),
      hostName: this.options.name(),
    });
  }

  private pairFinish(body: unknown, response: ServerResponse): void {
    const finish = parse(PairFinishSchema, body);
    const pending = finish === undefined ? undefined : this.pending.get(finish.session);
    if (finish === undefined || pending === undefined) return send(response, 400, { error: 'invalid' });
    this.pending.delete(finish.session);
    if (!pending.keys.verifyPeer(Buffer.from(finish.confirmation, 'base64url'))) {
      return send(response, 401, { error: 'wrong-code' });
    }
    this.attempts = Math.max(0, this.attempts - 1);
    this.sessions.set(finish.session, {
      channel: new LanChannel(finish.session, pending.keys.ke, 'host-to-peer'),
      name: pending.name,
      at: Date.now(),
    });
    this.options.onChange();
    send(response, 200, { ok: true });
  }

  private async call(body: unknown, response: ServerResponse): Promise<void> {
    const frame = parse(FrameSchema, body);
    const session = frame === undefined ? undefined : this.sessions.get(frame.session);
    if (frame === undefined || session === undefined || Date.now() - session.at > SESSION_TTL_MS) {
      return send(response, 401, { error: 'not-paired' });
    }
    const call = parse(LanCallSchema, session.channel.open(frame));
    if (call === undefined) return send(response, 400, { error: 'invalid' });
    const answer = await this.answer(call).catch((error: unknown) => ({
      error: (error as Error).message.slice(0, 200),
    }));
    send(response, 200, session.channel.seal(answer));
  }

  private async answer(call: LanCall): Promise<unknown> {
    switch (call.method) {
      case 'hello':
        return { hostName: this.options.name(), packs: await this.packs() };
      case 'packPiece':
        return this.piece(call.packId, call.path, call.offset);
      case 'dropWrites': {
        const accepted = await this.options.relay.add(call.envelopes);
        this.options.onDropped();
        return { accepted };
      }
      case 'receipts':
        return { receipts: this.options.relay.receiptsFor(call.userId, call.clientId) };
    }
  }

  private async packs(): Promise<HostPack[]> {
    const held = await this.options.library.list();
    return held
      .filter((pack) => pack.state !== 'importing')
      .filter((pack) => pack.manifest.files.every((file) => this.options.downloads.pathOf(file.sha256) !== undefined))
      .map((pack) => ({
        packId: pack.manifest.packId,
        title: pack.manifest.edition.title,
        bytes: pack.bytes,
        paths: [
          'manifest.json',
          'manifest.sig',
          ...pack.manifest.rows.map((rows) => rows.path),
          ...pack.manifest.files.map((file) => `files/${file.sha256}`),
        ],
      }));
  }

  private async piece(packId: string, path: string, offset: number): Promise<unknown> {
    const pack = await this.options.library.get(packId);
    if (pack === undefined) return { error: 'no such pack' };
    let file: string | undefined;
    if (path.startsWith('files/')) {
      const sha256 = path.slice('files/'.length);
      // Only the files this pack lists: the host never serves the rest of its store.
      if (!pack.manifest.files.some((entry) => entry.sha256 === sha256)) return { error: 'not in this pack' };
      file = this.options.downloads.pathOf(sha256);
    } else {
      file = join(this.options.library.dirOf(packId), path);
    }
    if (file === undefined) return { error: 'not on this computer' };
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(Math.max(0, Math.min(PACK_PIECE_BYTES, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return { data: buffer.subarray(0, bytesRead).toString('base64url'), size, done: offset + bytesRead >= size };
    } finally {
      await handle.close();
    }
  }
}

export interface LanHostOptions {
  readonly library: PackLibrary;
  readonly downloads: DownloadManager;
  readonly relay: RelayBox;
  readonly name: () => string;
  /** 0.0.0.0 on a venue; tests bind 127.0.0.1. */
  readonly bind?: string;
  readonly port?: number;
  /** The code changed or a peer paired: the host screen updates. */
  readonly onChange: () => void;
  /** Writes arrived in the drop box: try to upload them. */
  readonly onDropped: () => void;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
