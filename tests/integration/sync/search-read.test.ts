import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/renderer/src/data/db';
import { readByKeys } from '../../../src/renderer/src/data/search/search-results';
import { THREAD, THREAD_ROW, UDHR_OPENINGS, post, sid } from './search-fixtures';

describe('readByKeys (the rows of a page of search results)', () => {
  it('gives each table’s rows in the order of its keys, with a gap for a key not stored, in one read', async () => {
    const db = openDb('read-by-keys', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    const posts = [post(1, 'en', UDHR_OPENINGS.en), post(2, 'fr', UDHR_OPENINGS.fr), post(3, 'ja', UDHR_OPENINGS.ja)];
    await db.posts.bulkPut(posts);
    await db.threads.put(THREAD_ROW);
    const missing = sid(999);
    const [postRows, threadRows, newsRows] = await readByKeys(db, [
      ['posts', [posts[2]?.id ?? '', missing, posts[0]?.id ?? '']],
      ['threads', [THREAD]],
      ['news', []],
    ] as const);
    expect(postRows.map((row) => row?.body)).toEqual([UDHR_OPENINGS.ja, undefined, UDHR_OPENINGS.en]);
    expect(threadRows.map((row) => row?.id)).toEqual([THREAD]);
    expect(newsRows).toEqual([]);
    db.close();
  });

  it('reads through Dexie while the database is not open yet (Dexie opens it first)', async () => {
    const factory = new IDBFactory();
    const writer = openDb('read-before-open', { indexedDB: factory, IDBKeyRange });
    await writer.posts.put(post(1, 'ko', UDHR_OPENINGS.ko));
    writer.close();
    const reader = openDb('read-before-open', { indexedDB: factory, IDBKeyRange });
    expect(reader.isOpen()).toBe(false);
    const [rows] = await readByKeys(reader, [['posts', [sid(1001)]]] as const);
    expect(rows.map((row) => row?.language)).toEqual(['ko']);
    reader.close();
  });
});
