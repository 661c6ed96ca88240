import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PullPageSchema,
  RecentSnapshotSchema,
  type Change,
  type MutationResult,
  type PullPage,
  type Translation,
} from '../../src/shared/wire';
import { DEMO, startTestCluster, type TestCluster, type TestServer } from './harness';

/**
 * Readers' translations on the server: who may write them, what is refused
 * (by name), and how they travel through the feed, tombstones included.
 */
let cluster: TestCluster;
let server: TestServer;
let participant: string;
let facilitator: string;
let moderator: string;
let categoryId: string;
let newsId: string;
let newsLanguage: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({ seed: 'demo' });
  participant = await server.api.login(DEMO.participant);
  facilitator = await server.api.login(DEMO.facilitator);
  moderator = await server.api.login(DEMO.moderator);
  const [category] = await server.sql<{ id: string }>("SELECT id FROM entities WHERE type = 'category' LIMIT 1");
  // A news item written in English and not in Korean (the language a reader translates it into below).
  const [news] = await server.sql<{ id: string }>(
    "SELECT id FROM entities WHERE type = 'news' AND data->'versions' ? 'en' AND NOT data->'versions' ? 'ko' LIMIT 1",
  );
  categoryId = category?.id ?? '';
  newsId = news?.id ?? '';
  newsLanguage = news === undefined ? '' : 'en';
});
afterAll(async () => {
  await cluster.stop();
});

async function apply(token: string, name: string, args: unknown): Promise<MutationResult> {
  const response = await server.api.push(token, 'translations-test', [{ id: randomUUID(), name, args }]);
  const result = response.body.results[0];
  if (result === undefined) throw new Error(response.text);
  return result;
}

async function must(token: string, name: string, args: unknown): Promise<MutationResult> {
  const result = await apply(token, name, args);
  if (result.status !== 'applied') throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result;
}

/** A fresh thread with one Spanish post by the facilitator. */
async function spanishPost(): Promise<{ threadId: string; postId: string }> {
  const threadId = randomUUID();
  const postId = randomUUID();
  await must(facilitator, 'thread.create', { id: threadId, categoryId, title: 'Cooperativas', language: 'es' });
  await must(facilitator, 'post.create', {
    id: postId,
    threadId,
    body: 'Las cooperativas son **empresas** de sus socios.',
    language: 'es',
  });
  return { threadId, postId };
}

function translate(postId: string, language: string, body = 'Cooperatives are **enterprises** of their members.') {
  return { id: randomUUID(), targetType: 'post', targetId: postId, language, body };
}

async function cursorNow(token: string): Promise<string> {
  let cursor = '';
  for (;;) {
    const response = await server.api.request<PullPage>('GET', `/api/sync/pull?limit=1000&cursor=${cursor}`, { token });
    const page = PullPageSchema.parse(response.body);
    cursor = page.cursor;
    if (!page.hasMore) return cursor;
  }
}

async function pullAfter(token: string, cursor: string): Promise<Change[]> {
  const response = await server.api.request<PullPage>('GET', `/api/sync/pull?limit=1000&cursor=${cursor}`, { token });
  expect(response.status).toBe(200);
  return PullPageSchema.parse(response.body).changes;
}

function translationChanges(changes: readonly Change[], id: string): Change[] {
  return changes.filter((change) => change.type === 'translation' && change.id === id);
}

