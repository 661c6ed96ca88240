/**
 * A value may carry the JSON text it came as, so that a JSON transport sends that text instead of
 * serializing the value again. A pull page is the case: main receives it as JSON, validates it with the
 * shared schemas, and browser mode would write the same megabytes out again for the page. The text comes
 * in pieces, each a string or UTF-8 bytes: the page's body is sent on as the bytes received, not encoded
 * again (a profile of the client bench put 0.6 s of the host's CPU in encoding the pages' text).
 * The text must say exactly what the value holds: it is attached only to answers validated by schemas
 * that keep every field as it came and reject unknown ones (tests/unit/json-text.test.ts walks them).
 *
 * The text lives under a symbol: Electron's IPC (a structured clone) does not carry it, and neither
 * does `JSON.stringify`.
 */
const JSON_TEXT = Symbol('json-text');

/** A piece of JSON text: a string, or its UTF-8 bytes. */
export type JsonPiece = string | Uint8Array;
type JsonText = readonly JsonPiece[];
type WithJsonText = { readonly [JSON_TEXT]?: JsonText };

export function withJsonText<T extends object>(value: T, text: string | JsonText): T {
  Object.defineProperty(value, JSON_TEXT, { value: typeof text === 'string' ? [text] : text, enumerable: false });
  return value;
}

export function jsonTextOf(value: unknown): JsonText | undefined {
  return typeof value === 'object' && value !== null ? (value as WithJsonText)[JSON_TEXT] : undefined;
}
