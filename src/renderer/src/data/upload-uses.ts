import type { Api, UploadDiscard } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { referencedFiles } from '../../../shared/uploads';
import type { CollectiveBrainDb } from './db';

/** What on this computer still points to an attached file. */
export interface UploadUses {
  /** Drafts: sessions being prepared, writes the server refused. */
  readonly drafts: number;
  /** Writes waiting in the outbox (a published session's document). */
  readonly outbox: number;
  /** Cached documents, the user's pending ones included. */
  readonly documents: number;
}

export function isUsed(uses: UploadUses): boolean {
  return uses.drafts + uses.outbox + uses.documents > 0;
}

/**
 * Where a file is used, apart from the draft `exceptDraft` (the one being
 * discarded or edited). Drafts are searched as text for the sha256 (64 hex
 * characters cannot appear by chance), so every kind of draft counts, those
 * to come included: when in doubt the file is kept.
 */
export async function usesOf(
  db: CollectiveBrainDb,
  sha256: string,
  options: { exceptDraft?: string } = {},
): Promise<UploadUses> {
  return db.transaction('r', [db.drafts, db.outbox, db.documents], async () => {
    const drafts = await db.drafts
      .filter(
        (draft) =>
          draft.key !== options.exceptDraft && Object.values(draft.fields).some((value) => value.includes(sha256)),
      )
      .count();
    const outbox = (await db.outbox.toArray()).filter((item) =>
      referencedFiles([{ name: item.name, args: item.args }]).includes(sha256),
    ).length;
    const documents = await db.documents
      .filter((document) => document.variants.some((variant) => variant.sha256 === sha256))
      .count();
    return { drafts, outbox, documents };
  });
}

/**
 * Lets go of files a staged session attached once nothing else uses them
 * (it was discarded, or the file removed from it): main stops their upload
 * and removes the offline copy kept for it. A file still staged, waiting in
 * the outbox or behind a cached document is kept. Resolves with what main did.
 */
export async function releaseUploads(
  db: CollectiveBrainDb,
  api: Pick<Api, 'files'>,
  sha256s: readonly string[],
  options: { exceptDraft?: string; stillStaged?: readonly string[] } = {},
): Promise<Map<string, Result<UploadDiscard>>> {
  const results = new Map<string, Result<UploadDiscard>>();
  const kept = new Set(options.stillStaged ?? []);
  for (const sha256 of new Set(sha256s)) {
    if (kept.has(sha256)) continue;
    if (isUsed(await usesOf(db, sha256, options))) continue;
    results.set(sha256, await api.files.uploadDiscard({ sha256 }));
  }
  return results;
}