describe('translation mutations', () => {
  it('let any signed-in reader translate a post, and deliver it through pull with its author and dates', async () => {
    const { postId } = await spanishPost();
    const cursor = await cursorNow(moderator);
    const args = translate(postId, 'en');
    const result = await must(participant, 'translation.create', args);
    expect(result.version).toBe(1);

    const [change] = translationChanges(await pullAfter(moderator, cursor), args.id);
    expect(change?.op).toBe('upsert');
    const data = change?.data as Translation;
    expect(data).toMatchObject({
      targetType: 'post',
      targetId: postId,
      language: 'en',
      title: null,
      body: args.body,
      editedAt: null,
    });
    const [me] = await server.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [DEMO.participant]);
    expect(data.authorId).toBe(me?.id);
  });

  it('translate a news item with its title', async () => {
    const args = {
      id: randomUUID(),
      targetType: 'news',
      targetId: newsId,
      language: 'ko',
      title: '소식',
      body: '번역된 소식입니다.',
    };
    await must(participant, 'translation.create', args);
    const [row] = await server.sql<{ data: Translation }>(
      "SELECT data FROM entities WHERE type = 'translation' AND id = $1",
      [args.id],
    );
    expect(row?.data.title).toBe('소식');
    expect(row?.data.targetType).toBe('news');
  });

  it('refuse a translation into the original’s own language (same-language)', async () => {
    const { postId } = await spanishPost();
    expect(await apply(participant, 'translation.create', translate(postId, 'es'))).toMatchObject({
      status: 'rejected',
      code: 'same-language',
    });
    expect(newsLanguage).toBe('en');
    expect(
      await apply(participant, 'translation.create', {
        id: randomUUID(),
        targetType: 'news',
        targetId: newsId,
        language: 'en',
        title: 'Same',
        body: 'Same language',
      }),
    ).toMatchObject({ status: 'rejected', code: 'same-language' });
  });

  it('refuse a missing or deleted original (not-found), and a target of the wrong kind', async () => {
    expect(await apply(participant, 'translation.create', translate(randomUUID(), 'en'))).toMatchObject({
      status: 'rejected',
      code: 'not-found',
    });
    const { postId } = await spanishPost();
    await must(facilitator, 'post.delete', { id: postId });
    expect(await apply(participant, 'translation.create', translate(postId, 'en'))).toMatchObject({
      status: 'rejected',
      code: 'not-found',
    });
    // A news id given as a post.
    expect(await apply(participant, 'translation.create', translate(newsId, 'fr'))).toMatchObject({
      status: 'rejected',
      code: 'not-found',
    });
  });

  it('refuse a hidden original to those who cannot see it, and let moderators translate it', async () => {
    const { postId } = await spanishPost();
    await must(moderator, 'post.hide', { id: postId, hidden: true });
    expect(await apply(participant, 'translation.create', translate(postId, 'en'))).toMatchObject({
      status: 'rejected',
      code: 'not-found',
    });
    await must(moderator, 'translation.create', translate(postId, 'en'));
  });

  it('refuse a second translation by the same author into the same language (translation-exists)', async () => {
    const { postId } = await spanishPost();
    const first = translate(postId, 'en');
    await must(participant, 'translation.create', first);
    expect(await apply(participant, 'translation.create', translate(postId, 'en', 'Another try'))).toMatchObject({
      status: 'rejected',
      code: 'translation-exists',
    });
    // Someone else into the same language, and the same author into another language, are fine.
    await must(moderator, 'translation.create', translate(postId, 'en', 'A second opinion'));
    await must(participant, 'translation.create', translate(postId, 'fr', 'Les coopératives…'));
    // Once the first is deleted, its author may translate into that language again.
    await must(participant, 'translation.delete', { id: first.id });
    await must(participant, 'translation.create', translate(postId, 'en', 'Fresh start'));
    const live = await server.sql<{ n: string }>(
      "SELECT count(*) AS n FROM entities WHERE type = 'translation' AND parent_id = $1 AND NOT deleted",
      [postId],
    );
    expect(Number(live[0]?.n)).toBe(3);
  });

  it('refuse a title on a post and a missing title on news (invalid), and bad arguments', async () => {
    const { postId } = await spanishPost();
    expect(
      await apply(participant, 'translation.create', { ...translate(postId, 'en'), title: 'Posts have none' }),
    ).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(
      await apply(participant, 'translation.create', {
        id: randomUUID(),
        targetType: 'news',
        targetId: newsId,
        language: 'pt',
        body: 'Sem título',
      }),
    ).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(
      await apply(participant, 'translation.create', { ...translate(postId, 'en'), targetType: 'document' }),
    ).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(await apply(participant, 'translation.create', translate(postId, 'xx'))).toMatchObject({
      status: 'rejected',
      code: 'invalid',
    });
  });

  it('let only the translator or a moderator edit and delete a translation', async () => {
    const { postId } = await spanishPost();
    const args = translate(postId, 'en');
    await must(participant, 'translation.create', args);

    expect(await apply(facilitator, 'translation.update', { id: args.id, body: 'Not mine' })).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
    });
    expect(await apply(facilitator, 'translation.delete', { id: args.id })).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
    });
    expect(await must(participant, 'translation.update', { id: args.id, body: 'Better wording' })).toMatchObject({
      version: 2,
    });
    await must(moderator, 'translation.update', { id: args.id, body: 'Moderated wording' });
    const [row] = await server.sql<{ data: Translation }>(
      "SELECT data FROM entities WHERE type = 'translation' AND id = $1",
      [args.id],
    );
    expect(row?.data.body).toBe('Moderated wording');
    expect(row?.data.editedAt).not.toBeNull();
    // An edit made on an older version (when the client says so) is a conflict, not a silent overwrite.
    const stale = await server.api.push(participant, 'translations-test', [
      { id: randomUUID(), name: 'translation.update', args: { id: args.id, body: 'Old base' }, baseVersion: 1 },
    ]);
    expect(stale.body.results[0]?.status).toBe('conflict');
    await must(moderator, 'translation.delete', { id: args.id });
    expect(await apply(participant, 'translation.update', { id: args.id, body: 'Gone' })).toMatchObject({
      status: 'rejected',
      code: 'not-found',
    });
  });
});

