import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_VERSIONS } from '../../../src/renderer/src/data/db';

/**
 * Every schema change is tested from a database seeded at the previous
 * version, as a user's computer would have it: nothing stored is lost and
 * the new indexes answer.
 */
describe('IndexedDB schema upgrades', () => {
  it('v1 → v2 keeps the content, the cursor, the outbox and the drafts, and adds translations and the search index', async () => {
    const indexedDB = new IDBFactory();
    const name = 'upgrade-v1-v2';
    const v1 = new Dexie(name, { indexedDB, IDBKeyRange });
    v1.version(1).stores(SCHEMA_VERSIONS[1]);
    await v1.open();
    await v1.table('posts').put({
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
    await v1.table('syncMeta').put({ key: 'cursor', value: 'abcdef12.42' });
    await v1.table('outbox').add({
      id: 'm1',
      name: 'post.create',
      args: { id: 'p2', threadId: 't1', body: 'Pending', language: 'en' },
      status: 'pending',
      entityType: 'post',
      entityId: 'p2',
      createdAt: '2026-01-01T00:00:00.000Z',
      attempts: 0,
    });
    await v1
      .table('drafts')
      .put({ key: 'reply:t1', kind: 'reply', targetId: 't1', fields: { body: 'Half-written' }, updatedAt: 'x' });
    v1.close();

    const v2 = openDb(name, { indexedDB, IDBKeyRange });
    await v2.open();
    expect(v2.verno).toBeGreaterThanOrEqual(2);
    expect((await v2.posts.get('p1'))?.body).toBe('La economía social y solidaria.');
    expect((await v2.syncMeta.get('cursor'))?.value).toBe('abcdef12.42');
    expect((await v2.outbox.toArray()).map((item) => item.id)).toEqual(['m1']);
    expect((await v2.drafts.where('targetId').equals('t1').toArray()).map((draft) => draft.key)).toEqual(['reply:t1']);
    expect(await v2.translations.count()).toBe(0);
    expect(await v2.searchIndex.count()).toBe(0);
    await v2.translations.put({
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
    expect(await v2.translations.where('[targetType+targetId]').equals(['post', 'p1']).count()).toBe(1);
    v2.close();
  });

  it('v2 → v3 keeps the translations, the outbox and the cursor, and adds translation requests', async () => {
    const indexedDB = new IDBFactory();
    const name = 'upgrade-v2-v3';
    const v2 = new Dexie(name, { indexedDB, IDBKeyRange });
    v2.version(1).stores(SCHEMA_VERSIONS[1]);
    v2.version(2).stores(SCHEMA_VERSIONS[2]);
    await v2.open();
    await v2.table('translations').put({
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
    await v2.table('syncMeta').put({ key: 'cursor', value: 'abcdef12.43' });
    await v2.table('outbox').add({
      id: 'm1',
      name: 'translation.create',
      args: { id: 'tr2', targetType: 'post', targetId: 'p1', language: 'fr', body: 'En attente' },
      status: 'pending',
      entityType: 'translation',
      entityId: 'tr2',
      createdAt: '2026-01-01T00:00:00.000Z',
      attempts: 0,
    });
    v2.close();

    const v3 = openDb(name, { indexedDB, IDBKeyRange });
    await v3.open();
    expect(v3.verno).toBeGreaterThanOrEqual(3);
    expect((await v3.translations.get('tr1'))?.body).toBe('The social and solidarity economy.');
    expect((await v3.syncMeta.get('cursor'))?.value).toBe('abcdef12.43');
    expect((await v3.outbox.toArray()).map((item) => item.id)).toEqual(['m1']);
    await v3.translationRequests.put({
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
    expect(await v3.translationRequests.where('[targetType+targetId]').equals(['post', 'p1']).count()).toBe(1);
    expect(await v3.translationRequests.where('language').equals('ko').count()).toBe(1);
    v3.close();
  });

  it('v3 → v4 keeps the content, the outbox and the search index, and adds follows and activity', async () => {
    const indexedDB = new IDBFactory();
    const name = 'upgrade-v3-v4';
    const v2 = new Dexie(name, { indexedDB, IDBKeyRange });
    v2.version(1).stores(SCHEMA_VERSIONS[1]);
    v2.version(2).stores(SCHEMA_VERSIONS[2]);
    v2.version(3).stores(SCHEMA_VERSIONS[3]);
    await v2.open();
    await v2.table('threads').put({
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
    await v2.table('readState').put({ threadId: 't1', lastReadAt: '2019-05-02T10:00:00.000Z' });
    await v2.table('syncMeta').put({ key: 'cursor', value: 'abcdef12.42' });
    await v2.table('searchIndex').put({ key: 'shard:0', value: '{}', updatedAt: 'x' });
    await v2.table('outbox').add({
      id: 'm1',
      name: 'thread.pin',
      args: { id: 't1', pinned: true },
      status: 'pending',
      entityType: 'thread',
      entityId: 't1',
      createdAt: '2026-01-01T00:00:00.000Z',
      attempts: 0,
    });
    v2.close();

    const v3 = openDb(name, { indexedDB, IDBKeyRange });
    await v3.open();
    expect(v3.verno).toBeGreaterThanOrEqual(4);
    expect((await v3.threads.get('t1'))?.title).toBe('Les coopératives');
    expect((await v3.readState.get('t1'))?.lastReadAt).toBe('2019-05-02T10:00:00.000Z');
    expect((await v3.syncMeta.get('cursor'))?.value).toBe('abcdef12.42');
    expect(await v3.searchIndex.count()).toBe(1);
    expect((await v3.outbox.toArray()).map((item) => item.id)).toEqual(['m1']);
    expect(await v3.follows.count()).toBe(0);
    expect(await v3.activity.count()).toBe(0);
    await v3.follows.put({ id: 'u1', threads: [], editions: [], version: 1 });
    await v3.activity.bulkAdd([
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
    expect(await v3.activity.where('read').equals(0).count()).toBe(1);
    expect(await v3.activity.where('placeId').equals('t1').count()).toBe(2);
    expect((await v3.activity.orderBy('at').last())?.key).toBe('post:p2');
    v3.close();
  });

  it('v4 → v5 turns a news item of one language into one with a language version, keeps the rest, adds reports', async () => {
    const indexedDB = new IDBFactory();
    const name = 'upgrade-v4-v5';
    const v2 = new Dexie(name, { indexedDB, IDBKeyRange });
    v2.version(1).stores(SCHEMA_VERSIONS[1]);
    v2.version(2).stores(SCHEMA_VERSIONS[2]);
    v2.version(3).stores(SCHEMA_VERSIONS[3]);
    v2.version(4).stores(SCHEMA_VERSIONS[4]);
    await v2.open();
    await v2.table('news').bulkPut([
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
    await v2
      .table('drafts')
      .put({ key: 'translation:news:n1', kind: 'translation', targetId: 'n1', fields: { body: 'x' }, updatedAt: 'x' });
    v2.close();

    const v3 = openDb(name, { indexedDB, IDBKeyRange });
    await v3.open();
    expect(v3.verno).toBe(5);
    expect(await v3.news.get('n1')).toEqual({
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
    expect((await v3.news.orderBy('publishedAt').reverse().toArray()).map((item) => item.id)).toEqual(['n1', 'n2']);
    expect(await v3.news.where('pinnedAt').above('').count()).toBe(0);
    expect(await v3.drafts.get('translation:news:n1')).toBeDefined();
    expect(await v3.reports.count()).toBe(0);
    v3.close();
  });
});
