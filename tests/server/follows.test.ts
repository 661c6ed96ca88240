import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_FOLLOWS,
  noFollows,
  PullPageSchema,
  RecentSnapshotSchema,
  withFollow,
  type Change,
  type Follows,
  type MutationResult,
  type PullPage,
} from '../../src/shared/wire';
import { DEMO, startTestCluster, type TestCluster, type TestServer } from './harness';

/**
 * What a user follows travels through the feed to that user alone: never to
 * anyone else (moderators included), not even as a tombstone, and the others'
 * cursors move past it.
 */
let cluster: TestCluster;
let server: TestServer;
let participant: string;
let participantId: string;
let moderator: string;
let categoryId: string;
let editionId: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({ seed: 'demo' });
  participant = await server.api.login(DEMO.participant);
  moderator = await server.api.login(DEMO.moderator);
  const [me] = await server.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [DEMO.participant]);
  const [category] = await server.sql<{ id: string }>("SELECT id FROM entities WHERE type = 'category' LIMIT 1");
  const [edition] = await server.sql<{ id: string }>("SELECT id FROM entities WHERE type = 'collection' LIMIT 1");
  participantId = me?.id ?? '';
  categoryId = category?.id ?? '';
  editionId = edition?.id ?? '';
});
afterAll(async () => {
  await cluster.stop();
});

async function apply(token: string, name: string, args: unknown): Promise<MutationResult> {
  const response = await server.api.push(token, 'follows-test', [{ id: randomUUID(), name, args }]);
  const result = response.body.results[0];
  if (result === undefined) throw new Error(response.text);
  return result;
}

async function must(token: string, name: string, args: unknown): Promise<MutationResult> {
  const result = await apply(token, name, args);
  if (result.status !== 'applied') throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result;
}

async function pullFrom(token: string, cursor: string): Promise<{ changes: Change[]; cursor: string }> {
  const changes: Change[] = [];
  for (;;) {
    const response = await server.api.request<PullPage>('GET', `/api/sync/pull?limit=1000&cursor=${cursor}`, {
      token,
    });
    expect(response.status).toBe(200);
    const page = PullPageSchema.parse(response.body);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

async function newThread(token: string, hidden = false): Promise<string> {
  const id = randomUUID();
  await must(token, 'thread.create', { id, categoryId, title: 'Follow me', language: 'en' });
  if (hidden) await must(moderator, 'thread.hide', { id, hidden: true });
  return id;
}

const follows = (changes: readonly Change[]): Change[] => changes.filter((change) => change.type === 'follows');

describe('follows', () => {
  it('reach their owner through pull, and no one else: no row, no tombstone, and the cursor moves past them', async () => {
    const threadId = await newThread(moderator);
    const mine = (await pullFrom(participant, '')).cursor;
    const theirs = (await pullFrom(moderator, '')).cursor;

    await must(participant, 'follow.set', { targetType: 'thread', targetId: threadId, following: true });
    await must(participant, 'follow.set', { targetType: 'edition', targetId: editionId, following: true });

    const own = await pullFrom(participant, mine);
    const [change] = follows(own.changes);
    expect(follows(own.changes)).toHaveLength(1);
    expect(change).toMatchObject({ id: participantId, op: 'upsert', version: 2 });
    const list = change?.data as Follows;
    expect(list.threads).toEqual([{ id: threadId, following: true, since: expect.any(String) as string }]);
    expect(list.editions.map((entry) => entry.id)).toEqual([editionId]);

    const other = await pullFrom(moderator, theirs);
    expect(follows(other.changes)).toEqual([]);
    expect(other.changes).toEqual([]);
    // The moderator's cursor is past the participant's change: pulling again from it brings nothing.
    expect(other.cursor).not.toBe(theirs);
    expect((await pullFrom(moderator, other.cursor)).changes).toEqual([]);
  });

  it('are never in the newest-discussion snapshot, even a moderator’s', async () => {
    const response = await server.api.request('GET', '/api/sync/recent', { token: moderator });
    const snapshot = RecentSnapshotSchema.parse(response.body);
    expect(snapshot.changes.some((change) => change.type === 'follows')).toBe(false);
  });

  it('write nothing new when the choice is already so', async () => {
    const threadId = await newThread(moderator);
    const first = await must(participant, 'follow.set', { targetType: 'thread', targetId: threadId, following: true });
    const cursor = (await pullFrom(participant, '')).cursor;
    const again = await must(participant, 'follow.set', { targetType: 'thread', targetId: threadId, following: true });
    expect(again.version).toBe(first.version);
    expect(follows((await pullFrom(participant, cursor)).changes)).toEqual([]);
  });

  it('keep an unfollow as a choice, and let go of a thread deleted meanwhile', async () => {
    const threadId = await newThread(moderator);
    await must(participant, 'follow.set', { targetType: 'thread', targetId: threadId, following: true });
    await must(moderator, 'thread.delete', { id: threadId });
    await must(participant, 'follow.set', { targetType: 'thread', targetId: threadId, following: false });
    const [row] = await server.sql<{ data: Follows; audience: string; owner_id: string }>(
      "SELECT data, audience, owner_id FROM entities WHERE type = 'follows' AND id = $1",
      [participantId],
    );
    expect(row?.audience).toBe('owner');
    expect(row?.owner_id).toBe(participantId);
    expect(row?.data.threads.find((entry) => entry.id === threadId)?.following).toBe(false);
  });

  it('refuse to follow what the user may not see (not-found)', async () => {
    const hidden = await newThread(moderator, true);
    expect(
      await apply(participant, 'follow.set', { targetType: 'thread', targetId: hidden, following: true }),
    ).toMatchObject({ status: 'rejected', code: 'not-found' });
    expect(
      await apply(participant, 'follow.set', { targetType: 'edition', targetId: randomUUID(), following: true }),
    ).toMatchObject({ status: 'rejected', code: 'not-found' });
    // A moderator sees the hidden thread, so may follow it.
    await must(moderator, 'follow.set', { targetType: 'thread', targetId: hidden, following: true });
  });

  it('are refused the owner audience without an owner, by the database itself', async () => {
    await expect(
      server.sql(
        `INSERT INTO entities (type, id, version, seq, audience, owner_id, data, updated_at)
         VALUES ('follows', $1, 1, nextval('change_seq'), 'owner', NULL, '{}', now())`,
        [randomUUID()],
      ),
    ).rejects.toThrow(/entities_audience_check/u);
  });
});

describe('withFollow', () => {
  const now = '2026-01-01T00:00:00.000Z';
  it('keeps the list within its cap, letting go of the oldest unfollowed first', () => {
    let list = noFollows(randomUUID());
    const ids = Array.from({ length: MAX_FOLLOWS }, () => randomUUID());
    for (const [index, id] of ids.entries()) {
      list = withFollow(list, { targetType: 'thread', targetId: id, following: index !== 5 }, now);
    }
    list = withFollow(list, { targetType: 'thread', targetId: randomUUID(), following: true }, now);
    expect(list.threads).toHaveLength(MAX_FOLLOWS);
    expect(list.threads.some((entry) => entry.id === ids[5])).toBe(false);
    expect(list.threads[0]?.id).toBe(ids[0]);
  });
});
