import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import {
  DropAnswerSchema,
  FrameSchema,
  HelloAnswerSchema,
  LAN_PREFIX,
  PackPieceAnswerSchema,
  PairStartAnswerSchema,
  ReceiptsAnswerSchema,
  type HostPack,
  type LanCall,
} from '../../../shared/venue/lan';
import type { SignedText } from '../../../shared/venue/relay';
import { AppError } from '../../../shared/result';
import { LanChannel } from './lan-crypto';
import { passwordScalar, Spake2, type PairingError } from './spake2';

/** A connection from this laptop to a venue host, paired with the code on the host's screen. */
export class LanPeer {
  private constructor(
    private readonly fetchImpl: typeof globalThis.fetch,
    readonly base: string,
    private readonly channel: LanChannel,
    readonly hostName: string,
  ) {}

  static async connect(
    fetchImpl: typeof globalThis.fetch,
    address: string,
    code: string,
    name: string,
  ): Promise<LanPeer> {
    const base = baseUrl(address);
    const run = new Spake2('A', passwordScalar(code));
    const start = await post(fetchImpl, `${base}${LAN_PREFIX}/pair/start`, {
      share: Buffer.from(run.share).toString('base64url'),
      name,
    });
    if (start.status === 423) throw new AppError('pairing-locked', 'Too many wrong codes: the host shows a new one.');
    const answer = PairStartAnswerSchema.safeParse(start.body);
    if (!answer.success) throw new AppError('pairing-refused', 'The venue host did not answer as expected.');
    let keys;
    try {
      keys = run.finish(Buffer.from(answer.data.share, 'base64url'));
    } catch (error) {
      throw new AppError('pairing-refused', (error as PairingError).message);
    }
    // The host proves it knows the code before this laptop says anything more.
    if (!keys.verifyPeer(Buffer.from(answer.data.confirmation, 'base64url'))) {
      throw new AppError('pairing-refused', 'The pairing code is not the one on the host screen.');
    }
    const finish = await post(fetchImpl, `${base}${LAN_PREFIX}/pair/finish`, {
      session: answer.data.session,
      confirmation: keys.confirmation.toString('base64url'),
    });
    if (finish.status !== 200) throw new AppError('pairing-refused', 'The venue host refused the pairing.');
    return new LanPeer(
      fetchImpl,
      base,
      new LanChannel(answer.data.session, keys.ke, 'peer-to-host'),
      answer.data.hostName,
    );
  }

  async hello(): Promise<{ hostName: string; packs: HostPack[] }> {
    return this.call({ method: 'hello' }, HelloAnswerSchema);
  }

  async drop(envelopes: SignedText[]): Promise<number> {
    return (await this.call({ method: 'dropWrites', envelopes }, DropAnswerSchema)).accepted;
  }

  async receipts(userId: string, clientId: string): Promise<SignedText[]> {
    return (await this.call({ method: 'receipts', userId, clientId }, ReceiptsAnswerSchema)).receipts;
  }

  /** Copies a pack the host holds into `dir`, piece by piece, continuing files a broken connection left short. */
  async fetchPack(pack: HostPack, dir: string, onBytes: (bytes: number) => void): Promise<void> {
    for (const path of pack.paths) {
      const target = join(dir, path);
      await mkdir(dirname(target), { recursive: true });
      let offset = (await stat(target).catch(() => undefined))?.size ?? 0;
      for (;;) {
        const piece = await this.call(
          { method: 'packPiece', packId: pack.packId, path, offset },
          PackPieceAnswerSchema,
        );
        const data = Buffer.from(piece.data, 'base64url');
        if (offset === 0 && data.length === 0 && piece.size > 0) break;
        const handle = await open(target, offset === 0 ? 'w' : 'a');
        try {
          await handle.write(data);
        } finally {
          await handle.close();
        }
        offset += data.length;
        onBytes(data.length);
        if (piece.done || data.length === 0) break;
      }
    }
  }

  private async call<S extends z.ZodType>(call: LanCall, schema: S): Promise<z.infer<S>> {
    const response = await post(this.fetchImpl, `${this.base}${LAN_PREFIX}/call`, this.channel.seal(call));
    if (response.status === 401) throw new AppError('not-paired', 'The venue host ended the pairing: pair again.');
    const frame = FrameSchema.safeParse(response.body);
    const value = frame.success ? this.channel.open(frame.data) : undefined;
    if (typeof value === 'object' && value !== null && 'error' in value) {
      throw new AppError('unavailable', `The venue host said: ${String(value.error)}`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new AppError('invalid-response', 'The venue host sent something this app cannot use.');
    return parsed.data;
  }
}

/** "192.168.1.20:5280" or a full http URL: the host's base address. */
export function baseUrl(address: string): string {
  const trimmed = address.trim();
  const url = new URL(/^https?:\/\//u.test(trimmed) ? trimmed : `http://${trimmed}`);
  if (url.username !== '' || url.password !== '')
    throw new AppError('invalid-arguments', 'An address without a user name.');
  return url.origin;
}

async function post(
  fetchImpl: typeof globalThis.fetch,
  url: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new AppError('offline', `The venue host cannot be reached: ${(error as Error).message}`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, body: json };
}
