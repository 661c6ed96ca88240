import { createHash, createHmac, hkdfSync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';

/**
 * SPAKE2 (RFC 9382) over edwards25519, for pairing laptops with a short code:
 * a listener learns nothing it could test the code against offline, and an
 * active attacker gets one guess per run (the host limits runs per code).
 * Curve arithmetic comes from @noble/curves (audited); hashing, HKDF and HMAC
 * from node:crypto. Roles: A is the peer that joins, B the venue host.
 */
const Point = ed25519.Point;
type EdPoint = InstanceType<typeof Point>;
const ORDER = Point.Fn.ORDER;
const COFACTOR = 8n;
// RFC 9382 §6: points nobody knows the discrete logarithm of.
const M = Point.fromHex('d048032c6ea0b6d697ddc2e86bda85a33adac920f1bf18e1b0c6d166a5cecdaf');
const N = Point.fromHex('d3bfb518f44f3430f29d0c92af503865a1ed3281dc69b35dd868ba85f886c4ab');

export const PEER_IDENTITY = 'cb-venue-peer';
export const HOST_IDENTITY = 'cb-venue-host';
const CODE_SALT = 'cb-venue-pair-v1';

export class PairingError extends Error {}

/** The password scalar: a memory-hard hash of the code (RFC 9382 §3.2 asks for an MHF), reduced mod the order. */
export function passwordScalar(code: string): bigint {
  const bytes = scryptSync(normalizeCode(code), CODE_SALT, 64, { N: 2 ** 14, r: 8, p: 1 });
  const w = bytesToBigInt(bytes) % ORDER;
  return w === 0n ? 1n : w;
}

/** Codes are typed by people: case, spaces and dashes do not matter, and O/I/L read as 0/1/1 (Crockford). */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/gu, '').replace(/O/gu, '0').replace(/[IL]/gu, '1');
}

function randomScalar(): bigint {
  for (;;) {
    const candidate = bytesToBigInt(randomBytes(64)) % ORDER;
    if (candidate !== 0n) return candidate;
  }
}

export interface Spake2Keys {
  /** The shared key both sides derive (RFC 9382 Ke). */
  readonly ke: Buffer;
  /** This side's confirmation MAC, to send. */
  readonly confirmation: Buffer;
  /** Checks the other side's confirmation MAC. */
  verifyPeer(mac: Buffer): boolean;
}

/** One side's run: its public share, then the keys once the other share arrived. */
export class Spake2 {
  private readonly secret = randomScalar();
  readonly share: Uint8Array;

  constructor(
    private readonly role: 'A' | 'B',
    private readonly w: bigint,
  ) {
    const blind = role === 'A' ? M : N;
    this.share = Point.BASE.multiply(this.secret).add(blind.multiply(w)).toBytes();
  }

  finish(otherShare: Uint8Array): Spake2Keys {
    let other: EdPoint;
    try {
      other = Point.fromBytes(otherShare);
    } catch (error) {
      throw new PairingError('The other side sent a share that is not a curve point.', { cause: error });
    }
    const unblind = this.role === 'A' ? N : M;
    // K = h·x·(pB − w·N): the cofactor is cleared on the point, so a low-order component cannot leak bits of x.
    const k = other.subtract(unblind.multiply(this.w)).multiply(COFACTOR).multiply(this.secret);
    if (k.equals(Point.ZERO)) throw new PairingError('The other side sent a degenerate share.');
    const [pA, pB] = this.role === 'A' ? [this.share, otherShare] : [otherShare, this.share];
    const tt = transcript(PEER_IDENTITY, HOST_IDENTITY, pA, pB, k.toBytes(), this.w);
    const hash = createHash('sha256').update(tt).digest();
    const ke = hash.subarray(0, 16);
    const ka = hash.subarray(16, 32);
    const kc = Buffer.from(hkdfSync('sha256', ka, Buffer.alloc(0), 'ConfirmationKeys', 32));
    const [kcA, kcB] = [kc.subarray(0, 16), kc.subarray(16, 32)];
    const macA = createHmac('sha256', kcA).update(tt).digest();
    const macB = createHmac('sha256', kcB).update(tt).digest();
    const [mine, theirs] = this.role === 'A' ? [macA, macB] : [macB, macA];
    return {
      ke: Buffer.from(ke),
      confirmation: mine,
      verifyPeer: (mac) => mac.length === theirs.length && timingSafeEqual(mac, theirs),
    };
  }
}

/** RFC 9382 §3.3: each part prefixed with its length as 8 little-endian bytes. */
function transcript(a: string, b: string, pA: Uint8Array, pB: Uint8Array, k: Uint8Array, w: bigint): Buffer {
  const parts = [Buffer.from(a), Buffer.from(b), Buffer.from(pA), Buffer.from(pB), Buffer.from(k), bigIntToBytes(w)];
  return Buffer.concat(
    parts.flatMap((part) => {
      const length = Buffer.alloc(8);
      length.writeBigUInt64LE(BigInt(part.length));
      return [length, part];
    }),
  );
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function bigIntToBytes(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}
