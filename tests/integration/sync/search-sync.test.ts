import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { SearchService } from '../../../src/renderer/src/data/search/search-service';
import { signInAndSync, type SyncClient, useSyncTestbed } from '../../support/sync-client';

const testbed = useSyncTestbed();

function client(): Promise<SyncClient> {
  return testbed.client();
}

async function searchOf(c: SyncClient): Promise<SearchService> {
  const service = new SearchService(c.db, { saveDelayMs: 60_000 });
  testbed.onCleanup(() => service.close());
  await service.open();
  return service;
}

/** The post ids a query finds once the index has caught up. */
async function found(service: SearchService, query: string): Promise<string[]> {
  await service.whenIdle();
  return (await service.search(query, { kinds: ['post'] })).map((hit) => hit.entityId);
}

describe('search stays consistent with sync', () => {
  it('reflects a post created, edited and deleted on another device, as the pages arrive', async () => {
    const writer = await client();
    await signInAndSync(writer, 'participant@example.org');
    const reader = await client();
    // The reader's index listens before the first pull: the whole first sync goes through the hooks.
    const search = await searchOf(reader);
    await signInAndSync(reader, 'moderator@example.org');
    await search.whenIdle();
    expect(search.documentCount).toBeGreaterThan(0);
    // What the first sync brought is all there: the same as a rebuild from the tables.
    const threads = await reader.db.threads.filter((t) => !t.hidden).toArray();
    const sample = threads[0];
    if (sample === undefined) throw new Error('the demo has threads');
    expect((await search.search(sample.title, { kinds: ['thread'] })).map((h) => h.entityId)).toContain(sample.id);

    const thread = await writer.db.threads.filter((t) => !t.locked && !t.hidden).first();
    if (thread === undefined) throw new Error('no open thread in the demo');
    const postId = newId();
    await enqueueWrites(writer.db, [
      {
        name: 'post.create',
        args: { id: postId, threadId: thread.id, body: 'Η συνεταιριστική τράπεζα του Ηρακλείου', language: 'el' },
      },
    ]);
    writer.engine.trigger();
    await writer.settle((s) => s.phase === 'idle' && s.pushed >= 1);

    reader.engine.trigger();
    await expect.poll(() => found(search, 'ηρακλειου'), { timeout: 15_000 }).toEqual([postId]);
    expect(await found(search, 'Ηρακλείου')).toEqual([postId]);

    // Edited on the writer: the old word leaves, the new one arrives.
    const version = (await writer.db.posts.get(postId))?.version ?? 0;
    await enqueueWrites(writer.db, [
      { name: 'post.update', args: { id: postId, body: 'Η συνεταιριστική τράπεζα της Πάτρας' }, baseVersion: version },
    ]);
    writer.engine.trigger();
    await writer.settle((s) => s.phase === 'idle' && s.pushed >= 1);
    reader.engine.trigger();
    await expect.poll(() => found(search, 'πατρας'), { timeout: 15_000 }).toEqual([postId]);
    expect(await found(search, 'ηρακλειου')).toEqual([]);

    // Deleted: a tombstone arrives, the post is gone from the results.
    await enqueueWrites(writer.db, [{ name: 'post.delete', args: { id: postId } }]);
    writer.engine.trigger();
    await writer.settle((s) => s.phase === 'idle' && s.pushed >= 1);
    reader.engine.trigger();
    await expect.poll(() => found(search, 'πατρας'), { timeout: 15_000 }).toEqual([]);
    expect(await found(search, 'συνεταιριστικη')).toEqual([]);

    // After a "restart" the saved index is loaded as is: same answers, no rebuild.
    await search.saveNow();
    await search.close();
    const restarted = await searchOf(reader);
    const report = await restarted.open();
    expect(report.source).toBe('stored');
    expect(restarted.documentCount).toBe(search.documentCount);
    expect((await restarted.search(sample.title, { kinds: ['thread'] })).map((h) => h.entityId)).toContain(sample.id);
    expect(await found(restarted, 'πατρας')).toEqual([]);
  });

  it('shows the user’s own offline write at once, before it is sent', async () => {
    const c = await client();
    await signInAndSync(c, 'participant@example.org');
    const search = await searchOf(c);
    await c.engine.stop();
    const thread = await c.db.threads.filter((t) => !t.locked && !t.hidden).first();
    if (thread === undefined) throw new Error('no open thread in the demo');
    const postId = newId();
    await enqueueWrites(c.db, [
      {
        name: 'post.create',
        args: { id: postId, threadId: thread.id, body: '제주 감귤 협동조합의 이야기', language: 'ko' },
      },
    ]);
    expect(await found(search, '감귤')).toEqual([postId]);
  });
});
