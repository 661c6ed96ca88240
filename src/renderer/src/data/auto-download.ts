import type { Api } from '../../../shared/contract';
import type { ContentLanguage } from '../../../shared/languages';
import type { Settings } from '../../../shared/settings';
import { planAutomatic, remainingToday } from '../../../shared/venue/bandwidth';
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

/**
 * The "my editions" policy after a sync: nothing on a metered connection, paused
 * editions left out, high priority first, within what today's cap still allows
 * (everything received from the server today counts). Returns how many files it asked for.
 */
export async function downloadMyEditions(
  db: CollectiveBrainDb,
  api: Pick<Api, 'files' | 'venue'>,
  userId: string,
  settings: Pick<Settings, 'metered' | 'dailyCapMb' | 'editionPriorities'> & {
    readonly contentLanguages: readonly ContentLanguage[];
  },
): Promise<number> {
  if (settings.metered) return 0;
  const usage = settings.dailyCapMb > 0 ? await api.venue.usage() : undefined;
  const todayBytes = usage?.ok === true ? usage.value.todayBytes : 0;
  const planned = await planEditionDownloads(db, userId, settings.contentLanguages);
  const items = planAutomatic(
    planned.map((item) => ({ ...item, editions: item.groups.map((group) => group.replace(/^edition:/u, '')) })),
    {
      metered: settings.metered,
      remainingBytes: remainingToday(settings.dailyCapMb, todayBytes),
      priorities: settings.editionPriorities,
    },
  );
  if (items.length === 0) return 0;
  const result = await api.files.download({
    items: items.map(({ sha256, size, mime, groups }) => ({ sha256, size, mime, groups, pinned: false })),
  });
  return result.ok ? items.length : 0;
}
