import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyPage } from '../../../src/renderer/src/data/apply-page';
import { openDb, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { KnownIds } from '../../../src/renderer/src/data/known-ids';
import { LEDGER_KEY } from '../../../src/renderer/src/data/post-count-ledger';
import type { Post } from '../../../src/shared/wire/entities';
import type { Change, PullPage } from '../../../src/shared/wire/sync';

const AUTHOR = '7a000000-0000-4000-8000-000000000001';
const CATEGORY = '7a000000-0000-4000-8000-0000000000c1';
const THREADS = ['7a000000-0000-4000-8000-0000000000a1', '7a000000-0000-4000-8000-0000000000a2'] as const;

const at = (minute: number): string => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();
const postId = (n: number): string => `7a000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function post(n: number, threadId: string): Post {
  return {
    id: postId(n),
    threadId,
    authorId: AUTHOR,
    body: `Post ${n}`,
    language: 'en',
    replyTo: null,
    createdAt: at(n),
    editedAt: null,
    hidden: false,
    attachments: [],
  };
}

function postChange(n: number, threadId: string, seq: number): Change {
  return { seq, id: postId(n), version: 1, type: 'post', op: 'upsert', data: post(n, threadId) };
}

/** Two threads whose stored counts are wrong (as a ledger's would leave them), and their posts in the cache. */
async function seeded(): Promise<CollectiveBrainDb> {
  const db = openDb(`ledger-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.threads.bulkPut(
    THREADS.map((id) => ({
      id,
      categoryId: CATEGORY,
      authorId: AUTHOR,
      title: `Thread ${id.slice(-2)}`,
      language: 'en' as const,
      tags: [],
      locked: false,
      pinned: false,
      hidden: false,
      createdAt: at(0),
      version: 1,
      postCount: 1,
      lastActivityAt: at(0),
    })),
  );
  await db.posts.bulkPut([
    ...[1, 2, 3].map((n) => ({ ...post(n, THREADS[0]), version: 1 })),
    ...[4, 5].map((n) => ({ ...post(n, THREADS[1]), version: 1 })),
  ]);
  return db;
}

async function countsOf(db: CollectiveBrainDb): Promise<[number, string][]> {
  const threads = await db.threads.bulkGet([...THREADS]);
  return threads.map((thread) => [thread?.postCount ?? -1, thread?.lastActivityAt ?? '']);
}

const page = (changes: Change[], hasMore: boolean): PullPage => ({ changes, cursor: `c${changes.length}`, hasMore });

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * The post counts a pull owes to threads wait in a ledger (see post-count-ledger.ts). One that cannot be
 * read must not be dropped silently, leaving counts off until those threads change again.
 */
describe('an unreadable post-count ledger', () => {
  it('is replaced by a recount of every thread from the posts index, and says so', async () => {
    const db = await seeded();
    await db.syncMeta.put({ key: LEDGER_KEY, value: '{"pages": "not a number"' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    await applyPage(db, page([postChange(6, THREADS[0], 1)], false));

    // Thread 1: posts 1, 2, 3 and the new 6; thread 2: posts 4 and 5. Not the stored 1 (+1).
    expect(await countsOf(db)).toEqual([
      [4, at(6)],
      [2, at(5)],
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/counted again/u);
    expect(await db.syncMeta.get(LEDGER_KEY)).toBeUndefined();
  });

  it('midway through a run, leaves a readable ledger that counts only what comes after the recount', async () => {
    const db = await seeded();
    await db.syncMeta.put({ key: LEDGER_KEY, value: 'garbage' });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    await applyPage(db, page([postChange(6, THREADS[0], 1)], true));
    expect(await countsOf(db)).toEqual([
      [4, at(6)],
      [2, at(5)],
    ]);
    await applyPage(db, page([postChange(7, THREADS[1], 2)], false));
    expect(await countsOf(db)).toEqual([
      [4, at(6)],
      [3, at(7)],
    ]);
    expect(await db.syncMeta.get(LEDGER_KEY)).toBeUndefined();
  });

  it('at the end of a first sync, recounts instead of folding the run’s memory over it', async () => {
    const db = await seeded();
    const run = await KnownIds.load(db);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await applyPage(db, page([postChange(6, THREADS[0], 1)], true), run);
    // The run's mark is damaged before its last page.
    await db.syncMeta.put({ key: LEDGER_KEY, value: '[]' });
    await applyPage(db, page([postChange(7, THREADS[1], 2)], false), run);
    expect(await countsOf(db)).toEqual([
      [4, at(6)],
      [3, at(7)],
    ]);
    expect(await db.syncMeta.get(LEDGER_KEY)).toBeUndefined();
  });
});
