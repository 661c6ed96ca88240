import { z } from 'zod';

/**
 * Every error the server returns, as a closed union. The HTTP status comes
 * with it (see WIRE_ERROR_STATUS), and the body is always `{ code, message }`.
 */
export const WIRE_ERROR_CODES = [
  'invalid',
  'unauthorized',
  'token-expired',
  'forbidden',
  'not-found',
  'conflict',
  'rate-limited',
  'payload-too-large',
  /** The account's uploads would exceed its quota. */
  'quota-exceeded',
  'unsupported-media-type',
  'protocol-missing',
  'protocol-too-old',
  'protocol-too-new',
  'reset-required',
  'hash-mismatch',
  'range-not-satisfiable',
  'unavailable',
  'internal',
] as const;
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

export const WIRE_ERROR_STATUS: Readonly<Record<WireErrorCode, number>> = {
  invalid: 400,
  unauthorized: 401,
  'token-expired': 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  'payload-too-large': 413,
  'quota-exceeded': 413,
  'unsupported-media-type': 415,
  'protocol-missing': 400,
  'protocol-too-old': 426,
  'protocol-too-new': 400,
  'reset-required': 410,
  'hash-mismatch': 422,
  'range-not-satisfiable': 416,
  unavailable: 503,
  internal: 500,
};

export const WireErrorSchema = z.strictObject({
  code: z.enum(WIRE_ERROR_CODES),
  message: z.string(),
});
export type WireError = z.infer<typeof WireErrorSchema>;

/** Why the server refused one mutation of a push (the rest of the batch goes on). */
export const REJECTION_CODES = [
  'forbidden',
  'invalid',
  'not-found',
  'already-exists',
  'thread-locked',
  'unknown-mutation',
  'file-missing',
  /** A translation into the language the original is already written in. */
  'same-language',
  /** The same person already translated this item into this language: edit that one instead. */
  'translation-exists',
  /** Others have replied in the thread: its author may close it, not delete their replies (a moderator may). */
  'thread-has-replies',
  /** Another moderator resolved the report first: their resolution is the record. */
  'already-resolved',
  /**
   * Never sent by the server: the client sets a write aside with it (as a draft, with its text) when the
   * server failed on that write alone several times, so that one write cannot hold back all the others.
   */
  'server-error',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
