import { newsRow } from '../../support/news-rows';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { watchCommits, type CommittedChanges } from '../../../src/renderer/src/data/change-feed';
import { openDb, type CachedNews, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { countReads } from '../../support/db-reads';

const opened: CollectiveBrainDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function fresh(): CollectiveBrainDb {
  const db = openDb('change-feed', { indexedDB: new IDBFactory(), IDBKeyRange });
  opened.push(db);
  return db;
}

function news(id: string): CachedNews {
  return newsRow({ id, language: 'en', title: id, body: id, publishedAt: '2026-01-01T00:00:00Z' });
}

function plain(changes: CommittedChanges): Record<string, string[]> {
  return Object.fromEntries([...changes].map(([table, keys]) => [table, [...keys].sort()]));
}

describe('the change feed (what the search index listens to)', () => {
  it('reports the keys of each committed transaction once, by table, after the commit', async () => {
    const db = fresh();
    const seen: Record<string, string[]>[] = [];
    watchCommits(db, (changes) => seen.push(plain(changes)));
    await db.transaction('rw', [db.news, db.syncMeta, db.outbox], async () => {
      await db.news.bulkPut([news('a'), news('b')]);
      await db.news.delete('c');
      await db.syncMeta.put({ key: 'cursor', value: '7' });
      expect(seen).toEqual([]); // nothing before the commit
    });
    expect(seen).toEqual([{ news: ['a', 'b', 'c'], syncMeta: ['cursor'] }]);
  });

  it('reports generated keys (the outbox numbers its items)', async () => {
    const db = fresh();
    const seen: Record<string, string[]>[] = [];
    watchCommits(db, (changes) => seen.push(plain(changes)));
    const seq = await db.outbox.add({
      id: 'm1',
      name: 'post.delete',
      args: { id: 'p' },
      entityType: 'post',
      entityId: 'p',
      status: 'pending',
      createdAt: '2026-01-01T00:00:00Z',
      attempts: 0,
    } as never);
    expect(seen).toEqual([{ outbox: [String(seq)] }]);
  });

  it('reports nothing of a transaction that rolled back', async () => {
    const db = fresh();
    const seen: CommittedChanges[] = [];
    watchCommits(db, (changes) => seen.push(changes));
    await expect(
      db.transaction('rw', db.news, async () => {
        await db.news.put(news('a'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(seen).toEqual([]);
    expect(await db.news.count()).toBe(0);
  });

  it('lists every key a clear() removes, and stops when unsubscribed', async () => {
    const db = fresh();
    await db.news.bulkPut([news('a'), news('b')]);
    const seen: Record<string, string[]>[] = [];
    const stop = watchCommits(db, (changes) => seen.push(plain(changes)));
    await db.news.clear();
    expect(seen).toEqual([{ news: ['a', 'b'] }]);
    stop();
    await db.news.put(news('z'));
    expect(seen).toHaveLength(1);
  });

  it('reads nothing back to report a put (no hidden read per synced row)', async () => {
    const db = fresh();
    await db.news.bulkPut([news('a'), news('b')]);
    watchCommits(db, () => undefined);
    const reads = countReads(db, -10);
    db.close();
    await db.open();
    await db.news.bulkPut([news('a'), news('b'), news('c')]);
    expect([...reads.values()].reduce((sum, n) => sum + n, 0)).toBe(0);
  });
});
