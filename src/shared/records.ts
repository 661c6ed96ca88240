/**
 * Reading values whose shape is not known at compile time: a stored row from
 * an older version, the server's copy of an entity in a conflict. Pure.
 */

/** The value as a plain record of fields, or undefined when it is not one (null, an array, a primitive). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A text field of a record of unknown shape; undefined when it is missing or not text. */
export function textField(value: unknown, name: string): string | undefined {
  const field = asRecord(value)?.[name];
  return typeof field === 'string' ? field : undefined;
}
