import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../fs/atomic-write';
import { readJsonFile } from '../../fs/json-file';

const UsageFileSchema = z.strictObject({
  days: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/u), z.strictObject({ bytes: z.number(), requests: z.number() })),
});

export interface UsageTotals {
  readonly todayBytes: number;
  readonly monthBytes: number;
  readonly todayRequests: number;
}

/**
 * Bytes received from the server, per day, kept in `<userData>/venue/usage.json`:
 * what the Sync center shows and what the daily cap for automatic downloads
 * counts (a wrapper around the host's fetch counts each answer's length); the
 * file is written at most every few seconds and on close.
 */
export class UsageCounter {
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly path: string,
    private days: z.infer<typeof UsageFileSchema>['days'],
    private readonly now: () => Date,
  ) {}

  static async open(dir: string, now: () => Date = () => new Date()): Promise<UsageCounter> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'usage.json');
    const read = await readJsonFile(path, UsageFileSchema);
    return new UsageCounter(path, read.kind === 'loaded' ? read.value.days : {}, now);
  }

  /**
   * A fetch that counts what it receives: each answer's declared length (compressed size when the server
   * compressed it). The body itself is left as the server sent it: wrapping it in another stream broke a
   * streamed upload's answer on a reused connection (tests/integration/uploads), and answers without a
   * length (the live stream's events) are a few bytes each.
   */
  wrap(fetchImpl: typeof globalThis.fetch): typeof globalThis.fetch {
    return async (input, init) => {
      const response = await fetchImpl(input, init);
      const length = Number(response.headers.get('content-length'));
      this.add(Number.isFinite(length) && length > 0 ? length : 0, 1);
      return response;
    };
  }

  totals(): UsageTotals {
    const today = dayOf(this.now());
    const month = today.slice(0, 7);
    let monthBytes = 0;
    for (const [day, entry] of Object.entries(this.days)) if (day.startsWith(month)) monthBytes += entry.bytes;
    const entry = this.days[today];
    return { todayBytes: entry?.bytes ?? 0, monthBytes, todayRequests: entry?.requests ?? 0 };
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    await writeFileAtomic(this.path, JSON.stringify({ days: this.days }));
  }

  private add(bytes: number, requests: number): void {
    const day = dayOf(this.now());
    const entry = this.days[day] ?? { bytes: 0, requests: 0 };
    this.days[day] = { bytes: entry.bytes + bytes, requests: entry.requests + requests };
    this.dirty = true;
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), 5_000);
    this.timer.unref();
  }
}

/** The local calendar day: a "day" is the user's, not UTC's. */
function dayOf(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
