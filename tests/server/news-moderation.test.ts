import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullPageSchema, type Change, type MutationResult, type PullPage } from '../../src/shared/wire';
import { DEMO, startTestCluster, type TestCluster, type TestServer } from './harness';

/**
 * News by the team and moderation, against the real server and PostgreSQL: who receives what through the
 * feed (unpublished news, reports), the one pin, translations following their news item, what a resolution
 * records, and a thread's author who may not delete others' replies.
 */
let cluster: TestCluster;
let server: TestServer;
let participant: string;
let facilitator: string;
let moderator: string;
let editor: string;
let categoryIds: string[];

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({ seed: 'demo' });
  [participant, facilitator, moderator, editor] = await Promise.all([
    server.api.login(DEMO.participant),
    server.api.login(DEMO.facilitator),
    server.api.login(DEMO.moderator),
    server.api.login(DEMO.editor),
  ]);
  const categories = await server.sql<{ id: string }>("SELECT id FROM entities WHERE type = 'category' ORDER BY id");
  categoryIds = categories.map((row) => row.id);
});
afterAll(async () => {
  await cluster.stop();
});

async function apply(token: string, name: string, args: unknown, baseVersion?: number): Promise<MutationResult> {
  const mutation = { id: randomUUID(), name, args, ...(baseVersion !== undefined ? { baseVersion } : {}) };
  const response = await server.api.push(token, 'news-moderation-test', [mutation]);
  const result = response.body.results[0];
  if (result === undefined) throw new Error(response.text);
  return result;
}

