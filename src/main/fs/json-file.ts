import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

export type JsonFileRead<T> = { kind: 'missing' } | { kind: 'corrupt'; reason: string } | { kind: 'loaded'; value: T };

/**
 * Reads a JSON file the app wrote and validates it with its schema. A file
 * that is not there is `missing`; one that is not JSON or not of the schema is
 * `corrupt` (the caller sets it aside, never overwrites it in place). Other
 * I/O errors are thrown.
 */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S): Promise<JsonFileRead<z.infer<S>>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'corrupt', reason: 'not JSON' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { kind: 'loaded', value: parsed.data } : { kind: 'corrupt', reason: parsed.error.message };
}
