import { z } from 'zod';
import { KeyIdSchema, ServerKeySchema, type ServerKey } from './pack';

/**
 * A server's key rotation statement: "my key `from` hands over to `to`",
 * signed by the `from` key. A client that pinned `from` follows a chain of
 * these to the new key and re-pins; nobody without the old private key can
 * make one, so a peer on the venue network cannot slip its own key in.
 */
export const KEY_ROTATION_CONTEXT = 'cb-key-rotation-v1\n';
/** In a pack folder, beside the manifest: the statements from older keys to the one that signed it. */
export const PACK_ROTATIONS_FILE = 'key-rotations.json';
export const MAX_ROTATIONS = 64;

export const KeyRotationSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('cb-key-rotation'),
  from: KeyIdSchema,
  to: ServerKeySchema,
  rotatedAt: z.iso.datetime({ offset: true }),
});
export type KeyRotation = z.infer<typeof KeyRotationSchema>;

/** The statement's exact JSON text and the old key's signature over it (base64url). */
export const SignedRotationSchema = z.strictObject({
  payload: z.string().min(1).max(2000),
  signature: z.string().regex(/^[A-Za-z0-9_-]{40,100}$/u),
});
export type SignedRotation = z.infer<typeof SignedRotationSchema>;
export const KeyRotationsSchema = z.strictObject({ rotations: z.array(SignedRotationSchema).max(MAX_ROTATIONS) });

/**
 * Follows signed statements from the pinned key to `target`: each step must be
 * signed by the key reached so far (checked over the exact bytes, then parsed).
 * Answers the target key and the steps taken, or null when no valid chain leads there.
 */
export function followRotations(
  pinned: ServerKey,
  statements: readonly SignedRotation[],
  targetKeyId: string,
  verify: (publicKey: string, context: string, text: string, signature: string) => boolean,
): { key: ServerKey; chain: SignedRotation[] } | null {
  let current = pinned;
  const chain: SignedRotation[] = [];
  const seen = new Set<string>([pinned.keyId]);
  while (current.keyId !== targetKeyId) {
    let next: { key: ServerKey; statement: SignedRotation } | undefined;
    for (const statement of statements) {
      if (!verify(current.publicKey, KEY_ROTATION_CONTEXT, statement.payload, statement.signature)) continue;
      const parsed = KeyRotationSchema.safeParse(safeJson(statement.payload));
      if (!parsed.success || parsed.data.from !== current.keyId || seen.has(parsed.data.to.keyId)) continue;
      next = { key: parsed.data.to, statement };
      break;
    }
    if (next === undefined) return null;
    seen.add(next.key.keyId);
    chain.push(next.statement);
    current = next.key;
  }
  return { key: current, chain };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
