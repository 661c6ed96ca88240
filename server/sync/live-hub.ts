import pg from 'pg';
import { CHANGES_CHANNEL } from './feed';

/**
 * Fans the database's change notifications out to this instance's live
 * streams. Every instance listens, so a write through any instance reaches
 * every connected client.
 */
export interface LiveHub {
  subscribe(listener: (seq: number) => void): () => void;
  readonly subscribers: number;
  close(): Promise<void>;
}

export async function startLiveHub(connectionString: string): Promise<LiveHub> {
  const listeners = new Set<(seq: number) => void>();
  let closed = false;
  let client: pg.Client | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      const seq = Number(message.payload);
      if (!Number.isSafeInteger(seq)) return;
      for (const listener of listeners) listener(seq);
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
      await client?.end().catch(() => undefined);
    },
  };
}
