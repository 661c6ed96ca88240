/**
 * The sync protocol's version and the header that carries it. A client sends
 * its version on every /api call; the server answers with its own range, and
 * refuses a version outside it with a named error code instead of data it
 * might misread.
 */
export const PROTOCOL_HEADER = 'x-protocol';
/** Response headers: the range of versions this server speaks. */
export const PROTOCOL_MAX_HEADER = 'x-protocol-max';
export const PROTOCOL_MIN_HEADER = 'x-protocol-min';

/** The version this code speaks. Bump on any incompatible wire change. */
export const PROTOCOL_VERSION = 1;
/** The oldest client version the server still accepts. */
export const MIN_PROTOCOL_VERSION = 1;

/** Upload header carrying the hex sha256 of the body the client sends. */
export const CONTENT_SHA256_HEADER = 'x-content-sha256';

/** Routes that answer without a protocol header (probes and discovery). */
export const PROTOCOL_EXEMPT_PATHS = ['/api/health', '/api/openapi.json'] as const;

export type ProtocolCheck =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly code: 'protocol-missing' | 'protocol-too-old' | 'protocol-too-new' };

/** Pure check shared by the server (incoming requests) and clients (tests, diagnostics). */
export function checkProtocolVersion(
  header: string | undefined,
  min: number = MIN_PROTOCOL_VERSION,
  max: number = PROTOCOL_VERSION,
): ProtocolCheck {
  if (header === undefined || header.trim() === '') return { ok: false, code: 'protocol-missing' };
  if (!/^\d{1,6}$/u.test(header.trim())) return { ok: false, code: 'protocol-missing' };
  const version = Number(header.trim());
  if (version < min) return { ok: false, code: 'protocol-too-old' };
  if (version > max) return { ok: false, code: 'protocol-too-new' };
  return { ok: true, version };
}
