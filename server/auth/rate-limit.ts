import { isIPv6 } from 'node:net';
import type { ServerContext, ServerLimits } from '../context';
import { HttpError } from '../http/errors';

/**
 * Sign-in throttle. Every attempt is counted *before* its password is checked,
 * in one transaction that locks the counters it reads, so concurrent attempts
 * are counted one after another: thirty at once against an allowance of ten
 * get ten evaluations, not thirty. Past the allowance, each further attempt
 * must wait a delay that doubles (up to a ceiling); an attempt that comes too
 * early is refused without being counted, so waiting always helps.
 *
 * Three counters: the account from this address (the tight one), the address
 * (across accounts), and the account (across addresses, a distributed guess).
 * The owner of an account signing in from their own address is slowed only
 * by the account-wide counter, whose allowance is wider and whose delays stop
 * at a minute: failures slow an account down, they never lock it.
 * A success clears the account's counters and takes its own count back from
 * the address (many people sign in from one conference network).
 */
type Counter = 'pair' | 'address' | 'account';

interface Policy {
  readonly free: number;
  readonly maxSeconds: number;
}

function policy(counter: Counter, limits: ServerLimits): Policy {
  switch (counter) {
    case 'pair':
      return { free: limits.loginAttempts, maxSeconds: limits.loginDelayMaxSeconds };
    case 'address':
      return { free: limits.loginAttempts * 5, maxSeconds: limits.loginDelayMaxSeconds };
    case 'account':
      return { free: limits.loginAttempts * 3, maxSeconds: Math.min(60, limits.loginDelayMaxSeconds) };
  }
}

/** Seconds to wait after the `failures`-th failure: none within the allowance, then 1, 2, 4... up to the ceiling. */
export function delayAfter(failures: number, rule: Policy): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxSeconds, 2 ** Math.min(30, failures - rule.free));
}

/** An IPv6 client controls a whole /64: count it as one address. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/iu.exec(ip);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::', 2);
  const left = head === '' ? [] : head.split(':');
  const right = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/u, ''))
    .join(':')}::/64`;
}

function keysOf(email: string, ip: string): Record<Counter, string> {
  const account = email.toLowerCase();
  const address = addressKey(ip);
  return { pair: `pair:${account} ${address}`, address: `address:${address}`, account: `account:${account}` };
}

interface ThrottleRow {
  key: string;
  failures: number;
  last_failure_at: Date | null;
  next_at: Date | null;
}

/**
 * Counts a sign-in attempt, or refuses it (429 with Retry-After) when one of
 * its counters says to wait. Counted as a failure until `settleLoginSuccess` says otherwise.
 */
export async function reserveLoginAttempt(ctx: ServerContext, email: string, ip: string): Promise<void> {
  const keys = keysOf(email, ip);
  const counters = Object.keys(keys) as Counter[];
  const byKey = new Map(counters.map((counter) => [keys[counter], counter]));
  const sorted = [...byKey.keys()].sort();
  const now = ctx.now();
  const windowMs = ctx.limits.loginWindowSeconds * 1000;
  const waitSeconds = await ctx.db.transaction(async (db) => {
    // One lock order for everyone: sorted keys, inserted then locked.
    await db.query('INSERT INTO login_throttle (key) SELECT unnest($1::text[]) ON CONFLICT (key) DO NOTHING', [sorted]);
    const found = await db.query<ThrottleRow>(
      'SELECT key, failures, last_failure_at, next_at FROM login_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
      [sorted],
    );
    let wait = 0;
    const counts: { key: string; failures: number; counter: Counter }[] = [];
    for (const row of found.rows) {
      const counter = byKey.get(row.key);
      if (counter === undefined) continue;
      const stale = row.last_failure_at === null || now.getTime() - row.last_failure_at.getTime() > windowMs;
      if (!stale && row.next_at !== null && row.next_at.getTime() > now.getTime()) {
        wait = Math.max(wait, Math.ceil((row.next_at.getTime() - now.getTime()) / 1000));
      }
      counts.push({ key: row.key, failures: stale ? 0 : row.failures, counter });
    }
    if (wait > 0) return wait;
    for (const { key, failures, counter } of counts) {
      const next = failures + 1;
      const delay = delayAfter(next, policy(counter, ctx.limits));
      await db.query('UPDATE login_throttle SET failures = $2, last_failure_at = $3, next_at = $4 WHERE key = $1', [
        key,
        next,
        now,
        // No delay, no wait: a time of "now" would make a concurrent attempt that read the clock a moment
        // earlier, but took the lock later, wait for a second it was never asked to wait.
        delay > 0 ? new Date(now.getTime() + delay * 1000) : null,
      ]);
    }
    return 0;
  });
  if (waitSeconds > 0) {
    throw new HttpError('rate-limited', 'Too many failed sign-in attempts; wait a little and try again.', {
      'retry-after': String(waitSeconds),
    });
  }
}

/** The password was right: the attempt was not a failure after all. */
export async function settleLoginSuccess(ctx: ServerContext, email: string, ip: string): Promise<void> {
  const keys = keysOf(email, ip);
  await ctx.db.query(
    `UPDATE login_throttle
        SET failures = CASE WHEN key = $3 THEN greatest(failures - 1, 0) ELSE 0 END,
            next_at = CASE WHEN key = $3 THEN next_at ELSE NULL END
      WHERE key = ANY(ARRAY[$1, $2, $3])`,
    [keys.pair, keys.account, keys.address],
  );
}

/** Forgets counters with no failure for a long while, so the table stays small. */
export async function pruneLoginThrottle(ctx: ServerContext): Promise<number> {
  const before = new Date(
    ctx.now().getTime() - Math.max(ctx.limits.loginWindowSeconds, ctx.limits.loginDelayMaxSeconds) * 2000,
  );
  const result = await ctx.db.query(
    'DELETE FROM login_throttle WHERE last_failure_at IS NULL OR last_failure_at < $1',
    [before],
  );
  return result.rowCount ?? 0;
}
