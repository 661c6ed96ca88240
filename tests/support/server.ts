import { startServer, type RunningServer, type StartServerOptions } from '../../server/index';
import { makeTempDir } from './temp-dir';

export interface TestServer {
  server: RunningServer;
  dataDir: string;
  /** The server's clock, for token expiry: move it forward with `advance`. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** The real reference server on loopback, with embedded PostgreSQL in its own temp folder. */
export async function startTestServer(options: Partial<StartServerOptions> = {}): Promise<TestServer> {
  const { dir, cleanup } = await makeTempDir('cb-server-');
  let offset = 0;
  const server = await startServer({
    port: 0,
    dataDir: dir,
    seed: 'demo',
    now: () => new Date(Date.now() + offset),
    ...options,
  });
  return {
    server,
    dataDir: dir,
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      await server.close();
      await cleanup();
    },
  };
}
