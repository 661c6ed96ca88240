import { LIVE_WINDOW_MS } from '../../../server/sync/live-hub';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnownIds, applyPage } from '../../../src/renderer/src/data/apply-page';
import { watchCommits } from '../../../src/renderer/src/data/change-feed';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { SyncEngine } from '../../../src/renderer/src/data/sync-engine';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import type { Change, PullPage } from '../../../src/shared/wire/sync';
import { countReads } from '../../support/db-reads';
import { DEMO_PASSWORD, signInAndSync, type SyncClient, useSyncTestbed } from '../../support/sync-client';

const testbed = useSyncTestbed();

async function call(baseUrl: string, path: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-protocol': '1',
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Pushes mutations as one client would, 50 per request. */
async function push(baseUrl: string, token: string, mutations: { name: string; args: object }[]): Promise<void> {
  const clientId = crypto.randomUUID();
  const all = mutations.map((mutation) => ({ id: crypto.randomUUID(), ...mutation }));
  for (let start = 0; start < all.length; start += 50) {
    const answer = (await call(
      baseUrl,
      '/api/sync/push',
      { clientId, mutations: all.slice(start, start + 50) },
      token,
    )) as {
      results: { status: string }[];
    };
    const refused = answer.results.filter((result) => result.status !== 'applied');
    if (refused.length > 0) throw new Error(`push refused: ${JSON.stringify(refused[0])}`);
  }
}

const newPosts = (threadId: string, count: number, label: string) =>
  Array.from({ length: count }, (_, n) => ({
    name: 'post.create',
    args: { id: crypto.randomUUID(), threadId, body: `${label} ${n} on cooperative finance.`, language: 'en' },
  }));

/** One thread of 100 posts, written through the push API: more than the newest-discussion snapshot carries. */
async function writeLongThread(baseUrl: string): Promise<{ token: string; threadId: string }> {
  const { token } = (await call(baseUrl, '/api/auth/login', {
    email: 'facilitator@example.org',
    password: DEMO_PASSWORD,
  })) as { token: string };
  const pull = await fetch(`${baseUrl}/api/sync/pull?limit=1000`, {
    headers: { authorization: `Bearer ${token}`, 'x-protocol': '1' },
  });
  const { changes } = (await pull.json()) as { changes: { type: string; id: string }[] };
  const categoryId = changes.find((change) => change.type === 'category')?.id;
  const threadId = crypto.randomUUID();
  await push(baseUrl, token, [
    {
      name: 'thread.create',
      args: { id: threadId, categoryId, title: 'A long exchange about cooperative finance', language: 'en' },
    },
    ...newPosts(threadId, 100, 'Contribution'),
  ]);
  return { token, threadId };
}

let longThread: { token: string; threadId: string };

beforeAll(async () => {
  longThread = await writeLongThread(testbed.server().server.url);
});

function client(pageLimit?: number): Promise<SyncClient> {
  return testbed.client(pageLimit !== undefined ? { pageLimit } : {});
}

/** Every thread's post count and activity date, as the posts in the cache say they should be. */
async function expectThreadActivityTrue(db: CollectiveBrainDb): Promise<number> {
  const threads = await db.threads.toArray();
  for (const thread of threads) {
    const posts = await db.posts
      .where('[threadId+createdAt]')
      .between([thread.id, ''], [thread.id, '\uffff'])
      .toArray();
    expect(thread.postCount, thread.id).toBe(posts.length);
    const newest = posts.reduce(
      (latest, post) => (post.createdAt > latest ? post.createdAt : latest),
      thread.createdAt,
    );
    expect(thread.lastActivityAt, thread.id).toBe(newest);
  }
  return threads.length;
}

describe('a first sync of many pages', () => {
  it('keeps every thread’s post count and activity date true, counting in memory and folding once', async () => {
    const c = await client(5); // many pages
    /** What the run stored as pending thread activity, page after page. */
    const stored: { run?: string; threads: object }[] = [];
    const record = (value: unknown): void => {
      if (typeof value === 'string') stored.push(JSON.parse(value) as { run?: string; threads: object });
    };
    c.db.syncMeta.hook('creating', (key, row) => {
      if (key === 'threadActivity') record(row.value);
    });
    c.db.syncMeta.hook('updating', (mods, key) => {
      if (key === 'threadActivity') record((mods as { value?: unknown }).value);
    });
    let threadWrites = 0;
    c.db.threads.hook('updating', () => {
      threadWrites += 1;
    });
    // What the search index waits for: the end of the pull run, not of a page.
    const quietAfter: number[] = [];
    const off = c.engine.subscribe((status) => {
      if (status.phase !== 'pulling') return;
      off();
      void c.engine.whenNotPulling().then(() => quietAfter.push(c.engine.current().pulledPages));
    });
    await signInAndSync(c, 'participant@example.org');
    expect(c.engine.current().pulledPages).toBeGreaterThan(20);
    expect(quietAfter).toEqual([c.engine.current().pulledPages]);
    // One mark for the run, with no counts in it: they are kept in memory, and written once, at the end.
    expect(stored).toHaveLength(1);
    expect(stored[0]?.run).toEqual(expect.any(String));
    expect(stored[0]?.threads).toEqual({});
    expect(await c.db.syncMeta.get('threadActivity')).toBeUndefined();
    const threads = await expectThreadActivityTrue(c.db);
    expect(threads).toBeGreaterThan(3);
    // Each thread is rewritten at most once for its counts (plus once per newer version the pull brought).
    expect(threadWrites).toBeLessThanOrEqual(2 * threads);
  });

  it('asks for the next page while it applies one, and applies a page that failed again before any later one', async () => {
    const c = await client(5);
    // Each pull as the engine asks for it, and whether the page that ends at its cursor had committed by then.
    const pulls: { cursor: string | undefined; committed: boolean }[] = [];
    const committedCursors = new Set<string>();
    let writing: string | undefined;
    const noteCursor = (key: string, value: unknown): void => {
      if (key === 'cursor' && typeof value === 'string') writing = value;
    };
    c.db.syncMeta.hook('creating', (key, row) => noteCursor(key, row.value));
    c.db.syncMeta.hook('updating', (mods, key) => noteCursor(key, (mods as { value?: unknown }).value));
    watchCommits(c.db, (changes) => {
      if (changes.get('syncMeta')?.has('cursor') === true && writing !== undefined) committedCursors.add(writing);
    });
    // The same engine as the app's, over an api that notes each pull (the client's own is frozen).
    const engine = new SyncEngine({
      db: c.db,
      api: {
        ...c.api,
        sync: {
          ...c.api.sync,
          pull: (request) => {
            const committed = request.cursor === undefined || committedCursors.has(request.cursor);
            pulls.push({ cursor: request.cursor, committed });
            return c.api.sync.pull(request);
          },
        },
      },
      backoff: { baseMs: 20, maxMs: 200 },
      idlePollMs: 60_000,
      pageLimit: 5,
    });
    // One page fails once while it is applied (as a full disk would make it).
    const reference = await client(1000);
    await signInAndSync(reference, 'participant@example.org');
    const posts = await reference.db.posts.toArray();
    // A post of the full pull, not of the newest-discussion snapshot (which is applied before it).
    const recent = await reference.api.sync.recent();
    if (!recent.ok) throw new Error(recent.error.message);
    const inSnapshot = new Set(recent.value.changes.map((change) => change.id));
    const older = posts.filter((post) => !inSnapshot.has(post.id));
    const victim = older[Math.floor(older.length / 2)]?.id;
    let failed = false;
    c.db.posts.hook('creating', (key) => {
      if (key !== victim || failed) return;
      failed = true;
      throw new Error('disk full');
    });

    expect((await c.api.session.login({ email: 'participant@example.org', password: DEMO_PASSWORD })).ok).toBe(true);
    await new Promise<void>((resolve) => {
      const off = engine.subscribe((status) => {
        if (status.phase !== 'idle' || status.lastSuccessAt === null) return;
        off();
        resolve();
      });
      engine.start();
    });
    await engine.stop();
    expect(failed).toBe(true);
    // Pages asked for while the page before them was still being applied.
    expect(pulls.filter((entry) => !entry.committed).length).toBeGreaterThan(pulls.length / 2);
    // After the failure, the failed page was asked for again (the page read ahead of it is not used).
    const cursors = pulls.map((entry) => entry.cursor);
    expect(new Set(cursors).size).toBeLessThan(cursors.length);
    // Nothing skipped: the same cache as a sync in one go.
    const byId = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
    expect(byId(await c.db.posts.toArray())).toEqual(byId(posts));
    await expectThreadActivityTrue(c.db);
  });

  it('counts a thread’s posts that arrived before the thread itself exactly once', async () => {
    const c = await client();
    const login = await c.api.session.login({ email: 'participant@example.org', password: DEMO_PASSWORD });
    expect(login.ok).toBe(true);
    const changes: Change[] = [];
    let cursor: string | undefined;
    for (let more = true; more;) {
      const pulled = await c.api.sync.pull({ ...(cursor !== undefined ? { cursor } : {}), limit: 1000 });
      if (!pulled.ok) throw new Error(pulled.error.message);
      changes.push(...pulled.value.page.changes);
      cursor = pulled.value.page.cursor;
      more = pulled.value.page.hasMore;
    }
    // A thread can come after its posts (the feed moves an edited thread to its end): the long thread, here by hand.
    const isLong = (change: Change): boolean =>
      change.id === longThread.threadId || (change.type === 'post' && change.data?.threadId === longThread.threadId);
    const posts = changes.filter((change) => isLong(change) && change.type === 'post');
    const thread = changes.filter((change) => change.type === 'thread' && change.id === longThread.threadId);
    const rest = changes.filter((change) => !isLong(change));
    expect(posts.length).toBe(100);
    const run = await KnownIds.load(c.db);
    const pages: PullPage[] = [
      { changes: posts.slice(0, 60), cursor: 'a', hasMore: true },
      { changes: thread, cursor: 'b', hasMore: true },
      { changes: [...posts.slice(60), ...rest], cursor: cursor ?? '', hasMore: false },
    ];
    for (const page of pages) await applyPage(c.db, page, run);
    expect((await c.db.threads.get(longThread.threadId))?.postCount).toBe(100);
    await expectThreadActivityTrue(c.db);
  });

  it('counts a reply written during a first sync once, when its server copy arrives in a later page', async () => {
    const c = await client();
    const login = await c.api.session.login({ email: 'participant@example.org', password: DEMO_PASSWORD });
    expect(login.ok).toBe(true);
    const pulled = await c.api.sync.pull({ limit: 1000 });
    if (!pulled.ok) throw new Error(pulled.error.message);
    const run = await KnownIds.load(c.db);
    await applyPage(c.db, { ...pulled.value.page, hasMore: true }, run);

    // The user replies while the sync goes on: the reply is in the cache, and waits in the outbox.
    const threadId = longThread.threadId;
    const id = crypto.randomUUID();
    await enqueueWrites(c.db, [
      { name: 'post.create', args: { id, threadId, body: 'A reply written offline.', language: 'en' } },
    ]);
    const reply = await c.db.posts.get(id);
    if (reply === undefined) throw new Error('the reply is not in the cache');
    // Its server copy comes in a later page of the same run (the run does not know the row).
    const { version: _version, local: _local, ...data } = reply;
    const echo = { type: 'post', id, op: 'upsert', version: 1, data: { ...data, threadId } } as Change;
    await applyPage(c.db, { changes: [echo], cursor: pulled.value.page.cursor, hasMore: false }, run);

    expect((await c.db.threads.get(threadId))?.postCount).toBe(101);
    await expectThreadActivityTrue(c.db);
  });

  it('recounts every thread when a first sync stopped midway (its counts were in memory)', async () => {
    const c = await client();
    const login = await c.api.session.login({ email: 'participant@example.org', password: DEMO_PASSWORD });
    expect(login.ok).toBe(true);
    // A first sync's pages applied by hand, as its run would, until posts have arrived; then the app is closed.
    const run = await KnownIds.load(c.db);
    let cursor: string | undefined;
    for (let n = 0; n < 30 && run.counts.pending === 0; n += 1) {
      const pulled = await c.api.sync.pull({ ...(cursor !== undefined ? { cursor } : {}), limit: 6 });
      if (!pulled.ok) throw new Error(pulled.error.message);
      expect(pulled.value.page.hasMore).toBe(true);
      await applyPage(c.db, pulled.value.page, run);
      cursor = pulled.value.page.cursor;
    }
    expect(run.counts.pending).toBeGreaterThan(0);
    expect(JSON.parse((await c.db.syncMeta.get('threadActivity'))?.value ?? '{}')).toMatchObject({
      run: run.counts.run,
    });

    c.engine.start(); // "the next start": it continues from the stored cursor, without that memory
    await c.settle();
    expect(await c.db.syncMeta.get('threadActivity')).toBeUndefined();
    await expectThreadActivityTrue(c.db);
  });

  it('folds the counts of a run from a stored cursor in after 10, 20, 40 pages and at its end', async () => {
    const c = await client();
    const login = await c.api.session.login({ email: 'participant@example.org', password: DEMO_PASSWORD });
    expect(login.ok).toBe(true);
    /** Pages applied when a fold ran during the run (it leaves an empty pending row that counts folded pages). */
    const folded: number[] = [];
    c.db.syncMeta.hook('updating', (mods, key) => {
      const value = (mods as { value?: unknown }).value;
      if (key !== 'threadActivity' || typeof value !== 'string') return;
      const stored = JSON.parse(value) as { pages: number; folded: number };
      if (stored.pages === 0) folded.push(stored.folded);
    });
    let cursor: string | undefined;
    for (let more = true; more;) {
      const pulled = await c.api.sync.pull({ ...(cursor !== undefined ? { cursor } : {}), limit: 4 });
      if (!pulled.ok) throw new Error(pulled.error.message);
      await applyPage(c.db, pulled.value.page);
      cursor = pulled.value.page.cursor;
      more = pulled.value.page.hasMore;
    }
    // During the run, not only at its end; each fold waits for as many pages again as were folded before.
    expect(folded.length).toBeGreaterThan(1);
    expect(folded).toEqual([10, 20, 40, 80].slice(0, folded.length));
    expect(await c.db.syncMeta.get('threadActivity')).toBeUndefined();
    await expectThreadActivityTrue(c.db);
  });

  it('loses no post count when it stops between pages and resumes later', async () => {
    const c = await client();
    const login = await c.api.session.login({ email: 'participant@example.org', password: DEMO_PASSWORD });
    expect(login.ok).toBe(true);
    // Pages applied by hand, as a run would, until some post counts wait to be folded; then the app is closed.
    let cursor: string | undefined;
    for (let n = 0; n < 30 && (await c.db.syncMeta.get('threadActivity')) === undefined; n += 1) {
      const pulled = await c.api.sync.pull({ ...(cursor !== undefined ? { cursor } : {}), limit: 6 });
      if (!pulled.ok) throw new Error(pulled.error.message);
      expect(pulled.value.page.hasMore).toBe(true);
      await applyPage(c.db, pulled.value.page);
      cursor = pulled.value.page.cursor;
    }
    // Counts still to fold are stored with the pages, not kept in memory.
    expect(await c.db.syncMeta.get('threadActivity')).toBeDefined();

    c.engine.start(); // "the next start": it continues from the stored cursor
    await c.settle();
    expect(await c.db.syncMeta.get('threadActivity')).toBeUndefined();
    await expectThreadActivityTrue(c.db);
  });

  it('does not read back rows it cannot have, and ends with the same cache as a plain sync', async () => {
    const first = await client(10);
    const reads = countReads(first.db);
    await signInAndSync(first, 'moderator@example.org');
    const posts = await first.db.posts.count();
    expect(posts).toBeGreaterThan(100);
    // Only the newest-discussion snapshot's posts are compared by version: when the snapshot is
    // applied, and when the pull brings them again. Every other post is new and is not read back.
    const snapshot = await first.api.sync.recent();
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    const snapshotPosts = snapshot.value.changes.filter((change) => change.type === 'post').length;
    expect(reads.get('posts') ?? 0).toBeLessThanOrEqual(2 * snapshotPosts);
    expect(reads.get('posts') ?? 0).toBeLessThan(posts - snapshotPosts);

    // The same cache as a client that synced the same content in bigger pages.
    const reference = await client(10);
    await signInAndSync(reference, 'moderator@example.org');
    for (const table of ['threads', 'posts', 'documents', 'news', 'users', 'categories'] as const) {
      const mine = await first.db[table].toArray();
      const theirs = await reference.db[table].toArray();
      const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(mine), table).toEqual(byId(theirs));
    }
    await expectThreadActivityTrue(first.db);
  });
});

