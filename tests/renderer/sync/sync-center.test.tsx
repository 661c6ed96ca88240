import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { SyncCenterScreen } from '../../../src/renderer/src/features/sync/SyncCenterScreen';
import { parseGroup } from '../../../src/renderer/src/features/sync/group-label';
import type { StorageUsage } from '../../../src/shared/contract';
import { FUTURE_OF_WORK, SEOUL, seed } from '../library/fixtures';
import { fakeApi, renderScreen, settings, testDb } from '../library/harness';

let db: CollectiveBrainDb;
beforeEach(async () => {
  db = testDb();
  await seed(db);
});

const spanish = FUTURE_OF_WORK.variants[2];

const USAGE: StorageUsage = {
  totalBytes: 3_000_000,
  byGroup: {
    [`edition:${SEOUL}`]: 1_000_000,
    'search:"cooperatives" type=case-study|report language=fr': 500_000,
    'search:all': 400_000,
    uploads: 100_000,
    'something:else': 1,
  },
  pinnedBytes: 1_000_000,
  partialBytes: 0,
  freeDiskBytes: 10_000_000_000,
  files: [],
};

describe('the Sync center names what it stores and downloads (issue 17, items 7 and 17)', () => {
  it('labels a download with its document’s title and language, never its hash', async () => {
    await db.files.put({
      sha256: spanish?.sha256 ?? '',
      status: 'downloading',
      receivedBytes: 13_000_000,
      totalBytes: 45_000_000,
      updatedAt: new Date().toISOString(),
    });
    await db.files.put({
      sha256: 'e'.repeat(64),
      status: 'failed',
      receivedBytes: 0,
      totalBytes: 784,
      error: { code: 'not-found', message: 'HTTP 404' },
      updatedAt: new Date().toISOString(),
    });
    const { api } = fakeApi({ 'files.usage': () => USAGE });
    await renderScreen(<SyncCenterScreen settings={settings} />, { api, db });
    const list = await screen.findByRole('list', { name: 'Downloads' });
    const going = await within(list).findByRole('button', { name: FUTURE_OF_WORK.title.es });
    const row = going.closest('li') as HTMLElement;
    expect(row.textContent).toContain('Spanish');
    expect(row.textContent).toContain('Downloading · 12 MB of 43 MB');
    expect(within(row).getByRole('progressbar').getAttribute('aria-label')).toBe(
      `Download of ${FUTURE_OF_WORK.title.es} (Spanish)`,
    );
    expect(list.textContent).not.toMatch(/[0-9a-f]{12}/u);
    // A file no cached document names: said plainly, with the reason it stopped.
    expect(list.textContent).toContain('A document not in this computer’s library');
    expect(list.textContent).toContain('The server no longer has this file.');
    expect(list.textContent).toContain('784 bytes');
  });

  it('names storage groups as a person asked for them', async () => {
    const { api } = fakeApi({ 'files.usage': () => USAGE });
    await renderScreen(<SyncCenterScreen settings={settings} />, { api, db });
    const list = await screen.findByRole('list', { name: 'Storage' });
    await waitFor(() => expect(list.textContent).toContain('SSE Academy 2019'));
    const text = list.textContent;
    expect(text).toContain('Library search: “cooperatives”, Case study, Report, French');
    expect(text).toContain('The whole library');
    expect(text).toContain('Files you attached to sessions');
    expect(text).toContain('Other offline documents');
    expect(text).not.toContain('type=');
    expect(text).not.toContain('Download ');
    expect(text).toContain('1 byte');
  });

  it('reads the groups the library, the editions and the uploads write', () => {
    expect(parseGroup('search:"a b=c" country=Costa Rica|BR year=2019')).toEqual({
      kind: 'search',
      query: 'a b=c',
      facets: [
        ['country', ['Costa Rica', 'BR']],
        ['year', ['2019']],
      ],
    });
    expect(parseGroup('search:type=report')).toEqual({ kind: 'search', query: null, facets: [['type', ['report']]] });
    expect(parseGroup('edition:x')).toEqual({ kind: 'edition', id: 'x' });
    expect(parseGroup('document:')).toEqual({ kind: 'other' });
  });
});
