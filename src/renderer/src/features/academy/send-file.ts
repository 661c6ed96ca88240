import type { Api, UploadState } from '../../../../shared/contract';
import { fail, type Result } from '../../../../shared/result';
import { MAX_UPLOAD_BYTES, normalizeMediaType } from '../../../../shared/uploads';

/** Base64 of raw bytes, in slices small enough for String.fromCharCode's argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

/**
 * Hands a file the user picked to main: begin, its bytes in ordered chunks
 * (read slice by slice, never the whole file at once), then commit. Main
 * stores it offline and queues it for upload; the result says where it stands.
 * On any failure the partial file is dropped in main.
 */
export async function sendFile(
  api: Pick<Api, 'files'>,
  file: Blob & { readonly name: string },
  onProgress: (readBytes: number) => void,
): Promise<Result<UploadState>> {
  if (file.size > MAX_UPLOAD_BYTES) return fail('too-large', `Files are limited to ${MAX_UPLOAD_BYTES} bytes.`);
  const begun = await api.files.uploadBegin({
    name: file.name.trim() === '' ? 'file' : file.name.slice(0, 255),
    mime: normalizeMediaType(file.type),
    size: file.size,
  });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value;
  try {
    for (let index = 0, offset = 0; offset < file.size; index += 1, offset += chunkBytes) {
      const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      const sent = await api.files.uploadChunk({ uploadId, index, data: toBase64(bytes) });
      if (!sent.ok) {
        await api.files.uploadAbort({ uploadId });
        return sent;
      }
      onProgress(sent.value.receivedBytes);
    }
  } catch (error) {
    // The file could not be read (moved, deleted, no permission).
    await api.files.uploadAbort({ uploadId });
    return fail('storage-failed', error instanceof Error ? error.message : String(error));
  }
  return api.files.uploadCommit({ uploadId });
}
