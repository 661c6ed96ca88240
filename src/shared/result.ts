/**
 * Results cross every process boundary as values, never as thrown errors.
 * The error codes form a closed union: a caller can switch on them exhaustively.
 */
export const ERROR_CODES = [
  'invalid-arguments',
  'unknown-method',
  'internal',
  'not-found',
  'forbidden',
  'unauthorized',
  'unavailable',
  /** The server failed while handling the request (a 500): unlike `unavailable`, the request itself may be why. */
  'server-error',
  'conflict',
  'storage-failed',
  'external-url-refused',
  // Talking to the Collective Brain server:
  'offline',
  'wrong-credentials',
  'rate-limited',
  'protocol-mismatch',
  'session-expired',
  'signed-out',
  'reset-required',
  'invalid-response',
  /** The answer was larger than this app reads (a page, a JSON answer), decompressed or not. */
  'response-too-large',
  /** The answer came compressed in a way the app did not ask for. */
  'unexpected-encoding',
  /** Plain http:// to a server on another computer, while insecure connections are off. */
  'insecure-server',
  /** Changing the server address ends the session: confirm it (session.changeServer). */
  'sign-out-required',
  // Documents on this machine:
  'disk-full',
  'hash-mismatch',
  'cancelled',
  // Files this user uploads:
  'too-large',
  /** The account's uploads on the server would exceed its quota. */
  'quota-exceeded',
  /** A push waits for a file it references that could not be uploaded (see the upload's own error). */
  'upload-failed',
  // The venue kit (docs/venue.md): why a pack is refused, and pairing on the venue network.
  /** Not a pack, or one this app cannot read. */
  'pack-unreadable',
  /** This computer never signed in to the server that made it: it does not know its key. */
  'pack-server-unknown',
  /** Signed by another server than the one this account uses. */
  'pack-foreign-server',
  /** The manifest was changed after the server signed it. */
  'pack-bad-signature',
  /** A file of the pack is missing, or its bytes are not the ones the manifest names. */
  'pack-tampered',
  /** A delta whose base pack is not on this computer. */
  'pack-base-missing',
  /** The pairing code is wrong (or someone in between changed the exchange). */
  'pairing-refused',
  /** Too many wrong codes: the host made a new one. */
  'pairing-locked',
  /** No venue host is connected. */
  'not-paired',
  /** A folder typed or picked for an export cannot be used (not absolute, not a folder, not writable). */
  'folder-invalid',
  // The desktop app:
  /** The user paused sync (tray): nothing goes to or comes from the server until they resume. */
  'sync-paused',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorValue {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorValue };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** Thrown inside services; the dispatcher turns it into a failed Result. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
