import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '../../src/shared/wire';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';

/**
 * Session tokens: random, stored only as their sha256, expiring, refreshable
 * (a refresh revokes the old token) and revocable (logout).
 */
export interface AuthenticatedUser extends SessionUser {
  readonly tokenHash: string;
}

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  content_languages: SessionUser['contentLanguages'];
  disabled: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    contentLanguages: row.content_languages,
  };
}

export async function issueToken(
  ctx: ServerContext,
  db: Queryable,
  userId: string,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.limits.tokenTtlSeconds * 1000);
  await db.query('INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    userId,
    now,
    expiresAt,
  ]);
  return { token, expiresAt: expiresAt.toISOString() };
}

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/u.exec(header.trim());
  return match?.[1];
}

/** Resolves the bearer token to a user, or throws 401 (`unauthorized` or `token-expired`). */
export async function authenticate(ctx: ServerContext, header: string | undefined): Promise<AuthenticatedUser> {
  const token = bearerToken(header);
  if (token === undefined) throw new HttpError('unauthorized', 'Sign in: a Bearer token is required.');
  const tokenHash = hashToken(token);
  const result = await ctx.db.query<UserRow & { expires_at: Date; revoked_at: Date | null }>(
    `SELECT u.id, u.email, u.display_name, u.roles, u.content_languages, u.disabled, t.expires_at, t.revoked_at
       FROM auth_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1`,
    [tokenHash],
  );
  const row = result.rows[0];
  if (row === undefined || row.revoked_at !== null || row.disabled) {
    throw new HttpError('unauthorized', 'This session is not valid; sign in again.');
  }
  if (row.expires_at.getTime() <= ctx.now().getTime()) {
    throw new HttpError('token-expired', 'This session has expired; refresh it or sign in again.');
  }
  return { ...toSessionUser(row), tokenHash };
}

export async function revokeToken(ctx: ServerContext, db: Queryable, tokenHash: string): Promise<void> {
  await db.query('UPDATE auth_tokens SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [
    tokenHash,
    ctx.now(),
  ]);
}

export async function findUserForLogin(
  ctx: ServerContext,
  email: string,
): Promise<(UserRow & { password_hash: string }) | undefined> {
  const result = await ctx.db.query<UserRow & { password_hash: string }>(
    `SELECT id, email, display_name, roles, content_languages, disabled, password_hash
       FROM users WHERE lower(email) = lower($1)`,
    [email],
  );
  return result.rows[0];
}
