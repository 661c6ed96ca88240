import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeDiskIo } from '../../../src/main/services/downloads/disk-io';
import { makeTempDir } from '../../support/temp-dir';
import { BlobServer, randomBytesSeeded, seededRandom } from './blob-server';
import { openManager, partialFiles, rootOf, waitForChange } from './harness';

let dir: string;
let cleanup: () => Promise<void>;
let server: BlobServer;
const random = seededRandom(7);

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('cb-downloads-'));
  server = await BlobServer.start();
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

function blob(size: number): { sha256: string; size: number; mime: string } {
  return { sha256: server.add(randomBytesSeeded(size, random)), size, mime: 'application/pdf' };
}

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
}

describe('download faults', () => {
  it('cancel aborts the transfer and removes the part', async () => {
    const item = blob(1_000_000);
    server.plan(item.sha256, { chunkDelayMs: 20 });
    const { manager, changes } = await openManager(dir, server);
    await manager.enqueue([item]);
    await waitForChange(changes, (state) => state.receivedBytes > 0);
    const final = await manager.cancel(item.sha256);
    expect(final?.status).toBe('cancelled');
    expect(await partialFiles(dir)).toEqual([]);
    expect(manager.pathOf(item.sha256)).toBeUndefined();
    await waitForChange(changes, () => server.active === 0);
    expect(server.requestsFor(item.sha256)).toHaveLength(1);
    await manager.close();
  });

  it('cancels a queued download before it starts', async () => {
    server.defaultPlan = { chunkDelayMs: 20 };
    const items = [blob(100_000), blob(100_000)];
    const { manager } = await openManager(dir, server, { concurrency: 1 });
    await manager.enqueue(items);
    const second = items[1]?.sha256 ?? '';
    expect((await manager.cancel(second))?.status).toBe('cancelled');
    await manager.whenIdle();
    expect(server.requestsFor(second)).toHaveLength(0);
    await manager.close();
  });

  it('honours Retry-After on 503 and 429 instead of its own short backoff', async () => {
    const item = blob(50_000);
    server.plan(item.sha256, { status: 503, retryAfter: '1' }, { status: 429, retryAfter: '1' });
    const { manager, changes } = await openManager(dir, server, { retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    await manager.enqueue([item]);
    await manager.whenIdle();
    expect(manager.state(item.sha256)?.status).toBe('done');
    const times = server.requestsFor(item.sha256).map((request) => request.at);
    expect(times).toHaveLength(3);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(950);
    expect(changes.some((state) => state.status === 'failed')).toBe(false);
    await manager.close();
  });

  it('gives up after a bounded number of attempts when the connection keeps dropping', async () => {
    const item = blob(80_000);
    server.defaultPlan = { cutAt: 0 };
    const { manager } = await openManager(dir, server, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    await manager.enqueue([item]);
    await manager.whenIdle();
    expect(manager.state(item.sha256)).toMatchObject({ status: 'failed', error: { code: 'offline' } });
    expect(server.requestsFor(item.sha256)).toHaveLength(3);
    await manager.close();
  });

  it('keeps the part of a download that gave up, for a later resume; cancel drops it', async () => {
    const item = blob(300_000);
    server.plan(item.sha256, { cutAt: 100_000 });
    server.defaultPlan = { status: 503 };
    const { manager } = await openManager(dir, server, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    await manager.enqueue([item]);
    await manager.whenIdle();
    expect(manager.state(item.sha256)).toMatchObject({ status: 'failed', error: { code: 'unavailable' } });
    expect(await partialFiles(dir)).toEqual([`${item.sha256}.part`]);

    server.defaultPlan = {};
    await manager.enqueue([item]);
    await manager.whenIdle();
    expect(manager.state(item.sha256)?.status).toBe('done');
    expect(server.requestsFor(item.sha256).at(-1)?.range).toMatch(/^bytes=[1-9]\d*-$/);

    const other = blob(300_000);
    server.plan(other.sha256, { cutAt: 100_000 });
    server.defaultPlan = { status: 503 };
    await manager.enqueue([other]);
    await manager.whenIdle();
    expect((await manager.cancel(other.sha256))?.status).toBe('cancelled');
    expect(await partialFiles(dir)).toEqual([]);
    await manager.close();
  });

  it('fails with unauthorized on 401 and does not retry', async () => {
    const item = blob(10_000);
    const { manager } = await openManager(dir, server, {
      requestHeaders: () => Promise.resolve({ Authorization: 'Bearer expired', 'X-Protocol': '1' }),
    });
    await manager.enqueue([item]);
    await manager.whenIdle();
    expect(manager.state(item.sha256)).toMatchObject({ status: 'failed', error: { code: 'unauthorized' } });
    expect(server.requestsFor(item.sha256)).toHaveLength(1);
    await manager.close();
  });

  it('disk full while writing leaves no partial file, reports disk-full and tells the user', async () => {
    const item = blob(500_000);
    let written = 0;
    const { manager, notices } = await openManager(dir, server, {
      io: {
        // Only the fault is simulated: real writes until the "disk" has 200 kB, then a short write and ENOSPC.
        writeChunk: async (handle, chunk) => {
          const room = 200_000 - written;
          if (chunk.byteLength > room) {
            await nodeDiskIo.writeChunk(handle, chunk.subarray(0, Math.max(0, room)));
            written += Math.max(0, room);
            throw enospc();
          }
          await nodeDiskIo.writeChunk(handle, chunk);
          written += chunk.byteLength;
        },
      },
    });
    await manager.enqueue([item]);
    await manager.whenIdle();
    expect(written).toBe(200_000);
    expect(manager.state(item.sha256)).toMatchObject({ status: 'failed', error: { code: 'disk-full' } });
    expect(await partialFiles(dir)).toEqual([]);
    expect(existsSync(join(rootOf(dir), item.sha256.slice(0, 2), item.sha256))).toBe(false);
    expect(notices).toHaveLength(1);
    expect(server.requestsFor(item.sha256)).toHaveLength(1);
    await manager.close();
  });

  it('refuses to start when free space is smaller than the file, without asking the server', async () => {
    const item = blob(300_000);
    const { manager, notices } = await openManager(dir, server, { io: { freeBytes: () => Promise.resolve(1_000) } });
    await manager.enqueue([item]);
    await manager.whenIdle();
    expect(manager.state(item.sha256)).toMatchObject({ status: 'failed', error: { code: 'disk-full' } });
    expect(server.requestsFor(item.sha256)).toHaveLength(0);
    expect(await partialFiles(dir)).toEqual([]);
    expect(notices).toHaveLength(1);
    expect((await manager.usage()).freeDiskBytes).toBe(1_000);
    await manager.close();
  });

  it('refuses to remove an offline copy while it is downloading', async () => {
    const item = blob(400_000);
    server.plan(item.sha256, { chunkDelayMs: 20 });
    const { manager, changes } = await openManager(dir, server);
    await manager.enqueue([{ ...item, groups: ['collection-7'] }]);
    await waitForChange(changes, (state) => state.status === 'downloading');
    await expect(manager.remove(item.sha256)).rejects.toMatchObject({ code: 'conflict' });
    await expect(manager.remove({ group: 'collection-7' })).rejects.toMatchObject({ code: 'conflict' });
    await manager.cancel(item.sha256);
    await manager.close();
  });
});
