import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, isAbsolute, normalize } from 'node:path';
import { AppError } from '../../../shared/result';

/**
 * Checks a folder chosen for an export before anything is cut or written:
 * typed paths (browser mode has no folder dialog) must be absolute, name a
 * folder if they exist, and sit under a folder this user may write in (the
 * export creates what is missing). Answers the normalized path.
 */
export async function checkExportFolder(path: string): Promise<string> {
  const trimmed = path.trim();
  if (!isAbsolute(trimmed)) {
    throw new AppError('folder-invalid', 'Give the whole path of the folder, from the root of the drive.');
  }
  const folder = normalize(trimmed);
  let existing = folder;
  for (;;) {
    const found = await stat(existing).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw new AppError('folder-invalid', `This folder cannot be read (${code ?? 'error'}).`);
    });
    if (found !== null) {
      if (!found.isDirectory()) throw new AppError('folder-invalid', `${existing} is a file, not a folder.`);
      break;
    }
    const parent = dirname(existing);
    if (parent === existing) throw new AppError('folder-invalid', 'No part of this path exists.');
    existing = parent;
  }
  try {
    await access(existing, constants.W_OK | constants.X_OK);
  } catch {
    throw new AppError('folder-invalid', `This computer does not allow writing in ${existing}.`);
  }
  return folder;
}
