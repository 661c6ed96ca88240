import type { FastifyInstance } from 'fastify';
import { LoginRequestSchema, type LoginResponse } from '../../src/shared/wire';
import { verifyPassword } from '../auth/passwords';
import { checkLoginRate, recordLoginAttempt } from '../auth/rate-limit';
import {
  authenticate,
  bearerToken,
  findUserForLogin,
  hashToken,
  issueToken,
  revokeToken,
  toSessionUser,
} from '../auth/sessions';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseOrThrow } from '../http/validate';

export function authRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/auth/login', async (request): Promise<LoginResponse> => {
    const body = parseOrThrow(LoginRequestSchema, request.body, 'login');
    await checkLoginRate(ctx, body.email, request.ip);
    const user = await findUserForLogin(ctx, body.email);
    const valid = await verifyPassword(user?.password_hash, body.password);
    if (user === undefined || !valid || user.disabled) {
      await recordLoginAttempt(ctx, body.email, request.ip, false);
      throw new HttpError('unauthorized', 'Wrong email or password.');
    }
    await recordLoginAttempt(ctx, body.email, request.ip, true);
    const { token, expiresAt } = await issueToken(ctx, ctx.db, user.id);
    return { token, expiresAt, user: toSessionUser(user) };
  });

  /**
   * Exchanges a token for a new one and revokes the old. An expired token
   * may still be refreshed for a grace period, so a laptop that was offline
   * over a weekend signs back in silently; a revoked one never.
   */
  app.post('/api/auth/refresh', async (request): Promise<LoginResponse> => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new HttpError('unauthorized', 'Sign in: a Bearer token is required.');
    return ctx.db.transaction(async (db) => {
      const found = await db.query<{ user_id: string; expires_at: Date; revoked_at: Date | null }>(
        'SELECT user_id, expires_at, revoked_at FROM auth_tokens WHERE token_hash = $1 FOR UPDATE',
        [hashToken(token)],
      );
      const row = found.rows[0];
      const graceEnds = (row?.expires_at.getTime() ?? 0) + ctx.limits.refreshGraceSeconds * 1000;
      if (row === undefined || row.revoked_at !== null || graceEnds <= ctx.now().getTime()) {
        throw new HttpError('unauthorized', 'This session cannot be refreshed; sign in again.');
      }
      const user = await db.query<Parameters<typeof toSessionUser>[0]>(
        'SELECT id, email, display_name, roles, content_languages, disabled FROM users WHERE id = $1',
        [row.user_id],
      );
      const account = user.rows[0];
      if (account === undefined || account.disabled) throw new HttpError('unauthorized', 'This account is disabled.');
      await revokeToken(ctx, db, hashToken(token));
      const issued = await issueToken(ctx, db, account.id);
      return { ...issued, user: toSessionUser(account) };
    });
  });

  app.post('/api/auth/logout', async (request) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new HttpError('unauthorized', 'Sign in: a Bearer token is required.');
    // An expired token may still be logged out; an unknown one is already gone.
    await revokeToken(ctx, ctx.db, hashToken(token));
    return { ok: true as const };
  });

  app.get('/api/auth/me', async (request) => {
    const user = await authenticate(ctx, request.headers.authorization);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      contentLanguages: user.contentLanguages,
    };
  });
}
