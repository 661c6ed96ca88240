import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll } from 'vitest';
import { buildApi } from '../../src/shared/api-builder';
import type { Api } from '../../src/shared/contract';
import { createNodeHost } from '../../src/main/host/node-host';
import { createServices, type Services, type ServicesOptions } from '../../src/main/services';
import { createDispatcher } from '../../src/main/services/dispatcher';
import { EventBus } from '../../src/main/services/events';
import { openDb, type CollectiveBrainDb } from '../../src/renderer/src/data/db';
import { SyncEngine, type SyncEngineOptions, type SyncStatus } from '../../src/renderer/src/data/sync-engine';

import { startTestServer, type TestServer } from './server';
import { makeTempDir } from './temp-dir';

export const DEMO_PASSWORD = 'collective-brain';

export interface SyncClient {
  /** The main process's profile folder (start another client on it to "restart the app"). */
  profileDir: string;
  api: Api;
  services: Services;
  db: CollectiveBrainDb;
  engine: SyncEngine;
  /** Resolves once a sync run ends in `idle` (or the predicate holds). */
  settle(predicate?: (status: SyncStatus) => boolean, timeoutMs?: number): Promise<SyncStatus>;
  close(): Promise<void>;
}

export type FetchWrapper = (fetch: typeof globalThis.fetch) => typeof globalThis.fetch;

/**
 * One desktop client, for real: the main-process services on a Node host in
 * `profileDir`, talking to the server over loopback, and the renderer's data
 * layer over an in-memory IndexedDB. Only the IPC/WebSocket hop is skipped.
 */
export async function startSyncClient(options: {
  profileDir: string;
  serverUrl: string;
  wrapFetch?: FetchWrapper;
  pageLimit?: number;
  /** The engine's retry backoff (20-200 ms by default, so that retries in tests are quick). */
  backoff?: SyncEngineOptions['backoff'];
  /** Where packs and archives write: a test makes the disk full there. */
  venueFs?: ServicesOptions['venueFs'];
  /** The renderer's IndexedDB: pass the same one again to "restart the app" with its data (default: a new one). */
  indexedDB?: IDBFactory;
  /** What main puts between the services and the renderer (the desktop shell's pause gate, for one). */
  wrapHandlers?: (
    handlers: Services['handlers'],
    context: { services: Services; events: EventBus },
  ) => Services['handlers'];
}): Promise<SyncClient> {
  const base = createNodeHost({
    appName: 'Collective Brain',
    appVersion: '0.0.0-test',
    profileDir: options.profileDir,
    log: () => undefined,
  });
  const host = {
    ...base,
    systemLanguages: () => ['en'],
    fetch: options.wrapFetch ? options.wrapFetch(base.fetch) : base.fetch,
  };
  const events = new EventBus();
  const services = await createServices({
    host,
    events,
    serverUrlOverride: options.serverUrl,
    liveBackoff: { baseMs: 20, maxMs: 200 },
    ...(options.venueFs !== undefined ? { venueFs: options.venueFs } : {}),
  });
  const handlers = options.wrapHandlers
    ? options.wrapHandlers(services.handlers, { services, events })
    : services.handlers;
  const dispatch = createDispatcher(handlers, {
    onInternalError: (channel, error) => console.error(channel, error),
  });
  const api = buildApi(dispatch, (event, listener) =>
    events.subscribe((name, payload) => {
      if (name === event) listener(payload);
    }),
  );
  const db = openDb(`cb-${options.profileDir}`, { indexedDB: options.indexedDB ?? new IDBFactory(), IDBKeyRange });
  const engine = new SyncEngine({
    db,
    api,
    backoff: options.backoff ?? { baseMs: 20, maxMs: 200 },
    idlePollMs: 60_000,
    ...(options.pageLimit !== undefined ? { pageLimit: options.pageLimit } : {}),
  });
  let closing: Promise<void> | undefined;
  return {
    profileDir: options.profileDir,
    api,
    services,
    db,
    engine,
    settle: (predicate = (status) => status.phase === 'idle' && status.lastSuccessAt !== null, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`sync did not settle: ${JSON.stringify(engine.current())}`));
        }, timeoutMs);
        const check = (status: SyncStatus): void => {
          if (!predicate(status)) return;
          clearTimeout(timer);
          off();
          resolve(status);
        };
        const off = engine.subscribe(check);
        check(engine.current());
      }),
    close: () =>
      (closing ??= (async () => {
        await engine.stop();
        await services.close();
        db.close();
      })()),
  };
}

/** Signs in and runs sync until the first complete pull. */
export async function signInAndSync(client: SyncClient, email: string): Promise<void> {
  const status = await client.api.session.login({ email, password: DEMO_PASSWORD });
  if (!status.ok) throw new Error(`login failed: ${status.error.code}`);
  client.engine.start();
  await client.settle();
}

/**
 * The usual frame of a sync test file: one real server for the file (started
 * before its tests, closed after them), and clients on it, each in its own
 * profile folder, all closed when the file ends. Call it at the top of the file.
 */
export function useSyncTestbed(): {
  /** The server (after the file's first beforeAll has run). */
  server: () => TestServer;
  client: (options?: {
    pageLimit?: number;
    wrapFetch?: FetchWrapper;
    profileDir?: string;
    backoff?: SyncEngineOptions['backoff'];
    venueFs?: ServicesOptions['venueFs'];
    wrapHandlers?: Parameters<typeof startSyncClient>[0]['wrapHandlers'];
  }) => Promise<SyncClient>;
  /** Something else to close when the file ends (a search service, a listener). */
  onCleanup: (cleanup: () => Promise<void> | void) => void;
} {
  let server: TestServer | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await server?.close();
  });
  const current = (): TestServer => {
    if (server === undefined) throw new Error('the test server starts in beforeAll');
    return server;
  };
  return {
    server: current,
    client: async (options = {}) => {
      let profileDir = options.profileDir;
      if (profileDir === undefined) {
        const temp = await makeTempDir('cb-client-');
        cleanups.push(temp.cleanup);
        profileDir = temp.dir;
      }
      const created = await startSyncClient({
        profileDir,
        serverUrl: current().server.url,
        ...(options.pageLimit !== undefined ? { pageLimit: options.pageLimit } : {}),
        ...(options.wrapFetch !== undefined ? { wrapFetch: options.wrapFetch } : {}),
        ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
        ...(options.venueFs !== undefined ? { venueFs: options.venueFs } : {}),
        ...(options.wrapHandlers !== undefined ? { wrapHandlers: options.wrapHandlers } : {}),
      });
      cleanups.push(() => created.close());
      return created;
    },
    onCleanup: (cleanup) => cleanups.push(cleanup),
  };
}
