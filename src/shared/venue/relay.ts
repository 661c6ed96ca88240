import { z } from 'zod';
import { MUTATION_STATUSES, MutationResultSchema, MutationSchema } from '../wire/sync';
import { KeyIdSchema } from './pack';

/**
 * The venue relay: writes signed by their author's device, carried by other
 * laptops to the server, applied as their author exactly once.
 */
const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/u);

/** How long a signed write may travel before the server refuses it (its dedupe records live 90 days). */
export const RELAY_MAX_AGE_DAYS = 30;
export const RELAY_MAX_MUTATIONS = 100;
export const RELAY_MAX_ENVELOPES = 20;

/** Mutations that may travel through another laptop: community writes, never account administration. */
export const RELAYABLE_MUTATIONS = [
  'thread.create',
  'thread.update',
  'thread.delete',
  'post.create',
  'post.update',
  'post.delete',
  'translation.create',
  'translationRequest.create',
  'translationRequest.delete',
  'translation.update',
  'translation.delete',
] as const;

export function isRelayable(name: string): boolean {
  return (RELAYABLE_MUTATIONS as readonly string[]).includes(name);
}

export const DeviceRegistrationSchema = z.strictObject({
  deviceId: z.uuid(),
  /** The raw 32-byte Ed25519 public key, base64url. */
  publicKey: Base64Url.length(43),
});
export type DeviceRegistration = z.infer<typeof DeviceRegistrationSchema>;

/** What the author's device signs (the exact JSON text travels with its signature). */
export const RelayWriteSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('cb-relay-write'),
  /** The server it is meant for: refused anywhere else. */
  keyId: KeyIdSchema,
  userId: z.uuid(),
  deviceId: z.uuid(),
  clientId: z.string().min(1).max(100),
  signedAt: z.iso.datetime({ offset: true }),
  mutations: z.array(MutationSchema).min(1).max(RELAY_MAX_MUTATIONS),
});
export type RelayWrite = z.infer<typeof RelayWriteSchema>;

export const SignedTextSchema = z.strictObject({
  /** JSON text, exactly as signed. */
  payload: z.string().min(2).max(900_000),
  signature: Base64Url.max(200),
});
export type SignedText = z.infer<typeof SignedTextSchema>;

export const RelayRequestSchema = z.strictObject({
  envelopes: z.array(SignedTextSchema).min(1).max(RELAY_MAX_ENVELOPES),
});

export const RELAY_REFUSALS = [
  'relay-invalid',
  'relay-bad-signature',
  'relay-unknown-device',
  'relay-wrong-server',
  'relay-expired',
  'relay-author-disabled',
] as const;
export type RelayRefusal = (typeof RELAY_REFUSALS)[number];

export const RelayedResultSchema = MutationResultSchema.extend({
  /** The server had it already (from the author or an earlier relay): this is the first result, nothing applied. */
  replay: z.boolean(),
});

/** What the server signs after applying an envelope: the author's device can trust it through any relayer. */
export const RelayReceiptSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('cb-relay-receipt'),
  keyId: KeyIdSchema,
  /** sha256 of the envelope's payload text. */
  envelopeId: z.string().regex(/^[0-9a-f]{64}$/u),
  userId: z.uuid(),
  clientId: z.string().min(1).max(100),
  results: z.array(MutationResultSchema),
  at: z.iso.datetime({ offset: true }),
});
export type RelayReceipt = z.infer<typeof RelayReceiptSchema>;

export const RelayOutcomeSchema = z.discriminatedUnion('status', [
  z.strictObject({
    envelopeId: z.string(),
    status: z.literal('delivered'),
    results: z.array(RelayedResultSchema),
    receipt: SignedTextSchema,
  }),
  z.strictObject({
    envelopeId: z.string(),
    status: z.literal('refused'),
    code: z.enum(RELAY_REFUSALS),
    message: z.string(),
  }),
]);
export type RelayOutcome = z.infer<typeof RelayOutcomeSchema>;

export const RelayResponseSchema = z.strictObject({ outcomes: z.array(RelayOutcomeSchema) });
export type RelayResponse = z.infer<typeof RelayResponseSchema>;

export { MUTATION_STATUSES };
