import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DBCore, Middleware } from 'dexie';
import { describe, expect, it } from 'vitest';
import { applyPage } from '../../../src/renderer/src/data/apply-page';
import { openDb } from '../../../src/renderer/src/data/db';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';

/** The transactions the data layer asks IndexedDB for: tables, mode and durability, as they reach it. */
function recordTransactions(): { seen: { tables: string[]; mode: string; durability: string | undefined }[] } & {
  middleware: Middleware<DBCore>;
} {
  const seen: { tables: string[]; mode: string; durability: string | undefined }[] = [];
  return {
    seen,
    middleware: {
      stack: 'dbcore',
      name: 'RecordTransactions',
      level: 9, // below the app's middlewares (level 10): it sees what they pass on to IndexedDB
      create: (down) => ({
        ...down,
        transaction: (tables, mode, options) => {
          seen.push({ tables: [...tables].sort(), mode, durability: options?.durability });
          return down.transaction(tables, mode, options);
        },
      }),
    },
  };
}

describe('durability of what the app writes', () => {
  it('waits for the disk for the user’s own words, not for what sync can fetch again', async () => {
    const db = openDb(`durability-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const { seen, middleware } = recordTransactions();
    db.use(middleware);
    const last = (): { tables: string[]; mode: string; durability: string | undefined } | undefined => seen.at(-1);

    // A reply goes into the outbox (with its optimistic row): strict.
    await enqueueWrites(db, [
      {
        name: 'post.create',
        args: { id: newId(), threadId: newId(), body: 'Written on a laptop whose battery is dying.', language: 'en' },
      },
    ]);
    const enqueued = seen.find((entry) => entry.mode === 'readwrite' && entry.tables.includes('outbox'));
    expect(enqueued?.durability).toBe('strict');

    // A draft autosaved while typing: strict.
    await db.drafts.put({ key: 'reply:t', kind: 'reply', fields: { body: 'half a sentence' }, updatedAt: '' });
    expect(last()).toMatchObject({ tables: ['drafts'], mode: 'readwrite', durability: 'strict' });

    // A pull page and its cursor (its scope has the outbox, to lay pending writes back on top): relaxed.
    await applyPage(db, { changes: [], cursor: 'c1', hasMore: false });
    const page = seen.findLast((entry) => entry.mode === 'readwrite' && entry.tables.includes('syncMeta'));
    expect(page?.tables).toContain('outbox');
    expect(page?.durability).toBe('relaxed');

    // The search index, which can be built again: relaxed. Reads: the browser's default.
    await db.searchIndex.put({ key: 'shard:0', value: '{}', updatedAt: '' });
    expect(last()).toMatchObject({ tables: ['searchIndex'], durability: 'relaxed' });
    await db.posts.count();
    expect(last()).toMatchObject({ mode: 'readonly', durability: 'default' });
    db.close();
  });
});
