import type { Api } from '../../../shared/contract';
import type { ContentLanguage } from '../../../shared/languages';
import { pickVariant } from '../../../shared/localized';
import type { CollectiveBrainDb } from './db';

export interface PlannedDownload {
  sha256: string;
  size: number;
  mime: string;
  groups: string[];
}

/**
 * The documents of the Academy editions a user attended, in their best
 * language, that are not on this computer yet: what the "my editions"
 * download policy fetches by itself (unpinned, so the storage cap applies).
 */
export async function planEditionDownloads(
  db: CollectiveBrainDb,
  userId: string,
  languages: readonly ContentLanguage[],
): Promise<PlannedDownload[]> {
  const user = await db.users.get(userId);
  if (user === undefined) return [];
  const planned = new Map<string, PlannedDownload>();
  for (const collectionId of user.editions) {
    const sessions = await db.sessions
      .where('[collectionId+position]')
      .between([collectionId, -Infinity], [collectionId, Infinity])
      .toArray();
    for (const session of sessions) {
      const materials = await db.materials
        .where('[sessionId+position]')
        .between([session.id, -Infinity], [session.id, Infinity])
        .toArray();
      for (const material of materials) {
        if (material.kind !== 'document') continue;
        const document = await db.documents.get(material.documentId);
        const variant = document === undefined ? undefined : pickVariant(document.variants, languages);
        if (variant === undefined) continue;
        const status = (await db.files.get(variant.sha256))?.status;
        if (status === 'done' || status === 'queued' || status === 'downloading' || status === 'verifying') continue;
        const existing = planned.get(variant.sha256);
        const group = `edition:${collectionId}`;
        if (existing === undefined)
          planned.set(variant.sha256, {
            sha256: variant.sha256,
            size: variant.size,
            mime: variant.mime,
            groups: [group],
          });
        else if (!existing.groups.includes(group)) existing.groups.push(group);
      }
    }
  }
  return [...planned.values()];
}

/** Runs the plan through main's download manager. */
export async function downloadMyEditions(
  db: CollectiveBrainDb,
  api: Pick<Api, 'files'>,
  userId: string,
  languages: readonly ContentLanguage[],
  /** What today's cap still allows (bytes); files past it wait for another day. */
  budgetBytes = Infinity,
): Promise<number> {
  let left = budgetBytes;
  const items = (await planEditionDownloads(db, userId, languages)).filter((item) => {
    if (item.size > left) return false;
    left -= item.size;
    return true;
  });
  if (items.length === 0) return 0;
  const result = await api.files.download({ items: items.map((item) => ({ ...item, pinned: false })) });
  return result.ok ? items.length : 0;
}

/** Bytes today's cap still allows for automatic downloads (everything received today counts). */
export async function remainingToday(api: Pick<Api, 'venue'>, dailyCapMb: number): Promise<number> {
  if (dailyCapMb <= 0) return Infinity;
  const usage = await api.venue.usage();
  const used = usage.ok ? usage.value.todayBytes : 0;
  return Math.max(0, dailyCapMb * 1024 * 1024 - used);
}
