import type { EditionPriority, Settings } from '../settings';

/**
 * The bandwidth budget's rules (docs/venue.md), pure: whether a download the
 * user asked for should ask first, and what automatic downloads may fetch now.
 */
const MIB = 1024 * 1024;

/** On a metered connection, a download larger than the threshold asks first, as the Moodle app does. */
export function asksFirst(bytes: number, settings: Pick<Settings, 'metered' | 'askAboveMb'>): boolean {
  return settings.metered && bytes > settings.askAboveMb * MIB;
}

/** Bytes today's cap still allows for automatic downloads (everything received today counts). */
export function remainingToday(dailyCapMb: number, todayBytes: number): number {
  return dailyCapMb <= 0 ? Infinity : Math.max(0, dailyCapMb * MIB - todayBytes);
}

const ORDER: Readonly<Record<Exclude<EditionPriority, 'paused'>, number>> = { high: 0, normal: 1, low: 2 };

export interface AutomaticCandidate {
  readonly size: number;
  /** The editions (collection ids) it belongs to: its best priority counts. */
  readonly editions: readonly string[];
}

/**
 * What automatic downloads fetch now: nothing on a metered connection; otherwise the
 * files of editions that are not paused, high priority first, until today's budget
 * is spent (a file that does not fit is left for another day; smaller ones may still go).
 */
export function planAutomatic<T extends AutomaticCandidate>(
  candidates: readonly T[],
  budget: {
    readonly metered: boolean;
    readonly remainingBytes: number;
    readonly priorities: Readonly<Record<string, EditionPriority>>;
  },
): T[] {
  if (budget.metered) return [];
  const rank = (candidate: T): number | null => {
    const ranks = candidate.editions
      .map((edition) => budget.priorities[edition] ?? 'normal')
      .filter((priority): priority is Exclude<EditionPriority, 'paused'> => priority !== 'paused')
      .map((priority) => ORDER[priority]);
    return ranks.length === 0 ? null : Math.min(...ranks);
  };
  const ranked = candidates
    .map((candidate, index) => ({ candidate, index, rank: rank(candidate) }))
    .filter((entry): entry is { candidate: T; index: number; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  let left = budget.remainingBytes;
  const chosen: T[] = [];
  for (const { candidate } of ranked) {
    if (candidate.size > left) continue;
    left -= candidate.size;
    chosen.push(candidate);
  }
  return chosen;
}
