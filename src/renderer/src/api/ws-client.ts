import { buildApi } from '../../../shared/api-builder';
import { backoffDelay } from '../../../shared/backoff';
import { isEventName, type Api, type EventName } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import {
  ServerFrameSchema,
  WS_CLOSE_WRONG_SECRET,
  WS_PATH,
  WS_SECRET_PROTOCOL_PREFIX,
} from '../../../shared/ws-protocol';
import type { HostConnection, HostLinkState } from './host-link';

const SECRET_KEY = 'collective-brain.launch-secret';

/**
 * Browser mode hands the page its launch secret in the URL fragment (never
 * sent over the network). Keep it for reloads of this tab and take it out
 * of the address bar.
 */
export function takeLaunchSecret(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)secret=([A-Za-z0-9_-]+)/u.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(SECRET_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem(SECRET_KEY);
}

/** Reconnection: quick at first (a host restarting), then every few seconds at most. */
const RECONNECT = { baseMs: 250, maxMs: 5_000 };

export interface WsApiOptions {
  /**
   * Where a new secret comes from: opening the address a restarted host printed in this tab only changes the
   * fragment (no reload), so the page must pick the new secret up itself. Returns an unsubscribe.
   */
  watchSecret?: (onSecret: (secret: string) => void) => () => void;
  /** Tests replace the WebSocket and the clock. */
  WebSocket?: typeof WebSocket;
  random?: () => number;
}

/**
 * The reads that tell the page what the host knows, and the events that carry them: after a reconnection
 * (possibly to a restarted host, which knows nothing of this page) each is asked again and handed to the
 * page's listeners as if the host had sent it, so every screen is current without a reload.
 */
const RESYNC: readonly { channel: string; event: EventName; each?: boolean }[] = [
  { channel: 'settings.get', event: 'settings.changed' },
  { channel: 'session.status', event: 'session.changed' },
  { channel: 'sync.connectivity', event: 'sync.connectivity' },
  { channel: 'files.states', event: 'files.changed', each: true },
];

/**
 * The contract over a WebSocket to the browser-mode host. Calls made while
 * the socket is down wait for it to come back; calls in flight when it drops
 * resolve as `unavailable`, so nothing hangs. The connection's state is
 * observable (the status area says "Disconnected from the app"), retried
 * with backoff, and resumed with a new secret when the address changes.
 */
export function createWsApi(
  url: string,
  initialSecret: string,
  options: WsApiOptions = {},
): { api: Api; connection: HostConnection } {
  const Socket = options.WebSocket ?? WebSocket;
  let secret = initialSecret;
  let socket: WebSocket | null = null;
  let connecting: WebSocket | null = null;
  let nextId = 1;
  let attempts = 0;
  let everConnected = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let state: HostLinkState = { link: 'connecting', since: null, retryAt: null };
  const linkListeners = new Set<(state: HostLinkState) => void>();
  /** Calls sent and not answered yet, with the socket that carries each. */
  const pending = new Map<number, { ws: WebSocket; resolve: (result: Result<unknown>) => void }>();
  const waiters: ((ws: WebSocket) => void)[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  function setState(next: HostLinkState): void {
    state = next;
    for (const listener of linkListeners) listener(state);
  }

  function deliver(event: EventName, payload: unknown): void {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  }

  // The host's frames are binary UTF-8 JSON (see ws-protocol.ts); anything else is dropped.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  function onMessage(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) return;
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(data));
    } catch {
      return;
    }
    const frame = ServerFrameSchema.safeParse(json);
    if (!frame.success) return;
    if (frame.data.type === 'result') {
      pending.get(frame.data.id)?.resolve(frame.data.result);
      pending.delete(frame.data.id);
    } else if (isEventName(frame.data.event)) {
      deliver(frame.data.event, frame.data.payload);
    }
  }

  function connect(): void {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (connecting !== null || socket !== null) return;
    const ws = new Socket(url, [`${WS_SECRET_PROTOCOL_PREFIX}${secret}`]);
    connecting = ws;
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('open', () => {
      if (connecting !== ws) return;
      connecting = null;
      attempts = 0;
      socket = ws;
      const resumed = everConnected;
      everConnected = true;
      setState({ link: 'connected', since: null, retryAt: null });
      for (const waiter of waiters.splice(0)) waiter(ws);
      if (resumed) void resync();
    });
    ws.addEventListener('message', (message: MessageEvent<unknown>) => onMessage(message.data));
    ws.addEventListener('close', (event: CloseEvent) => {
      for (const [id, call] of pending) {
        if (call.ws !== ws) continue;
        call.resolve({ ok: false, error: { code: 'unavailable', message: 'The app host is not reachable.' } });
        pending.delete(id);
      }
      // A socket replaced by a new address closes late: it no longer speaks for the link.
      if (connecting !== ws && socket !== ws) return;
      connecting = null;
      socket = null;
      const since = state.since ?? new Date().toISOString();
      if (event.code === WS_CLOSE_WRONG_SECRET) {
        // Retrying with this secret cannot work: wait for the new address (or a retry by hand).
        setState({ link: 'refused', since, retryAt: null });
        return;
      }
      const delay = backoffDelay(attempts, { ...RECONNECT, ...(options.random ? { random: options.random } : {}) });
      attempts += 1;
      setState({ link: 'disconnected', since, retryAt: new Date(Date.now() + delay).toISOString() });
      retryTimer = setTimeout(connect, delay);
    });
  }

  async function resync(): Promise<void> {
    for (const { channel, event, each } of RESYNC) {
      const result = await invoke(channel, undefined);
      if (!result.ok) continue;
      if (each === true && Array.isArray(result.value)) for (const item of result.value) deliver(event, item);
      else deliver(event, result.value);
    }
    // The host may have news the page missed while it was away: pull now.
    deliver('sync.remoteChanged', { seq: null });
  }

  const whenOpen = (): Promise<WebSocket> =>
    socket !== null ? Promise.resolve(socket) : new Promise((resolve) => waiters.push(resolve));

  async function invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    const ws = await whenOpen();
    const id = nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      pending.set(id, { ws, resolve });
      ws.send(JSON.stringify({ type: 'call', id, channel, ...(input === undefined ? {} : { input }) }));
    });
  }

  const api = buildApi(invoke, (event, listener) => {
    let set = listeners.get(event);
    if (set === undefined) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  });

  options.watchSecret?.((next) => {
    if (next === secret && socket !== null) return;
    secret = next;
    // A new address: drop whatever is open or under way and connect with it at once.
    const old = socket ?? connecting;
    socket = null;
    connecting = null;
    old?.close();
    attempts = 0;
    connect();
  });
  connect();

  const connection: HostConnection = {
    current: () => state,
    subscribe: (listener) => {
      linkListeners.add(listener);
      return () => {
        linkListeners.delete(listener);
      };
    },
    retryNow: () => {
      if (socket === null) connect();
    },
  };
  return { api, connection };
}

export function contractSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}`;
}
