import { buildApi } from '../../../shared/api-builder';
import { isEventName, type Api, type EventName } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { ServerFrameSchema, WS_PATH, WS_SECRET_PROTOCOL_PREFIX } from '../../../shared/ws-protocol';

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

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/**
 * The contract over a WebSocket to the browser-mode host. Calls made while
 * the socket is down wait for it to come back; calls in flight when it drops
 * resolve as `unavailable`, so nothing hangs.
 */
export function createWsApi(url: string, secret: string): Api {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempts = 0;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const waiters: ((ws: WebSocket) => void)[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

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
      pending.get(frame.data.id)?.(frame.data.result);
      pending.delete(frame.data.id);
    } else if (isEventName(frame.data.event)) {
      for (const listener of listeners.get(frame.data.event) ?? []) listener(frame.data.payload);
    }
  }

  function connect(): void {
    const ws = new WebSocket(url, [`${WS_SECRET_PROTOCOL_PREFIX}${secret}`]);
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('open', () => {
      attempts = 0;
      socket = ws;
      for (const waiter of waiters.splice(0)) waiter(ws);
    });
    ws.addEventListener('message', (message: MessageEvent<unknown>) => onMessage(message.data));
    ws.addEventListener('close', () => {
      socket = null;
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'unavailable', message: 'The app host is not reachable.' } });
        pending.delete(id);
      }
      const delay = RECONNECT_DELAYS_MS[Math.min(attempts, RECONNECT_DELAYS_MS.length - 1)] ?? 4000;
      attempts += 1;
      setTimeout(connect, delay);
    });
  }
  connect();

  const whenOpen = (): Promise<WebSocket> =>
    socket !== null ? Promise.resolve(socket) : new Promise((resolve) => waiters.push(resolve));

  return buildApi(
    async (channel, input) => {
      const ws = await whenOpen();
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'call', id, channel, ...(input === undefined ? {} : { input }) }));
      });
    },
    (event, listener) => {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  );
}

export function contractSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}`;
}