describe('translations in the feed', () => {
  it('tombstone a post’s translations when the post is deleted', async () => {
    const { postId } = await spanishPost();
    const args = translate(postId, 'en');
    await must(participant, 'translation.create', args);
    const cursor = await cursorNow(participant);
    await must(facilitator, 'post.delete', { id: postId });
    const changes = await pullAfter(participant, cursor);
    expect(translationChanges(changes, args.id).map((change) => change.op)).toEqual(['delete']);
    expect(changes.find((change) => change.type === 'post' && change.id === postId)?.op).toBe('delete');
  });

  it('tombstone the translations of a deleted thread’s posts', async () => {
    const { threadId, postId } = await spanishPost();
    const args = translate(postId, 'fr', 'Les coopératives');
    await must(participant, 'translation.create', args);
    const cursor = await cursorNow(participant);
    await must(facilitator, 'thread.delete', { id: threadId });
    expect(translationChanges(await pullAfter(participant, cursor), args.id).map((change) => change.op)).toEqual([
      'delete',
    ]);
  });

  it('take a hidden post’s translations away from non-moderators, and give them back when shown', async () => {
    const { threadId, postId } = await spanishPost();
    const args = translate(postId, 'en');
    await must(participant, 'translation.create', args);

    let cursor = await cursorNow(participant);
    let modCursor = await cursorNow(moderator);
    await must(moderator, 'post.hide', { id: postId, hidden: true });
    expect(translationChanges(await pullAfter(participant, cursor), args.id).map((c) => c.op)).toEqual(['delete']);
    expect(translationChanges(await pullAfter(moderator, modCursor), args.id).map((c) => c.op)).toEqual(['upsert']);

    cursor = await cursorNow(participant);
    await must(moderator, 'post.hide', { id: postId, hidden: false });
    expect(translationChanges(await pullAfter(participant, cursor), args.id).map((c) => c.op)).toEqual(['upsert']);

    // Hiding the whole thread does the same.
    cursor = await cursorNow(participant);
    modCursor = await cursorNow(moderator);
    await must(moderator, 'thread.hide', { id: threadId, hidden: true });
    expect(translationChanges(await pullAfter(participant, cursor), args.id).map((c) => c.op)).toEqual(['delete']);
    expect(translationChanges(await pullAfter(moderator, modCursor), args.id).map((c) => c.op)).toEqual(['upsert']);
    // ...and a participant may no longer edit it while it is hidden.
    expect(await apply(participant, 'translation.update', { id: args.id, body: 'Hidden' })).toMatchObject({
      status: 'rejected',
      code: 'not-found',
    });
  });

  it('deliver the demo translations and the recent posts’ translations in the first-sync snapshot', async () => {
    const [row] = await server.sql<{ n: string }>(
      "SELECT count(*) AS n FROM entities WHERE type = 'translation' AND owner_id IN (SELECT id FROM users WHERE email LIKE '%@example.org')",
    );
    expect(Number(row?.n)).toBeGreaterThanOrEqual(3);
    const { postId } = await spanishPost();
    const args = translate(postId, 'en');
    await must(participant, 'translation.create', args);
    const response = await server.api.request('GET', '/api/sync/recent', { token: participant });
    expect(response.status).toBe(200);
    const snapshot = RecentSnapshotSchema.parse(response.body);
    expect(snapshot.changes.some((change) => change.type === 'translation' && change.id === args.id)).toBe(true);
  });

  it('make one translation per author, original and language a rule of the data (migration 4)', async () => {
    const [existing] = await server.sql<{ id: string; parent_id: string; owner_id: string; data: Translation }>(
      "SELECT id, parent_id, owner_id, data FROM entities WHERE type = 'translation' AND NOT deleted LIMIT 1",
    );
    if (existing === undefined) throw new Error('no translation to copy');
    await expect(
      server.sql(
        `INSERT INTO entities (type, id, version, seq, audience, owner_id, parent_id, data, updated_at)
         VALUES ('translation', $1, 1, nextval('change_seq'), 'all', $2, $3, $4, now())`,
        [randomUUID(), existing.owner_id, existing.parent_id, JSON.stringify(existing.data)],
      ),
    ).rejects.toThrow(/entities_translation_per_author/u);
  });
});

