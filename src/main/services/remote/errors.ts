import { AppError, type ErrorCode } from '../../../shared/result';
import type { RemoteFailure } from './remote-client';
import { RemoteError } from './remote-client';

const TO_APP_CODE: Record<RemoteFailure, ErrorCode> = {
  network: 'offline',
  'bad-response': 'invalid-response',
  'response-too-large': 'response-too-large',
  'unexpected-encoding': 'unexpected-encoding',
  invalid: 'invalid-arguments',
  unauthorized: 'session-expired',
  'token-expired': 'session-expired',
  forbidden: 'forbidden',
  'not-found': 'not-found',
  conflict: 'conflict',
  'rate-limited': 'rate-limited',
  'payload-too-large': 'too-large',
  'quota-exceeded': 'quota-exceeded',
  'unsupported-media-type': 'invalid-arguments',
  'protocol-missing': 'protocol-mismatch',
  'protocol-too-old': 'protocol-mismatch',
  'protocol-too-new': 'protocol-mismatch',
  'reset-required': 'reset-required',
  'hash-mismatch': 'hash-mismatch',
  'range-not-satisfiable': 'invalid-arguments',
  unavailable: 'unavailable',
  internal: 'server-error',
};

/** What the renderer is told when a server request fails: a contract code and the server's message. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof RemoteError) return new AppError(TO_APP_CODE[error.failure], error.message, { cause: error });
  return new AppError('internal', 'Unexpected failure talking to the server.', { cause: error });
}
