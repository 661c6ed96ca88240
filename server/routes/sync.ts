import type { FastifyInstance } from 'fastify';
import {
  LIVE_EVENT_CHANGES,
  PullQuerySchema,
  PushRequestSchema,
  RecentQuerySchema,
  type PushResponse,
} from '../../src/shared/wire';
import { authenticate } from '../auth/sessions';
import type { ServerContext } from '../context';
import { sendJson } from '../http/compress';
import { readerOf } from '../sync/audience';
import { parseOrThrow } from '../http/validate';
import { currentFeedState, pullPage } from '../sync/pull';
import { push } from '../sync/push';
import { recentSnapshot } from '../sync/recent';

export function syncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/sync/pull', async (request, reply) => {
    const user = await authenticate(ctx, request.headers.authorization);
    const query = parseOrThrow(PullQuerySchema, request.query, 'query');
    const page = await pullPage(ctx, {
      cursor: query.cursor,
      limit: query.limit,
      reader: readerOf(user),
      packs: query.packs?.split(',') ?? [],
    });
    await sendJson(request, reply, page);
  });

  /** The newest discussion first, so a first sync on a slow link is readable within seconds. */
  app.get('/api/sync/recent', async (request, reply) => {
    const user = await authenticate(ctx, request.headers.authorization);
    const query = parseOrThrow(RecentQuerySchema, request.query, 'query');
    const snapshot = await recentSnapshot(ctx, {
      threads: query.threads ?? 30,
      postsPerThread: query.posts ?? 20,
      canModerate: readerOf(user).canModerate,
    });
    await sendJson(request, reply, snapshot);
  });

  app.post('/api/sync/push', async (request): Promise<PushResponse> => {
    const user = await authenticate(ctx, request.headers.authorization);
    const body = parseOrThrow(PushRequestSchema, request.body, 'push');
    return { results: await push(ctx, user, body) };
  });

  /**
   * Server-Sent Events: a `changes` event (id = newest seq) on connect and
   * whenever the feed moves, and a comment line as heartbeat. A client that
   * reconnects gets the current seq at once, so it never misses a change.
   */
  app.get('/api/sync/live', async (request, reply) => {
    await authenticate(ctx, request.headers.authorization);
    const { maxSeq } = await currentFeedState(ctx);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (seq: number): void => {
      res.write(`id: ${seq}\nevent: ${LIVE_EVENT_CHANGES}\ndata: {"seq":${seq}}\n\n`);
    };
    res.write('retry: 3000\n\n');
    send(maxSeq);
    const unsubscribe = ctx.live.subscribe(send);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), ctx.limits.heartbeatSeconds * 1000);
    const end = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    request.raw.on('close', end);
    res.on('close', end);
  });
}