describe('translation requests', () => {
  it('let a reader ask for a translation, refuse the original language, and are fulfilled by the first translation', async () => {
    const { postId } = await spanishPost();
    const request = { id: randomUUID(), targetType: 'post', targetId: postId, language: 'fr' };
    expect(
      await apply(participant, 'translationRequest.create', { ...request, id: randomUUID(), language: 'es' }),
    ).toMatchObject({
      status: 'rejected',
      code: 'same-language',
    });
    const cursor = await cursorNow(participant);
    await must(participant, 'translationRequest.create', request);
    // Another reader (a translator) sees the open request in the feed.
    const asked = (await pullAfter(moderator, cursor)).find((change) => change.type === 'translationRequest');
    expect(asked?.data).toMatchObject({ targetId: postId, language: 'fr', fulfilledBy: null });

    const translation = translate(postId, 'fr', 'Les coopératives appartiennent à leurs membres.');
    await must(moderator, 'translation.create', translation);
    const fulfilled = (await pullAfter(participant, cursor)).filter(
      (change) => change.type === 'translationRequest' && change.id === request.id,
    );
    expect(fulfilled.at(-1)?.data).toMatchObject({ fulfilledBy: translation.id, language: 'fr' });
    expect(fulfilled.at(-1)?.version).toBe(2);
    // Once translated, asking again is refused: the reader has it.
    expect(await apply(participant, 'translationRequest.create', { ...request, id: randomUUID() })).toMatchObject({
      status: 'rejected',
      code: 'translation-exists',
    });
  });

  it('let the asker withdraw their request (a tombstone for translators), refuse others, and let a moderator remove one', async () => {
    const { postId } = await spanishPost();
    const request = { id: randomUUID(), targetType: 'post', targetId: postId, language: 'ko' };
    await must(participant, 'translationRequest.create', request);
    // Another reader may not withdraw it; a stale version is a conflict, not a silent withdrawal.
    expect(await apply(facilitator, 'translationRequest.delete', { id: request.id })).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
    });
    const stale = await server.api.push(participant, 'translations-test', [
      { id: randomUUID(), name: 'translationRequest.delete', args: { id: request.id }, baseVersion: 7 },
    ]);
    expect(stale.body.results[0]).toMatchObject({ status: 'conflict' });

    const cursor = await cursorNow(moderator);
    await must(participant, 'translationRequest.delete', { id: request.id });
    const withdrawn = (await pullAfter(moderator, cursor)).filter(
      (change) => change.type === 'translationRequest' && change.id === request.id,
    );
    expect(withdrawn.map((change) => change.op)).toEqual(['delete']);
    // Gone: withdrawing it again finds nothing, and the reader may ask again with a new request.
    expect(await apply(participant, 'translationRequest.delete', { id: request.id })).toMatchObject({
      status: 'rejected',
      code: 'not-found',
    });
    const again = { ...request, id: randomUUID() };
    await must(participant, 'translationRequest.create', again);
    await must(moderator, 'translationRequest.delete', { id: again.id });
  });
});

describe('locked threads', () => {
  it('refuse new and changed translations of their posts, as they refuse replies; moderators may', async () => {
    const { threadId, postId } = await spanishPost();
    const before = translate(postId, 'en');
    await must(participant, 'translation.create', before);
    await must(moderator, 'thread.lock', { id: threadId, locked: true });
    expect(await apply(participant, 'translation.create', translate(postId, 'fr'))).toMatchObject({
      status: 'rejected',
      code: 'thread-locked',
    });
    expect(await apply(participant, 'translation.update', { id: before.id, body: 'Changed' })).toMatchObject({
      status: 'rejected',
      code: 'thread-locked',
    });
    expect(await apply(moderator, 'translation.create', translate(postId, 'pt'))).toMatchObject({ status: 'applied' });
  });
});

describe('first-sync snapshot', () => {
  it('take the threads and posts parameters it documents', async () => {
    const response = await server.api.request('GET', '/api/sync/recent?threads=2&posts=1', { token: participant });
    expect(response.status).toBe(200);
    const snapshot = RecentSnapshotSchema.parse(response.body);
    const threads = snapshot.changes.filter((change) => change.type === 'thread');
    const posts = snapshot.changes.filter((change) => change.type === 'post');
    expect(threads).toHaveLength(2);
    expect(posts).toHaveLength(2);
    const bad = await server.api.request('GET', '/api/sync/recent?threads=0', { token: participant });
    expect(bad.status).toBe(400);
    const unknown = await server.api.request('GET', '/api/sync/recent?debug=1', { token: participant });
    expect(unknown.status).toBe(400);
  });
});
