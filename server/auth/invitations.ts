import { randomBytes, randomUUID } from 'node:crypto';
import {
  normalizeInvitationCode,
  type Invitation,
  type InvitationRequest,
  type LoginResponse,
  type RedeemInvitationRequest,
} from '../../src/shared/wire';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import { announceChanges, lockFeed } from '../sync/feed';
import { Rejection } from '../sync/mutation-kit';
import { assertNameFree, insertUser } from '../sync/user-mutations';
import { readAccount } from '../people/accounts';
import { hashPassword } from './passwords';
import { reserveLoginAttempt, settleLoginSuccess } from './rate-limit';
import { hashToken, issueToken, toSessionUser, type AuthenticatedUser, type UserRow } from './sessions';

/**
 * Invitations: how accounts are made. An admin names the person (email,
 * display name, roles); the server creates the account without a password and
 * answers with a one-time code, shown to the admin once and kept here only as
 * its sha256. The invitee redeems it with their email and the password they
 * choose, which signs them in. A code works once, before it expires; redeeming
 * is throttled with the same counters as signing in.
 */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 20 characters, 5 random bits each (256 is a multiple of 32, so every character is equally likely). */
export function newInvitationCode(): string {
  return [...randomBytes(20)].map((byte) => CROCKFORD_ALPHABET[byte % 32]).join('');
}

function hashCode(code: string): string {
  return hashToken(`invitation:${normalizeInvitationCode(code)}`);
}

async function issueInvitation(
  ctx: ServerContext,
  db: Queryable,
  userId: string,
  adminId: string,
): Promise<{ code: string; expiresAt: Date }> {
  const now = ctx.now();
  // A new code replaces any earlier one that was not used: only the latest code shown works.
  await db.query(
    'UPDATE invitations SET revoked_at = $2 WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL',
    [userId, now],
  );
  const code = newInvitationCode();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000);
  await db.query(
    `INSERT INTO invitations (code_hash, user_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [hashCode(code), userId, adminId, now, expiresAt],
  );
  return { code, expiresAt };
}

/** Creates an invited account (no password yet) and its first code. */
export async function inviteAccount(
  ctx: ServerContext,
  admin: AuthenticatedUser,
  request: InvitationRequest,
): Promise<Invitation> {
  return ctx.db.transaction(async (db) => {
    await lockFeed(db);
    const taken = await db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [request.email]);
    if (taken.rowCount !== 0) throw new HttpError('conflict', 'An account already uses this email.');
    const id = randomUUID();
    await assertNameFree(db, request.displayName, id).catch((error: unknown) => {
      throw error instanceof Rejection ? new HttpError('conflict', error.message) : error;
    });
    await insertUser(
      db,
      { id, email: request.email, passwordHash: null, displayName: request.displayName, roles: request.roles },
      ctx.now(),
    );
    const { code, expiresAt } = await issueInvitation(ctx, db, id, admin.id);
    const account = await readAccount(db, id);
    if (account === undefined) throw new Error('the invited account was not stored');
    await announceChanges(db);
    return { account, code, expiresAt: expiresAt.toISOString() };
  });
}

/** A new code for an account still waiting for its invitee (the first was lost or expired). */
export async function reinviteAccount(
  ctx: ServerContext,
  admin: AuthenticatedUser,
  userId: string,
): Promise<Invitation> {
  return ctx.db.transaction(async (db) => {
    const found = await db.query<{ invited: boolean }>(
      'SELECT password_hash IS NULL AS invited FROM users WHERE id = $1 FOR UPDATE',
      [userId],
    );
    const row = found.rows[0];
    if (row === undefined) throw new HttpError('not-found', 'No such account.');
    if (!row.invited) throw new HttpError('conflict', 'This person has already set their password.');
    const { code, expiresAt } = await issueInvitation(ctx, db, userId, admin.id);
    const account = await readAccount(db, userId);
    if (account === undefined) throw new Error('the account vanished');
    return { account, code, expiresAt: expiresAt.toISOString() };
  });
}

const REFUSED = 'This invitation code does not work for this email: it may be mistyped, used or expired.';

/** The invitee's first sign-in: the code, once, with the password they choose. */
export async function redeemInvitation(
  ctx: ServerContext,
  request: RedeemInvitationRequest & { code: string },
  ip: string,
): Promise<LoginResponse> {
  // Counted before anything is checked, as a sign-in is: a failure unless settled as a success below.
  await reserveLoginAttempt(ctx, request.email, ip);
  const codeHash = hashCode(request.code);
  const now = ctx.now();
  const candidate = await ctx.db.query<{ user_id: string }>(
    `SELECT i.user_id FROM invitations i JOIN users u ON u.id = i.user_id
      WHERE i.code_hash = $1 AND lower(u.email) = lower($2) AND i.used_at IS NULL AND i.revoked_at IS NULL
        AND i.expires_at > $3 AND NOT u.disabled`,
    [codeHash, request.email, now],
  );
  if (candidate.rowCount === 0) {
    throw new HttpError('unauthorized', REFUSED);
  }
  // Hashed before the transaction: argon2 is slow, and nothing is locked meanwhile.
  const passwordHash = await hashPassword(request.password);
  const response = await ctx.db.transaction(async (db) => {
    // Used once: of two redemptions at the same time, only one finds it unused.
    const claimed = await db.query<{ user_id: string }>(
      `UPDATE invitations SET used_at = $2
        WHERE code_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
        RETURNING user_id`,
      [codeHash, now],
    );
    const userId = claimed.rows[0]?.user_id;
    if (userId === undefined) return undefined;
    await db.query(
      'UPDATE invitations SET revoked_at = $2 WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL',
      [userId, now],
    );
    const user = await db.query<UserRow>(
      `UPDATE users SET password_hash = $2 WHERE id = $1 AND NOT disabled
        RETURNING id, email, display_name, roles, content_languages, disabled`,
      [userId, passwordHash],
    );
    const row = user.rows[0];
    if (row === undefined) return undefined;
    const issued = await issueToken(ctx, db, row.id);
    return { token: issued.token, expiresAt: issued.expiresAt, user: toSessionUser(row) };
  });
  if (response === undefined) throw new HttpError('unauthorized', REFUSED);
  await settleLoginSuccess(ctx, request.email, ip);
  return response;
}
