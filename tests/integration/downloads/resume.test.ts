import { readFile, readdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { BlobServer, randomBytesSeeded, seededRandom } from './blob-server';
import { openManager, partialFiles, rootOf, waitForChange } from './harness';

let dir: string;
let cleanup: () => Promise<void>;
let server: BlobServer;
const random = seededRandom(17);

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('cb-resume-'));
  server = await BlobServer.start();
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

function blob(size: number, extra: { pinned?: boolean; groups?: string[] } = {}) {
  return { sha256: server.add(randomBytesSeeded(size, random)), size, mime: 'application/pdf', ...extra };
}

async function storedQueue(): Promise<unknown> {
  return JSON.parse(await readFile(`${rootOf(dir)}/queue.json`, 'utf8'));
}

describe('downloads continue after a restart (issue 17, item 7)', () => {
  it('continues a download cut by a restart from the bytes on disk, and starts the queued one, on their own', async () => {
    const edition = { pinned: true, groups: ['edition:2014'] };
    const big = blob(400_000, edition);
    const next = blob(50_000, edition);
    server.plan(big.sha256, { stallAt: 160_000 });
    const first = await openManager(dir, server, { concurrency: 1 });
    await first.manager.enqueue([big, next]);
    await waitForChange(first.changes, (s) => s.sha256 === big.sha256 && s.receivedBytes >= 160_000);
    // The app quits in the middle: the part stays, the second file never started.
    await first.manager.close();
    expect(await partialFiles(dir)).toEqual([`${big.sha256}.part`]);
    expect(server.requestsFor(next.sha256)).toEqual([]);

    // The next start asks for nothing: both continue by themselves.
    const second = await openManager(dir, server, { concurrency: 1 });
    expect(second.manager.state(big.sha256)?.status).toMatch(/^(queued|downloading)$/u);
    await second.manager.whenIdle();
    expect(second.manager.state(big.sha256)?.status).toBe('done');
    expect(second.manager.state(next.sha256)?.status).toBe('done');
    // From where it stopped, not from zero; and still pinned, for the same edition.
    expect(server.requestsFor(big.sha256).at(-1)?.range).toBe('bytes=160000-');
    for (const item of [big, next]) {
      expect(second.manager.list().find((stored) => stored.sha256 === item.sha256)).toMatchObject(edition);
    }
    await second.manager.close();
    expect(await storedQueue()).toEqual({ version: 1, items: [] });

    // Nothing left over: a third start fetches nothing.
    const requests = server.requests.length;
    const third = await openManager(dir, server);
    await third.manager.whenIdle();
    expect(server.requests.length).toBe(requests);
    await third.manager.close();
  });

  it('keeps a download stopped by the network for later and resumes it when asked; a lasting failure waits for the user', async () => {
    const flaky = blob(20_000);
    const gone = blob(20_000);
    server.plan(flaky.sha256, { cutAt: 0 }, { cutAt: 0 });
    server.plan(gone.sha256, { status: 404 });
    const { manager } = await openManager(dir, server, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    await manager.enqueue([flaky, gone]);
    await manager.whenIdle();
    expect(manager.state(flaky.sha256)).toMatchObject({ status: 'failed', error: { code: 'offline' } });
    expect(manager.state(gone.sha256)).toMatchObject({ status: 'failed', error: { code: 'not-found' } });
    await manager.close();
    expect(await storedQueue()).toEqual({
      version: 1,
      items: [{ sha256: flaky.sha256, size: 20_000, mime: 'application/pdf', pinned: false, groups: [] }],
    });

    // Back online at the next start: the one the network stopped comes by itself; the missing one is not asked again.
    const again = await openManager(dir, server);
    await again.manager.whenIdle();
    expect(again.manager.state(flaky.sha256)?.status).toBe('done');
    expect(again.manager.state(gone.sha256)).toBeUndefined();
    expect(server.requestsFor(gone.sha256)).toHaveLength(1);

    // Within a run, resume() retries what the network stopped (called when the server answers again).
    const later = blob(10_000);
    server.plan(later.sha256, { cutAt: 0 }, { cutAt: 0 }, { cutAt: 0 }, { cutAt: 0 }, { cutAt: 0 }, { cutAt: 0 });
    await again.manager.close();
    const third = await openManager(dir, server, { retry: { maxAttempts: 6, baseDelayMs: 1, maxDelayMs: 2 } });
    await third.manager.enqueue([later]);
    await third.manager.whenIdle();
    expect(third.manager.state(later.sha256)?.status).toBe('failed');
    await third.manager.resume();
    await third.manager.whenIdle();
    expect(third.manager.state(later.sha256)?.status).toBe('done');
    await third.manager.close();
  });

  it('sets an unreadable queue file aside and starts with an empty queue', async () => {
    const first = await openManager(dir, server);
    await first.manager.close();
    await writeFile(`${rootOf(dir)}/queue.json`, '{ not json');
    const { manager } = await openManager(dir, server);
    expect(manager.states()).toEqual([]);
    expect((await readdir(rootOf(dir))).some((name) => name.startsWith('queue.json.corrupt-'))).toBe(true);
    await manager.close();
  });
});
