import type { FastifyInstance, RouteHandlerMethod } from 'fastify';

/** How long closing waits for handlers still running before it lets the pool go anyway. */
const DRAIN_LIMIT_MS = 15_000;

/**
 * Closing waits for every route handler still running. Closing cuts the connections at once
 * (`forceCloseConnections`), but a handler that was mid-way goes on with its queries: with the pool
 * ended under it, a push half-done logged "Cannot use a pool after calling end" and answered 500.
 * Now the pool ends only once no handler runs (its client retries the cut request: writes are
 * idempotent by mutation id). Call before any route is added.
 */
export function drainHandlersOnClose(app: FastifyInstance, limitMs = DRAIN_LIMIT_MS): void {
  const running = new Set<Promise<unknown>>();
  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function tracked(this: FastifyInstance, request, reply) {
      const result: unknown = handler.call(this, request, reply);
      // What the handler returns goes back unchanged (Fastify treats a promise and a value differently).
      if (result instanceof Promise) {
        running.add(result);
        const forget = (): void => {
          running.delete(result);
        };
        result.then(forget, forget);
      }
      return result;
    };
  });
  app.addHook('onClose', async () => {
    const deadline = Date.now() + limitMs;
    while (running.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        }),
      ]);
      clearTimeout(timer);
    }
  });
}
