import type { ServerContext } from '../context';
import { lockFeed } from '../sync/feed';
import { REFERENCED_FILES_SQL } from './access';

export interface CollectedUploads {
  readonly files: number;
  readonly bytes: number;
}

/**
 * Removes uploads that nothing references (no post attachment, no document
 * variant) and nobody has sent again for `uploadGraceSeconds`: an upload that
 * was never published, or whose posts and documents are all gone. It holds
 * the feed lock while it decides, so a write referencing a file either
 * commits first (and the file stays) or finds it gone (`file-missing`).
 * Blobs with no row at all (an upload refused after its bytes were stored)
 * go after the same grace period.
 */
export async function collectUnreferencedUploads(ctx: ServerContext): Promise<CollectedUploads> {
  const before = new Date(ctx.now().getTime() - ctx.limits.uploadGraceSeconds * 1000);
  const removed = await ctx.db.transaction(async (db) => {
    await lockFeed(db);
    const result = await db.query<{ sha256: string; size: number }>(
      `DELETE FROM files
        WHERE touched_at < $1 AND sha256 NOT IN (SELECT sha256 FROM (${REFERENCED_FILES_SQL}) referenced WHERE sha256 IS NOT NULL)
        RETURNING sha256, size`,
      [before],
    );
    return result.rows;
  });
  // After the commit: an upload of the same bytes meanwhile finds its blob gone and asks the client to retry.
  for (const { sha256 } of removed) await ctx.blobs.delete(sha256);
  let bytes = removed.reduce((sum, row) => sum + row.size, 0);
  let files = removed.length;
  for await (const blob of ctx.blobs.sweep(before)) {
    if (blob.modifiedAt >= before) continue;
    const known = await ctx.db.query('SELECT 1 FROM files WHERE sha256 = $1', [blob.sha256]);
    if (known.rowCount !== 0) continue;
    const size = await ctx.blobs.size(blob.sha256);
    await ctx.blobs.delete(blob.sha256);
    files += 1;
    bytes += size ?? 0;
  }
  return { files, bytes };
}
