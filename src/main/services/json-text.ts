/**
 * A value may carry the JSON text it came as, so that a JSON transport sends that text instead of
 * serializing the value again. A pull page is the case: main receives it as JSON, validates it with the
 * shared schemas, and browser mode would write the same megabytes out again for the page. The text
 * must say exactly what the value holds: it is attached only to answers validated by schemas that keep
 * every field as it came and reject unknown ones (tests/unit/json-text.test.ts walks them).
 *
 * The text lives under a symbol: Electron's IPC (a structured clone) does not carry it, and neither
 * does `JSON.stringify`.
 */
const JSON_TEXT = Symbol('json-text');

type WithJsonText = { readonly [JSON_TEXT]?: string };

export function withJsonText<T extends object>(value: T, text: string): T {
  Object.defineProperty(value, JSON_TEXT, { value: text, enumerable: false });
  return value;
}

export function jsonTextOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? (value as WithJsonText)[JSON_TEXT] : undefined;
}
