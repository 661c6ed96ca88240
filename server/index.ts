import { createServer } from 'node:net';
import path from 'node:path';
import { buildApp } from './app';
import { pruneLoginThrottle } from './auth/rate-limit';
import { pruneTokens } from './auth/sessions';
import { collectUnreferencedUploads } from './files/collector';
import type { ServerContext, ServerLimits } from './context';
import { openDatabase } from './db/database';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { migrate } from './db/migrations';
import { LocalBlobStore } from './files/blob-store';
import { runSeed, type SeedName } from './seed';
import { startLiveHub } from './sync/live-hub';
import { pruneFeed } from './sync/maintenance';

export interface StartServerOptions {
  /** Port to listen on; 0 picks a free one. Default 8787. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Holds the embedded PostgreSQL cluster (`pg/`) and the file store (`files/`). Default `.tmp/server-data`. */
  readonly dataDir?: string;
  /** An external PostgreSQL; without it the server starts an embedded one in `dataDir`. */
  readonly databaseUrl?: string;
  /** Port of the embedded PostgreSQL; default a free one. */
  readonly pgPort?: number;
  readonly seed?: SeedName;
  /** The clock, replaceable in tests (token expiry, rate limits). */
  readonly now?: () => Date;
  readonly limits?: Partial<ServerLimits>;
  /** Believe X-Forwarded-For from this proxy (Fastify's `trustProxy`: true, an address, a CIDR list). */
  readonly trustProxy?: boolean | string | string[];
  readonly logger?: boolean;
  readonly onLog?: (message: string) => void;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  readonly url: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** Runs the daily housekeeping now (pruning, the upload collector): for operators and tests. */
  housekeeping(): Promise<void>;
  /** Stops accepting requests, closes live streams, the pool and the embedded database. */
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60;

export const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 1024 * 1024,
  uploadBytes: 50 * 1024 * 1024,
  uploadQuotaBytes: 2 * 1024 * 1024 * 1024,
  // Long: a facilitator attaches files to a session they may publish weeks later.
  uploadGraceSeconds: 30 * DAY,
  pullBytes: 2 * 1024 * 1024,
  tokenTtlSeconds: 60 * 60,
  refreshGraceSeconds: 7 * DAY,
  sessionMaxSeconds: 30 * DAY,
  refreshRetrySeconds: 60,
  loginAttempts: 10,
  loginWindowSeconds: 15 * 60,
  loginDelayMaxSeconds: 15 * 60,
  heartbeatSeconds: 15,
  retentionDays: 90,
  // Well above the live stream's heartbeat, which keeps it open.
  idleTimeoutSeconds: 120,
  // A 50 MiB upload at 30 KiB/s.
  requestTimeoutSeconds: 30 * 60,
  headersTimeoutSeconds: 30,
  keepAliveTimeoutSeconds: 10,
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Daily: old tombstones, ended sessions, forgotten sign-in failures, uploads nothing references. */
async function housekeeping(ctx: ServerContext): Promise<void> {
  await pruneFeed(ctx, ctx.limits.retentionDays);
  await pruneTokens(ctx);
  await pruneLoginThrottle(ctx);
  await collectUnreferencedUploads(ctx);
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dataDir = path.resolve(options.dataDir ?? path.join(process.cwd(), '.tmp', 'server-data'));
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = options.databaseUrl;
  if (databaseUrl === undefined) {
    embedded = await startEmbeddedDatabase({
      dataDir,
      port: options.pgPort ?? (await freePort()),
      ...(options.onLog === undefined ? {} : { onLog: options.onLog }),
    });
    databaseUrl = await embedded.createDatabase('collective_brain');
  }
  const db = openDatabase(databaseUrl);
  const cleanup: (() => Promise<void>)[] = [() => db.close(), async () => embedded?.stop()];
  const runCleanup = async (): Promise<void> => {
    for (const step of cleanup.splice(0))
      await step().catch((error: unknown) => console.error('[server] close:', error));
  };
  try {
    await migrate(db);
    const live = await startLiveHub(databaseUrl);
    cleanup.unshift(() => live.close());
    const ctx: ServerContext = {
      db,
      blobs: new LocalBlobStore(path.join(dataDir, 'files')),
      live,
      now: options.now ?? (() => new Date()),
      limits: { ...DEFAULT_LIMITS, ...options.limits },
    };
    if (options.seed !== undefined) await runSeed(ctx, options.seed);
    await housekeeping(ctx);
    const prune = (): void => {
      housekeeping(ctx).catch((error: unknown) => console.error('[server] housekeeping failed:', error));
    };
    const daily = setInterval(prune, DAY * 1000);
    daily.unref();
    cleanup.unshift(() => {
      clearInterval(daily);
      return Promise.resolve();
    });
    const app = buildApp(ctx, {
      logger: options.logger ?? false,
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    });
    cleanup.unshift(() => app.close());
    await app.listen({ port: options.port ?? 8787, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const host = options.host ?? '127.0.0.1';
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
      url: `http://${shownHost}:${port}`,
      port,
      databaseUrl,
      housekeeping: () => housekeeping(ctx),
      close: runCleanup,
    };
  } catch (error) {
    await runCleanup();
    throw error;
  }
}

export type { SeedName } from './seed';
export { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
export type { ServerLimits } from './context';
