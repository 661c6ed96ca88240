import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { backoffDelay, parseRetryAfter } from '../../../shared/backoff';
import { AppError } from '../../../shared/result';
import { LIVE_EVENT_CHANGES, LiveChangesEventSchema } from '../../../shared/wire/sync';
import type { Emit } from '../events';
import type { RemoteClient } from '../remote/remote-client';
import { RemoteError } from '../remote/remote-client';
import type { SessionService } from '../session-service';
import type { ConnectivityMonitor } from './connectivity';

/** Reconnect quickly: SSE's own default is 3 s; past a short outage, try at least every 15 s. */
const DEFAULT_BACKOFF = { baseMs: 1_000, maxMs: 15_000 };

/** The server sends a heartbeat well within this; silence longer than it means a dead connection. */
const SILENCE_TIMEOUT_MS = 45_000;

/** An event is a few dozen bytes: a stream that sends this much without ending one is dropped. */
export const MAX_LIVE_EVENT_BYTES = 64 * 1024;

export interface LiveServiceOptions {
  fetch: typeof globalThis.fetch;
  remote: RemoteClient;
  session: SessionService;
  connectivity: ConnectivityMonitor;
  emit: Emit;
  backoff?: { baseMs: number; maxMs: number };
}

/**
 * Listens to the server's live stream (Server-Sent Events) while signed in,
 * and tells the renderer to pull as soon as something changed. When the
 * stream cannot be had it retries with exponential backoff and jitter,
 * honouring Retry-After; a reconnect also triggers a pull, to catch up.
 */
export class LiveService {
  private running = false;
  private controller: AbortController | null = null;
  private wake: (() => void) | null = null;
  private lastEventId: string | null = null;
  /** The newest change announced in the chunk being read. */
  private announced: number | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: LiveServiceOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.controller?.abort();
    this.wake?.();
    await this.loop;
  }

  private isRunning(): boolean {
    return this.running;
  }

  /** Reconnect now (signed in again, the user asked, the network came back). */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (this.running) {
      if (!this.options.session.isActive()) {
        await this.sleep(60_000);
        continue;
      }
      let retryAfterMs: number | undefined;
      try {
        await this.options.session.withToken((token) => this.listen(token, () => (attempt = 0)));
      } catch (error) {
        if (error instanceof RemoteError) retryAfterMs = error.retryAfterMs;
      }
      if (!this.isRunning()) break;
      // The stream ended: is the server gone, or only the stream? Tell the app at once.
      await this.options.connectivity.probe();
      attempt += 1;
      await this.sleep(
        backoffDelay(attempt, {
          ...DEFAULT_BACKOFF,
          ...this.options.backoff,
          ...(retryAfterMs ? { retryAfterMs } : {}),
        }),
      );
    }
  }

  private async listen(token: string, onOpen: () => void): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const resetSilence = (): void => {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(), SILENCE_TIMEOUT_MS);
    };
    try {
      let response: Response;
      try {
        response = await this.options.fetch(this.options.remote.url('/api/sync/live'), {
          headers: {
            ...this.options.remote.headers(token),
            accept: 'text/event-stream',
            ...(this.lastEventId !== null ? { 'last-event-id': this.lastEventId } : {}),
          },
          signal: controller.signal,
        });
      } catch (error) {
        if (error instanceof AppError) throw error;
        this.options.connectivity.report(false);
        throw new RemoteError('network', (error as Error).message);
      }
      this.options.connectivity.report(true);
      if (!response.ok || response.body === null) {
        const failure =
          response.status === 401 ? 'token-expired' : response.status === 429 ? 'rate-limited' : 'unavailable';
        throw new RemoteError(
          failure,
          `live stream refused (${response.status})`,
          response.status,
          parseRetryAfter(response.headers.get('retry-after')),
        );
      }
      onOpen();
      // Whatever happened while we were away: pull now.
      this.options.emit('sync.remoteChanged', { seq: null });
      // Bytes since the last complete event or heartbeat: bounded, whatever the server sends.
      let unfinished = 0;
      const parser = createParser({
        onEvent: (message: EventSourceMessage) => {
          unfinished = 0;
          this.onMessage(message);
        },
        onComment: () => {
          unfinished = 0;
        },
      });
      resetSilence();
      const decoder = new TextDecoder();
      const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        resetSilence();
        unfinished += value.byteLength;
        parser.feed(decoder.decode(value, { stream: true }));
        if (unfinished > MAX_LIVE_EVENT_BYTES) {
          await reader.cancel().catch(() => undefined);
          throw new RemoteError('response-too-large', 'The live stream sent an event larger than any it has.');
        }
        this.announce();
      }
    } catch (error) {
      if (error instanceof RemoteError || error instanceof AppError) throw error;
      // A dropped or silent stream: reconnect after a backoff.
    } finally {
      clearTimeout(silence);
      this.controller = null;
    }
  }

  private onMessage(message: EventSourceMessage): void {
    if (message.id !== undefined) this.lastEventId = message.id;
    if (message.event !== LIVE_EVENT_CHANGES) return;
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    const parsed = LiveChangesEventSchema.safeParse(data);
    if (parsed.success) this.announced = Math.max(this.announced ?? 0, parsed.data.seq);
  }

  /** One event per chunk read: a burst of changes (a backlog after a stall) wakes the app once, with the newest. */
  private announce(): void {
    if (this.announced === null) return;
    const seq = this.announced;
    this.announced = null;
    this.options.emit('sync.remoteChanged', { seq });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
