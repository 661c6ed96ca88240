import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/renderer/src/data/ids';
import {
  enqueueWrites,
  SERVER_ERRORS_BEFORE_SET_ASIDE,
  SERVER_ERRORS_WHEN_ALONE,
} from '../../../src/renderer/src/data/outbox';
import { signInAndSync, type SyncClient, useSyncTestbed } from '../../support/sync-client';

/**
 * Availability: a write the server fails on, or a server that cannot be reached, must neither stop this
 * client's sync nor make it hammer the server.
 */
const testbed = useSyncTestbed();

async function openThread(c: SyncClient): Promise<string> {
  const thread = await c.db.threads.filter((t) => !t.locked && !t.hidden).first();
  if (thread === undefined) throw new Error('no open thread in the demo');
  return thread.id;
}

const urlOf = (input: Parameters<typeof fetch>[0]): string => (input instanceof Request ? input.url : String(input));
const isPush = (input: Parameters<typeof fetch>[0]): boolean => urlOf(input).includes('/api/sync/push');
const bodyOf = (init: Parameters<typeof fetch>[1]): string => (typeof init?.body === 'string' ? init.body : '');

function internalError(): Response {
  return new Response(JSON.stringify({ code: 'internal', message: 'The server failed.' }), {
    status: 500,
    headers: { 'content-type': 'application/json' },
  });
}

function overloaded(): Response {
  return new Response(JSON.stringify({ code: 'unavailable', message: 'Try again later.' }), {
    status: 503,
    headers: { 'content-type': 'application/json' },
  });
}

const reply = (threadId: string, body: string) =>
  ({ name: 'post.create', args: { id: newId(), threadId, body, language: 'en' } }) as const;

describe('a push the server fails on', () => {
  it('does not stop the pull: what others write still comes in while the push keeps failing', async () => {
    let failPushes = true;
    const reader = await testbed.client({
      wrapFetch: (fetch) => async (input, init) => (failPushes && isPush(input) ? overloaded() : fetch(input, init)),
    });
    await signInAndSync(reader, 'participant@example.org');
    const threadId = await openThread(reader);
    const writer = await testbed.client();
    await signInAndSync(writer, 'moderator@example.org');

    await enqueueWrites(reader.db, [reply(threadId, 'Held back by a failing server.')]);
    const fromOthers = reply(threadId, 'Written by someone else meanwhile.');
    await enqueueWrites(writer.db, [fromOthers]);
    writer.engine.trigger();
    await writer.settle((s) => s.phase === 'idle' && s.pushed >= 1);

    // The reader's push fails, yet the pull after it runs and brings the other post.
    await expect.poll(async () => (await reader.db.posts.get(fromOthers.args.id))?.body).toBe(fromOthers.args.body);
    expect(await reader.db.outbox.count()).toBe(1);
    expect(reader.engine.current().error?.code).toBe('unavailable');

    failPushes = false;
    reader.engine.trigger();
    await expect.poll(() => reader.db.outbox.count()).toBe(0);
  });

  it('sets aside, as a draft with its text and reason, only the write the server keeps failing on', async () => {
    const pushes: string[][] = [];
    const client = await testbed.client({
      wrapFetch: (fetch) => async (input, init) => {
        if (!isPush(input)) return fetch(input, init);
        const body = bodyOf(init);
        const sent = (JSON.parse(body) as { mutations: { args: { body?: string } }[] }).mutations;
        pushes.push(sent.map((mutation) => mutation.args.body ?? ''));
        return body.includes('POISON') ? internalError() : fetch(input, init);
      },
    });
    await signInAndSync(client, 'participant@example.org');
    const threadId = await openThread(client);
    await client.engine.stop();
    const before = reply(threadId, 'Before the poison.');
    const poison = reply(threadId, 'POISON: the server cannot handle this one.');
    const after = reply(threadId, 'After the poison.');
    await enqueueWrites(client.db, [before, poison, after]);
    client.engine.start();

    await expect.poll(() => client.db.outbox.count()).toBe(0);
    await client.settle();
    // The writes on either side reached the server and came back from it.
    expect((await client.db.posts.get(before.args.id))?.version).toBeGreaterThan(0);
    expect((await client.db.posts.get(after.args.id))?.version).toBeGreaterThan(0);
    // The poisoned one is no longer shown as a post, but its text is kept as a draft with the reason.
    expect(await client.db.posts.get(poison.args.id)).toBeUndefined();
    const drafts = await client.db.drafts.where('kind').equals('reply').toArray();
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      targetId: threadId,
      fields: { body: poison.args.body },
      rejection: { code: 'server-error', mutationName: 'post.create' },
    });
    // After the batch failed, writes went one at a time; the poisoned one was tried alone a few times, then
    // stepped over, and the write after it going through showed that the server works.
    const alone = pushes.filter((batch) => batch.length === 1 && batch[0] === poison.args.body);
    expect(alone).toHaveLength(SERVER_ERRORS_BEFORE_SET_ASIDE);
  });

  it('turns no write into a draft while the server fails on every write', async () => {
    let failing = true;
    let pushes = 0;
    const client = await testbed.client({
      wrapFetch: (fetch) => async (input, init) => {
        if (!isPush(input)) return fetch(input, init);
        pushes += 1;
        return failing ? internalError() : fetch(input, init);
      },
    });
    await signInAndSync(client, 'participant@example.org');
    const threadId = await openThread(client);
    await enqueueWrites(client.db, [reply(threadId, 'First.'), reply(threadId, 'Second.')]);
    // Many failures of each, alone: the first is stepped over, and the second fails too.
    await expect.poll(() => pushes, { timeout: 30_000 }).toBeGreaterThan(4 * SERVER_ERRORS_BEFORE_SET_ASIDE);
    expect(await client.db.drafts.count()).toBe(0);
    expect(await client.db.outbox.count()).toBe(2);
    failing = false;
    client.engine.trigger();
    await expect.poll(() => client.db.outbox.count()).toBe(0);
    expect(await client.db.drafts.count()).toBe(0);
  });

  it('sets a lone write aside after more failures, when no other write can show the server works', async () => {
    const client = await testbed.client({
      wrapFetch: (fetch) => async (input, init) =>
        isPush(input) && bodyOf(init).includes('POISON') ? internalError() : fetch(input, init),
    });
    await signInAndSync(client, 'participant@example.org');
    const threadId = await openThread(client);
    const poison = reply(threadId, 'POISON, alone in the outbox.');
    await enqueueWrites(client.db, [poison]);
    await expect.poll(() => client.db.drafts.count(), { timeout: 30_000 }).toBe(1);
    expect(await client.db.outbox.count()).toBe(0);
    expect((await client.db.drafts.toArray())[0]?.fields['body']).toBe(poison.args.body);
    expect(SERVER_ERRORS_WHEN_ALONE).toBeGreaterThan(SERVER_ERRORS_BEFORE_SET_ASIDE);
  });
});

