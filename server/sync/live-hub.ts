import pg from 'pg';
import { CHANGES_CHANNEL } from './feed';

/**
 * Fans the database's change notifications out to this instance's live
 * streams. Every instance listens, so a write through any instance reaches
 * every connected client. A burst of notifications (one per change) goes
 * out as the first at once, then at most one event per `LIVE_WINDOW_MS`
 * carrying the newest change.
 */
export const LIVE_WINDOW_MS = 50;

export interface LiveHub {
  subscribe(listener: (seq: number) => void): () => void;
  readonly subscribers: number;
  close(): Promise<void>;
}

export async function startLiveHub(connectionString: string): Promise<LiveHub> {
  const listeners = new Set<(seq: number) => void>();
  let closed = false;
  let client: pg.Client | undefined;
  const coalescer = coalesce((seq) => {
    for (const listener of listeners) listener(seq);
  }, LIVE_WINDOW_MS);

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      const seq = Number(message.payload);
      if (!Number.isSafeInteger(seq)) return;
      coalescer.notify(seq);
    });
    next.on('error', () => {
      // Reconnect: a lost LISTEN connection would silently stop live updates.
      if (closed) return;
      client = undefined;
      setTimeout(() => void connect().catch(() => undefined), 1000).unref();
    });
    await next.connect();
    // LISTEN takes no parameters; the channel is a fixed identifier from the code, never input.
    await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    client = next;
  };
  await connect();

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get subscribers() {
      return listeners.size;
    },
    async close() {
      closed = true;
      listeners.clear();
      coalescer.close();
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * A burst of writes (a push of many mutations) notifies once per change. Streams hear of the first at
 * once, then at most one event per window, carrying the newest change: not one event per change.
 * Concurrent commits may notify out of order: a seq no newer than one already sent is not sent again.
 */
export function coalesce(
  deliver: (seq: number) => void,
  windowMs: number,
): { notify(seq: number): void; close(): void } {
  let pending: number | null = null;
  let window: ReturnType<typeof setTimeout> | null = null;
  let last = -Infinity;
  const send = (seq: number): void => {
    last = seq;
    deliver(seq);
    window = setTimeout(() => {
      window = null;
      const next = pending;
      pending = null;
      if (next !== null) send(next);
    }, windowMs);
    window.unref();
  };
  return {
    notify(seq) {
      if (seq <= last) return;
      if (window === null) send(seq);
      else pending = Math.max(pending ?? 0, seq);
    },
    close() {
      if (window !== null) clearTimeout(window);
      window = null;
      pending = null;
    },
  };
}
