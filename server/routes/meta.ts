import type { FastifyInstance } from 'fastify';
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, type HealthResponse } from '../../src/shared/wire';
import type { ServerContext } from '../context';
import { buildOpenApi } from '../openapi';

export function metaRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/health', async (_request, reply): Promise<HealthResponse> => {
    const database = await ctx.db
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    void reply.code(database ? 200 : 503).header('cache-control', 'no-store');
    return {
      status: database ? 'ok' : 'unavailable',
      database,
      protocol: { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION },
    };
  });

  let openapi: string | undefined;
  app.get('/api/openapi.json', async (_request, reply) => {
    openapi ??= JSON.stringify(buildOpenApi());
    return reply.type('application/json; charset=utf-8').send(openapi);
  });
}
