import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostLinkState } from '../../src/renderer/src/api/host-link';
import { createWsApi } from '../../src/renderer/src/api/ws-client';
import { WS_CLOSE_WRONG_SECRET, WS_SECRET_PROTOCOL_PREFIX } from '../../src/shared/ws-protocol';

/** A WebSocket the test drives: it opens, answers and closes when told to. */
class FakeSocket extends EventTarget {
  static all: FakeSocket[] = [];
  binaryType = 'blob';
  readonly sent: { id: number; channel: string }[] = [];
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super();
    FakeSocket.all.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as { id: number; channel: string });
  }
  close(): void {
    this.drop(1000);
  }
  open(): void {
    this.dispatchEvent(new Event('open'));
  }
  drop(code: number): void {
    if (this.closed) return;
    this.closed = true;
    const event = new Event('close') as Event & { code: number };
    Object.defineProperty(event, 'code', { value: code });
    this.dispatchEvent(event);
  }
  /** Answers every call sent so far with `value`. */
  answerAll(value: (channel: string) => unknown): void {
    for (const call of this.sent.splice(0)) {
      const frame = { type: 'result', id: call.id, result: { ok: true, value: value(call.channel) } };
      const bytes = new TextEncoder().encode(JSON.stringify(frame));
      this.dispatchEvent(new MessageEvent('message', { data: bytes.buffer }));
    }
  }
}

const latest = (): FakeSocket => {
  const socket = FakeSocket.all.at(-1);
  if (socket === undefined) throw new Error('no socket yet');
  return socket;
};

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function start(): {
  api: ReturnType<typeof createWsApi>['api'];
  states: HostLinkState[];
  setSecret: (secret: string) => void;
  retryNow: () => void;
} {
  let onSecret: (secret: string) => void = () => undefined;
  const { api, connection } = createWsApi('ws://127.0.0.1:1/contract', 'first', {
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    random: () => 0.5,
    watchSecret: (listener) => {
      onSecret = listener;
      return () => undefined;
    },
  });
  const states: HostLinkState[] = [];
  connection.subscribe((state) => states.push(state));
  return { api, states, setSecret: (secret) => onSecret(secret), retryNow: connection.retryNow };
}

describe('browser mode’s link to the app (issue 17, item 10)', () => {
  it('says when the host is lost, fails calls in flight, retries with backoff and catches up once back', async () => {
    const { api, states } = start();
    latest().open();
    expect(states.at(-1)?.link).toBe('connected');
    const call = api.app.info();
    await Promise.resolve();
    latest().drop(1006);
    expect(await call).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(states.at(-1)?.link).toBe('disconnected');
    expect(states.at(-1)?.since).not.toBeNull();

    // Nothing answers the first retries; each waits longer (backoff), and the state keeps its "since".
    const since = states.at(-1)?.since;
    await vi.runOnlyPendingTimersAsync();
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop(1006);
    expect(states.at(-1)).toMatchObject({ link: 'disconnected', since });

    const settings: unknown[] = [];
    const pulls: unknown[] = [];
    api.on('settings.changed', (value) => settings.push(value));
    api.on('sync.remoteChanged', (value) => pulls.push(value));
    await vi.runOnlyPendingTimersAsync();
    latest().open();
    expect(states.at(-1)).toEqual({ link: 'connected', since: null, retryAt: null });
    // A restarted host knows nothing of this page: what the page shows is read again, and a pull is asked for.
    for (let round = 0; round < 4; round += 1) {
      await vi.advanceTimersByTimeAsync(0);
      latest().answerAll((channel) => (channel === 'files.states' ? [] : { from: channel }));
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(settings).toEqual([{ from: 'settings.get' }]);
    expect(pulls).toEqual([{ seq: null }]);
  });

  it('stops retrying a host that refuses this launch’s secret, and reconnects at once with a new address', async () => {
    const { states, setSecret } = start();
    latest().open();
    latest().drop(1006);
    await vi.runOnlyPendingTimersAsync();
    latest().drop(WS_CLOSE_WRONG_SECRET);
    expect(states.at(-1)?.link).toBe('refused');
    await vi.runOnlyPendingTimersAsync();
    expect(FakeSocket.all).toHaveLength(2);

    setSecret('second');
    expect(FakeSocket.all).toHaveLength(3);
    expect(latest().protocols).toEqual([`${WS_SECRET_PROTOCOL_PREFIX}second`]);
    latest().open();
    expect(states.at(-1)?.link).toBe('connected');
  });

  it('retries at once when asked, without waiting for the next attempt', async () => {
    const { states, retryNow } = start();
    latest().drop(1006);
    expect(states.at(-1)?.link).toBe('disconnected');
    retryNow();
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    expect(states.at(-1)?.link).toBe('connected');
    await vi.runOnlyPendingTimersAsync();
    expect(FakeSocket.all).toHaveLength(2);
  });
});
