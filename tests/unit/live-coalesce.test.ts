import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce, LIVE_WINDOW_MS } from '../../server/sync/live-hub';

// The clock is the test's: what is checked is the rule (first at once, then one per window with the
// newest), not how fast a machine happens to deliver notifications.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('live stream coalescing', () => {
  it('announces the first change at once, then the newest of a burst once per window', () => {
    const sent: number[] = [];
    const hub = coalesce((seq) => sent.push(seq), LIVE_WINDOW_MS);
    for (let seq = 1; seq <= 60; seq += 1) hub.notify(seq);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(LIVE_WINDOW_MS);
    expect(sent).toEqual([1, 60]);
    // Nothing new: the window closes without an event.
    vi.advanceTimersByTime(LIVE_WINDOW_MS * 5);
    expect(sent).toEqual([1, 60]);
    // A later change is announced at once again.
    hub.notify(61);
    expect(sent).toEqual([1, 60, 61]);
    hub.close();
  });

  it('sends at most one event per window however long a burst lasts, and never an older seq', () => {
    const sent: number[] = [];
    const hub = coalesce((seq) => sent.push(seq), LIVE_WINDOW_MS);
    // 600 changes, one every millisecond, some out of order (notifications from concurrent commits).
    for (let i = 1; i <= 600; i += 1) {
      hub.notify(i % 7 === 0 ? i - 3 : i);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(LIVE_WINDOW_MS);
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(600 / LIVE_WINDOW_MS) + 1);
    expect(sent.at(-1)).toBe(600);
    for (let i = 1; i < sent.length; i += 1) expect(sent[i]).toBeGreaterThan(sent[i - 1] ?? 0);
    hub.close();
  });

  it('sends nothing once closed', () => {
    const sent: number[] = [];
    const hub = coalesce((seq) => sent.push(seq), LIVE_WINDOW_MS);
    hub.notify(1);
    hub.notify(2);
    hub.close();
    vi.advanceTimersByTime(LIVE_WINDOW_MS * 2);
    expect(sent).toEqual([1]);
  });
});