describe('an incremental sync', () => {
  it('stores new replies without reading the cache back, and recounts only their thread', async () => {
    const c = await client();
    const reads = countReads(c.db);
    await signInAndSync(c, 'moderator@example.org');
    const before = await c.db.threads.get(longThread.threadId);
    const postReadsBefore = reads.get('posts') ?? 0;

    // 40 replies in the long thread, and one of its older posts deleted, while the app is closed.
    await c.engine.stop();
    const [older] = await c.db.posts
      .where('[threadId+createdAt]')
      .between([longThread.threadId, ''], [longThread.threadId, '\uffff'])
      .limit(1)
      .toArray();
    if (older === undefined) throw new Error('no post in the long thread');
    await push(testbed.server().server.url, longThread.token, [
      ...newPosts(longThread.threadId, 40, 'Reply'),
      { name: 'post.delete', args: { id: older.id } },
    ]);
    // The server announces a burst as its first change at once and the rest within one window: let the last
    // announcement arrive, so the app pulls the 41 changes in one run (a second, smaller run reads back).
    await new Promise((resolve) => setTimeout(resolve, 4 * LIVE_WINDOW_MS));
    c.engine.start();
    await expect
      .poll(async () => (await c.db.threads.get(longThread.threadId))?.postCount)
      .toBe((before?.postCount ?? 0) + 39);

    expect((reads.get('posts') ?? 0) - postReadsBefore).toBe(1); // only the deleted post, for its thread
    expect(await c.db.posts.get(older.id)).toBeUndefined();
    await expectThreadActivityTrue(c.db);
  });
});
