import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/renderer/src/data/db';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { relayableWrites } from '../../../src/renderer/src/features/venue/relay-handoff';

describe('the writes handed to the venue host', () => {
  it('include one whose push attempt is under way: with no internet it fails, and the server applies a copy once', async () => {
    const db = openDb('relayable-writes', { indexedDB: new IDBFactory(), IDBKeyRange });
    const threadId = '6f1d1e2a-8c3b-4d5e-9f00-00000000aaaa';
    const ids = ['6f1d1e2a-8c3b-4d5e-9f00-00000000000a', '6f1d1e2a-8c3b-4d5e-9f00-00000000000b'];
    await enqueueWrites(
      db,
      ids.map((id, n) => ({
        name: 'post.create' as const,
        args: { id, threadId, body: `Reply ${String(n)}`, language: 'en' as const },
      })),
    );
    // The sync engine is trying the server at this moment: the first write is marked as going.
    const waiting = await db.outbox.orderBy('seq').toArray();
    await db.outbox.update(waiting[0]?.seq ?? 0, { status: 'sending' });

    expect((await relayableWrites(db)).map((mutation) => mutation.id)).toEqual(waiting.map((item) => item.id));
    db.close();
  });
});
