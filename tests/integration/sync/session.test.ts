import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { makeTempDir } from '../../support/temp-dir';
import { startTestServer, type TestServer } from '../../support/server';
import {
  DEMO_PASSWORD,
  signInAndSync,
  startSyncClient,
  type FetchWrapper,
  type SyncClient,
} from '../../support/sync-client';

let server: TestServer;
const cleanups: (() => Promise<void>)[] = [];
const HOUR = 3_600_000;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server.close();
});

async function client(wrapFetch?: FetchWrapper): Promise<{ c: SyncClient; dir: string }> {
  const { dir, cleanup } = await makeTempDir('cb-client-');
  const c = await startSyncClient({
    profileDir: dir,
    serverUrl: server.server.url,
    ...(wrapFetch ? { wrapFetch } : {}),
  });
  cleanups.push(cleanup, () => c.close());
  return { c, dir };
}

function path(input: Parameters<typeof fetch>[0]): string {
  return new URL(String(input instanceof Request ? input.url : input)).pathname;
}

describe('session', () => {
  it('signs in with a clear error for a wrong password, and keeps the token out of the renderer', async () => {
    const { c, dir } = await client();
    const wrong = await c.api.session.login({ email: 'participant@example.org', password: 'not-it' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-credentials' } });
    const status = await c.api.session.login({ email: 'participant@example.org', password: DEMO_PASSWORD });
    expect(status).toMatchObject({
      ok: true,
      value: { state: 'signed-in', user: { email: 'participant@example.org' } },
    });
    expect(JSON.stringify(status)).not.toMatch(/token/iu);

    const secrets = join(dir, 'secrets.json');
    expect((await stat(secrets)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(secrets, 'utf8')) as { session: string };
    const token = (JSON.parse(stored.session) as { token: string }).token;
    c.engine.start();
    await c.settle();
    // Nothing in IndexedDB holds the token.
    for (const table of c.db.tables) {
      expect(JSON.stringify(await table.toArray())).not.toContain(token);
    }
  });

  it('refreshes an expired token once, even for concurrent requests', async () => {
    let refreshes = 0;
    const counting: FetchWrapper = (real) => (input, init) => {
      if (path(input) === '/api/auth/refresh') refreshes += 1;
      return real(input, init);
    };
    const { c } = await client(counting);
    await signInAndSync(c, 'participant@example.org');
    await c.engine.stop();
    server.advance(2 * HOUR); // the token's hour is over on the server
    const results = await Promise.all([c.api.sync.pull({}), c.api.sync.pull({}), c.api.sync.pull({})]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(refreshes).toBe(1);
  });

  it('pauses sync and keeps the outbox when the session cannot be refreshed', async () => {
    const { c } = await client();
    await signInAndSync(c, 'participant@example.org');
    await c.engine.stop();
    const thread = await c.db.threads.filter((t) => !t.locked).first();
    await enqueueWrites(c.db, [
      {
        name: 'post.create',
        args: { id: newId(), threadId: thread?.id ?? '', body: 'Pas encore envoyé.', language: 'fr' },
      },
    ]);
    server.advance(30 * 24 * HOUR); // past the refresh grace: the user must sign in again
    c.engine.start();
    const paused = await c.settle((s) => s.phase === 'paused');
    expect(paused.error?.code).toBe('session-expired');
    expect(await c.db.outbox.count()).toBe(1);
    expect(await c.api.session.status()).toMatchObject({ ok: true, value: { state: 'expired' } });

    // Signing in again resumes sync, and the reply goes out.
    await c.api.session.login({ email: 'participant@example.org', password: DEMO_PASSWORD });
    await c.settle((s) => s.phase === 'idle' && s.pushed === 1);
    expect(await c.db.outbox.count()).toBe(0);
  });

  it('signs out: the token is revoked on the server and forgotten here', async () => {
    let lastToken = '';
    const spying: FetchWrapper = (real) => (input, init) => {
      const auth = new Headers(init?.headers).get('authorization');
      if (auth !== null) lastToken = auth;
      return real(input, init);
    };
    const { c, dir } = await client(spying);
    await signInAndSync(c, 'participant@example.org');
    expect(await c.api.session.logout()).toMatchObject({ ok: true, value: { state: 'signed-out' } });
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))).toEqual({});
    const reuse = await fetch(`${server.server.url}/api/sync/pull`, {
      headers: { authorization: lastToken, 'x-protocol': '1' },
    });
    expect(reuse.status).toBe(401);
    expect(await c.api.sync.pull({})).toMatchObject({ ok: false, error: { code: 'signed-out' } });
  });
});
