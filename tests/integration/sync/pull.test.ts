import { describe, expect, it } from 'vitest';
import { applyPage } from '../../../src/renderer/src/data/apply-page';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { signInAndSync, type FetchWrapper, type SyncClient, useSyncTestbed } from '../../support/sync-client';

const testbed = useSyncTestbed();

const client = testbed.client;

interface Counts {
  users: number;
  categories: number;
  threads: number;
  posts: number;
  documents: number;
  collections: number;
  news: number;
  translations: number;
}

async function counts(c: SyncClient): Promise<Counts> {
  return {
    users: await c.db.users.count(),
    categories: await c.db.categories.count(),
    threads: await c.db.threads.count(),
    posts: await c.db.posts.count(),
    documents: await c.db.documents.count(),
    collections: await c.db.collections.count(),
    news: await c.db.news.count(),
    translations: await c.db.translations.count(),
  };
}

describe('pull', () => {
  it('pages through everything and stores the cursor with the data', async () => {
    const small = await client({ pageLimit: 7 });
    await signInAndSync(small, 'participant@example.org');
    const big = await client();
    await signInAndSync(big, 'participant@example.org');

    const status = small.engine.current();
    expect(status.pulledPages).toBeGreaterThan(3);
    expect(status.pulledBytes).toBeGreaterThan(0);
    expect(await counts(small)).toEqual(await counts(big));
    const c = await counts(small);
    expect(c.threads).toBeGreaterThan(0);
    expect(c.documents).toBeGreaterThan(0);
    expect(c.news).toBeGreaterThan(0);
    expect((await small.db.syncMeta.get('cursor'))?.value).toMatch(/\.\d+$/u);

    // Every post's thread knows it: activity and counts follow the posts.
    const threads = await small.db.threads.toArray();
    for (const thread of threads) {
      const posts = await small.db.posts
        .where('[threadId+createdAt]')
        .between([thread.id, ''], [thread.id, '\uffff'])
        .count();
      expect(thread.postCount).toBe(posts);
    }

    // A sync with nothing new is one request and changes nothing.
    const before = small.engine.current().pulledPages;
    small.engine.trigger();
    await small.settle((s) => s.pulledPages === before + 1 && s.phase === 'idle');
    expect(await counts(small)).toEqual(c);
  });

  it('applies a page and its cursor together or not at all', async () => {
    const c = await client();
    const login = await c.api.session.login({ email: 'participant@example.org', password: 'collective-brain' });
    expect(login.ok).toBe(true);
    const pulled = await c.api.sync.pull({ limit: 20 });
    if (!pulled.ok) throw new Error(pulled.error.message);
    const page = pulled.value.page;
    expect(page.changes.length).toBe(20);

    // Fault: the store fails on the 15th change (as a crash or a full disk would).
    let calls = 0;
    const hook = (): void => {
      calls += 1;
      if (calls === 15) throw new Error('injected failure');
    };
    for (const table of [c.db.users, c.db.categories, c.db.threads, c.db.posts, c.db.documents, c.db.collections]) {
      table.hook('creating', hook);
    }
    await expect(applyPage(c.db, page)).rejects.toThrow();
    expect(await c.db.syncMeta.get('cursor')).toBeUndefined();
    expect((await counts(c)).users + (await counts(c)).categories).toBe(0);
  });

  it('removes what the server deleted (tombstones) and sees new content live', async () => {
    const writer = await client();
    await signInAndSync(writer, 'participant@example.org');
    const reader = await client();
    await signInAndSync(reader, 'facilitator@example.org');

    const thread = await writer.db.threads.orderBy('lastActivityAt').last();
    if (thread === undefined) throw new Error('no thread in the demo');
    const postId = newId();
    await enqueueWrites(writer.db, [
      {
        name: 'post.create',
        args: { id: postId, threadId: thread.id, body: 'Un message qui sera retiré.', language: 'fr' },
      },
    ]);
    writer.engine.trigger();
    await writer.settle((s) => s.phase === 'idle' && s.pushed >= 1);
    expect(await writer.db.outbox.count()).toBe(0);

    // The reader learns about it through the live stream, without asking.
    await expect.poll(() => reader.db.posts.get(postId), { timeout: 15_000 }).toBeDefined();

    await enqueueWrites(writer.db, [{ name: 'post.delete', args: { id: postId } }]);
    writer.engine.trigger();
    await expect.poll(() => reader.db.posts.get(postId), { timeout: 15_000 }).toBeUndefined();
    expect(await writer.db.posts.get(postId)).toBeUndefined();
  });

  it('starts over cleanly on reset-required, keeping the outbox and drafts', async () => {
    const c = await client();
    await signInAndSync(c, 'participant@example.org');
    const before = await counts(c);
    const thread = await c.db.threads.filter((t) => !t.locked).first();
    if (thread === undefined) throw new Error('no open thread');
    await c.db.drafts.put({
      key: 'reply:x',
      kind: 'reply',
      fields: { body: 'kept' },
      updatedAt: new Date().toISOString(),
    });
    await c.engine.stop();
    // A write that waits in the outbox, and a cursor the server cannot serve any more.
    await enqueueWrites(c.db, [
      { name: 'post.create', args: { id: newId(), threadId: thread.id, body: 'Écrit hors ligne.', language: 'fr' } },
    ]);
    const cursor = (await c.db.syncMeta.get('cursor'))?.value ?? '';
    await c.db.syncMeta.put({ key: 'cursor', value: cursor.replace(/^[0-9a-f]+/u, 'deadbeef') });

    const restarted = new (await import('../../../src/renderer/src/data/sync-engine')).SyncEngine({
      db: c.db,
      api: c.api,
      backoff: { baseMs: 20, maxMs: 200 },
    });
    restarted.start();
    await new Promise<void>((resolve) => {
      const off = restarted.subscribe((s) => {
        if (s.phase === 'idle' && s.lastSuccessAt !== null) {
          off();
          resolve();
        }
      });
    });
    await restarted.stop();
    expect((await c.db.drafts.toArray()).map((draft) => draft.key)).toEqual(['reply:x']);
    const after = await counts(c);
    expect(after.threads).toBe(before.threads);
    expect(after.posts).toBe(before.posts + 1); // everything again, plus the reply now on the server
    expect(await c.db.outbox.count()).toBe(0);
    expect((await c.db.syncMeta.get('cursor'))?.value).not.toMatch(/^deadbeef/u);
  });
});

