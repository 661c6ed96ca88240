import { createHash } from 'node:crypto';
import type { PushRequest } from '../../src/shared/wire';
import {
  RELAY_MAX_AGE_DAYS,
  RelayWriteSchema,
  type RelayOutcome,
  type RelayReceipt,
  type RelayRefusal,
  type SignedText,
} from '../../src/shared/venue/relay';
import { RELAY_RECEIPT_CONTEXT, RELAY_WRITE_CONTEXT } from '../../src/shared/venue/pack';
import type { AuthenticatedUser } from '../auth/sessions';
import { toSessionUser } from '../auth/sessions';
import type { ServerContext } from '../context';
import { push } from '../sync/push';
import { verifySignature, type ServerSigningKey } from './signing-key';

/** A signed write may be a little ahead of the server's clock (a laptop's clock drifts). */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

class Refused extends Error {
  constructor(
    readonly code: RelayRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Applies writes other laptops carried for their authors: each envelope's
 * signature must verify with its author's registered device key, and its
 * mutations then go through the push's own exactly-once path as that author,
 * under the author's client id, so the author's own later push of the same
 * writes gets these results back and nothing is applied twice.
 */
export async function relayWrites(
  ctx: ServerContext,
  key: ServerSigningKey,
  envelopes: readonly SignedText[],
): Promise<RelayOutcome[]> {
  const outcomes: RelayOutcome[] = [];
  for (const envelope of envelopes) {
    const envelopeId = createHash('sha256').update(envelope.payload).digest('hex');
    try {
      outcomes.push(await relayOne(ctx, key, envelope, envelopeId));
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      outcomes.push({ envelopeId, status: 'refused', code: error.code, message: error.message });
    }
  }
  return outcomes;
}

async function relayOne(
  ctx: ServerContext,
  key: ServerSigningKey,
  envelope: SignedText,
  envelopeId: string,
): Promise<RelayOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(envelope.payload);
  } catch {
    throw new Refused('relay-invalid', 'The write is not JSON.');
  }
  const parsed = RelayWriteSchema.safeParse(json);
  if (!parsed.success) throw new Refused('relay-invalid', parsed.error.issues[0]?.message ?? 'invalid write');
  const write = parsed.data;
  if (!key.keyIds.has(write.keyId))
    throw new Refused('relay-wrong-server', 'This write was signed for another server.');
  const device = await ctx.db.query<{ public_key: string }>(
    'SELECT public_key FROM venue_devices WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
    [write.deviceId, write.userId],
  );
  const publicKey = device.rows[0]?.public_key;
  if (publicKey === undefined) throw new Refused('relay-unknown-device', 'No such device for this author.');
  if (!verifySignature(publicKey, RELAY_WRITE_CONTEXT, envelope.payload, envelope.signature)) {
    throw new Refused('relay-bad-signature', "The author's signature does not match this write.");
  }
  const signedAt = Date.parse(write.signedAt);
  const now = ctx.now().getTime();
  if (signedAt > now + CLOCK_SKEW_MS || now - signedAt > RELAY_MAX_AGE_DAYS * 24 * 60 * 60 * 1000) {
    throw new Refused('relay-expired', `A relayed write must reach the server within ${RELAY_MAX_AGE_DAYS} days.`);
  }
  const author = await loadAuthor(ctx, write.userId);
  const ids = write.mutations.map((mutation) => mutation.id);
  const seen = await ctx.db.query<{ mutation_id: string }>(
    `SELECT mutation_id FROM applied_mutations WHERE user_id = $1 AND client_id = $2 AND mutation_id = ANY($3::text[])
        AND result IS NOT NULL`,
    [write.userId, write.clientId, ids],
  );
  const replays = new Set(seen.rows.map((row) => row.mutation_id));
  const request: PushRequest = { clientId: write.clientId, mutations: write.mutations };
  const results = await push(ctx, author, request);
  const receipt: RelayReceipt = {
    v: 1,
    kind: 'cb-relay-receipt',
    keyId: key.keyId,
    envelopeId,
    userId: write.userId,
    clientId: write.clientId,
    results,
    at: ctx.now().toISOString(),
  };
  const receiptText = JSON.stringify(receipt);
  return {
    envelopeId,
    status: 'delivered',
    results: results.map((result) => ({ ...result, replay: replays.has(result.id) })),
    receipt: { payload: receiptText, signature: key.sign(RELAY_RECEIPT_CONTEXT, receiptText) },
  };
}

async function loadAuthor(ctx: ServerContext, userId: string): Promise<AuthenticatedUser> {
  const found = await ctx.db.query<Parameters<typeof toSessionUser>[0]>(
    'SELECT id, email, display_name, roles, content_languages, disabled FROM users WHERE id = $1',
    [userId],
  );
  const row = found.rows[0];
  if (row === undefined || row.disabled)
    throw new Refused('relay-author-disabled', "The author's account is not active.");
  // The author acts without a session of their own here: no token stands behind this write, their signature does.
  return { ...toSessionUser(row), tokenHash: '', sessionId: '' };
}
