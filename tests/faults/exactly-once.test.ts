import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/index';
import type { CachedPost } from '../../src/renderer/src/data/db';
import { newId } from '../../src/renderer/src/data/ids';
import { enqueueWrites, type WriteRequest } from '../../src/renderer/src/data/outbox';
import { DEMO_PASSWORD, startSyncClient, type SyncClient } from '../support/sync-client';
import { makeTempDir } from '../support/temp-dir';
import { differences } from './convergence';
import { seededRandom, startFaultyProxy, type FaultyProxy } from './faulty-proxy';
import { recordFigures, runSeed, scale } from './report';

/**
 * Exactly once through a bad network: three clients (two computers of one participant, and a moderator),
 * the real main-process services and renderer data layer, write through a proxy on 127.0.0.1 that drops
 * 20% of requests and 20% of answers and delivers 10% twice (half of those at the same time). For a part
 * of the run the server is stopped altogether. Every write must land once, and every outbox end empty.
 */
const RATES = { dropRequest: 0.2, dropResponse: 0.2, replay: 0.1 };
const ROUNDS = scale(12, 3);
const CREATES_PER_ROUND = scale(13, 3);
const EDITS_PER_ROUND = scale(3, 1);
/** Rounds written while the server is stopped. */
const STOPPED = new Set(scale(1, 0) === 1 ? [4, 5, 6] : [1]);

const seed = runSeed();
const random = seededRandom(seed);
const pick = <T>(items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
};

let dataDir: { dir: string; cleanup: () => Promise<void> };
let server: RunningServer | null = null;
let proxy: FaultyProxy;
let pool: pg.Pool;
const clients: { name: string; email: string; moderator: boolean; client: SyncClient; dir: () => Promise<void> }[] = [];

/** Starts the server on its data folder (again), and points the proxy and the checks' pool at it. */
async function startUpstream(seedDemo: boolean): Promise<void> {
  const started = await startServer({ port: 0, dataDir: dataDir.dir, ...(seedDemo ? { seed: 'demo' as const } : {}) });
  server = started;
  pool = new pg.Pool({ connectionString: started.databaseUrl, max: 2 });
  // Its idle connections are cut when the database stops: nothing to do about it here.
  pool.on('error', () => undefined);
  proxy.upstream = started.url;
}

async function stopUpstream(): Promise<void> {
  proxy.upstream = null;
  await pool.end();
  await server?.close();
  server = null;
}

beforeAll(async () => {
  dataDir = await makeTempDir('cb-faults-server-');
  proxy = await startFaultyProxy({ rates: RATES, seed });
  await startUpstream(true);
  for (const [name, email, moderator] of [
    ['participant, laptop', 'participant@example.org', false],
    ['participant, office computer', 'participant@example.org', false],
    ['moderator', 'moderator@example.org', true],
  ] as const) {
    const profile = await makeTempDir('cb-faults-client-');
    const client = await startSyncClient({
      profileDir: profile.dir,
      serverUrl: proxy.url,
      backoff: { baseMs: 20, maxMs: 400 },
    });
    clients.push({ name, email, moderator, client, dir: profile.cleanup });
  }
});

afterAll(async () => {
  for (const { client, dir } of clients) {
    await client.close();
    await dir();
  }
  await proxy.close();
  await pool.end().catch(() => undefined);
  await server?.close();
  await dataDir.cleanup();
});

