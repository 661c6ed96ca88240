import Fastify, { type FastifyInstance } from 'fastify';
import {
  checkProtocolVersion,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_EXEMPT_PATHS,
  PROTOCOL_HEADER,
  PROTOCOL_MAX_HEADER,
  PROTOCOL_MIN_HEADER,
  PROTOCOL_VERSION,
} from '../src/shared/wire';
import type { ServerContext } from './context';
import { drainHandlersOnClose } from './http/in-flight';
import { HttpError, installErrorHandling } from './http/errors';
import { authRoutes } from './routes/auth';
import { fileRoutes } from './routes/files';
import { metaRoutes } from './routes/meta';
import { peopleRoutes } from './routes/people';
import { syncRoutes } from './routes/sync';
import { venueRoutes } from './venue/routes';
import type { ServerSigningKey } from './venue/signing-key';

const PROTOCOL_MESSAGES = {
  'protocol-missing': `Send the ${PROTOCOL_HEADER} header with the protocol version.`,
  'protocol-too-old': `This client is too old for this server; update it (server speaks ${MIN_PROTOCOL_VERSION}..${PROTOCOL_VERSION}).`,
  'protocol-too-new': `This server is older than the client; it speaks ${MIN_PROTOCOL_VERSION}..${PROTOCOL_VERSION}.`,
} as const;

/** The routes that take query parameters (each validates its own); elsewhere they are unknown fields. */
const QUERY_PATHS: ReadonlySet<string> = new Set(['/api/sync/pull', '/api/sync/recent']);

export interface AppOptions {
  readonly logger: boolean;
  /**
   * Whom to believe about the client's address (X-Forwarded-For), as Fastify's
   * `trustProxy`: the reverse proxy in front of the server. Off by default, so
   * nobody can pick the address the sign-in throttle counts them under.
   */
  readonly trustProxy?: boolean | string | string[];
  /** The server's own signing key for the venue kit's packs and receipts (docs/venue.md). */
  readonly venueKey?: ServerSigningKey;
}

export function buildApp(ctx: ServerContext, options: AppOptions): FastifyInstance {
  const { limits } = ctx;
  // Never above the request timeout, as Node requires.
  const headersTimeout = Math.min(limits.headersTimeoutSeconds, limits.requestTimeoutSeconds) * 1000;
  const app = Fastify({
    logger: options.logger ? { level: 'warn' } : false,
    bodyLimit: limits.bodyBytes,
    forceCloseConnections: true,
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
    // A client that holds a socket without sending (slow headers, a stalled body, an idle
    // connection) is cut off. Inactivity only: the live stream's heartbeats keep it open.
    connectionTimeout: limits.idleTimeoutSeconds * 1000,
    requestTimeout: limits.requestTimeoutSeconds * 1000,
    keepAliveTimeout: limits.keepAliveTimeoutSeconds * 1000,
    http: {
      headersTimeout,
      // Node enforces the headers and request timeouts on this tick (30 s by default).
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(headersTimeout / 2))),
    },
  });
  installErrorHandling(app);
  drainHandlersOnClose(app);

  app.addHook('onRequest', async (request, reply) => {
    void reply
      .header(PROTOCOL_MAX_HEADER, String(PROTOCOL_VERSION))
      .header(PROTOCOL_MIN_HEADER, String(MIN_PROTOCOL_VERSION));
    const [path = '', query] = request.url.split('?', 2);
    if (!path.startsWith('/api/') || (PROTOCOL_EXEMPT_PATHS as readonly string[]).includes(path)) return;
    if (query !== undefined && !QUERY_PATHS.has(path)) {
      throw new HttpError('invalid', `${path} takes no query parameters.`);
    }
    const header = request.headers[PROTOCOL_HEADER];
    const check = checkProtocolVersion(Array.isArray(header) ? header[0] : header);
    if (!check.ok) throw new HttpError(check.code, PROTOCOL_MESSAGES[check.code]);
  });

  authRoutes(app, ctx);
  syncRoutes(app, ctx);
  fileRoutes(app, ctx);
  metaRoutes(app, ctx);
  if (options.venueKey !== undefined) venueRoutes(app, ctx, options.venueKey);
  peopleRoutes(app, ctx);
  return app;
}
