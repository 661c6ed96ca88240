import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../../src/shared/api-builder';
import type { Api } from '../../../src/shared/contract';
import { createNodeHost } from '../../../src/main/host/node-host';
import { createServices, type Services } from '../../../src/main/services';
import { createDispatcher } from '../../../src/main/services/dispatcher';
import { EventBus } from '../../../src/main/services/events';
import { openDb, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { SyncEngine, type SyncStatus } from '../../../src/renderer/src/data/sync-engine';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullPage } from '../../../src/shared/wire';
import { startTestServer, type TestServer } from '../../support/server';
import { makeTempDir } from '../../support/temp-dir';

/**
 * A session belongs to the server that issued it. Two real servers on
 * loopback, both seeded with the same demo accounts (so the same user ids, as
 * a copy of a server or a hostile one would have): whichever way the address
 * changes (a renderer call, the Settings screen's confirmed change, the
 * --server switch), server B never receives server A's token, and the writes
 * waiting for A are never sent to B; they reach A once the user signs in there again.
 */
let serverA: TestServer;
let serverB: TestServer;
const cleanups: (() => Promise<void> | void)[] = [];
const EMAIL = 'participant@example.org';
const PASSWORD = 'collective-brain';

interface Sent {
  readonly origin: string;
  readonly path: string;
  readonly authorization: string | null;
  readonly body: string;
}
const sent: Sent[] = [];

beforeAll(async () => {
  [serverA, serverB] = await Promise.all([startTestServer(), startTestServer()]);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await Promise.all([serverA.close(), serverB.close()]);
});

const origin = (server: TestServer): string => new URL(server.server.url).origin;

/** The network as the server sees it: every request main sends, with its credentials and body. */
function recording(real: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    sent.push({
      origin: url.origin,
      path: url.pathname,
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return real(input, init);
  };
}

interface MainProcess {
  api: Api;
  services: Services;
  close(): Promise<void>;
}

/** The app's main process on this profile; `server` plays the --server switch. */
async function startMain(profileDir: string, server?: TestServer): Promise<MainProcess> {
  const base = createNodeHost({
    appName: 'Collective Brain',
    appVersion: '0.0.0-test',
    profileDir,
    log: () => undefined,
  });
  const host = { ...base, systemLanguages: () => ['en'], fetch: recording(base.fetch) };
  const events = new EventBus();
  const services = await createServices({
    host,
    events,
    liveBackoff: { baseMs: 20, maxMs: 200 },
    ...(server !== undefined ? { serverUrlOverride: server.server.url } : {}),
  });
  const dispatch = createDispatcher(services.handlers);
  const api = buildApi(dispatch, (event, listener) =>
    events.subscribe((name, payload) => {
      if (name === event) listener(payload);
    }),
  );
  let closing: Promise<void> | undefined;
  const main = { api, services, close: () => (closing ??= services.close()) };
  cleanups.push(() => main.close());
  return main;
}

async function profile(): Promise<string> {
  const { dir, cleanup } = await makeTempDir('cb-origin-');
  cleanups.push(cleanup);
  return dir;
}

async function storedToken(profileDir: string): Promise<string> {
  const secrets = JSON.parse(await readFile(join(profileDir, 'secrets.json'), 'utf8')) as { session: string };
  return (JSON.parse(secrets.session) as { token: string }).token;
}

async function signIn(main: MainProcess): Promise<{ account: string; userId: string }> {
  const status = await main.api.session.login({ email: EMAIL, password: PASSWORD });
  if (!status.ok) throw new Error(`sign-in failed: ${status.error.code}`);
  const { account, user } = status.value;
  if (account === undefined || user === undefined) throw new Error('no account after sign-in');
  return { account, userId: user.id };
}

/** The renderer's cache for an account, as the app names it (one per server and user). */
function cacheOf(computer: InstanceType<typeof IDBFactory>, account: string): CollectiveBrainDb {
  const db = openDb(`cb-${account}`, { indexedDB: computer, IDBKeyRange });
  cleanups.push(() => db.close());
  return db;
}

function engineFor(db: CollectiveBrainDb, api: Api, account: string): SyncEngine {
  const engine = new SyncEngine({ db, api, account, backoff: { baseMs: 20, maxMs: 200 }, idlePollMs: 60_000 });
  cleanups.push(() => engine.stop());
  return engine;
}

function until(engine: SyncEngine, predicate: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const check = (status: SyncStatus): void => {
      if (!predicate(status)) return;
      off();
      resolve(status);
    };
    const off = engine.subscribe(check);
    check(engine.current());
  });
}

