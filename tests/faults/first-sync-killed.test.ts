import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type CollectiveBrainDb } from '../../src/renderer/src/data/db';
import { newId } from '../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../src/renderer/src/data/outbox';
import { countsByThread } from '../../src/renderer/src/data/queries';
import { SyncEngine } from '../../src/renderer/src/data/sync-engine';
import { startTestServer, type TestServer } from '../support/server';
import { DEMO_PASSWORD, startSyncClient, type SyncClient } from '../support/sync-client';
import { makeTempDir } from '../support/temp-dir';
import { differences } from './convergence';
import { seededRandom } from './faulty-proxy';
import { KillSwitch } from './kill-switch';
import { recordFigures, runSeed, scale } from './report';

/**
 * A first sync killed at random points, again and again, then left to finish: the cache must converge
 * to the server's state (every entity by id and version; each thread's post count, unread count and
 * last activity). Three ways to die, each through the real code path:
 * - the host killed: the main process's fetch dies on its n-th sync request (before sending, after the
 *   server answered, or mid-body), and the renderer with it; both start again on the same profile;
 * - the renderer reloaded: its n-th IndexedDB write fails, the transaction in flight aborts; main stays;
 * - the browser killed (browser mode): at a random moment every IndexedDB operation fails; the host stays.
 * Between kills, a facilitator on another computer writes (replies, edits, deletions), so what the sync
 * resumes from has moved on.
 */
const KILLS = scale(24, 6);
/** Small pages: a first sync of the demo content is ~20 pages, so kills land all along it. */
const PAGE_LIMIT = 10;
const seed = runSeed();
const random = seededRandom(seed);
const below = (n: number): number => Math.floor(random() * n);

type Kind = 'host killed' | 'renderer reloaded' | 'browser killed';
const KINDS: readonly Kind[] = ['host killed', 'renderer reloaded', 'browser killed'];
type Cut = 'before' | 'after' | 'mid-body';
const CUTS: readonly Cut[] = ['before', 'after', 'mid-body'];

let server: TestServer;
let pool: pg.Pool;
let writer: SyncClient;
let threads: string[] = [];
let writerId = '';
const cleanups: (() => Promise<void>)[] = [];

/** The renderer's half of a client: its database and sync engine, over a host's api. */
interface Renderer {
  db: CollectiveBrainDb;
  engine: SyncEngine;
  dies: KillSwitch;
}

/** One computer whose first sync is being killed: its host (main), its renderer, and what they keep. */
interface Victim {
  profileDir: string;
  indexedDB: IDBFactory;
  host: SyncClient;
  hostDies: KillSwitch;
  renderer: Renderer;
  /** Decides, per sync request of the host, whether it dies there. */
  onRequest: (url: string) => 'pass' | Cut;
}

function openRenderer(victim: Pick<Victim, 'profileDir' | 'indexedDB' | 'host'>): Renderer {
  const db = openDb(`cb-${victim.profileDir}`, { indexedDB: victim.indexedDB, IDBKeyRange });
  const dies = new KillSwitch();
  dies.install(db);
  const engine = new SyncEngine({
    db,
    api: victim.host.api,
    backoff: { baseMs: 20, maxMs: 200 },
    idlePollMs: 60_000,
    pageLimit: PAGE_LIMIT,
  });
  return { db, engine, dies };
}

async function openHost(
  victim: Partial<Victim> & Pick<Victim, 'profileDir' | 'indexedDB' | 'onRequest'>,
): Promise<SyncClient> {
  const hostDies = new KillSwitch();
  victim.hostDies = hostDies;
  const host = await startSyncClient({
    profileDir: victim.profileDir,
    serverUrl: server.server.url,
    pageLimit: PAGE_LIMIT,
    indexedDB: victim.indexedDB,
    wrapFetch: (fetch) =>
      hostDies.wrapFetch(fetch, (url) => {
        const fate = url.includes('/api/sync/') ? victim.onRequest(url) : 'pass';
        // The renderer dies with the host.
        if (fate !== 'pass') victim.renderer?.dies.kill();
        return fate;
      }),
  });
  // The client's own renderer half is not used: a renderer with a kill switch runs over its api.
  await host.engine.stop();
  host.db.close();
  return host;
}

