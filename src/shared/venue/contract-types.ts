import { z } from 'zod';
import { CONTENT_LANGUAGES } from '../languages';

/** What the screens are told about a pack. */
export const PackSummarySchema = z.strictObject({
  packId: z.uuid(),
  title: z.string(),
  collectionId: z.uuid(),
  cutAt: z.string(),
  languages: z.array(z.enum(CONTENT_LANGUAGES)),
  bytes: z.int().min(0),
  files: z.int().min(0),
  rowsFiles: z.int().min(0),
  changes: z.int().min(0),
  /** The pack a delta updates. */
  base: z.uuid().nullable(),
  cursor: z.string(),
  /** Cut here, being imported (files or rows not all in yet), imported; null: not on this computer. */
  state: z.enum(['cut', 'importing', 'imported']).nullable(),
});
export type PackSummary = z.infer<typeof PackSummarySchema>;

export const VenueProgressSchema = z.strictObject({
  packId: z.uuid(),
  kind: z.enum(['export', 'import', 'fetch', 'archive']),
  phase: z.enum(['downloading', 'copying', 'rows', 'done', 'failed']),
  doneBytes: z.int().min(0),
  totalBytes: z.int().min(0),
});
export type VenueProgress = z.infer<typeof VenueProgressSchema>;
