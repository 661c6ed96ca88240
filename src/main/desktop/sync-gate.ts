import type { Handlers } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { Emit } from '../services/events';

export interface LiveStream {
  start(): void;
  stop(): Promise<void>;
}

/**
 * "Pause sync" from the tray. While paused nothing is sent or fetched: pull,
 * the first-sync snapshot and push are refused with `sync-paused` (the
 * renderer's engine keeps every write in the outbox and tries again later),
 * and the live stream is closed. Resuming reopens the stream and tells the
 * renderer to sync at once. Not kept across restarts: a new start syncs.
 */
export class SyncGate {
  private paused = false;

  constructor(
    private readonly live: LiveStream,
    private readonly emit: Emit,
    private readonly onChange: () => void,
  ) {}

  isPaused(): boolean {
    return this.paused;
  }

  async setPaused(paused: boolean): Promise<void> {
    if (paused === this.paused) return;
    this.paused = paused;
    this.onChange();
    if (paused) {
      await this.live.stop();
      return;
    }
    this.live.start();
    this.emit('sync.remoteChanged', { seq: null });
  }

  /** The sync handlers, refusing to reach the server while paused. */
  wrap(sync: Handlers<'sync'>): Handlers<'sync'> {
    const refuse = (): never => {
      throw new AppError('sync-paused', 'Sync is paused. Resume it from the tray icon or the Sync center.');
    };
    return {
      ...sync,
      pull: (input) => (this.paused ? refuse() : sync.pull(input)),
      recent: (input) => (this.paused ? refuse() : sync.recent(input)),
      push: (input) => (this.paused ? refuse() : sync.push(input)),
    };
  }
}
