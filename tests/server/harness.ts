import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embedded';
import { freePort, startServer, type RunningServer, type StartServerOptions } from '../../server/index';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type LoginResponse, type PushResponse } from '../../src/shared/wire';

/**
 * One embedded PostgreSQL per test file, in its own temp folder and port;
 * each server gets a fresh database in it, so tests never see each other.
 */
export interface TestCluster {
  readonly dataDir: string;
  readonly db: EmbeddedDatabase;
  server(options?: Omit<StartServerOptions, 'databaseUrl' | 'dataDir'>): Promise<TestServer>;
  /** A fresh empty database (no migrations), for migration tests. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

export interface TestServer extends RunningServer {
  readonly api: ApiClient;
  /** A direct connection to the server's database, for assertions. */
  sql<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cb-server-test-'));
  const db = await startEmbeddedDatabase({ dataDir, port: await freePort() });
  const servers: TestServer[] = [];
  let counter = 0;
  return {
    dataDir,
    db,
    database: () => db.createDatabase(`t_${process.pid}_${(counter += 1)}`),
    async server(options = {}) {
      const name = `t_${process.pid}_${(counter += 1)}`;
      const databaseUrl = await db.createDatabase(name);
      const running = await startServer({ port: 0, ...options, databaseUrl, dataDir: path.join(dataDir, name) });
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      pool.on('error', () => undefined);
      const server: TestServer = {
        ...running,
        api: new ApiClient(running.url),
        async sql<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
          return (await pool.query<R>(text, values)).rows;
        },
        async close() {
          await pool.end();
          await running.close();
        },
      };
      servers.push(server);
      return server;
    },
    async stop() {
      for (const server of servers.splice(0)) await server.close().catch(() => undefined);
      await db.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly raw?: Uint8Array | string;
  readonly protocol?: string | null;
}

export class ApiClient {
  constructor(readonly base: string) {}

  async request<T = unknown>(method: string, route: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.protocol !== null) headers[PROTOCOL_HEADER] = options.protocol ?? String(PROTOCOL_VERSION);
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${this.base}${route}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  async login(email: string, password = 'collective-brain'): Promise<string> {
    const response = await this.request<LoginResponse>('POST', '/api/auth/login', { body: { email, password } });
    if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${response.text}`);
    return response.body.token;
  }

  async push(token: string, clientId: string, mutations: unknown[]): Promise<ApiResponse<PushResponse>> {
    return this.request<PushResponse>('POST', '/api/sync/push', { token, body: { clientId, mutations } });
  }
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 0, 1, 12)): { now: () => Date; advance(seconds: number): void } {
  let current = start;
  return {
    now: () => new Date(current),
    advance(seconds: number) {
      current += seconds * 1000;
    },
  };
}

export const DEMO = {
  participant: 'participant@example.org',
  facilitator: 'facilitator@example.org',
  moderator: 'moderator@example.org',
  editor: 'editor@example.org',
  admin: 'admin@example.org',
} as const;
