/**
 * Browser mode: `npm run start:web -- [--port 5273] [--profile DIR] [--server URL] [--venue-bind ADDRESS] [--venue-discovery]`.
 * Runs the main-process services in plain Node and serves the built renderer
 * on 127.0.0.1, for machines where Electron cannot run and for end-to-end tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeHost } from '../host/node-host';
import { createDispatcher } from '../services/dispatcher';
import { EventBus } from '../services/events';
import { createServices } from '../services';
import { newLaunchSecret, startWebHostServer, webFileUrl } from './web-host-server';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function fail(message: string): never {
  process.stderr.write(`start:web: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5273' },
      profile: { type: 'string' },
      server: { type: 'string' },
      /** Where venue sharing listens (all interfaces by default; tests keep it on 127.0.0.1). */
      'venue-bind': { type: 'string' },
      // mDNS on this machine's network: asked for explicitly, so scripted runs (tests, the tour) never multicast.
      'venue-discovery': { type: 'boolean' },
      'renderer-dir': { type: 'string', default: resolve(repoRoot, 'out/renderer') },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got ${values.port}`);
  const rendererDir = resolve(values['renderer-dir']);
  if (!existsSync(resolve(rendererDir, 'index.html')))
    fail(`no built renderer in ${rendererDir}; run "npm run build" first`);

  const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as {
    productName: string;
    version: string;
  };
  const host = createNodeHost({
    appName: pkg.productName,
    appVersion: pkg.version,
    ...(values.profile !== undefined ? { profileDir: resolve(values.profile) } : {}),
  });
  const events = new EventBus();
  const secret = newLaunchSecret();
  const services = await createServices({
    host,
    events,
    fileUrl: (sha256) => webFileUrl(secret, sha256),
    ...(values.server !== undefined ? { serverUrlOverride: values.server } : {}),
    ...(values['venue-bind'] !== undefined ? { venueBind: values['venue-bind'] } : {}),
    venueDiscovery: values['venue-discovery'] === true,
  }).catch((error: unknown) => fail((error as Error).message));
  const dispatch = createDispatcher(services.handlers, {
    onInternalError: (channel, error) =>
      process.stderr.write(`[${channel}] ${(error as Error).stack ?? String(error)}\n`),
  });
  const web = await startWebHostServer({ rendererDir, dispatch, events, port, secret, files: services.downloads });

  process.stdout.write(`Collective Brain (browser mode) profile: ${host.paths.userData}\n`);
  process.stdout.write(`Open this address in your browser: ${web.launchUrl}\n`);

  const stop = (): void => {
    void web
      .close()
      .then(() => services.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
