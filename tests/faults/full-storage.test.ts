import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftKeys } from '../../src/renderer/src/data/drafts';
import { newId } from '../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../src/renderer/src/data/outbox';
import { startTestServer, type TestServer } from '../support/server';
import { StorageQuota } from './storage-quota';
import { DEMO_PASSWORD, startSyncClient, type SyncClient } from '../support/sync-client';
import { makeTempDir } from '../support/temp-dir';
import { differences } from './convergence';
import { seededRandom } from './faulty-proxy';
import { recordFigures, runSeed, scale } from './report';

/**
 * A full IndexedDB quota, at random points: the storage fills up at the n-th write of the renderer's
 * database (mid-page, mid-push, while a draft is sent), stays full a while, then room is made. The user
 * keeps writing replies from drafts; someone else keeps writing. What must hold: sync names the error
 * (`disk-full`, shown by the status area and the Sync center) while it lasts; every reply the user sent is
 * on the server exactly once, every reply whose sending failed is still a draft, none is both or neither;
 * and once there is room the cache equals the server.
 */
const ROUNDS = scale(30, 6);
const seed = runSeed();
const random = seededRandom(seed);
const below = (n: number): number => Math.floor(random() * n);

let server: TestServer;
let pool: pg.Pool;
let victim: SyncClient;
let writer: SyncClient;
const quota = new StorageQuota();
const cleanups: (() => Promise<void>)[] = [];

async function client(email: string, install?: StorageQuota): Promise<SyncClient> {
  const profile = await makeTempDir('cb-faults-storage-');
  const created = await startSyncClient({
    profileDir: profile.dir,
    serverUrl: server.server.url,
    backoff: { baseMs: 20, maxMs: 200 },
  });
  install?.install(created.db);
  cleanups.push(async () => {
    await created.close();
    await profile.cleanup();
  });
  const status = await created.api.session.login({ email, password: DEMO_PASSWORD });
  if (!status.ok) throw new Error(`login failed: ${status.error.code}`);
  created.engine.start();
  await created.settle();
  return created;
}

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.server.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  victim = await client('participant@example.org', quota);
  writer = await client('facilitator@example.org');
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await pool.end();
  await server.close();
});

describe('a full IndexedDB quota at random points', () => {
  it('keeps every draft and write, names the error, and converges once there is room', async () => {
    const threads = (await victim.db.threads.filter((t) => !t.locked && !t.hidden).toArray()).map((t) => t.id);
    const sent = new Set<string>();
    const kept = new Map<string, string>();
    const figures = { fills: 0, refusedWrites: 0, shown: 0, sendsFailed: 0, sent: 0, elsewhere: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      const threadId = threads[below(threads.length)] ?? '';
      // The user types a reply: its draft is stored while there is room.
      const key = draftKeys.refusedReply(threadId, newId());
      const body = `Reply ${String(round)} (${String(seed)})`;
      await victim.db.drafts.put({
        key,
        kind: 'reply',
        fields: { body },
        targetId: threadId,
        updatedAt: new Date().toISOString(),
      });
      // Someone else writes, so that a pull has something to store.
      await enqueueWrites(writer.db, [
        { name: 'post.create', args: { id: newId(), threadId, body: `Elsewhere ${String(round)}`, language: 'en' } },
      ]);
      writer.engine.trigger();
      figures.elsewhere += 1;
      // The storage fills up at a random write from now on.
      quota.fillAfter(1 + below(12));
      figures.fills += 1;
      const refusedBefore = quota.refused;
      const id = newId();
      try {
        await enqueueWrites(victim.db, [{ name: 'post.create', args: { id, threadId, body, language: 'en' } }], {
          alsoDeleteDrafts: [key],
        });
        sent.add(id);
        figures.sent += 1;
      } catch (error) {
        expect(error).toMatchObject({ name: 'QuotaExceededError' });
        kept.set(key, body);
        figures.sendsFailed += 1;
      }
      victim.engine.trigger();
      if (quota.full) {
        // Full: sync must say so, not fail silently or stop.
        await expect.poll(() => quota.full && victim.engine.current().error?.code === 'disk-full').toBe(true);
        figures.shown += 1;
      }
      figures.refusedWrites += quota.refused - refusedBefore;
      // Nothing of the user's is lost meanwhile, nor both sent and kept.
      const drafts = new Set((await victim.db.drafts.toArray()).map((draft) => draft.key));
      for (const draftKey of kept.keys()) expect(drafts.has(draftKey)).toBe(true);
      if (sent.has(id)) expect(drafts.has(key)).toBe(false);
      quota.free();
    }

    victim.engine.trigger();
    await expect
      .poll(async () => victim.engine.current().phase === 'idle' && (await victim.db.outbox.count()) === 0)
      .toBe(true);
    await expect.poll(async () => (await writer.db.outbox.count()) === 0).toBe(true);
    victim.engine.trigger();
    await expect.poll(() => victim.engine.current().phase).toBe('idle');
    const { rows } = await pool.query<{ id: string; n: number }>(
      `SELECT id::text, count(*)::int AS n FROM entities WHERE type = 'post' AND id = ANY($1::uuid[]) GROUP BY id`,
      [[...sent]],
    );
    expect(rows.length).toBe(sent.size);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    const drafts = new Map((await victim.db.drafts.toArray()).map((draft) => [draft.key, draft.fields['body']]));
    expect(drafts).toEqual(kept);
    expect(await differences(victim.db, pool, false)).toEqual({ entities: [], counts: [] });

    await recordFigures('full-storage', 'A full IndexedDB quota', [
      `Run of ${new Date().toISOString().slice(0, 10)}, seed ${String(seed)}: \`npx vitest run --config vitest.faults.config.ts tests/faults/full-storage.test.ts\`.`,
      '',
      `${String(ROUNDS)} rounds on the real server: the user sends a reply from its draft, a facilitator elsewhere replies too, and the renderer's IndexedDB fills up at a random write from then on (the browser's QuotaExceededError), until room is made at the end of the round. After every round: each draft whose sending failed still there, none both sent and kept. At the end: every sent reply on the server exactly once, the drafts exactly those not sent, every outbox empty, the cache equal to the server (entities by id and version, thread counts).`,
      '',
      '|                                                       |     |',
      '| ----------------------------------------------------- | --- |',
      `| Times the storage filled up | ${String(figures.fills)} |`,
      `| IndexedDB writes refused | ${String(figures.refusedWrites)} |`,
      `| Replies sent (each on the server once) | ${String(figures.sent)} |`,
      `| Replies whose sending failed (kept as drafts) | ${String(figures.sendsFailed)} |`,
      `| Replies written elsewhere meanwhile | ${String(figures.elsewhere)} |`,
      `| Rounds where sync was seen showing \`disk-full\` | ${String(figures.shown)} |`,
      '',
      'A full disk under the host (ENOSPC) is covered where the host writes: downloads (tests/integration/downloads/faults.test.ts: no partial file, `disk-full`, a notice), saved copies (tests/unit/save-service.test.ts), venue packs (tests/integration/venue/venue-disk.test.ts); its settings and session files are written atomically (a temporary file, then a rename), so a failed write leaves the previous file whole.',
    ]);
    expect(figures.sent + figures.sendsFailed).toBe(ROUNDS);
  });
});
