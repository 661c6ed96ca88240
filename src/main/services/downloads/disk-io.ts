import { open, statfs, type FileHandle } from 'node:fs/promises';

/**
 * The few file-system operations a download performs that can fail for reasons outside
 * the app (a full disk). Kept behind this seam so a test can inject exactly that fault.
 */
export interface DiskIo {
  /** Appends the whole chunk through the handle. */
  writeChunk(handle: FileHandle, chunk: Uint8Array): Promise<void>;
  /** Bytes available to this user on the volume holding `path`. */
  freeBytes(path: string): Promise<number>;
}

export const nodeDiskIo: DiskIo = {
  async writeChunk(handle, chunk) {
    let offset = 0;
    while (offset < chunk.byteLength) {
      const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
      offset += bytesWritten;
    }
  },
  async freeBytes(path) {
    const stats = await statfs(path);
    return stats.bavail * stats.bsize;
  },
};

/** Makes a rename or unlink inside `dir` durable. Windows cannot open a folder for fsync. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** ENOSPC, and its quota cousin, mean the same thing to the user: the disk is full. */
export function isDiskFullError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === 'ENOSPC' || error.code === 'EDQUOT';
}