describe('first sync', () => {
  it('shows the newest discussion first, then the full pull adds the rest without doubling anything', async () => {
    const c = await client();
    const login = await c.api.session.login({ email: 'moderator@example.org', password: 'collective-brain' });
    expect(login.ok).toBe(true);
    const recent = await c.api.sync.recent();
    if (!recent.ok) throw new Error(recent.error.message);
    const types = new Set(recent.value.changes.map((change) => change.type));
    // The demo's recent posts include translated ones: their translations come along.
    expect([...types].sort()).toEqual(['category', 'post', 'thread', 'translation', 'user']);

    const { applySnapshot } = await import('../../../src/renderer/src/data/apply-page');
    await applySnapshot(c.db, recent.value.changes);
    expect(await c.db.syncMeta.get('cursor')).toBeUndefined();
    const newest = await c.db.threads.orderBy('lastActivityAt').last();
    expect(newest).toBeDefined();
    expect(newest?.postCount).toBeGreaterThan(0);

    c.engine.start();
    await c.settle();
    const reference = await client();
    await signInAndSync(reference, 'moderator@example.org');
    expect(await counts(c)).toEqual(await counts(reference));
    for (const thread of await c.db.threads.toArray()) {
      expect(thread.postCount).toBe((await reference.db.threads.get(thread.id))?.postCount);
      expect(thread.lastActivityAt).toBe((await reference.db.threads.get(thread.id))?.lastActivityAt);
    }
  });
});

describe('a page that fails validation', () => {
  it('is rejected whole: the cursor stays, the error shows, and sync retries until a good page comes', async () => {
    let corrupt = true;
    // Fault: the server (or a proxy) sends a page with one malformed change.
    const tampering: FetchWrapper = (real) => async (input, init) => {
      const response = await real(input, init);
      const url = String(input instanceof Request ? input.url : input);
      if (!corrupt || !url.includes('/api/sync/pull')) return response;
      const page = (await response.json()) as { changes: { type: string }[] };
      if (page.changes[1] !== undefined) page.changes[1].type = 'spaceship';
      return new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const c = await client({ wrapFetch: tampering });
    const login = await c.api.session.login({ email: 'participant@example.org', password: 'collective-brain' });
    expect(login.ok).toBe(true);
    c.engine.start();
    const failed = await c.settle((s) => s.phase === 'waiting-to-retry');
    expect(failed.error?.code).toBe('invalid-response');
    expect(await c.db.syncMeta.get('cursor')).toBeUndefined();
    // Nothing of the bad page: every news item would have come with it (the snapshot carries no news).
    expect(await c.db.news.count()).toBe(0);

    corrupt = false;
    await c.settle();
    expect((await c.db.syncMeta.get('cursor'))?.value).toMatch(/\.\d+$/u);
    expect(c.engine.current().error).toBeNull();
  });
});