/** A new computer, signed in, its first sync not started. */
async function newVictim(onRequest: Victim['onRequest']): Promise<Victim> {
  const profile = await makeTempDir('cb-faults-victim-');
  // Filled in by openHost and openRenderer, right below: the host's fetch refers to the victim.
  const victim = { profileDir: profile.dir, indexedDB: new IDBFactory(), onRequest } as Partial<Victim> &
    Pick<Victim, 'profileDir' | 'indexedDB' | 'onRequest'>;
  victimCleanups.set(profile.dir, profile.cleanup);
  const host = await openHost(victim);
  const complete: Victim = Object.assign(
    victim,
    { host, hostDies: victim.hostDies ?? new KillSwitch() },
    {
      renderer: openRenderer({ ...victim, host }),
    },
  );
  const status = await host.api.session.login({ email: 'participant@example.org', password: DEMO_PASSWORD });
  if (!status.ok) throw new Error(`login failed: ${status.error.code}`);
  return complete;
}
const victimCleanups = new Map<string, () => Promise<void>>();

async function closeVictim(victim: Victim): Promise<void> {
  await closeRenderer(victim.renderer);
  await victim.host.close();
  await victimCleanups.get(victim.profileDir)?.();
}

async function closeRenderer(renderer: Renderer): Promise<void> {
  await renderer.engine.stop();
  renderer.db.close();
}

/** The facilitator, on another computer, changes what the victim's sync is fetching. */
async function writeElsewhere(figures: { writes: number }): Promise<void> {
  const n = 1 + below(3);
  for (let i = 0; i < n; i += 1) {
    const own = await writer.db.posts.filter((post) => post.authorId === writerId && post.version > 0).toArray();
    const choice = below(4);
    const post = own[below(Math.max(1, own.length))];
    if (choice === 0 && post !== undefined) {
      await enqueueWrites(writer.db, [{ name: 'post.delete', args: { id: post.id } }]);
    } else if (choice === 1 && post !== undefined) {
      await enqueueWrites(writer.db, [
        { name: 'post.update', args: { id: post.id, body: `Edited (${String(seed)})` }, baseVersion: post.version },
      ]);
    } else {
      const threadId = threads[below(threads.length)] ?? '';
      await enqueueWrites(writer.db, [
        { name: 'post.create', args: { id: newId(), threadId, body: `Reply (${String(seed)})`, language: 'en' } },
      ]);
    }
    figures.writes += 1;
  }
  writer.engine.trigger();
  await expect
    .poll(async () => writer.engine.current().phase === 'idle' && (await writer.db.outbox.count()) === 0)
    .toBe(true);
}
/** The cache against the server: entities, post counts, unread counts and last activity, per thread. */
async function checkConverged(db: CollectiveBrainDb): Promise<void> {
  expect(await differences(db, pool, false)).toEqual({ entities: [], counts: [] });
  const { rows } = await pool.query<{ id: string; created: string; posts: number; last: string | null }>(
    `SELECT t.id::text, t.data->>'createdAt' AS created,
            count(p.id)::int AS posts, max(p.data->>'createdAt') AS last
       FROM entities t
       LEFT JOIN entities p ON p.type = 'post' AND NOT p.deleted AND p.data IS NOT NULL AND p.audience = 'all'
                           AND p.data->>'threadId' = t.id::text
      WHERE t.type = 'thread' AND NOT t.deleted AND t.data IS NOT NULL AND t.audience = 'all'
      GROUP BY t.id, t.data`,
  );
  const counts = await countsByThread(
    db,
    rows.map((row) => row.id),
  );
  const cached = new Map((await db.threads.toArray()).map((thread) => [thread.id, thread]));
  const wrong: string[] = [];
  for (const row of rows) {
    const shown = counts.get(row.id);
    // Nothing was read on this computer: every post is unread.
    if (shown?.posts !== row.posts || shown.unread !== row.posts)
      wrong.push(`thread ${row.id}: shows ${JSON.stringify(shown)}, server ${String(row.posts)} posts`);
    const last = [row.created, row.last ?? ''].sort().at(-1) ?? '';
    const activity = cached.get(row.id)?.lastActivityAt;
    if (activity === undefined || Date.parse(activity) !== Date.parse(last))
      wrong.push(`thread ${row.id}: last activity ${String(activity)}, server ${last}`);
  }
  expect(wrong).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.server.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  const profile = await makeTempDir('cb-faults-writer-');
  writer = await startSyncClient({ profileDir: profile.dir, serverUrl: server.server.url });
  cleanups.push(async () => {
    await writer.close();
    await profile.cleanup();
  });
  const status = await writer.api.session.login({ email: 'facilitator@example.org', password: DEMO_PASSWORD });
  if (!status.ok) throw new Error(`login failed: ${status.error.code}`);
  writer.engine.start();
  await writer.settle();
  writerId = (await writer.db.syncMeta.get('userId'))?.value ?? '';
  threads = (await writer.db.threads.filter((t) => !t.locked && !t.hidden).toArray()).map((t) => t.id);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await pool.end();
  await server.close();
});

