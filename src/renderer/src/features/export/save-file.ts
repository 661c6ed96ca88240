import type { Api } from '../../../../shared/contract';
import { fail, type AppErrorValue, type Result } from '../../../../shared/result';
import { toBase64 } from '../academy/send-file';

/** A file the renderer made, to be saved where the user chooses. */
export interface FileToSave {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  /** The save dialog's type filter: its name in the UI language, and the extensions. */
  filter: { name: string; extensions: string[] };
}

export type SaveOutcome =
  | { kind: 'saved'; path: string }
  /** Browser mode: handed to the browser as a download (it shows where it went). */
  | { kind: 'downloaded'; fileName: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: AppErrorValue };

/**
 * Saves a file the user asked for: in Electron, main shows the save dialog and
 * writes the bytes (sent in ordered chunks that fit browser mode's frames, as
 * uploads do) through a temp file renamed into place. In browser mode main has
 * no window to ask from, so the page hands the file to the browser as a normal
 * download, and the browser's own download settings decide where it goes.
 */
export async function saveFile(api: Pick<Api, 'exports'>, file: FileToSave): Promise<SaveOutcome> {
  const begun = await api.exports.saveBegin({
    fileName: file.fileName,
    size: file.bytes.byteLength,
    filter: file.filter,
  });
  if (!begun.ok) return { kind: 'failed', error: begun.error };
  const target = begun.value;
  if (target.kind === 'cancelled') return { kind: 'cancelled' };
  if (target.kind === 'browser') {
    downloadInBrowser(file);
    return { kind: 'downloaded', fileName: file.fileName };
  }
  const sent = await sendChunks(api, target.saveId, target.chunkBytes, file.bytes);
  if (!sent.ok) {
    await api.exports.saveAbort({ saveId: target.saveId });
    return { kind: 'failed', error: sent.error };
  }
  const committed = await api.exports.saveCommit({ saveId: target.saveId });
  return committed.ok ? { kind: 'saved', path: committed.value.path } : { kind: 'failed', error: committed.error };
}

async function sendChunks(
  api: Pick<Api, 'exports'>,
  saveId: string,
  chunkBytes: number,
  bytes: Uint8Array,
): Promise<Result<null>> {
  for (let index = 0, offset = 0; offset < bytes.byteLength; index += 1, offset += chunkBytes) {
    const sent = await api.exports.saveChunk({
      saveId,
      index,
      data: toBase64(bytes.subarray(offset, offset + chunkBytes)),
    });
    if (!sent.ok) return sent;
  }
  return bytes.byteLength === 0 ? fail('invalid-arguments', 'Nothing to save.') : { ok: true, value: null };
}

/** A normal browser download from a Blob URL, released once the browser has taken it. */
export function downloadInBrowser(file: Pick<FileToSave, 'fileName' | 'mime' | 'bytes'>): void {
  const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is only needed until the browser reads it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
