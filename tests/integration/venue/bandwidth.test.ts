import { describe, expect, it } from 'vitest';
import { downloadMyEditions, planEditionDownloads } from '../../../src/renderer/src/data/auto-download';
import { seedId } from '../../../server/seed/writer';
import { makeTempDir } from '../../support/temp-dir';
import { signInAndSync, useSyncTestbed, type SyncClient } from '../../support/sync-client';

const testbed = useSyncTestbed();

/** A laptop whose every request to the server is counted, with its received bytes. */
async function countedLaptop(): Promise<{ client: SyncClient; files: () => number; bytes: () => number }> {
  const profile = await makeTempDir('cb-bandwidth-');
  testbed.onCleanup(profile.cleanup);
  let files = 0;
  let bytes = 0;
  const client = await testbed.client({
    profileDir: profile.dir,
    wrapFetch: (inner) => async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const response = await inner(input, init);
      if (new URL(url).pathname.startsWith('/api/files/')) {
        files += 1;
        bytes += Number(response.headers.get('content-length') ?? 0);
      }
      return response;
    },
  });
  await signInAndSync(client, 'participant@example.org');
  // The demo's editions with documents are 2 and 5 (their readers): this participant attended both.
  const status = await client.api.session.status();
  const userId = status.ok ? (status.value.user?.id ?? '') : '';
  await client.db.users.update(userId, { editions: [seedId('demo:edition:2'), seedId('demo:edition:5')] });
  return { client, files: () => files, bytes: () => bytes };
}

const MIB = 1024 * 1024;
const settings = {
  contentLanguages: ['fr', 'en'] as ('fr' | 'en')[],
  metered: false,
  dailyCapMb: 0,
  editionPriorities: {},
};

describe('the bandwidth budget of automatic downloads', () => {
  it('downloads no file on a metered connection; the same laptop unmetered downloads its editions', async () => {
    const { client, files } = await countedLaptop();
    const status = await client.api.session.status();
    const userId = status.ok ? (status.value.user?.id ?? '') : '';
    const planned = await planEditionDownloads(client.db, userId, settings.contentLanguages);
    expect(planned.length).toBeGreaterThan(1);

    expect(await downloadMyEditions(client.db, client.api, userId, { ...settings, metered: true })).toBe(0);
    await client.services.downloads.whenIdle();
    expect(files()).toBe(0);

    expect(await downloadMyEditions(client.db, client.api, userId, settings)).toBe(planned.length);
    await client.services.downloads.whenIdle();
    expect(files()).toBe(planned.length);
  });

  it('holds the daily cap: only what fits in what is left of today, and the downloads count against it', async () => {
    const { client, files, bytes } = await countedLaptop();
    const status = await client.api.session.status();
    const userId = status.ok ? (status.value.user?.id ?? '') : '';
    const sizes = (await planEditionDownloads(client.db, userId, settings.contentLanguages))
      .map((item) => item.size)
      .sort((a, b) => a - b);
    expect(sizes.length).toBeGreaterThan(1);
    const [smallest = 0, next = 0] = sizes;

    // The counter says today used all of a 1 MB cap but room for the smallest file.
    const room = smallest + Math.floor(next / 2);
    const counted = await client.api.venue.usage();
    if (!counted.ok) throw new Error(counted.error.message);
    const reported = { ...counted.value, todayBytes: MIB - room };
    const api = {
      ...client.api,
      venue: { ...client.api.venue, usage: () => Promise.resolve({ ok: true as const, value: reported }) },
    };
    const capped = { ...settings, dailyCapMb: 1 };
    expect(await downloadMyEditions(client.db, api, userId, capped)).toBe(1);
    await client.services.downloads.whenIdle();
    expect(files()).toBe(1);
    expect(bytes()).toBeLessThanOrEqual(room);
    // What was downloaded counts against the day in the real counter.
    const after = await client.api.venue.usage();
    expect(after.ok ? after.value.todayBytes : 0).toBeGreaterThanOrEqual(counted.value.todayBytes + bytes());

    // Spent: the next run asks for nothing.
    const spent = { ...reported, todayBytes: MIB - room + bytes() + (room - smallest) };
    const apiSpent = {
      ...client.api,
      venue: { ...client.api.venue, usage: () => Promise.resolve({ ok: true as const, value: spent }) },
    };
    expect(await downloadMyEditions(client.db, apiSpent, userId, capped)).toBe(0);
    expect(files()).toBe(1);
  });

  it('downloads high-priority editions first and never a paused one', async () => {
    const { client } = await countedLaptop();
    const status = await client.api.session.status();
    const userId = status.ok ? (status.value.user?.id ?? '') : '';
    const planned = await planEditionDownloads(client.db, userId, settings.contentLanguages);
    const editions = [...new Set(planned.flatMap((item) => item.groups))].map((group) => group.replace('edition:', ''));
    expect(editions.length).toBeGreaterThan(1);
    const [paused = '', high = ''] = editions;
    const requested: string[][] = [];
    const api = {
      ...client.api,
      files: {
        ...client.api.files,
        download: (input: Parameters<typeof client.api.files.download>[0]) => {
          requested.push(input.items.flatMap((item) => item.groups ?? []));
          return client.api.files.download(input);
        },
      },
    };
    await downloadMyEditions(client.db, api, userId, {
      ...settings,
      editionPriorities: { [paused]: 'paused', [high]: 'high' },
    });
    const groups = requested.flat();
    expect(groups).not.toContain(`edition:${paused}`);
    expect(groups[0]).toBe(`edition:${high}`);
  });
});
