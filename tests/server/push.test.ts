import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponseSchema, type WireError } from '../../src/shared/wire';
import { DEMO, startTestCluster, type TestCluster, type TestServer } from './harness';

let cluster: TestCluster;
let server: TestServer;
let participant: string;
let moderator: string;
let categoryId: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({ seed: 'demo' });
  participant = await server.api.login(DEMO.participant);
  moderator = await server.api.login(DEMO.moderator);
  const [category] = await server.sql<{ id: string }>(
    "SELECT id FROM entities WHERE type = 'category' ORDER BY seq LIMIT 1",
  );
  categoryId = category?.id ?? '';
});
afterAll(async () => {
  await cluster.stop();
});

async function newThread(token = participant): Promise<string> {
  const id = randomUUID();
  const response = await server.api.push(token, 'setup', [
    { id: randomUUID(), name: 'thread.create', args: { id, categoryId, title: 'A thread', language: 'en' } },
  ]);
  expect(response.body.results[0]?.status).toBe('applied');
  return id;
}

describe('push: exactly once', () => {
  it('apply a replayed batch once and return the first results', async () => {
    const threadId = await newThread();
    const batch = [
      { id: 'p-1', name: 'post.create', args: { id: randomUUID(), threadId, body: 'First', language: 'en' } },
      { id: 'p-2', name: 'post.create', args: { id: randomUUID(), threadId, body: 'Second', language: 'en' } },
      { id: 'p-bad', name: 'post.create', args: { id: randomUUID(), threadId, body: '', language: 'en' } },
    ];
    const first = await server.api.push(participant, 'client-a', batch);
    expect(PushResponseSchema.parse(first.body).results.map((result) => result.status)).toEqual([
      'applied',
      'applied',
      'rejected',
    ]);
    const replay = await server.api.push(participant, 'client-a', batch);
    expect(replay.body).toEqual(first.body);
    const posts = await server.sql('SELECT id FROM entities WHERE type = $1 AND parent_id = $2', ['post', threadId]);
    expect(posts).toHaveLength(2);
  });

  it('apply concurrent replays of the same mutation once', async () => {
    const threadId = await newThread();
    const mutation = {
      id: 'same',
      name: 'post.create',
      args: { id: randomUUID(), threadId, body: 'Once', language: 'en' },
    };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => server.api.push(participant, 'client-b', [mutation])),
    );
    for (const response of responses)
      expect(response.body.results).toEqual([{ id: 'same', status: 'applied', version: 1 }]);
    const posts = await server.sql('SELECT id FROM entities WHERE type = $1 AND parent_id = $2', ['post', threadId]);
    expect(posts).toHaveLength(1);
  });

  it('return the first result even when the world changed since', async () => {
    const threadId = await newThread();
    const mutation = {
      id: 'early',
      name: 'post.create',
      args: { id: randomUUID(), threadId, body: 'Early', language: 'en' },
    };
    expect((await server.api.push(participant, 'client-c', [mutation])).body.results[0]?.status).toBe('applied');
    await server.api.push(moderator, 'mod', [
      { id: randomUUID(), name: 'thread.lock', args: { id: threadId, locked: true } },
    ]);
    expect((await server.api.push(participant, 'client-c', [mutation])).body.results[0]?.status).toBe('applied');
    // The same id from another client (or user) is a different mutation.
    const other = await server.api.push(participant, 'client-d', [mutation]);
    expect(other.body.results[0]).toMatchObject({ status: 'rejected', code: 'thread-locked' });
  });
});

describe('push: conflicts', () => {
  it('return the current version when the base version is stale', async () => {
    const threadId = await newThread();
    const postId = randomUUID();
    await server.api.push(participant, 'c', [
      { id: randomUUID(), name: 'post.create', args: { id: postId, threadId, body: 'v1', language: 'en' } },
    ]);
    const edit = await server.api.push(participant, 'c', [
      { id: randomUUID(), name: 'post.update', args: { id: postId, body: 'v2 from laptop' }, baseVersion: 1 },
    ]);
    expect(edit.body.results[0]).toMatchObject({ status: 'applied', version: 2 });
    const stale = await server.api.push(participant, 'c2', [
      { id: randomUUID(), name: 'post.update', args: { id: postId, body: 'v2 from phone' }, baseVersion: 1 },
    ]);
    expect(stale.body.results[0]).toMatchObject({
      status: 'conflict',
      current: { type: 'post', id: postId, version: 2, deleted: false, data: { body: 'v2 from laptop' } },
    });
    // The user resolves it against the current version.
    const resolved = await server.api.push(participant, 'c2', [
      { id: randomUUID(), name: 'post.update', args: { id: postId, body: 'merged' }, baseVersion: 2 },
    ]);
    expect(resolved.body.results[0]).toMatchObject({ status: 'applied', version: 3 });
  });
});

describe('push: rejections', () => {
  it('name why a mutation was refused, and keep going with the batch', async () => {
    const threadId = await newThread();
    await server.api.push(moderator, 'mod', [
      { id: randomUUID(), name: 'thread.lock', args: { id: threadId, locked: true } },
    ]);
    const existing = await newThread();
    const response = await server.api.push(participant, 'rejects', [
      { id: 'locked', name: 'post.create', args: { id: randomUUID(), threadId, body: 'Hi', language: 'en' } },
      {
        id: 'missing',
        name: 'post.create',
        args: { id: randomUUID(), threadId: randomUUID(), body: 'Hi', language: 'en' },
      },
      { id: 'unknown', name: 'post.teleport', args: {} },
      {
        id: 'extra',
        name: 'thread.create',
        args: { id: randomUUID(), categoryId, title: 'x', language: 'en', colour: 'red' },
      },
      { id: 'dup', name: 'thread.create', args: { id: existing, categoryId, title: 'again', language: 'en' } },
      {
        id: 'file',
        name: 'post.create',
        args: { id: randomUUID(), threadId: existing, body: 'see', language: 'en', attachments: ['a'.repeat(64)] },
      },
      { id: 'mod-only', name: 'thread.pin', args: { id: existing, pinned: true } },
      { id: 'ok', name: 'post.create', args: { id: randomUUID(), threadId: existing, body: 'Fine', language: 'en' } },
    ]);
    expect(response.body.results.map((result) => [result.id, result.status, result.code])).toEqual([
      ['locked', 'rejected', 'thread-locked'],
      ['missing', 'rejected', 'not-found'],
      ['unknown', 'rejected', 'unknown-mutation'],
      ['extra', 'rejected', 'invalid'],
      ['dup', 'rejected', 'already-exists'],
      ['file', 'rejected', 'file-missing'],
      ['mod-only', 'rejected', 'forbidden'],
      ['ok', 'applied', undefined],
    ]);
  });

  it('reject a malformed batch as a whole', async () => {
    const cases = [
      { clientId: 'x', mutations: [] },
      { clientId: 'x', mutations: [{ id: 'a', name: 'post.create', args: {}, extra: 1 }] },
      { mutations: [{ id: 'a', name: 'post.create', args: {} }] },
      { clientId: 'x', mutations: Array.from({ length: 101 }, (_, i) => ({ id: String(i), name: 'x', args: {} })) },
    ];
    for (const body of cases) {
      const response = await server.api.request<WireError>('POST', '/api/sync/push', { token: participant, body });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid');
    }
  });
});
