import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role, SessionUser } from '../../src/shared/wire';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';

/**
 * Session tokens: random, stored only as their sha256, expiring and revocable.
 * A session is a chain: each refresh replaces the token with a new one in the
 * same chain (rotation), and the chain ends at an absolute time fixed at
 * sign-in. Presenting a replaced token to refresh again means two parties hold
 * the chain: the whole chain is revoked (reuse detection).
 */
export interface AuthenticatedUser extends SessionUser {
  readonly tokenHash: string;
  readonly sessionId: string;
}

/** Why a token stopped working; kept for reuse detection and for the record. */
export type RevokedReason = 'rotated' | 'signed-out' | 'reuse' | 'everywhere' | 'admin';

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  content_languages: SessionUser['contentLanguages'];
  disabled: boolean;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
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

/** A new token in a chain: a new chain at sign-in, the same one on refresh (never past its end). */
export async function issueToken(
  ctx: ServerContext,
  db: Queryable,
  userId: string,
  chain?: { sessionId: string; sessionExpiresAt: Date },
): Promise<IssuedToken & { tokenHash: string }> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const now = ctx.now();
  const sessionId = chain?.sessionId ?? randomUUID();
  const sessionExpiresAt = chain?.sessionExpiresAt ?? new Date(now.getTime() + ctx.limits.sessionMaxSeconds * 1000);
  const expiresAt = new Date(Math.min(now.getTime() + ctx.limits.tokenTtlSeconds * 1000, sessionExpiresAt.getTime()));
  await db.query(
    `INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at, session_id, session_expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [tokenHash, userId, now, expiresAt, sessionId, sessionExpiresAt],
  );
  return { token, tokenHash, expiresAt: expiresAt.toISOString() };
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
  const result = await ctx.db.query<
    UserRow & { expires_at: Date; revoked_at: Date | null; used_at: Date | null; session_id: string }
  >(
    `SELECT u.id, u.email, u.display_name, u.roles, u.content_languages, u.disabled,
            t.expires_at, t.revoked_at, t.used_at, t.session_id
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
  // The first use of a token tells refresh that its answer arrived (see refreshSession).
  if (row.used_at === null) {
    await ctx.db.query('UPDATE auth_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL', [
      tokenHash,
      ctx.now(),
    ]);
  }
  return { ...toSessionUser(row), tokenHash, sessionId: row.session_id };
}

export async function revokeToken(
  ctx: ServerContext,
  db: Queryable,
  tokenHash: string,
  reason: RevokedReason = 'signed-out',
): Promise<void> {
  await db.query(
    'UPDATE auth_tokens SET revoked_at = $2, revoked_reason = $3 WHERE token_hash = $1 AND revoked_at IS NULL',
    [tokenHash, ctx.now(), reason],
  );
}

/** Ends every session of a user ("sign out everywhere", or an admin's doing); returns how many tokens stopped. */
export async function revokeUserSessions(
  ctx: ServerContext,
  db: Queryable,
  userId: string,
  reason: Extract<RevokedReason, 'everywhere' | 'admin'>,
): Promise<number> {
  const result = await db.query(
    'UPDATE auth_tokens SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL',
    [userId, ctx.now(), reason],
  );
  return result.rowCount ?? 0;
}

async function revokeChain(ctx: ServerContext, db: Queryable, sessionId: string): Promise<void> {
  await db.query(
    `UPDATE auth_tokens SET revoked_at = $2, revoked_reason = 'reuse' WHERE session_id = $1 AND revoked_at IS NULL`,
    [sessionId, ctx.now()],
  );
}

interface TokenRow {
  token_hash: string;
  user_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: RevokedReason | null;
  replaced_by: string | null;
  used_at: Date | null;
  session_id: string;
  session_expires_at: Date;
}

async function lockToken(db: Queryable, tokenHash: string): Promise<TokenRow | undefined> {
  const found = await db.query<TokenRow>(
    `SELECT token_hash, user_id, expires_at, revoked_at, revoked_reason, replaced_by, used_at, session_id, session_expires_at
       FROM auth_tokens WHERE token_hash = $1 FOR UPDATE`,
    [tokenHash],
  );
  return found.rows[0];
}

export type RefreshOutcome =
  | { readonly kind: 'refreshed'; readonly issued: IssuedToken; readonly user: UserRow }
  | { readonly kind: 'refused'; readonly message: string };

/**
 * Exchanges a token for the next one in its chain, in the caller's transaction.
 * A replaced token presented again is reuse: the chain is revoked (the caller
 * commits that, then answers 401) unless it is a retry after a lost answer
 * (soon after, and the successor was never used), which gets a new successor.
 */
export async function refreshSession(ctx: ServerContext, db: Queryable, token: string): Promise<RefreshOutcome> {
  const now = ctx.now().getTime();
  const row = await lockToken(db, hashToken(token));
  if (row === undefined) return { kind: 'refused', message: 'This session cannot be refreshed; sign in again.' };
  let replacing: TokenRow = row;
  if (row.revoked_at !== null) {
    const successor =
      row.revoked_reason === 'rotated' && row.replaced_by !== null ? await lockToken(db, row.replaced_by) : undefined;
    if (successor === undefined) {
      return { kind: 'refused', message: 'This session has ended; sign in again.' };
    }
    const lostAnswer =
      successor.revoked_at === null &&
      successor.used_at === null &&
      now - row.revoked_at.getTime() <= ctx.limits.refreshRetrySeconds * 1000;
    if (!lostAnswer) {
      await revokeChain(ctx, db, row.session_id);
      return { kind: 'refused', message: 'This session was used from two places; it has been ended. Sign in again.' };
    }
    replacing = successor;
  }
  if (replacing.session_expires_at.getTime() <= now) {
    return { kind: 'refused', message: 'This session has reached its time limit; sign in again.' };
  }
  if (replacing.expires_at.getTime() + ctx.limits.refreshGraceSeconds * 1000 <= now) {
    return { kind: 'refused', message: 'This session cannot be refreshed; sign in again.' };
  }
  const users = await db.query<UserRow>(
    'SELECT id, email, display_name, roles, content_languages, disabled FROM users WHERE id = $1',
    [replacing.user_id],
  );
  const user = users.rows[0];
  if (user === undefined || user.disabled) return { kind: 'refused', message: 'This account is disabled.' };
  const issued = await issueToken(ctx, db, user.id, {
    sessionId: replacing.session_id,
    sessionExpiresAt: replacing.session_expires_at,
  });
  await db.query(
    `UPDATE auth_tokens SET revoked_at = coalesce(revoked_at, $2), revoked_reason = 'rotated', replaced_by = $3
      WHERE token_hash = ANY($1::text[])`,
    [[row.token_hash, replacing.token_hash], ctx.now(), issued.tokenHash],
  );
  return { kind: 'refreshed', issued: { token: issued.token, expiresAt: issued.expiresAt }, user };
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

/** Drops tokens of sessions that ended long ago (reuse detection no longer needs them). */
export async function pruneTokens(ctx: ServerContext): Promise<number> {
  const before = new Date(ctx.now().getTime() - ctx.limits.refreshGraceSeconds * 1000);
  const result = await ctx.db.query('DELETE FROM auth_tokens WHERE session_expires_at < $1', [before]);
  return result.rowCount ?? 0;
}
