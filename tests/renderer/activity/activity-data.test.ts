/**
 * The Activity data layer over fake-indexeddb: what a look finds in the
 * synced cache (replies, quotes, mentions, new posts in followed threads,
 * news, new sessions and materials in followed editions), what it forgets,
 * how items are read, and following through the typed follow.set write.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openDb,
  type CachedMaterial,
  type CachedPost,
  type CollectiveBrainDb,
} from '../../../src/renderer/src/data/db';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import {
  activityView,
  markRead,
  unreadCount,
  unreadKeys,
} from '../../../src/renderer/src/features/activity/activity-view';
import { followedPlaces, followState } from '../../../src/renderer/src/features/activity/follows';
import { dropStale, refreshActivity } from '../../../src/renderer/src/features/activity/refresh';
import { makePosts, ME, MEMBERS, seedForum, THREAD } from '../forum/harness';

const SAM = { id: ME, displayName: 'Sam Taylor' };
const EDITION = '6f1d1e2a-8c3b-4d5e-9f00-0000000000e1';
const SESSION = '6f1d1e2a-8c3b-4d5e-9f00-0000000000e2';
const NEWS = '6f1d1e2a-8c3b-4d5e-9f00-0000000000e3';
const OTHER_THREAD = '6f1d1e2a-8c3b-4d5e-9f00-0000000000a2';

let counter = 0;
const dbs: CollectiveBrainDb[] = [];
function freshDb(): CollectiveBrainDb {
  counter += 1;
  const db = openDb(`activity-data-${String(counter)}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const NOW = Date.now();
const ago = (minutes: number): string => new Date(NOW - minutes * 60_000).toISOString();

function post(index: number, fields: Partial<CachedPost>): CachedPost {
  const base = makePosts(index + 1)[index];
  if (base === undefined) throw new Error('no post');
  return { ...base, ...fields };
}

/** A thread someone else started, in which I wrote post 0 an hour ago: the look before now found nothing. */
async function seedMyPostInTheirThread(db: CollectiveBrainDb): Promise<CachedPost> {
  const mine = post(0, { authorId: ME, body: 'Our cooperative pools savings every month.', createdAt: ago(60) });
  await seedForum(db, [mine], { authorId: MEMBERS[4].id, lastActivityAt: ago(60) });
  await refreshActivity(db, SAM);
  return mine;
}

describe('a look at what arrived', () => {
  it('finds replies, quotes and mentions of me, each once and most specific first', async () => {
    const db = freshDb();
    const mine = await seedMyPostInTheirThread(db);
    const reply = post(1, { replyTo: mine.id, createdAt: ago(9) });
    const quote = post(2, {
      replyTo: mine.id,
      body: '> Our cooperative pools savings every month.\n\nHow much?',
      createdAt: ago(8),
    });
    const mention = post(3, { replyTo: mine.id, body: 'Ask @Sam Taylor, they know.', createdAt: ago(7) });
    const unrelated = post(4, { createdAt: ago(6) });
    await db.posts.bulkPut([reply, quote, mention, unrelated]);
    await db.threads.update(THREAD, { lastActivityAt: ago(6) });

    const { fresh } = await refreshActivity(db, SAM);
    // Writing in the thread follows it: the unrelated post is new in a thread I follow.
    expect(fresh.map((row) => [row.subjectId, row.kind])).toEqual(
      expect.arrayContaining([
        [reply.id, 'reply'],
        [quote.id, 'quote'],
        [mention.id, 'mention'],
        [unrelated.id, 'thread-post'],
      ]),
    );
    expect(fresh).toHaveLength(4);
    expect(fresh.find((row) => row.subjectId === mention.id)?.actorId).toBe(MEMBERS[3].id);

    // A second look finds them known: nothing fresh, nothing twice.
    expect((await refreshActivity(db, SAM)).fresh).toEqual([]);
    expect(await db.activity.count()).toBe(4);
  });

  it('never counts my own posts, hidden ones or ones not yet sent', async () => {
    const db = freshDb();
    const mine = await seedMyPostInTheirThread(db);
    await db.posts.bulkPut([
      post(1, { replyTo: mine.id, authorId: ME, createdAt: ago(9) }),
      post(2, { replyTo: mine.id, hidden: true, createdAt: ago(8) }),
      post(3, { replyTo: mine.id, local: 'pending', createdAt: ago(7) }),
    ]);
    await db.threads.update(THREAD, { lastActivityAt: ago(7) });
    expect((await refreshActivity(db, SAM)).fresh).toEqual([]);
  });

  it('tells of news, and of new sessions and materials in an edition I follow (not of what it held before)', async () => {
    const db = freshDb();
    await db.syncMeta.put({ key: 'userId', value: ME });
    await db.collections.put({
      id: EDITION,
      title: { en: 'SSE Academy 2026' },
      description: null,
      edition: null,
      editionYear: null,
      position: 0,
      version: 1,
    });
    await db.sessions.put({
      id: SESSION,
      collectionId: EDITION,
      title: { en: 'Opening' },
      startsAt: null,
      position: 0,
      version: 1,
    });
    await enqueueWrites(db, [
      { name: 'follow.set', args: { targetType: 'edition', targetId: EDITION, following: true } },
    ]);
    await refreshActivity(db, SAM);
    expect(await db.activity.count()).toBe(0);

    const session2 = {
      id: `${SESSION.slice(0, -2)}f2`,
      collectionId: EDITION,
      title: { en: 'Finance' },
      startsAt: null,
      position: 1,
      version: 1,
    };
    await db.sessions.put(session2);
    const material: CachedMaterial = {
      id: `${SESSION.slice(0, -2)}f3`,
      sessionId: SESSION,
      position: 0,
      title: null,
      kind: 'note',
      note: 'Read this',
      version: 1,
    };
    await db.materials.put(material);
    await db.news.put({
      id: NEWS,
      authorId: null,
      versions: { en: { title: 'Call for papers', body: 'Send them' } },
      createdAt: ago(3),
      editedAt: null,
      publishedAt: ago(3),
      pinnedAt: null,
      version: 1,
    });
    const { fresh } = await refreshActivity(db, SAM);
    expect(fresh.map((row) => row.kind).sort()).toEqual(['edition-material', 'edition-session', 'news']);
    expect(fresh.find((row) => row.kind === 'edition-session')?.placeId).toBe(EDITION);
  });

  it('on a first look keeps only the last month, and shows what is older than a week as read', async () => {
    const db = freshDb();
    const posts = [
      post(0, { authorId: ME, createdAt: ago(60 * 24 * 40) }),
      post(1, { createdAt: ago(60 * 24 * 35) }),
      post(2, { createdAt: ago(60 * 24 * 10) }),
      post(3, { createdAt: ago(60 * 24 * 2) }),
    ];
    await seedForum(db, posts, { authorId: ME, lastActivityAt: ago(60 * 24 * 2) });
    const { added, fresh } = await refreshActivity(db, SAM);
    expect(fresh).toEqual([]);
    expect(added.map((row) => [row.subjectId, row.read])).toEqual(
      expect.arrayContaining([
        [posts[2]?.id, 1],
        [posts[3]?.id, 0],
      ]),
    );
    expect(added).toHaveLength(2);
  });
});

