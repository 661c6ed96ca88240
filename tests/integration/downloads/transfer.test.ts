import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { BlobServer, randomBytesSeeded, seededRandom } from './blob-server';
import { openManager, partialFiles, rootOf, waitForChange } from './harness';

let dir: string;
let cleanup: () => Promise<void>;
let server: BlobServer;
const random = seededRandom(20240611);

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('cb-downloads-'));
  server = await BlobServer.start();
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

function blob(size: number): { sha256: string; data: Buffer; size: number } {
  const data = randomBytesSeeded(size, random);
  return { sha256: server.add(data), data, size };
}

describe('document transfers', () => {
  it('downloads, verifies and lands in files/<aa>/<sha256> atomically, with no .part left', async () => {
    const { sha256, data, size } = blob(300_000);
    const finalPath = join(rootOf(dir), sha256.slice(0, 2), sha256);
    const seenFinalEarly: boolean[] = [];
    const { manager, changes } = await openManager(dir, server, {
      onChange: (state) => {
        changes.push(state);
        if (state.status === 'downloading' || state.status === 'verifying') seenFinalEarly.push(existsSync(finalPath));
      },
    });
    await manager.enqueue([{ sha256, size, mime: 'application/pdf', groups: ['edition-2024'] }]);
    await manager.whenIdle();

    expect(manager.state(sha256)).toEqual({ sha256, status: 'done', receivedBytes: size, totalBytes: size });
    expect(manager.pathOf(sha256)).toBe(finalPath);
    expect((await readFile(finalPath)).equals(data)).toBe(true);
    expect(await partialFiles(dir)).toEqual([]);
    expect(seenFinalEarly.length).toBeGreaterThan(0);
    expect(seenFinalEarly.every((exists) => !exists)).toBe(true);
    const statuses = [...new Set(changes.map((state) => state.status))];
    expect(statuses).toEqual(['queued', 'downloading', 'verifying', 'done']);
    const [request] = server.requestsFor(sha256);
    expect(request).toMatchObject({ authorization: `Bearer ${server.token}`, protocol: '1', range: undefined });
    const manifest = JSON.parse(await readFile(join(rootOf(dir), 'manifest.json'), 'utf8')) as {
      blobs: Record<string, { size: number; mime: string; groups: string[]; pinned: boolean }>;
    };
    expect(manifest.blobs[sha256]).toMatchObject({
      size,
      mime: 'application/pdf',
      groups: ['edition-2024'],
      pinned: false,
    });
    await manager.close();
  });

  it('resumes with Range and If-Range after cuts at five random offsets, and ends verified', async () => {
    const { sha256, data, size } = blob(1_000_000);
    const cuts = new Set<number>();
    while (cuts.size < 5) cuts.add(1 + Math.floor(random() * (size - 2)));
    const offsets = [...cuts].sort((a, b) => a - b);
    server.plan(sha256, ...offsets.map((cutAt) => ({ cutAt })));
    const { manager } = await openManager(dir, server);
    await manager.enqueue([{ sha256, size, mime: 'application/pdf' }]);
    await manager.whenIdle();

    expect(manager.state(sha256)?.status).toBe('done');
    expect((await readFile(manager.pathOf(sha256) ?? '')).equals(data)).toBe(true);
    // A cut may also lose bytes already in flight, so a resume starts at or a little before the cut,
    // never after what was sent, and never back at zero.
    const requests = server.requestsFor(sha256);
    expect(requests.length).toBeGreaterThanOrEqual(offsets.length + 1);
    expect(requests[0]?.range).toBeUndefined();
    for (const [index, request] of requests.entries()) {
      if (index === 0) continue;
      const previous = requests[index - 1];
      const from = Number(/^bytes=(\d+)-$/.exec(request.range ?? '')?.[1]);
      expect(request).toMatchObject({ ifRange: `"${sha256}"`, status: 206 });
      expect(from).toBeGreaterThan(0);
      expect(from).toBeGreaterThanOrEqual(previous?.sent[0] ?? 0);
      expect(from).toBeLessThanOrEqual(previous?.sent[1] ?? 0);
    }
    const resumedAtCut = requests.filter((request) => offsets.some((offset) => request.range === `bytes=${offset}-`));
    expect(resumedAtCut.length).toBeGreaterThan(0);
    const served = requests.reduce((sum, request) => sum + request.sent[1] - request.sent[0], 0);
    expect(served).toBeLessThan(size * 1.5);
    expect(await partialFiles(dir)).toEqual([]);
    await manager.close();
  });

  it('resumes after a restart from the .part on disk, re-hashing its bytes', async () => {
    const { sha256, data, size } = blob(600_000);
    const stallAt = 200_000 + Math.floor(random() * 100_000);
    server.plan(sha256, { stallAt });
    const first = await openManager(dir, server);
    await first.manager.enqueue([{ sha256, size, mime: 'application/pdf' }]);
    await waitForChange(first.changes, (state) => state.receivedBytes >= stallAt);
    await first.manager.close();
    expect(await partialFiles(dir)).toEqual([`${sha256}.part`]);

    const second = await openManager(dir, server);
    await second.manager.enqueue([{ sha256, size, mime: 'application/pdf' }]);
    await second.manager.whenIdle();
    expect(second.manager.state(sha256)?.status).toBe('done');
    expect((await readFile(second.manager.pathOf(sha256) ?? '')).equals(data)).toBe(true);
    expect(server.requestsFor(sha256).at(-1)).toMatchObject({ range: `bytes=${stallAt}-`, status: 206 });
    await second.manager.close();
  });

  it('starts again from zero when a kept .part turns out wrong, and still verifies', async () => {
    const { sha256, data, size } = blob(200_000);
    const part = join(rootOf(dir), 'partial', `${sha256}.part`);
    const { manager } = await openManager(dir, server);
    const damaged = Buffer.from(data.subarray(0, 50_000));
    damaged[10] = (damaged[10] ?? 0) ^ 1;
    await writeFile(part, damaged);
    await manager.enqueue([{ sha256, size, mime: 'application/pdf' }]);
    await manager.whenIdle();
    expect(manager.state(sha256)?.status).toBe('done');
    expect(server.requestsFor(sha256).map((request) => request.range)).toEqual(['bytes=50000-', undefined]);
    await manager.close();
  });

  it('restarts from zero when the server ignores Range, and still verifies', async () => {
    const { sha256, data, size } = blob(400_000);
    server.plan(sha256, { cutAt: 123_457 }, { ignoreRange: true });
    const { manager } = await openManager(dir, server);
    await manager.enqueue([{ sha256, size, mime: 'application/pdf' }]);
    await manager.whenIdle();
    expect(manager.state(sha256)?.status).toBe('done');
    expect((await readFile(manager.pathOf(sha256) ?? '')).equals(data)).toBe(true);
    const [first, second, ...rest] = server.requestsFor(sha256);
    expect(first).toMatchObject({ range: undefined, status: 200 });
    expect(second?.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(second).toMatchObject({ ifRange: `"${sha256}"`, status: 200, sent: [0, size] });
    expect(rest).toEqual([]);
    await manager.close();
  });

  it('catches a wrong hash: the part is deleted and nothing is stored', async () => {
    const { sha256, size } = blob(250_000);
    server.plan(sha256, { corrupt: true });
    const { manager } = await openManager(dir, server);
    await manager.enqueue([{ sha256, size, mime: 'application/pdf' }]);
    await manager.whenIdle();
    expect(manager.state(sha256)).toMatchObject({ status: 'failed', error: { code: 'hash-mismatch' } });
    expect(manager.pathOf(sha256)).toBeUndefined();
    expect(existsSync(join(rootOf(dir), sha256.slice(0, 2), sha256))).toBe(false);
    expect(await partialFiles(dir)).toEqual([]);
    expect(manager.list()).toEqual([]);
    expect(server.requestsFor(sha256)).toHaveLength(1);
    await manager.close();
  });

  it('throttles progress: status changes always, byte counts at most once per interval', async () => {
    const { sha256, size } = blob(800_000);
    const { manager, changes } = await openManager(dir, server, { progressIntervalMs: 60_000 });
    await manager.enqueue([{ sha256, size, mime: 'application/pdf' }]);
    await manager.whenIdle();
    expect(changes.map((state) => [state.status, state.receivedBytes])).toEqual([
      ['queued', 0],
      ['downloading', 0],
      ['verifying', size],
      ['done', size],
    ]);
    await manager.close();
  });

  it('never runs more transfers at once than the concurrency limit', async () => {
    server.defaultPlan = { chunkDelayMs: 15 };
    const items = Array.from({ length: 8 }, () => blob(160_000));
    const { manager } = await openManager(dir, server);
    await manager.enqueue(items.map(({ sha256, size }) => ({ sha256, size, mime: 'application/pdf' })));
    expect(manager.states().filter((state) => state.status === 'queued').length).toBeGreaterThanOrEqual(5);
    await manager.whenIdle();
    expect(server.maxActive).toBe(3);
    expect(manager.states().every((state) => state.status === 'done')).toBe(true);
    await manager.close();
  });
});
