import type { CallInput, DownloadState } from '../../../../shared/contract';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickVariant } from '../../../../shared/localized';
import type { Document, DocumentVariant } from '../../../../shared/wire/entities';

export type DownloadItem = CallInput<'files', 'download'>['items'][number];

/** One file per document: its best language version for this user. */
export function offlineItems(
  documents: readonly Pick<Document, 'variants'>[],
  languages: readonly ContentLanguage[],
  group: string,
): { items: DownloadItem[]; totalBytes: number } {
  const seen = new Set<string>();
  const items: DownloadItem[] = [];
  for (const document of documents) {
    const variant = pickVariant(document.variants, languages);
    if (variant === undefined || seen.has(variant.sha256)) continue;
    seen.add(variant.sha256);
    items.push(itemOf(variant, group));
  }
  return { items, totalBytes: items.reduce((sum, item) => sum + item.size, 0) };
}

export function itemOf(variant: DocumentVariant, group: string): DownloadItem {
  return { sha256: variant.sha256, size: variant.size, mime: variant.mime, pinned: true, groups: [group] };
}

/** How far a set of files has come, in bytes and files. */
export function progressOf(
  items: readonly { sha256: string; size: number }[],
  states: ReadonlyMap<string, DownloadState>,
): { doneBytes: number; totalBytes: number; doneFiles: number; active: boolean; failed: number } {
  let doneBytes = 0;
  let doneFiles = 0;
  let failed = 0;
  let active = false;
  for (const item of items) {
    const state = states.get(item.sha256);
    if (state === undefined) continue;
    if (state.status === 'done') {
      doneBytes += item.size;
      doneFiles += 1;
    } else {
      doneBytes += Math.min(state.receivedBytes, item.size);
      if (state.status === 'failed') failed += 1;
      if (state.status === 'queued' || state.status === 'downloading' || state.status === 'verifying') active = true;
    }
  }
  return { doneBytes, totalBytes: items.reduce((sum, item) => sum + item.size, 0), doneFiles, active, failed };
}
