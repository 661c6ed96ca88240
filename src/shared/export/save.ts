/**
 * Saving a file the renderer made where the user chooses (exports.saveBegin):
 * what a proposed file name may be, and how large a file may be.
 */
import { z } from 'zod';

/** An export is built in memory; beyond this it would not fit a renderer's memory anyway. */
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;

/**
 * A name the save dialog proposes: a name only, never a path (no separator,
 * no `..`, no control character), so the renderer cannot aim at a folder.
 */
export const SaveFileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[\\/\p{Cc}]/u.test(name), 'a file name, not a path')
  .refine((name) => name.trim() === name && name !== '.' && name !== '..', 'a file name');
