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
import { HttpError, installErrorHandling } from './http/errors';
import { authRoutes } from './routes/auth';
import { fileRoutes } from './routes/files';
import { metaRoutes } from './routes/meta';
import { peopleRoutes } from './routes/people';
import { syncRoutes } from './routes/sync';

const PROTOCOL_MESSAGES = {
  'protocol-missing': `Send the ${PROTOCOL_HEADER} header with the protocol version.`,
  'protocol-too-old': `This client is too old for this server; update it (server speaks ${MIN_PROTOCOL_VERSION}..${PROTOCOL_VERSION}).`,
  'protocol-too-new': `This server is older than the client; it speaks ${MIN_PROTOCOL_VERSION}..${PROTOCOL_VERSION}.`,
} as const;

export function buildApp(ctx: ServerContext, options: { logger: boolean }): FastifyInstance {
  const app = Fastify({
    logger: options.logger ? { level: 'warn' } : false,
    bodyLimit: ctx.limits.bodyBytes,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  installErrorHandling(app);

  app.addHook('onRequest', async (request, reply) => {
    void reply
      .header(PROTOCOL_MAX_HEADER, String(PROTOCOL_VERSION))
      .header(PROTOCOL_MIN_HEADER, String(MIN_PROTOCOL_VERSION));
    const [path = '', query] = request.url.split('?', 2);
    if (!path.startsWith('/api/') || (PROTOCOL_EXEMPT_PATHS as readonly string[]).includes(path)) return;
    // Only the pull takes query parameters (validated there); elsewhere they are unknown fields.
    if (query !== undefined && path !== '/api/sync/pull') {
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
  peopleRoutes(app, ctx);
  return app;
}
