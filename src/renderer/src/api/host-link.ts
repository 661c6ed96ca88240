/**
 * Whether this page can talk to the app that runs its services. Electron's preload is always there; browser
 * mode's WebSocket can drop when the host process stops, and come back when it is started again.
 *
 * - `connecting`: the first connection is being made;
 * - `connected`;
 * - `disconnected`: the host does not answer (stopped, restarting); retried with backoff;
 * - `refused`: a host answers but not to this page's launch secret: it was started again, with a new one,
 *   and the page needs the address it printed (opening it in this tab reconnects without a reload).
 */
export type HostLink = 'connecting' | 'connected' | 'disconnected' | 'refused';

export interface HostLinkState {
  readonly link: HostLink;
  /** When the page lost the host (null while connected or before the first connection). */
  readonly since: string | null;
  /** When the next attempt is due, while disconnected. */
  readonly retryAt: string | null;
}

export interface HostConnection {
  /** The same object until the state changes (React's useSyncExternalStore relies on it). */
  current: () => HostLinkState;
  subscribe: (listener: (state: HostLinkState) => void) => () => void;
  /** Try now instead of waiting for the next attempt. */
  retryNow: () => void;
}

const CONNECTED: HostLinkState = { link: 'connected', since: null, retryAt: null };

/** Electron: the preload is part of the page, so the link never drops. */
export const ALWAYS_CONNECTED: HostConnection = {
  current: () => CONNECTED,
  subscribe: () => () => undefined,
  retryNow: () => undefined,
};
