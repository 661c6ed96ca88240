import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Frame } from '../../../shared/venue/lan';

export type Direction = 'peer-to-host' | 'host-to-peer';

/**
 * One paired session's traffic keys: AES-256-GCM, one key per direction
 * (derived from SPAKE2's Ke), the session id, the direction and the frame's
 * sequence number bound as additional data. A frame replayed, reordered or
 * sent back the other way does not open.
 */
export class LanChannel {
  private readonly keys: Record<Direction, Buffer>;
  private sent = 0;
  private received = 0;

  constructor(
    readonly session: string,
    ke: Buffer,
    private readonly sending: Direction,
  ) {
    const key = (direction: Direction): Buffer =>
      Buffer.from(hkdfSync('sha256', ke, Buffer.from(session), `cb-venue ${direction}`, 32));
    this.keys = { 'peer-to-host': key('peer-to-host'), 'host-to-peer': key('host-to-peer') };
  }

  seal(value: unknown): Frame {
    this.sent += 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[this.sending], iv);
    cipher.setAAD(this.aad(this.sending, this.sent));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { session: this.session, seq: this.sent, iv: iv.toString('base64url'), data: data.toString('base64url') };
  }

  /** The frame's JSON, or undefined if it does not open (wrong key, altered, replayed, out of order). */
  open(frame: Frame): unknown {
    const direction: Direction = this.sending === 'peer-to-host' ? 'host-to-peer' : 'peer-to-host';
    if (frame.session !== this.session || frame.seq <= this.received) return undefined;
    const data = Buffer.from(frame.data, 'base64url');
    if (data.length < 16) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.keys[direction], Buffer.from(frame.iv, 'base64url'));
      decipher.setAAD(this.aad(direction, frame.seq));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const text = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(
        'utf8',
      );
      this.received = frame.seq;
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  private aad(direction: Direction, seq: number): Buffer {
    return Buffer.from(`${this.session}|${direction}|${seq}`);
  }
}
