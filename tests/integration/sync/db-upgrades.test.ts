import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_VERSIONS, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';

/** A user's database as version `version` of the app left it, and the app opening it at the newest version. */
async function openAt(version: number): Promise<{ old: Dexie; upgrade: () => Promise<CollectiveBrainDb> }> {
  const indexedDB = new IDBFactory();
  const name = `upgrade-from-v${String(version)}`;
  const old = new Dexie(name, { indexedDB, IDBKeyRange });
  for (let v = 1; v <= version; v += 1) old.version(v).stores(SCHEMA_VERSIONS[v as keyof typeof SCHEMA_VERSIONS]);
  await old.open();
  return {
    old,
    upgrade: async () => {
      old.close();
      const db = openDb(name, { indexedDB, IDBKeyRange });
      await db.open();
      return db;
    },
  };
}

/**
 * Every schema change is tested from a database seeded at the previous
 * version, as a user's computer would have it: nothing stored is lost and
 * the new indexes answer.
 */
describe('IndexedDB schema upgrades', () => {
  it('v1 → v2 keeps the content, the cursor, the outbox and the drafts, and adds translations and the search index', async () => {
    const { old, upgrade } = await openAt(1);
    await old.table('posts').put({
      id: 'p1',
      threadId: 't1',
      authorId: 'u1',
      body: 'La economía social y solidaria.',
      language: 'es',
      replyTo: null,
      createdAt: '2019-05-01T10:00:00.000Z',
      editedAt: null,
      hidden: false,
      attachments: [],
      version: 3,
    });
    await old.table('syncMeta').put({ key: 'cursor', value: 'abcdef12.42' });
    await old.table('outbox').add({
      id: 'm1',
      name: 'post.create',
      args: { id: 'p2', threadId: 't1', body: 'Pending', language: 'en' },
      status: 'pending',
      entityType: 'post',
      entityId: 'p2',
      createdAt: '2026-01-01T00:00:00.000Z',
      attempts: 0,
    });
    await old
      .table('drafts')
      .put({ key: 'reply:t1', kind: 'reply', targetId: 't1', fields: { body: 'Half-written' }, updatedAt: 'x' });

    const db = await upgrade();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect((await db.posts.get('p1'))?.body).toBe('La economía social y solidaria.');
    expect((await db.syncMeta.get('cursor'))?.value).toBe('abcdef12.42');
    expect((await db.outbox.toArray()).map((item) => item.id)).toEqual(['m1']);
    expect((await db.drafts.where('targetId').equals('t1').toArray()).map((draft) => draft.key)).toEqual(['reply:t1']);
    expect(await db.translations.count()).toBe(0);
    expect(await db.searchIndex.count()).toBe(0);
    await db.translations.put({
      id: 'tr1',
      targetType: 'post',
      targetId: 'p1',
      language: 'en',
      title: null,
      body: 'The social and solidarity economy.',
      authorId: 'u2',
      createdAt: '2026-01-02T00:00:00.000Z',
      editedAt: null,
      version: 1,
    });
    expect(await db.translations.where('[targetType+targetId]').equals(['post', 'p1']).count()).toBe(1);
    db.close();
  });

  it('v2 → v3 keeps the translations, the outbox and the cursor, and adds translation requests', async () => {
    const { old, upgrade } = await openAt(2);
    await old.table('translations').put({
      id: 'tr1',
      targetType: 'post',
      targetId: 'p1',
      language: 'en',
      title: null,
      body: 'The social and solidarity economy.',
      authorId: 'u2',
      createdAt: '2026-01-02T00:00:00.000Z',
      editedAt: null,
      version: 1,
    });
    await old.table('syncMeta').put({ key: 'cursor', value: 'abcdef12.43' });
    await old.table('outbox').add({
      id: 'm1',
      name: 'translation.create',
      args: { id: 'tr2', targetType: 'post', targetId: 'p1', language: 'fr', body: 'En attente' },
      status: 'pending',
      entityType: 'translation',
      entityId: 'tr2',
      createdAt: '2026-01-01T00:00:00.000Z',
      attempts: 0,
    });

    const db = await upgrade();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect((await db.translations.get('tr1'))?.body).toBe('The social and solidarity economy.');
    expect((await db.syncMeta.get('cursor'))?.value).toBe('abcdef12.43');
    expect((await db.outbox.toArray()).map((item) => item.id)).toEqual(['m1']);
    await db.translationRequests.put({
      id: 'rq1',
      targetType: 'post',
      targetId: 'p1',
      language: 'ko',
      requesterId: 'u1',
      createdAt: '2026-01-03T00:00:00.000Z',
      fulfilledBy: null,
      fulfilledAt: null,
      version: 1,
    });
    expect(await db.translationRequests.where('[targetType+targetId]').equals(['post', 'p1']).count()).toBe(1);
    expect(await db.translationRequests.where('language').equals('ko').count()).toBe(1);
    db.close();
  });

  it('v3 → v4 keeps the content, the outbox and the search index, and adds follows and activity', async () => {
    const { old, upgrade } = await openAt(3);
    await old.table('threads').put({
      id: 't1',
      categoryId: 'c1',
      authorId: 'u1',
      title: 'Les coopératives',
      language: 'fr',
      tags: [],
      locked: false,
      pinned: false,
      hidden: false,
      createdAt: '2019-05-01T10:00:00.000Z',
      lastActivityAt: '2019-05-02T10:00:00.000Z',
      postCount: 1,
      version: 2,
    });
    await old.table('readState').put({ threadId: 't1', lastReadAt: '2019-05-02T10:00:00.000Z' });
    await old.table('syncMeta').put({ key: 'cursor', value: 'abcdef12.42' });
    await old.table('searchIndex').put({ key: 'shard:0', value: '{}', updatedAt: 'x' });
    await old.table('outbox').add({
      id: 'm1',
      name: 'thread.pin',
      args: { id: 't1', pinned: true },
      status: 'pending',
      entityType: 'thread',
      entityId: 't1',
      createdAt: '2026-01-01T00:00:00.000Z',
      attempts: 0,
    });

    const db = await upgrade();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect((await db.threads.get('t1'))?.title).toBe('Les coopératives');
    expect((await db.readState.get('t1'))?.lastReadAt).toBe('2019-05-02T10:00:00.000Z');
    expect((await db.syncMeta.get('cursor'))?.value).toBe('abcdef12.42');
    expect(await db.searchIndex.count()).toBe(1);
    expect((await db.outbox.toArray()).map((item) => item.id)).toEqual(['m1']);
    expect(await db.follows.count()).toBe(0);
    expect(await db.activity.count()).toBe(0);
    await db.follows.put({ id: 'u1', threads: [], editions: [], version: 1 });
    await db.activity.bulkAdd([
      {
        key: 'post:p1',
        kind: 'reply',
        at: '2026-01-02T00:00:00.000Z',
        read: 0,
        placeType: 'thread',
        placeId: 't1',
        subjectId: 'p1',
      },
      {
        key: 'post:p2',
        kind: 'mention',
        at: '2026-01-03T00:00:00.000Z',
        read: 1,
        placeType: 'thread',
        placeId: 't1',
        subjectId: 'p2',
      },
    ]);
    expect(await db.activity.where('read').equals(0).count()).toBe(1);
    expect(await db.activity.where('placeId').equals('t1').count()).toBe(2);
    expect((await db.activity.orderBy('at').last())?.key).toBe('post:p2');
    db.close();
  });

  it('v4 → v5 turns a news item of one language into one with a language version, keeps the rest, adds reports', async () => {
    const { old, upgrade } = await openAt(4);
    await old.table('news').bulkPut([
      {
        id: 'n1',
        language: 'fr',
        title: 'Nouvelles de l’Académie',
        body: 'Le **programme** est en ligne.',
        publishedAt: '2020-01-10T09:00:00.000Z',
        version: 1,
      },
      {
        id: 'n2',
        language: 'en',
        title: 'Older news',
        body: 'Body',
        publishedAt: '2019-01-10T09:00:00.000Z',
        version: 2,
      },
    ]);
    await old
      .table('drafts')
      .put({ key: 'translation:news:n1', kind: 'translation', targetId: 'n1', fields: { body: 'x' }, updatedAt: 'x' });

    const db = await upgrade();
    expect(db.verno).toBe(5);
    expect(await db.news.get('n1')).toEqual({
      id: 'n1',
      authorId: null,
      versions: { fr: { title: 'Nouvelles de l’Académie', body: 'Le **programme** est en ligne.' } },
      createdAt: '2020-01-10T09:00:00.000Z',
      editedAt: null,
      publishedAt: '2020-01-10T09:00:00.000Z',
      pinnedAt: null,
      version: 1,
    });
    // Still found newest first by publication; no pinned item yet; the draft is kept.
    expect((await db.news.orderBy('publishedAt').reverse().toArray()).map((item) => item.id)).toEqual(['n1', 'n2']);
    expect(await db.news.where('pinnedAt').above('').count()).toBe(0);
    expect(await db.drafts.get('translation:news:n1')).toBeDefined();
    expect(await db.reports.count()).toBe(0);
    db.close();
  });
});