async function must(token: string, name: string, args: unknown): Promise<MutationResult> {
  const result = await apply(token, name, args);
  if (result.status !== 'applied') throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result;
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

function last(changes: readonly Change[], type: Change['type'], id: string): Change | undefined {
  return changes.filter((change) => change.type === type && change.id === id).at(-1);
}

const bilingual = {
  en: { title: 'The Academy opens its call', body: 'Apply **now**.' },
  fr: { title: "L'Académie lance son appel", body: 'Postulez **dès maintenant**.' },
};

async function newsItem(): Promise<string> {
  const id = randomUUID();
  await must(editor, 'news.create', { id, versions: bilingual });
  return id;
}

async function threadWithPost(
  author: string,
  replier?: string,
): Promise<{ threadId: string; postId: string; replyId?: string }> {
  const threadId = randomUUID();
  const postId = randomUUID();
  await must(author, 'thread.create', { id: threadId, categoryId: categoryIds[0], title: 'Finanzas', language: 'es' });
  await must(author, 'post.create', { id: postId, threadId, body: 'Primera', language: 'es' });
  if (replier === undefined) return { threadId, postId };
  const replyId = randomUUID();
  await must(replier, 'post.create', { id: replyId, threadId, body: 'Respuesta', language: 'es' });
  return { threadId, postId, replyId };
}

describe('news by the team', () => {
  it('reach every reader with all their language versions, their author and their publication', async () => {
    const cursor = await cursorNow(participant);
    const id = await newsItem();
    const change = last(await pullAfter(participant, cursor), 'news', id);
    expect(change).toMatchObject({ op: 'upsert', data: { versions: bilingual, pinnedAt: null } });
    const [me] = await server.sql<{ id: string }>(
      "SELECT id FROM entities WHERE type = 'user' AND data->>'displayName' = 'Demo News Editor'",
    );
    const data = change?.type === 'news' ? change.data : undefined;
    expect(data?.authorId).toBe(me?.id);
    expect(data?.publishedAt).toEqual(expect.any(String));
  });

  it('edit replaces the versions, and a stale edit conflicts instead of overwriting a colleague', async () => {
    const id = await newsItem();
    const edited = await apply(
      editor,
      'news.update',
      { id, versions: { es: { title: 'Convocatoria', body: 'Ya.' } } },
      1,
    );
    expect(edited).toMatchObject({ status: 'applied', version: 2 });
    const [row] = await server.sql<{ versions: Record<string, unknown>; edited: string | null }>(
      "SELECT data->'versions' AS versions, data->>'editedAt' AS edited FROM entities WHERE type = 'news' AND id = $1",
      [id],
    );
    expect(Object.keys(row?.versions ?? {})).toEqual(['es']);
    expect(row?.edited).not.toBeNull();
    expect(await apply(editor, 'news.update', { id, versions: bilingual }, 1)).toMatchObject({ status: 'conflict' });
  });

  it('unpublished, leave everyone’s feed but the news team’s, with their translations, and come back', async () => {
    const id = await newsItem();
    const translationId = randomUUID();
    await must(participant, 'translation.create', {
      id: translationId,
      targetType: 'news',
      targetId: id,
      language: 'pt',
      title: 'A Academia abre a sua chamada',
      body: 'Candidate-se já.',
    });
    // A version the item already has is no translation to add.
    expect(
      await apply(participant, 'translation.create', {
        id: randomUUID(),
        targetType: 'news',
        targetId: id,
        language: 'fr',
        title: 'Même',
        body: 'Même langue',
      }),
    ).toMatchObject({ status: 'rejected', code: 'same-language' });
    const reader = await cursorNow(participant);
    const team = await cursorNow(editor);
    await must(editor, 'news.publish', { id, published: false });

    const seenByReader = await pullAfter(participant, reader);
    expect(last(seenByReader, 'news', id)).toMatchObject({ op: 'delete' });
    expect(last(seenByReader, 'translation', translationId)).toMatchObject({ op: 'delete' });
    const seenByTeam = await pullAfter(editor, team);
    expect(last(seenByTeam, 'news', id)).toMatchObject({ op: 'upsert', data: { publishedAt: null } });
    // Nobody else may touch it meanwhile: for them it does not exist.
    expect(
      await apply(participant, 'translation.create', {
        id: randomUUID(),
        targetType: 'news',
        targetId: id,
        language: 'ko',
        title: '소식',
        body: '번역',
      }),
    ).toMatchObject({ status: 'rejected', code: 'not-found' });
    expect(await apply(editor, 'news.pin', { id, pinned: true })).toMatchObject({
      status: 'rejected',
      code: 'invalid',
    });

    const again = await cursorNow(participant);
    await must(editor, 'news.publish', { id, published: true });
    const back = await pullAfter(participant, again);
    expect(last(back, 'news', id)).toMatchObject({ op: 'upsert' });
    expect(last(back, 'translation', translationId)).toMatchObject({ op: 'upsert', data: { language: 'pt' } });
  });

  it('keep one item pinned to the top of Home', async () => {
    const first = await newsItem();
    const second = await newsItem();
    await must(editor, 'news.pin', { id: first, pinned: true });
    await must(editor, 'news.pin', { id: second, pinned: true });
    const pinned = await server.sql<{ id: string }>(
      "SELECT id FROM entities WHERE type = 'news' AND NOT deleted AND data->>'pinnedAt' IS NOT NULL",
    );
    expect(pinned.map((row) => row.id)).toEqual([second]);
  });

  it('deleted, take their readers’ translations with them (tombstones for everyone)', async () => {
    const id = await newsItem();
    const translationId = randomUUID();
    await must(participant, 'translation.create', {
      id: translationId,
      targetType: 'news',
      targetId: id,
      language: 'es',
      title: 'La Academia abre su convocatoria',
      body: 'Postule ya.',
    });
    const cursor = await cursorNow(facilitator);
    await must(editor, 'news.delete', { id });
    const changes = await pullAfter(facilitator, cursor);
    expect(last(changes, 'news', id)).toMatchObject({ op: 'delete' });
    expect(last(changes, 'translation', translationId)).toMatchObject({ op: 'delete' });
  });
});

describe('reports of posts', () => {
  it('reach the reporter and the moderators only: others get not even a tombstone', async () => {
    const { postId } = await threadWithPost(facilitator);
    const reportId = randomUUID();
    const cursors = {
      participant: await cursorNow(participant),
      moderator: await cursorNow(moderator),
      editor: await cursorNow(editor),
    };
    await must(participant, 'report.create', { id: reportId, postId, reason: 'spam', note: 'Sells something' });
    expect(last(await pullAfter(participant, cursors.participant), 'report', reportId)).toMatchObject({
      op: 'upsert',
      data: { reason: 'spam', resolution: null },
    });
    expect(last(await pullAfter(moderator, cursors.moderator), 'report', reportId)).toMatchObject({ op: 'upsert' });
    expect(last(await pullAfter(editor, cursors.editor), 'report', reportId)).toBeUndefined();
    // One open report per reader and post; one's own post cannot be reported.
    expect(await apply(participant, 'report.create', { id: randomUUID(), postId, reason: 'abuse' })).toMatchObject({
      status: 'rejected',
      code: 'already-exists',
    });
    expect(await apply(facilitator, 'report.create', { id: randomUUID(), postId, reason: 'abuse' })).toMatchObject({
      status: 'rejected',
      code: 'invalid',
    });
  });

  it('record a resolution only when it is true, once, with who and when', async () => {
    const { postId } = await threadWithPost(facilitator);
    const reportId = randomUUID();
    await must(participant, 'report.create', { id: reportId, postId, reason: 'abuse' });
    expect(await apply(moderator, 'report.resolve', { id: reportId, action: 'hidden' })).toMatchObject({
      status: 'rejected',
      code: 'invalid',
    });
    // Hiding the post and recording it, in one push, in that order.
    const response = await server.api.push(moderator, 'news-moderation-test', [
      { id: randomUUID(), name: 'post.hide', args: { id: postId, hidden: true } },
      { id: randomUUID(), name: 'report.resolve', args: { id: reportId, action: 'hidden', note: 'Insults' } },
    ]);
    expect(response.body.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const [row] = await server.sql<{ resolution: Record<string, unknown> }>(
      "SELECT data->'resolution' AS resolution FROM entities WHERE type = 'report' AND id = $1",
      [reportId],
    );
    const [me] = await server.sql<{ id: string }>(
      "SELECT id FROM entities WHERE type = 'user' AND data->>'displayName' = 'Demo Moderator'",
    );
    expect(row?.resolution).toMatchObject({ action: 'hidden', moderatorId: me?.id, note: 'Insults', replyId: null });
    expect(typeof row?.resolution['at']).toBe('string');
    expect(await apply(moderator, 'report.resolve', { id: reportId, action: 'dismissed' })).toMatchObject({
      status: 'rejected',
      code: 'already-resolved',
    });
  });

  it('record contacting the author by the moderator’s own reply in the thread', async () => {
    const { threadId, postId } = await threadWithPost(facilitator);
    const reportId = randomUUID();
    await must(participant, 'report.create', { id: reportId, postId, reason: 'off-topic' });
    const replyId = randomUUID();
    const response = await server.api.push(moderator, 'news-moderation-test', [
      {
        id: randomUUID(),
        name: 'post.create',
        args: { id: replyId, threadId, body: 'Please stay on topic', language: 'en', replyTo: postId },
      },
      { id: randomUUID(), name: 'report.resolve', args: { id: reportId, action: 'contacted', replyId } },
    ]);
    expect(response.body.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    expect(await apply(moderator, 'report.resolve', { id: reportId, action: 'contacted', replyId })).toMatchObject({
      status: 'rejected',
      code: 'already-resolved',
    });
  });
});

describe('moderation of threads', () => {
  it('refuse an author deleting their thread once others replied, let them close it, and a moderator delete it', async () => {
    const { threadId, replyId } = await threadWithPost(facilitator, participant);
    expect(await apply(facilitator, 'thread.delete', { id: threadId })).toMatchObject({
      status: 'rejected',
      code: 'thread-has-replies',
    });
    await must(facilitator, 'thread.lock', { id: threadId, locked: true });
    // Reopening is a moderator's call.
    expect(await apply(facilitator, 'thread.lock', { id: threadId, locked: false })).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
    });
    const [reply] = await server.sql<{ deleted: boolean }>(
      "SELECT deleted FROM entities WHERE type = 'post' AND id = $1",
      [replyId],
    );
    expect(reply?.deleted).toBe(false);
    await must(moderator, 'thread.delete', { id: threadId });
    const [gone] = await server.sql<{ deleted: boolean }>(
      "SELECT deleted FROM entities WHERE type = 'post' AND id = $1",
      [replyId],
    );
    expect(gone?.deleted).toBe(true);
  });

  it('let an author delete their thread while nobody else wrote in it', async () => {
    const { threadId } = await threadWithPost(participant);
    await must(participant, 'thread.delete', { id: threadId });
  });

  it('let a moderator move a thread to another category and delete someone else’s post', async () => {
    const { threadId, postId } = await threadWithPost(facilitator);
    const target = categoryIds[1] ?? '';
    const cursor = await cursorNow(participant);
    await must(moderator, 'thread.move', { id: threadId, categoryId: target });
    await must(moderator, 'post.delete', { id: postId });
    const changes = await pullAfter(participant, cursor);
    expect(last(changes, 'thread', threadId)).toMatchObject({ op: 'upsert', data: { categoryId: target } });
    expect(last(changes, 'post', postId)).toMatchObject({ op: 'delete' });
  });
});