const synced = (status: SyncStatus): boolean => status.phase === 'idle' && status.lastSuccessAt !== null;

/** What the server holds, read with a session of its own. */
async function threadExists(server: TestServer, id: string): Promise<boolean> {
  const headers = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), 'content-type': 'application/json' };
  const login = await fetch(`${server.server.url}/api/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  let cursor = '';
  for (;;) {
    const response = await fetch(`${server.server.url}/api/sync/pull?limit=2000${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { ...headers, authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as PullPage;
    if (page.changes.some((change) => change.type === 'thread' && change.id === id)) return true;
    if (!page.hasMore) return false;
    cursor = page.cursor;
  }
}

function tokenReached(server: TestServer, token: string): boolean {
  return sent.some((request) => request.origin === origin(server) && request.authorization === `Bearer ${token}`);
}

describe('a session is bound to the server that issued it', () => {
  it('never sends server A’s token to server B, and changing the address signs out after confirmation', async () => {
    const dir = await profile();
    const main = await startMain(dir, serverA);
    await signIn(main);
    const tokenA = await storedToken(dir);
    await main.api.sync.pull({});

    // A renderer call cannot move the session: it is refused by name, and nothing changes.
    expect(await main.api.settings.set({ serverUrl: serverB.server.url })).toMatchObject({
      ok: false,
      error: { code: 'sign-out-required' },
    });
    expect(
      await main.api.session.login({ email: EMAIL, password: PASSWORD, serverUrl: serverB.server.url }),
    ).toMatchObject({ ok: false, error: { code: 'sign-out-required' } });
    expect(await main.api.settings.get()).toMatchObject({ ok: true, value: { serverUrl: serverA.server.url } });
    expect(await main.api.session.status()).toMatchObject({ ok: true, value: { state: 'signed-in' } });

    // The confirmed change: signed out of A (revoked there), then the new address.
    const changed = await main.api.session.changeServer({ serverUrl: serverB.server.url });
    expect(changed).toMatchObject({ ok: true, value: { state: 'signed-out', serverUrl: serverB.server.url } });
    const me = await fetch(`${serverA.server.url}/api/auth/me`, {
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${tokenA}` },
    });
    expect(me.status).toBe(401);
    expect(await main.api.sync.pull({})).toMatchObject({ ok: false, error: { code: 'signed-out' } });

    await signIn(main);
    expect(await main.api.sync.pull({})).toMatchObject({ ok: true });
    expect(tokenReached(serverA, tokenA)).toBe(true);
    expect(tokenReached(serverB, tokenA)).toBe(false);
    await main.close();
  });

  it('holds the session of A while --server names B, sends B nothing of it, and uses it again back on A', async () => {
    const dir = await profile();
    const first = await startMain(dir, serverA);
    await signIn(first);
    const tokenA = await storedToken(dir);
    await first.close();

    const mark = sent.length;
    const onB = await startMain(dir, serverB);
    const status = await onB.api.session.status();
    expect(status).toMatchObject({ ok: true, value: { state: 'signed-out', serverUrl: serverB.server.url } });
    expect(await onB.api.sync.pull({})).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    expect(await onB.api.sync.recent()).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    await onB.close();
    // No credentials at all went to B while the session of A was held.
    expect(
      sent.slice(mark).filter((request) => request.origin === origin(serverB) && request.authorization !== null),
    ).toEqual([]);
    expect(tokenReached(serverB, tokenA)).toBe(false);

    const back = await startMain(dir, serverA);
    expect(await back.api.session.status()).toMatchObject({ ok: true, value: { state: 'signed-in' } });
    expect(await back.api.sync.pull({})).toMatchObject({ ok: true });
    await back.close();
  });

  it('keeps the writes waiting for A in A’s outbox: never sent to B, sent to A once signed in there again', async () => {
    const computer = new IDBFactory();
    const dir = await profile();
    const main = await startMain(dir, serverA);
    const onA = await signIn(main);
    // Written while A was out of reach: it waits in A's outbox.
    const cacheA = cacheOf(computer, onA.account);
    const threadId = newId();
    const categories = await main.api.sync.recent();
    const categoryId = categories.ok ? categories.value.changes.find((change) => change.type === 'category')?.id : '';
    await enqueueWrites(cacheA, [
      {
        name: 'thread.create',
        args: { id: threadId, categoryId: categoryId ?? '', title: 'For A only', language: 'en' },
      },
    ]);
    expect(await cacheA.outbox.count()).toBe(1);

    const changed = await main.api.session.changeServer({ serverUrl: serverB.server.url });
    expect(changed.ok).toBe(true);
    const onB = await signIn(main);
    // The same user id on both servers: the account (and so the cache and outbox) still differs.
    expect(onB.userId).toBe(onA.userId);
    expect(onB.account).not.toBe(onA.account);

    // A window still holding A's cache tries to sync while signed in to B: main refuses, sync pauses.
    const lateA = engineFor(cacheA, main.api, onA.account);
    lateA.start();
    const paused = await until(lateA, (status) => status.phase === 'paused');
    expect(paused.error?.code).toBe('signed-out');
    await lateA.stop();
    // B's own cache syncs normally, and has nothing to send.
    const cacheB = cacheOf(computer, onB.account);
    const engineB = engineFor(cacheB, main.api, onB.account);
    engineB.start();
    await until(engineB, synced);
    await engineB.stop();
    expect(await cacheA.outbox.count()).toBe(1);
    expect(sent.some((request) => request.origin === origin(serverB) && request.body.includes(threadId))).toBe(false);
    expect(await threadExists(serverB, threadId)).toBe(false);

    // Back to A: the same account, the same outbox, and the write goes where it was meant to.
    expect((await main.api.session.changeServer({ serverUrl: serverA.server.url })).ok).toBe(true);
    expect((await signIn(main)).account).toBe(onA.account);
    const engineA = engineFor(cacheA, main.api, onA.account);
    engineA.start();
    await until(engineA, synced);
    expect(await cacheA.outbox.count()).toBe(0);
    expect(await threadExists(serverA, threadId)).toBe(true);
    expect(await threadExists(serverB, threadId)).toBe(false);
    await main.close();
  });

  it('lets an admin end another account’s sessions through main, and refuses anyone else', async () => {
    const dir = await profile();
    const main = await startMain(dir, serverA);
    const login = await main.api.session.login({ email: 'admin@example.org', password: PASSWORD });
    if (!login.ok) throw new Error(login.error.code);
    const victim = await fetch(`${serverA.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const { token, user } = (await victim.json()) as { token: string; user: { id: string } };
    const revoked = await main.api.session.revokeAccountSessions({ userId: user.id });
    expect(revoked).toMatchObject({ ok: true, value: { revoked: expect.any(Number) as number } });
    const me = await fetch(`${serverA.server.url}/api/auth/me`, {
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(401);
    // The admin's own session goes on.
    expect(await main.api.session.status()).toMatchObject({ ok: true, value: { state: 'signed-in' } });

    await main.api.session.logout();
    await signIn(main);
    expect(await main.api.session.revokeAccountSessions({ userId: user.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await main.close();
  });
});
