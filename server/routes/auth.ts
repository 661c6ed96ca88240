import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  hasCapability,
  IdSchema,
  LoginRequestSchema,
  type LoginResponse,
  type RevokeSessionsResponse,
} from '../../src/shared/wire';
import { verifyPassword } from '../auth/passwords';
import { reserveLoginAttempt, settleLoginSuccess } from '../auth/rate-limit';
import {
  authenticate,
  bearerToken,
  findUserForLogin,
  hashToken,
  issueToken,
  refreshSession,
  revokeToken,
  revokeUserSessions,
  toSessionUser,
} from '../auth/sessions';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseOrThrow } from '../http/validate';

const UserParamsSchema = z.strictObject({ id: IdSchema });

export function authRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/auth/login', async (request): Promise<LoginResponse> => {
    const body = parseOrThrow(LoginRequestSchema, request.body, 'login');
    // Counted before the (slow) password check, so concurrent guesses cannot all slip under the limit.
    await reserveLoginAttempt(ctx, body.email, request.ip);
    const user = await findUserForLogin(ctx, body.email);
    const valid = await verifyPassword(user?.password_hash, body.password);
    if (user === undefined || !valid || user.disabled) {
      throw new HttpError('unauthorized', 'Wrong email or password.');
    }
    await settleLoginSuccess(ctx, body.email, request.ip);
    const { token, expiresAt } = await issueToken(ctx, ctx.db, user.id);
    return { token, expiresAt, user: toSessionUser(user) };
  });

  /**
   * Exchanges a token for the next one in its session and revokes it. An
   * expired token may still be refreshed for a grace period (a laptop offline
   * over a weekend signs back in silently), never past the session's end; a
   * replaced token presented again ends the whole session (see refreshSession).
   */
  app.post('/api/auth/refresh', async (request): Promise<LoginResponse> => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new HttpError('unauthorized', 'Sign in: a Bearer token is required.');
    // The transaction commits a refusal too: a reuse revokes the chain and that must stick.
    const outcome = await ctx.db.transaction((db) => refreshSession(ctx, db, token));
    if (outcome.kind === 'refused') throw new HttpError('unauthorized', outcome.message);
    return { ...outcome.issued, user: toSessionUser(outcome.user) };
  });

  app.post('/api/auth/logout', async (request) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new HttpError('unauthorized', 'Sign in: a Bearer token is required.');
    // An expired token may still be logged out; an unknown one is already gone.
    await revokeToken(ctx, ctx.db, hashToken(token));
    return { ok: true as const };
  });

  /** Sign out everywhere: every session of the caller ends, this one included. */
  app.post('/api/auth/sessions/revoke', async (request): Promise<RevokeSessionsResponse> => {
    const user = await authenticate(ctx, request.headers.authorization);
    return { revoked: await revokeUserSessions(ctx, ctx.db, user.id, 'everywhere') };
  });

  /** An admin ends every session of another account (a lost laptop, a departure). */
  app.post('/api/users/:id/sessions/revoke', async (request): Promise<RevokeSessionsResponse> => {
    const admin = await authenticate(ctx, request.headers.authorization);
    if (!hasCapability(admin.roles, 'users.manage')) throw new HttpError('forbidden', 'Only admins manage accounts.');
    const { id } = parseOrThrow(UserParamsSchema, request.params, 'user id');
    const exists = await ctx.db.query('SELECT 1 FROM users WHERE id = $1', [id]);
    if (exists.rowCount === 0) throw new HttpError('not-found', 'No such user.');
    return { revoked: await revokeUserSessions(ctx, ctx.db, id, 'admin') };
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