describe('a first sync killed at random points', () => {
  it('converges to the server’s state, entity by entity and thread by thread', async () => {
    const figures = {
      kills: 0,
      trials: 0,
      writes: 0,
      byKind: new Map<string, number>(),
      missed: 0,
    };
    const landed = (what: string): void => {
      figures.kills += 1;
      figures.byKind.set(what, (figures.byKind.get(what) ?? 0) + 1);
    };
    // A first sync left alone, to draw the kills along its whole length: its sync requests, its
    // IndexedDB writes, its duration.
    const span = { requests: 0, writes: 0, ms: 0 };
    {
      const victim = await newVictim(() => {
        span.requests += 1;
        return 'pass';
      });
      const started = Date.now();
      victim.renderer.engine.start();
      await expect.poll(() => victim.renderer.engine.current().lastSuccessAt).not.toBeNull();
      span.ms = Date.now() - started;
      span.writes = victim.renderer.dies.writes;
      await closeVictim(victim);
    }
    while (figures.kills < KILLS) {
      figures.trials += 1;
      const victim = await newVictim(() => 'pass');
      const killsThisTrial = 1 + below(3);
      for (let round = 0; ; round += 1) {
        const armed = round < killsThisTrial;
        const kind = KINDS[below(KINDS.length)] ?? 'host killed';
        let detail: string = kind;
        let timer: NodeJS.Timeout | undefined;
        if (armed && kind === 'host killed') {
          const at = 1 + below(span.requests);
          const cut = CUTS[below(CUTS.length)] ?? 'before';
          detail = `${kind}, ${cut === 'before' ? 'before sending' : cut === 'after' ? 'after the answer' : 'mid-body'}`;
          let requests = 0;
          victim.onRequest = () => {
            requests += 1;
            return requests === at ? cut : 'pass';
          };
        } else if (armed && kind === 'renderer reloaded') {
          victim.renderer.dies.armAt(1 + below(span.writes));
        } else if (armed) {
          const renderer = victim.renderer;
          timer = setTimeout(() => renderer.dies.kill(), below(span.ms));
        }
        victim.renderer.engine.start();
        // Until the switch is pulled, or the first sync completes.
        await expect
          .poll(
            () =>
              victim.renderer.dies.killed ||
              (victim.renderer.engine.current().phase === 'idle' &&
                victim.renderer.engine.current().lastSuccessAt !== null),
          )
          .toBe(true);
        clearTimeout(timer);
        victim.onRequest = () => 'pass';
        victim.renderer.dies.armAt(null);
        if (!victim.renderer.dies.killed) {
          if (armed) figures.missed += 1;
          break;
        }
        landed(detail);
        await closeRenderer(victim.renderer);
        if (kind === 'host killed') {
          await victim.host.close();
          victim.host = await openHost(victim);
        }
        await writeElsewhere(figures);
        victim.renderer = openRenderer(victim);
      }
      // Anything written while the last run went on comes in too.
      victim.renderer.engine.trigger();
      await expect.poll(() => victim.renderer.engine.current().phase).toBe('idle');
      await checkConverged(victim.renderer.db);
      await closeVictim(victim);
    }

    await recordFigures('first-sync-killed', 'A first sync killed at random points', [
      `Run of ${new Date().toISOString().slice(0, 10)}, seed ${String(seed)}: \`npx vitest run --config vitest.faults.config.ts tests/faults/first-sync-killed.test.ts\`.`,
      '',
      `${String(figures.trials)} first syncs of the demo content (pages of ${String(PAGE_LIMIT)} changes), each killed one to three times at a random point, then left to finish. The points are drawn along a first sync left alone (${String(span.requests)} sync requests, ${String(span.writes)} IndexedDB writes, ${String(span.ms)} ms): the n-th request, the n-th write, or a moment; ${String(figures.writes)} writes by a facilitator on another computer between the kills. After each: the cache equal to the server, entity by entity (id and version), and thread by thread (post count, unread count, last activity).`,
      '',
      '| Killed | Times |',
      '| --- | --- |',
      ...[...figures.byKind].sort(([a], [b]) => a.localeCompare(b)).map(([what, n]) => `| ${what} | ${String(n)} |`),
      `| in all | ${String(figures.kills)} |`,
      `| (kills drawn after the sync had finished: not counted) | ${String(figures.missed)} |`,
    ]);
    expect(figures.kills).toBeGreaterThanOrEqual(KILLS);
  });
});
