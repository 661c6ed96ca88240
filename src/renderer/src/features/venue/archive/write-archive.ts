import type { Api } from '../../../../../shared/contract';
import { AppError } from '../../../../../shared/result';
import { buildArchive, type BuiltArchive } from '../../../../../shared/venue/archive/build';
import type { ArchiveModel } from '../../../../../shared/venue/archive/model';
import { ARCHIVE_TEXT_CHUNK } from '../../../../../shared/venue/contract';

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: AppError['code']; message: string } };
function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value;
}

/** What writing an archive will take on the disk: its pages and its documents. */
export function archiveBytes(built: BuiltArchive): number {
  const encoder = new TextEncoder();
  return (
    built.pages.reduce((sum, page) => sum + encoder.encode(page.text).byteLength, 0) +
    built.files.reduce((sum, file) => sum + file.size, 0)
  );
}

export function prepareArchive(model: ArchiveModel): BuiltArchive {
  return buildArchive(model);
}

/**
 * Hands a built archive to main, which writes it aside and names it only when
 * everything is in: pages in pieces that fit one message, then the documents.
 * Any failure (or `signal`) aborts it, and main removes what was written.
 */
export async function writeArchive(
  api: Pick<Api, 'venue'>,
  built: BuiltArchive,
  target: { directory: string; name: string },
  onArchive: (archiveId: string) => void = () => undefined,
): Promise<{ path: string }> {
  const { archiveId } = unwrap(await api.venue.archiveBegin(target));
  onArchive(archiveId);
  try {
    for (const page of built.pages) {
      for (const [index, text] of pieces(page.text).entries()) {
        unwrap(await api.venue.archiveWrite({ archiveId, path: page.path, text, append: index > 0 }));
      }
    }
    unwrap(
      await api.venue.archiveFiles({
        archiveId,
        files: built.files.map(({ sha256, size, mime, path }) => ({ sha256, size, mime, path })),
      }),
    );
    return unwrap(await api.venue.archiveCommit({ archiveId }));
  } catch (error) {
    await api.venue.archiveAbort({ archiveId });
    throw error;
  }
}

/** The text in pieces of at most ARCHIVE_TEXT_CHUNK code units, never splitting a surrogate pair. */
export function pieces(text: string, size = ARCHIVE_TEXT_CHUNK): string[] {
  const result: string[] = [];
  let offset = 0;
  do {
    let end = Math.min(text.length, offset + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    result.push(text.slice(offset, end));
    offset = end;
  } while (offset < text.length);
  return result;
}
