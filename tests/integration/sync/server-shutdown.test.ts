import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort, startServer, type RunningServer } from '../../../server/index';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { signInAndSync, startSyncClient, type SyncClient } from '../../support/sync-client';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * The server stopped while a push is half-way (its transaction waiting on a lock): closing waits for the
 * push to finish before it ends the database pool. Before, the pool ended under the push, which logged
 * "Cannot use a pool after calling end" and failed. The client, cut off, retries once the server is back,
 * and the write lands once.
 */
describe('stopping the server during a push', () => {
  it('lets the push finish before the pool ends, and the client retries cleanly', async () => {
    const data = await makeTempDir('cb-server-');
    cleanups.push(data.cleanup);
    const port = await freePort();
    const start = (): Promise<RunningServer> => startServer({ port, dataDir: data.dir, seed: 'demo' });
    let server = await start();
    cleanups.push(() => server.close());
    const profile = await makeTempDir('cb-client-');
    cleanups.push(profile.cleanup);
    let pushes = 0;
    const client: SyncClient = await startSyncClient({
      profileDir: profile.dir,
      serverUrl: server.url,
      wrapFetch: (fetch) => (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes('/api/sync/push')) pushes += 1;
        return fetch(input, init);
      },
    });
    cleanups.push(() => client.close());
    await signInAndSync(client, 'participant@example.org');
    const thread = await client.db.threads.filter((t) => !t.locked && !t.hidden).first();
    if (thread === undefined) throw new Error('no open thread');

    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
    });
    cleanups.push(() => Promise.resolve(spy.mockRestore()));

    // A lock that holds every request where it checks the session (before its transaction), until this
    // test lets go.
    const blocker = new pg.Client({ connectionString: server.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE auth_tokens IN ACCESS EXCLUSIVE MODE');
    const id = newId();
    await enqueueWrites(client.db, [
      { name: 'post.create', args: { id, threadId: thread.id, body: 'Sent as the server stops.', language: 'en' } },
    ]);
    await expect.poll(() => pushes).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const { rows } = await blocker.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        return rows[0]?.n ?? 0;
      })
      .toBeGreaterThan(0);

    // Stop the server; once it no longer answers, the push it holds may go on.
    const closing = server.close();
    await expect
      .poll(() =>
        fetch(`${server.url}/api/meta`).then(
          () => 'answering',
          () => 'closed',
        ),
      )
      .toBe('closed');
    await blocker.query('ROLLBACK');
    await blocker.end();
    await closing;
    expect(errors.filter((line) => /pool|500|failed/i.test(line))).toEqual([]);
    // The client was cut off: its write waits, and sync waits to retry.
    expect(await client.db.outbox.count()).toBe(1);

    server = await start();
    client.engine.trigger();
    await expect.poll(() => client.db.outbox.count(), { timeout: 30_000 }).toBe(0);
    const check = new pg.Client({ connectionString: server.databaseUrl });
    await check.connect();
    const { rows } = await check.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entities WHERE type = 'post' AND id = $1`,
      [id],
    );
    await check.end();
    expect(rows[0]?.n).toBe(1);
    expect((await client.db.posts.get(id))?.version).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
