import { describe, expect, it } from 'vitest';
import type { EventName } from '../../src/shared/contract';
import { RemoteClient } from '../../src/main/services/remote/remote-client';
import type { SessionService } from '../../src/main/services/session-service';
import { ConnectivityMonitor } from '../../src/main/services/sync/connectivity';
import { LiveService } from '../../src/main/services/sync/live-service';

/** A live stream whose body is the given chunks, then stays open until aborted. */
function streamOf(chunks: string[]): typeof globalThis.fetch {
  return (_url, init) => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
      },
    });
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  };
}

const event = (seq: number): string => `id: ${String(seq)}\nevent: changes\ndata: {"seq":${String(seq)}}\n\n`;

describe('the live stream in main', () => {
  it('wakes the app once for a backlog of news read at once (after a stall), with the newest change', async () => {
    const fetch = streamOf([
      event(10),
      // A stalled process reads many announcements in one chunk; the last one is split across two reads.
      Array.from({ length: 200 }, (_, i) => event(11 + i)).join('') + 'id: 211\nevent: chan',
      'ges\ndata: {"seq":211}\n\n',
    ]);
    const emitted: { event: EventName; payload: unknown }[] = [];
    const emit = (name: EventName, payload: unknown): void => {
      emitted.push({ event: name, payload });
    };
    const remote = new RemoteClient(fetch, () => 'http://127.0.0.1:9');
    const session = {
      isActive: () => true,
      withToken: <T>(run: (token: string) => Promise<T>): Promise<T> => run('token'),
    } as unknown as SessionService; // only what LiveService calls
    const live = new LiveService({ fetch, remote, session, connectivity: new ConnectivityMonitor(emit), emit });
    live.start();
    const changes = (): unknown[] =>
      emitted.filter((entry) => entry.event === 'sync.remoteChanged').map((entry) => entry.payload);
    await expect.poll(() => changes().at(-1), { timeout: 5_000 }).toEqual({ seq: 211 });
    await live.stop();
    // On connect (catch up), then one per chunk read: not 202 wake-ups.
    expect(changes()).toEqual([{ seq: null }, { seq: 10 }, { seq: 210 }, { seq: 211 }]);
  });
});
