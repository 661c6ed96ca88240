import { describe, expect, it } from 'vitest';
import { asksFirst, planAutomatic, remainingToday } from '../../../src/shared/venue/bandwidth';

const MIB = 1024 * 1024;

describe('the bandwidth budget', () => {
  it('asks before a download larger than the threshold, only on a metered connection', () => {
    expect(asksFirst(11 * MIB, { metered: true, askAboveMb: 10 })).toBe(true);
    expect(asksFirst(10 * MIB, { metered: true, askAboveMb: 10 })).toBe(false);
    expect(asksFirst(500 * MIB, { metered: false, askAboveMb: 10 })).toBe(false);
    expect(asksFirst(1, { metered: true, askAboveMb: 0 })).toBe(true);
  });

  it('plans nothing when metered, skips paused editions, orders by priority and stops at the budget', () => {
    const file = (
      name: string,
      size: number,
      editions: string[],
    ): { name: string; size: number; editions: string[] } => ({
      name,
      size,
      editions,
    });
    const candidates = [file('a', 5, ['low']), file('b', 5, ['normal']), file('c', 5, ['high']), file('d', 5, ['off'])];
    const priorities = { low: 'low', high: 'high', off: 'paused' } as const;
    expect(planAutomatic(candidates, { metered: true, remainingBytes: Infinity, priorities })).toEqual([]);
    expect(
      planAutomatic(candidates, { metered: false, remainingBytes: Infinity, priorities }).map((c) => c.name),
    ).toEqual(['c', 'b', 'a']);
    expect(planAutomatic(candidates, { metered: false, remainingBytes: 10, priorities }).map((c) => c.name)).toEqual([
      'c',
      'b',
    ]);
    // A file in a paused edition and a normal one goes (its best priority counts).
    expect(
      planAutomatic([file('e', 1, ['off', 'x'])], { metered: false, remainingBytes: 1, priorities }).map((c) => c.name),
    ).toEqual(['e']);
    expect(remainingToday(0, 5 * MIB)).toBe(Infinity);
    expect(remainingToday(1, MIB + 1)).toBe(0);
  });
});