describe('exactly once through a faulty proxy', () => {
  it('lands every write once, with the server stopped for part of the run, and empties every outbox', async () => {
    for (const { email, client } of clients) {
      const status = await client.api.session.login({ email, password: DEMO_PASSWORD });
      if (!status.ok) throw new Error(`login failed: ${status.error.code}`);
      client.engine.start();
      await client.settle();
    }
    const threads = (await clients[0]?.client.db.threads.filter((t) => !t.locked && !t.hidden).toArray()) ?? [];
    expect(threads.length).toBeGreaterThan(2);
    proxy.faulty = true;
    const started = Date.now();

    /** Every write made, by its outbox item id: what the server must have applied once. */
    const written = new Map<string, { client: string; name: string; postId: string }>();
    /** The body each post must end with, and how many versions it must have reached. */
    const expected = new Map<string, { body: string; version: number }>();
    /** Replies by the computer that wrote them, and those already edited (each is edited at most once). */
    const createdBy = new Map<string, string[]>();
    const edited = new Set<string>();
    let writtenWhileStopped = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      if (STOPPED.has(round) && server !== null) await stopUpstream();
      if (!STOPPED.has(round) && server === null) await startUpstream(false);
      await Promise.all(
        clients.map(async ({ name, client }) => {
          const writes: { write: WriteRequest; postId: string }[] = [];
          for (let n = 0; n < CREATES_PER_ROUND; n += 1) {
            const id = newId();
            const body = `${name}: round ${String(round)}, reply ${String(n)} — ${String(random()).slice(2, 8)}`;
            writes.push({
              write: { name: 'post.create', args: { id, threadId: pick(threads).id, body, language: 'en' } },
              postId: id,
            });
            expected.set(id, { body, version: 1 });
            createdBy.set(name, [...(createdBy.get(name) ?? []), id]);
          }
          // Edits of this computer's own replies that the server has confirmed (version 1, nothing pending).
          // While the server is up, wait until some are: the writes of a round meet the answers of the last.
          const editable = async (): Promise<CachedPost[]> =>
            (await client.db.posts.bulkGet(createdBy.get(name) ?? [])).filter(
              (post): post is CachedPost =>
                post !== undefined && post.local === undefined && post.version === 1 && !edited.has(post.id),
            );
          if (server !== null && round > 0) {
            client.engine.trigger();
            await expect.poll(async () => (await editable()).length).toBeGreaterThanOrEqual(EDITS_PER_ROUND);
          }
          for (const post of (await editable()).slice(0, EDITS_PER_ROUND)) {
            const body = `${post.body} (edited in round ${String(round)})`;
            writes.push({
              write: { name: 'post.update', args: { id: post.id, body }, baseVersion: post.version },
              postId: post.id,
            });
            expected.set(post.id, { body, version: 2 });
            edited.add(post.id);
          }
          // One write at a time, as a person writes: each is its own outbox item, sent with whatever is waiting.
          for (const { write, postId } of writes) {
            const [item] = await enqueueWrites(client.db, [write]);
            if (item === undefined) throw new Error('no outbox item');
            written.set(item.id, { client: name, name: write.name, postId });
            if (server === null) writtenWhileStopped += 1;
            client.engine.trigger();
          }
        }),
      );
    }
    if (server === null) await startUpstream(false);

    // Every outbox drains through the same bad network.
    for (const { client } of clients) {
      client.engine.trigger();
      await expect.poll(() => client.db.outbox.count(), { timeout: 600_000 }).toBe(0);
    }
    const drained = Date.now();
    const writes = [...written.entries()];
    const creates = writes.filter(([, write]) => write.name === 'post.create').length;
    const edits = writes.length - creates;

    // Each write was applied once: one record per outbox item, applied, and nothing refused or set aside.
    const { rows: applied } = await pool.query<{ mutation_id: string; status: string | null }>(
      `SELECT mutation_id, result->>'status' AS status FROM applied_mutations WHERE mutation_id = ANY($1::text[])`,
      [writes.map(([id]) => id)],
    );
    expect(applied.length).toBe(writes.length);
    expect(applied.filter((row) => row.status !== 'applied')).toEqual([]);
    for (const { client } of clients) expect(await client.db.drafts.count()).toBe(0);

    // Each reply exists once with its last text, and no write was applied twice (a replayed edit would have
    // made a version 3, a replayed reply a second row or a refusal).
    const { rows: posts } = await pool.query<{ id: string; version: number; body: string }>(
      `SELECT id::text, version, data->>'body' AS body FROM entities WHERE type = 'post' AND id = ANY($1::uuid[])`,
      [[...expected.keys()]],
    );
    expect(posts.length).toBe(expected.size);
    const wrong = posts.filter((post) => {
      const want = expected.get(post.id);
      return want === undefined || want.body !== post.body || want.version !== post.version;
    });
    expect(wrong).toEqual([]);

    // Then every cache agrees with the server, by entity and version, and by each thread's count.
    proxy.faulty = false;
    for (const { client, moderator } of clients) {
      client.engine.trigger();
      await expect
        .poll(async () => differences(client.db, pool, moderator), { timeout: 120_000 })
        .toEqual({ entities: [], counts: [] });
    }

    const figures = proxy.figures;
    await recordFigures('exactly-once', 'Exactly once through a faulty proxy', [
      `Run of ${new Date().toISOString().slice(0, 10)}, seed ${String(seed)}: \`npx vitest run --config vitest.faults.config.ts tests/faults/exactly-once.test.ts\`.`,
      '',
      '| | |',
      '| --- | --- |',
      `| Clients (real main-process services and renderer data layer) | ${String(clients.length)} (two computers of one participant, a moderator) |`,
      `| Writes | ${String(writes.length)} (${String(creates)} replies, ${String(edits)} edits of confirmed replies) |`,
      `| Written while the server was stopped | ${String(writtenWhileStopped)} |`,
      `| Requests through the proxy | ${String(figures.requests)} |`,
      `| Requests dropped before the server | ${String(figures.droppedRequests)} |`,
      `| Answers dropped after the server handled the request | ${String(figures.droppedResponses)} |`,
      `| Requests delivered twice (at the same time) | ${String(figures.replays)} (${String(figures.concurrentReplays)}) |`,
      `| Requests that found the server stopped | ${String(figures.refused)} |`,
      `| Writes applied by the server | ${String(applied.length)}, each once; none refused, none set aside |`,
      `| Outboxes at the end | all empty |`,
      `| Caches against the server (entities by id and version, thread counts) | equal, all ${String(clients.length)} |`,
      `| Time from the first faulty request to the last outbox drained | ${((drained - started) / 1000).toFixed(0)} s |`,
    ]);
    expect(writes.length).toBeGreaterThanOrEqual(scale(500, 25));
  });
});
