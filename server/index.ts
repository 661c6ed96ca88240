import { createServer } from 'node:net';
import path from 'node:path';
import { buildApp } from './app';
import type { ServerContext, ServerLimits } from './context';
import { openDatabase } from './db/database';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { migrate } from './db/migrations';
import { LocalBlobStore } from './files/blob-store';
import { runSeed, type SeedName } from './seed';
import { startLiveHub } from './sync/live-hub';
import { pruneFeed } from './sync/maintenance';
import { loadServerKey } from './venue/signing-key';

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
  readonly logger?: boolean;
  readonly onLog?: (message: string) => void;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  readonly url: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** Stops accepting requests, closes live streams, the pool and the embedded database. */
  close(): Promise<void>;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 1024 * 1024,
  uploadBytes: 50 * 1024 * 1024,
  pullBytes: 2 * 1024 * 1024,
  tokenTtlSeconds: 60 * 60,
  refreshGraceSeconds: 7 * 24 * 60 * 60,
  loginAttempts: 10,
  loginWindowSeconds: 5 * 60,
  heartbeatSeconds: 15,
  retentionDays: 90,
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
    await pruneFeed(ctx, ctx.limits.retentionDays);
    const prune = (): void => {
      pruneFeed(ctx, ctx.limits.retentionDays).catch((error: unknown) =>
        console.error('[server] prune failed:', error),
      );
    };
    const daily = setInterval(prune, 24 * 60 * 60 * 1000);
    daily.unref();
    cleanup.unshift(() => {
      clearInterval(daily);
      return Promise.resolve();
    });
    const app = buildApp(ctx, { logger: options.logger ?? false, venueKey: await loadServerKey(dataDir) });
    cleanup.unshift(() => app.close());
    await app.listen({ port: options.port ?? 8787, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const host = options.host ?? '127.0.0.1';
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return { url: `http://${shownHost}:${port}`, port, databaseUrl, close: runCleanup };
  } catch (error) {
    await runCleanup();
    throw error;
  }
}

export type { SeedName } from './seed';
export { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
export type { ServerLimits } from './context';
