import type { PasswordChangeRequest, PasswordChangeResponse } from '../../src/shared/wire';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { hashPassword, verifyPassword } from './passwords';
import { reserveLoginAttempt, settleLoginSuccess } from './rate-limit';
import type { AuthenticatedUser } from './sessions';

/**
 * Changing one's password: the current one is checked (throttled like a
 * sign-in, since a stolen session could otherwise guess it), the new one
 * stored, and every other session of the account ends. The session that asked
 * stays signed in: the person is at that computer.
 */
export async function changePassword(
  ctx: ServerContext,
  user: AuthenticatedUser,
  request: PasswordChangeRequest,
  ip: string,
): Promise<PasswordChangeResponse> {
  await reserveLoginAttempt(ctx, user.email, ip);
  const stored = await ctx.db.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [
    user.id,
  ]);
  if (!(await verifyPassword(stored.rows[0]?.password_hash, request.currentPassword))) {
    // Not 401: the session is fine, the password typed is not (and a 401 would make the client refresh and retry).
    throw new HttpError('forbidden', 'The current password is not right.');
  }
  await settleLoginSuccess(ctx, user.email, ip);
  const passwordHash = await hashPassword(request.newPassword);
  return ctx.db.transaction(async (db) => {
    await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, passwordHash]);
    // Every other session (token chain) of the account ends; this one goes on, refreshing as before.
    const others = await db.query<{ sessions: number }>(
      `WITH ended AS (
         UPDATE auth_tokens SET revoked_at = $3, revoked_reason = 'everywhere'
          WHERE user_id = $1 AND session_id <> $2 AND revoked_at IS NULL
          RETURNING session_id)
       SELECT count(DISTINCT session_id)::int AS sessions FROM ended`,
      [user.id, user.sessionId, ctx.now()],
    );
    return { signedOut: others.rows[0]?.sessions ?? 0 };
  });
}
