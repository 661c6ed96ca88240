import type { DocumentVariant } from '../../../../shared/wire/entities';
import { CONTENT_TABLES, type CachedMaterial, type CachedSession, type CollectiveBrainDb } from '../../data/db';
import { enqueueWrites } from '../../data/outbox';
import { draftKey, publishWrites, stagedFiles, type StagedSession } from './staging';

/**
 * Publishes a staged session: its writes enter the outbox and its draft goes,
 * in one transaction. The documents of attached files are shown at once with
 * the size and type of their file (the write names the file by sha256 only;
 * the server fills those in), so they can be listed, made available offline
 * and opened from this computer before the server's copy arrives.
 */
export async function publishStaged(
  db: CollectiveBrainDb,
  staged: StagedSession,
  published: { session: CachedSession | undefined; materials: readonly CachedMaterial[]; nextPosition: number },
): Promise<void> {
  const files = stagedFiles(staged);
  const facts = new Map(files.map((file) => [file.sha256, { size: file.size, mime: file.mime }] as const));
  await db.transaction(
    'rw',
    [...CONTENT_TABLES.map((name) => db[name]), db.outbox, db.drafts, db.syncMeta],
    async () => {
      await enqueueWrites(db, publishWrites(staged, published), {
        alsoDeleteDrafts: [draftKey(staged.collectionId, staged.sessionId)],
      });
      for (const file of files) {
        const document = await db.documents.get(file.documentId);
        if (document === undefined) continue;
        const variants = document.variants.map((variant): DocumentVariant => ({
          ...variant,
          ...facts.get(variant.sha256),
        }));
        await db.documents.update(file.documentId, { variants });
      }
    },
  );
}
