import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confinePath } from '../../../src/main/services/downloads';
import { makeTempDir } from '../../support/temp-dir';
import { BlobServer, randomBytesSeeded, seededRandom } from './blob-server';
import { openManager, rootOf } from './harness';

let dir: string;
let cleanup: () => Promise<void>;
let server: BlobServer;
const random = seededRandom(99);

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('cb-store-'));
  server = await BlobServer.start();
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

function blob(size: number, extra: { pinned?: boolean; groups?: string[] } = {}) {
  return { sha256: server.add(randomBytesSeeded(size, random)), size, mime: 'application/pdf', ...extra };
}

/** A clock the test moves by hand, so "least recently used" is exact. */
function manualClock(): { now: () => number; set: (value: number) => void } {
  let value = 1_000;
  return { now: () => value, set: (next) => (value = next) };
}

describe('document store', () => {
  it('evicts least-recently-used unpinned blobs down to the cap, never a pinned one', async () => {
    const clock = manualClock();
    const { manager } = await openManager(dir, server, { now: clock.now });
    const [pinnedOld, a, b, c] = [blob(100_000, { pinned: true }), blob(100_000), blob(100_000), blob(100_000)];
    for (const [index, item] of [pinnedOld, a, b, c].entries()) {
      clock.set(1_000 + index);
      await manager.enqueue([item]);
      await manager.whenIdle();
    }
    clock.set(5_000);
    await manager.touch(a.sha256); // a is now the most recently used; b then c are the oldest unpinned.

    const first = await manager.enforceCap(250_000);
    expect(first).toEqual({ removed: [b.sha256, c.sha256], freedBytes: 200_000 });
    expect(existsSync(join(rootOf(dir), b.sha256.slice(0, 2), b.sha256))).toBe(false);
    expect(manager.pathOf(a.sha256)).toBeDefined();

    const second = await manager.enforceCap(0);
    expect(second.removed).toEqual([a.sha256]);
    expect(manager.list().map((stored) => stored.sha256)).toEqual([pinnedOld.sha256]);
    expect((await manager.usage()).totalBytes).toBe(100_000);
    await manager.close();
  });

  it('reports usage per group and removes a group without touching blobs another group still holds', async () => {
    const { manager } = await openManager(dir, server);
    const onlyEdition = blob(10_000, { groups: ['edition-2024'] });
    const shared = blob(20_000, { groups: ['edition-2024', 'collection-7'] });
    const pinned = blob(40_000, { groups: ['collection-7'], pinned: true });
    await manager.enqueue([onlyEdition, shared, pinned]);
    await manager.whenIdle();

    const usage = await manager.usage();
    expect(usage).toMatchObject({
      totalBytes: 70_000,
      pinnedBytes: 40_000,
      partialBytes: 0,
      byGroup: { 'edition-2024': 30_000, 'collection-7': 60_000 },
    });
    expect(usage.freeDiskBytes).toBeGreaterThan(0);

    expect(await manager.remove({ group: 'edition-2024' })).toEqual({
      removed: [onlyEdition.sha256],
      freedBytes: 10_000,
    });
    expect(manager.pathOf(onlyEdition.sha256)).toBeUndefined();
    expect(manager.list().find((stored) => stored.sha256 === shared.sha256)?.groups).toEqual(['collection-7']);
    expect(await manager.remove(pinned.sha256)).toEqual({ removed: [pinned.sha256], freedBytes: 40_000 });
    await expect(manager.remove('../../etc/passwd')).rejects.toMatchObject({ code: 'invalid-arguments' });
    await manager.close();
  });

  it('marks a document already stored as done at once and adds the new group, without a request', async () => {
    const { manager } = await openManager(dir, server);
    const item = blob(5_000, { groups: ['edition-2024'] });
    await manager.enqueue([item]);
    await manager.whenIdle();
    const states = await manager.enqueue([{ ...item, groups: ['search-results'], pinned: true }]);
    expect(states).toEqual([{ sha256: item.sha256, status: 'done', receivedBytes: 5_000, totalBytes: 5_000 }]);
    expect(server.requestsFor(item.sha256)).toHaveLength(1);
    expect(manager.list()[0]).toMatchObject({ pinned: true, groups: ['edition-2024', 'search-results'] });
    await manager.close();
  });

  it('rebuilds a corrupt manifest from the blobs on disk, and keeps the corrupt file aside', async () => {
    const first = await openManager(dir, server);
    const items = [blob(30_000), blob(45_000)];
    await first.manager.enqueue(items);
    await first.manager.whenIdle();
    await first.manager.close();

    for (const garbage of ['{"version":1,"blobs":{"x"', JSON.stringify({ version: 1, blobs: { nope: 1 } })]) {
      await writeFile(join(rootOf(dir), 'manifest.json'), garbage);
      const reopened = await openManager(dir, server);
      expect(reopened.manager.loadReport.rebuilt).toBe(true);
      for (const item of items) {
        expect(reopened.manager.pathOf(item.sha256)).toBe(join(rootOf(dir), item.sha256.slice(0, 2), item.sha256));
      }
      expect(
        reopened.manager
          .list()
          .map((stored) => stored.size)
          .sort(),
      ).toEqual([30_000, 45_000]);
      await reopened.manager.close();
      const rewritten = JSON.parse(await readFile(join(rootOf(dir), 'manifest.json'), 'utf8')) as {
        blobs: Record<string, unknown>;
      };
      expect(Object.keys(rewritten.blobs).sort()).toEqual(items.map((item) => item.sha256).sort());
    }
    const aside = (await readdir(rootOf(dir))).filter((name) => name.startsWith('manifest.json.corrupt-'));
    expect(aside.length).toBeGreaterThanOrEqual(1);
  });

  it('reconciles the manifest with the disk: orphan blobs adopted, vanished blobs dropped', async () => {
    const first = await openManager(dir, server);
    const [kept, vanished] = [blob(8_000), blob(9_000)];
    await first.manager.enqueue([kept, vanished]);
    await first.manager.whenIdle();
    await first.manager.close();
    await rm(join(rootOf(dir), vanished.sha256.slice(0, 2), vanished.sha256));
    const orphan = randomBytesSeeded(7_000, random);
    const orphanSha = server.add(orphan);
    await mkdir(join(rootOf(dir), orphanSha.slice(0, 2)), { recursive: true });
    await writeFile(join(rootOf(dir), orphanSha.slice(0, 2), orphanSha), orphan);

    const second = await openManager(dir, server);
    expect(second.manager.loadReport).toEqual({ rebuilt: false, adopted: [orphanSha], dropped: [vanished.sha256] });
    expect(second.manager.pathOf(vanished.sha256)).toBeUndefined();
    expect(second.manager.pathOf(orphanSha)).toBeDefined();
    expect(second.manager.pathOf(kept.sha256)).toBeDefined();
    await second.manager.close();
  });
});

describe('confinePath', () => {
  const root = '/data/files';
  const sha = 'ab'.repeat(32);

  it('maps a sha256 to files/<aa>/<sha256>', () => {
    expect(confinePath(root, sha)).toBe(join(root, 'ab', sha));
  });

  it.each([
    ['empty', ''],
    ['parent traversal', '../../etc/passwd'],
    ['traversal padded to 64 chars', `../${'a'.repeat(61)}`],
    ['encoded traversal', `%2e%2e%2f${'a'.repeat(55)}`],
    ['absolute path', `/${'a'.repeat(63)}`],
    ['upper-case hex', 'AB'.repeat(32)],
    ['too short', 'a'.repeat(63)],
    ['too long', 'a'.repeat(65)],
    ['non-hex', 'g'.repeat(64)],
    ['trailing newline', `${sha}\n`],
    ['backslash', `..\\${'a'.repeat(61)}`],
    ['nul byte', `${'a'.repeat(63)}\0`],
    ['with extension', `${sha}.part`],
    ['not a string', 42],
    ['array', [sha]],
  ])('refuses %s', (_label, input) => {
    expect(confinePath(root, input)).toBeUndefined();
  });
});
