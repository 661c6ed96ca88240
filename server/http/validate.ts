import type { z } from 'zod';
import { HttpError } from './errors';

/** Parses with a zod schema or answers 400 `invalid` naming the first problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue !== undefined && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new HttpError('invalid', `Invalid ${what}${where}: ${issue?.message ?? 'bad value'}`);
}
