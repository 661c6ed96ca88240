import { describe, expect, it } from 'vitest';
import { SyncGate } from '../../../src/main/desktop/sync-gate';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { signInAndSync, useSyncTestbed } from '../../support/sync-client';

const testbed = useSyncTestbed();

function isSync(input: Parameters<typeof fetch>[0]): boolean {
  return String(input instanceof Request ? input.url : input).includes('/api/sync/');
}

/**
 * "Pause sync" (tray, menu): main's gate refuses every pull and push with `sync-paused`. The engine takes
 * that as a pause, not as a failure to retry: no attempt at all until the user resumes, then one at once.
 */
describe('pause sync', () => {
  it('makes no attempt while paused, and syncs at once on resume', async () => {
    let gate: SyncGate | undefined;
    let refused = 0;
    let requests = 0;
    const client = await testbed.client({
      // Retries would come every 20-200 ms if the pause were taken as a failure.
      backoff: { baseMs: 20, maxMs: 200 },
      wrapFetch: (fetch) => (input, init) => {
        if (isSync(input)) requests += 1;
        return fetch(input, init);
      },
      wrapHandlers: (handlers, { services, events }) => {
        const paused = new SyncGate(services.live, events.emit, () =>
          events.emit('desktop.changed', {
            available: true,
            update: { status: 'unsupported', reason: 'browser' },
            syncPaused: paused.isPaused(),
          }),
        );
        gate = paused;
        const sync = paused.wrap(handlers.sync);
        const count =
          <A extends unknown[], R>(call: (...args: A) => R) =>
          (...args: A): R => {
            if (paused.isPaused()) refused += 1;
            return call(...args);
          };
        return { ...handlers, sync: { ...sync, push: count(sync.push), pull: count(sync.pull) } };
      },
    });
    await signInAndSync(client, 'participant@example.org');
    const thread = await client.db.threads.filter((t) => !t.locked && !t.hidden).first();
    if (gate === undefined || thread === undefined) throw new Error('no gate or no open thread');

    await gate.setPaused(true);
    const id = newId();
    await enqueueWrites(client.db, [
      { name: 'post.create', args: { id, threadId: thread.id, body: 'Written while sync is paused.', language: 'en' } },
    ]);
    // The new write wakes the engine once; the gate refuses it, and the engine pauses.
    await client.settle((s) => s.phase === 'paused' && s.error?.code === 'sync-paused');
    expect(client.engine.current().retryAt).toBeNull();
    const refusedOnce = refused;
    expect(refusedOnce).toBe(1);
    // Neither a second write, nor the server being reachable, nor more time wakes it. (What would: a
    // retry with this backoff comes within 200 ms; the second write is committed, and its commit seen,
    // before the engine's next turn.)
    const second = newId();
    await enqueueWrites(client.db, [
      { name: 'post.create', args: { id: second, threadId: thread.id, body: 'A second one.', language: 'en' } },
    ]);
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(refused).toBe(refusedOnce);
    expect(client.engine.current().phase).toBe('paused');
    expect(await client.db.outbox.count()).toBe(2);

    const before = requests;
    await gate.setPaused(false);
    await client.settle((s) => s.phase === 'idle' && s.error === null && s.pushed >= 2);
    expect(requests).toBeGreaterThan(before);
    expect(await client.db.outbox.count()).toBe(0);
    await expect
      .poll(async () => (await client.db.posts.bulkGet([id, second])).map((post) => post?.version ?? 0))
      .not.toContain(0);
  });
});