describe('an unreachable server', () => {
  /** Longer than one backoff step of this test (at most 60 s). */
  const STEP = 150_000;
  it(
    'is retried by the backoff, not at every outbox write the engine makes itself',
    async () => {
      let down = false;
      const pushedAt: number[] = [];
      const client = await testbed.client({
        // A first delay of 30 s (half of the ceiling): no attempt of the backoff's own falls inside this test,
        // so every push it sees was woken by something, and each wake is counted below.
        backoff: { baseMs: 60_000, maxMs: 120_000, random: () => 0.5 },
        wrapFetch: (fetch) => async (input, init) => {
          if (isPush(input)) pushedAt.push(Date.now());
          if (down) throw new TypeError('fetch failed: connect ECONNREFUSED 127.0.0.1');
          return fetch(input, init);
        },
      });
      await signInAndSync(client, 'participant@example.org');
      const threadId = await openThread(client);
      // What may rightly wake sync besides a new write: news from the server, the server answering again.
      let outsideWakes = 0;
      client.api.on('sync.remoteChanged', () => (outsideWakes += 1));
      client.api.on('sync.connectivity', (state) => {
        if (state.reachable === true) outsideWakes += 1;
      });
      down = true;
      pushedAt.length = 0;
      outsideWakes = 0;

      await enqueueWrites(client.db, [reply(threadId, 'Waiting for the server to come back.')]);
      // Bounds of a whole backoff step: a run already under way when the server went (a pull woken by news)
      // fails first, and then the write goes at that run's next attempt, as the backoff says.
      await client.settle((s) => s.phase === 'waiting-to-retry' && pushedAt.length >= 1, STEP);
      // The failed push put its write back to pending: the engine's own write, which must not wake it.
      await expect.poll(() => client.db.outbox.where('status').equals('pending').count()).toBe(1);
      // Before the fix that write woke the engine at once, hundreds of times a second. Give it the chance.
      for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(pushedAt.length).toBe(1 + outsideWakes);
      // The Sync center's "next attempt" is the backoff's: about 30 s after the failed push.
      const retryAt = Date.parse(client.engine.current().retryAt ?? '');
      expect(retryAt - (pushedAt.at(-1) ?? 0)).toBeGreaterThan(20_000);

      // A new write may wake the sync once, not more.
      const before = pushedAt.length + 0;
      const wakesBefore = outsideWakes;
      await enqueueWrites(client.db, [reply(threadId, 'A second one.')]);
      await expect.poll(() => pushedAt.length, { timeout: STEP }).toBeGreaterThanOrEqual(before + 1);
      await client.settle((s) => s.phase === 'waiting-to-retry', STEP);
      for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(pushedAt.length).toBe(before + 1 + (outsideWakes - wakesBefore));

      down = false;
      client.engine.trigger();
      await expect.poll(() => client.db.outbox.count(), { timeout: STEP }).toBe(0);
    },
    4 * STEP,
  );
});