describe('reading and forgetting', () => {
  it('counts unread items until marked read or read in their thread', async () => {
    const db = freshDb();
    const mine = await seedMyPostInTheirThread(db);
    const replies = [
      post(1, { replyTo: mine.id, createdAt: ago(9) }),
      post(2, { replyTo: mine.id, createdAt: ago(5) }),
    ];
    await db.posts.bulkPut(replies);
    await db.threads.update(THREAD, { lastActivityAt: ago(5) });
    await refreshActivity(db, SAM);
    expect(await unreadCount(db)).toBe(2);

    // Reading the thread up to the first reply reads it here too.
    await db.readState.put({ threadId: THREAD, lastReadAt: ago(9) });
    expect(await unreadKeys(db)).toEqual([`post:${replies[1]?.id ?? ''}`]);
    await markRead(db, [`post:${replies[1]?.id ?? ''}`]);
    expect(await unreadCount(db)).toBe(0);

    const view = await activityView(db, { limit: 10, unreadOnly: false, languages: ['en'] });
    expect(view.days.flatMap((day) => day.groups.flatMap((group) => group.entries.map((entry) => entry.read)))).toEqual(
      [true, true],
    );
  });

  it('forgets unread items whose post is gone, or whose thread I stopped following', async () => {
    const db = freshDb();
    await db.syncMeta.put({ key: 'userId', value: ME });
    await seedMyPostInTheirThread(db);
    const kept = post(1, { createdAt: ago(9) });
    const gone = post(2, { createdAt: ago(8) });
    await db.posts.bulkPut([kept, gone]);
    await db.threads.update(THREAD, { lastActivityAt: ago(8) });
    await refreshActivity(db, SAM);
    expect(await db.activity.count()).toBe(2);

    await db.posts.delete(gone.id);
    expect(await dropStale(db, SAM)).toBe(1);
    await enqueueWrites(db, [
      { name: 'follow.set', args: { targetType: 'thread', targetId: THREAD, following: false } },
    ]);
    expect(await dropStale(db, SAM)).toBe(1);
    expect(await db.activity.count()).toBe(0);
  });
});

describe('following', () => {
  it('follows a thread I wrote in, and a choice overrides it, saved here and waiting to be sent', async () => {
    const db = freshDb();
    await db.syncMeta.put({ key: 'userId', value: ME });
    await seedMyPostInTheirThread(db);
    const thread = await db.threads.get(THREAD);
    if (thread === undefined) throw new Error('no thread');
    await db.threads.put({ ...thread, id: OTHER_THREAD, authorId: MEMBERS[1].id });
    expect(await followState(db, ME, { type: 'thread', id: THREAD })).toEqual({
      following: true,
      reason: 'wrote-here',
      pending: false,
    });
    expect(await followState(db, ME, { type: 'thread', id: OTHER_THREAD })).toMatchObject({ following: false });

    await enqueueWrites(db, [
      { name: 'follow.set', args: { targetType: 'thread', targetId: THREAD, following: false } },
      { name: 'follow.set', args: { targetType: 'thread', targetId: OTHER_THREAD, following: true } },
    ]);
    expect(await followState(db, ME, { type: 'thread', id: THREAD })).toEqual({
      following: false,
      reason: 'chosen',
      pending: true,
    });
    const places = await followedPlaces(db, ME);
    expect([...places.threads.keys()]).toEqual([OTHER_THREAD]);
    expect((await db.outbox.toArray()).map((item) => item.name)).toEqual(['follow.set', 'follow.set']);
  });
});
