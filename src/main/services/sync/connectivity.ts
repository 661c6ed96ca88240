import type { Connectivity } from '../../../shared/contract';
import { HealthResponseSchema } from '../../../shared/wire/files';
import type { Emit } from '../events';
import type { RemoteClient } from '../remote/remote-client';

/**
 * Whether the server can be reached, judged by real requests (every request
 * reports its outcome, and a health probe settles doubt), not by the OS flag.
 */
export class ConnectivityMonitor {
  private state: Connectivity = { reachable: null, checkedAt: null, lastReachableAt: null };
  private remote: RemoteClient | null = null;

  constructor(
    private readonly emit: Emit,
    private readonly now: () => number = Date.now,
  ) {}

  attach(remote: RemoteClient): void {
    this.remote = remote;
  }

  current(): Connectivity {
    return this.state;
  }

  report(reachable: boolean): void {
    const at = new Date(this.now()).toISOString();
    const changed = this.state.reachable !== reachable;
    this.state = { reachable, checkedAt: at, lastReachableAt: reachable ? at : this.state.lastReachableAt };
    if (changed) this.emit('sync.connectivity', this.state);
  }

  /** Asks the server's health endpoint; any answer at all means it is reachable. */
  async probe(): Promise<Connectivity> {
    if (this.remote === null) return this.state;
    await this.remote
      .request({ method: 'GET', path: '/api/health', schema: HealthResponseSchema, timeoutMs: 5_000 })
      .catch(() => undefined);
    return this.state;
  }
}
