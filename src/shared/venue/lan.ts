import { z } from 'zod';
import { MutationResultSchema } from '../wire/sync';
import { SignedTextSchema } from './relay';

/**
 * The venue network's wire format: pairing (SPAKE2 shares and confirmations)
 * and, once paired, AES-256-GCM frames whose plaintext is one call below.
 */
export const LAN_PREFIX = '/venue/v1';
const Base64Url = z.string().regex(/^[A-Za-z0-9_-]*$/u);
const SessionId = z.string().regex(/^[A-Za-z0-9_-]{22}$/u);

export const PairStartSchema = z.strictObject({
  share: Base64Url.length(43),
  /** How the peer calls itself on the host's screen. */
  name: z.string().trim().min(1).max(80),
});
export const PairStartAnswerSchema = z.strictObject({
  session: SessionId,
  share: Base64Url.length(43),
  confirmation: Base64Url.length(43),
  hostName: z.string().max(80),
});
export const PairFinishSchema = z.strictObject({ session: SessionId, confirmation: Base64Url.length(43) });

export const FrameSchema = z.strictObject({
  session: SessionId,
  /** Strictly increasing per direction: a frame seen before is refused. */
  seq: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  iv: Base64Url.length(16),
  data: Base64Url.max(3_000_000),
});
export type Frame = z.infer<typeof FrameSchema>;

/** A pack the host holds, as it offers it. */
export const HostPackSchema = z.strictObject({
  packId: z.uuid(),
  title: z.string().max(2000),
  bytes: z.int().min(0),
  /** Its files, by the paths a peer asks for. */
  paths: z.array(z.string().max(100)).max(200_000),
});
export type HostPack = z.infer<typeof HostPackSchema>;

export const PACK_PIECE_BYTES = 1024 * 1024;

export const LanCallSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('hello') }),
  z.strictObject({
    method: z.literal('packPiece'),
    packId: z.uuid(),
    path: z.string().regex(/^(manifest\.json|manifest\.sig|rows\/\d{4}\.json|files\/[0-9a-f]{64})$/u),
    offset: z.int().min(0),
  }),
  z.strictObject({ method: z.literal('dropWrites'), envelopes: z.array(SignedTextSchema).min(1).max(20) }),
  z.strictObject({ method: z.literal('receipts'), userId: z.uuid(), clientId: z.string().min(1).max(100) }),
]);
export type LanCall = z.infer<typeof LanCallSchema>;

export const HelloAnswerSchema = z.strictObject({ hostName: z.string(), packs: z.array(HostPackSchema) });
export const PackPieceAnswerSchema = z.strictObject({ data: Base64Url, size: z.int().min(0), done: z.boolean() });
export const DropAnswerSchema = z.strictObject({ accepted: z.int().min(0) });
export const ReceiptsAnswerSchema = z.strictObject({ receipts: z.array(SignedTextSchema) });
export const LanErrorSchema = z.strictObject({ error: z.string().max(200) });

export { MutationResultSchema };
