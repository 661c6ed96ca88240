import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FirstContentModule from '../../src/renderer/src/app/first-content';

type FirstContent = typeof FirstContentModule;

/** A fresh copy of the module: whether the first content was shown is kept for the window's lifetime. */
async function fresh(): Promise<FirstContent> {
  vi.resetModules();
  return import('../../src/renderer/src/app/first-content');
}

describe('content first', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds background work until the first screen shows its content', async () => {
    const { afterFirstContent, firstContentShown } = await fresh();
    const ran: string[] = [];
    afterFirstContent(() => ran.push('index'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(ran).toEqual([]);
    firstContentShown();
    expect(ran).toEqual(['index']);
    // Once only, and at once for work asked for later.
    firstContentShown();
    await vi.advanceTimersByTimeAsync(5000);
    afterFirstContent(() => ran.push('later'));
    expect(ran).toEqual(['index', 'later']);
  });

  it('runs it anyway when no screen says so in time, and not again when one does', async () => {
    const { afterFirstContent, firstContentShown } = await fresh();
    const ran: string[] = [];
    afterFirstContent(() => ran.push('index'), 1500);
    await vi.advanceTimersByTimeAsync(1499);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(['index']);
    firstContentShown();
    expect(ran).toEqual(['index']);
  });

  it('forgets work that was cancelled (a window that closed first)', async () => {
    const { afterFirstContent, firstContentShown } = await fresh();
    const ran: string[] = [];
    const cancel = afterFirstContent(() => ran.push('index'));
    cancel();
    firstContentShown();
    await vi.advanceTimersByTimeAsync(5000);
    expect(ran).toEqual([]);
  });
});
