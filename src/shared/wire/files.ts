import { z } from 'zod';
import { Sha256Schema } from './entities';

/** Default upload limit; a server may configure a lower or higher one. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** A media type as uploads carry it in Content-Type: lower case, `type/subtype`, no parameters. */
export const MediaTypeSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/u, 'a media type');

export const UploadResponseSchema = z.strictObject({
  sha256: Sha256Schema,
  size: z.int().min(0),
  mime: z.string(),
  /** False when the blob was already stored (it is never overwritten). */
  created: z.boolean(),
});
export type UploadResponse = z.infer<typeof UploadResponseSchema>;

export const HealthResponseSchema = z.strictObject({
  status: z.enum(['ok', 'unavailable']),
  database: z.boolean(),
  protocol: z.strictObject({ min: z.int(), max: z.int() }),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
