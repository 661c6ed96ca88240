import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';

/**
 * Login attempts are counted in the database, so the limit holds across
 * server instances. Only failures count; a success does not reset them.
 */
export async function checkLoginRate(ctx: ServerContext, email: string, ip: string): Promise<void> {
  const since = new Date(ctx.now().getTime() - ctx.limits.loginWindowSeconds * 1000);
  const result = await ctx.db.query<{ by_email: number; by_ip: number }>(
    `SELECT count(*) FILTER (WHERE lower(email) = lower($1))::int AS by_email,
            count(*) FILTER (WHERE ip = $2)::int AS by_ip
       FROM login_attempts
      WHERE at > $3 AND NOT succeeded AND (lower(email) = lower($1) OR ip = $2)`,
    [email, ip, since],
  );
  const row = result.rows[0];
  const limit = ctx.limits.loginAttempts;
  // An address may try several accounts, but not without bound.
  if (row !== undefined && (row.by_email >= limit || row.by_ip >= limit * 5)) {
    throw new HttpError('rate-limited', 'Too many failed sign-in attempts; wait and try again.', {
      'retry-after': String(ctx.limits.loginWindowSeconds),
    });
  }
}

export async function recordLoginAttempt(
  ctx: ServerContext,
  email: string,
  ip: string,
  succeeded: boolean,
): Promise<void> {
  // Attempts older than the window no longer count: drop them, so the table stays small.
  const expired = new Date(ctx.now().getTime() - 2 * ctx.limits.loginWindowSeconds * 1000);
  await ctx.db.query('DELETE FROM login_attempts WHERE at < $1', [expired]);
  await ctx.db.query('INSERT INTO login_attempts (email, ip, at, succeeded) VALUES ($1, $2, $3, $4)', [
    email.toLowerCase(),
    ip,
    ctx.now(),
    succeeded,
  ]);
}
