import { displayNameKey, updatedProfile, updatedUser, type Role, type User } from '../../src/shared/wire';
import { revokeUserSessions } from '../auth/sessions';
import type { Queryable } from '../db/database';
import { putEntity } from './feed';
import {
  conflictIfStale,
  loadVisible,
  Rejection,
  requireCapability,
  write,
  type MutationContext,
  type MutationHandlers,
} from './mutation-kit';

/**
 * Accounts are created by invitation (server/auth/invitations.ts), never by a
 * synced write: a password must not travel through an outbox.
 */
type UserHandlers = Pick<MutationHandlers, 'user.update' | 'profile.update'>;

interface UserRecord {
  readonly id: string;
  readonly email: string;
  /** null: invited, no password chosen yet. */
  readonly passwordHash: string | null;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly editions?: readonly string[];
  readonly contentLanguages?: User['contentLanguages'];
}

export const NAME_TAKEN = 'Another account already uses this display name (or one that looks the same).';

/**
 * Refuses a display name another account already has, compared by displayNameKey. Every writer of
 * names holds the feed lock, so this check and the write cannot interleave; the unique index on
 * `users.display_key` is the rule of the data behind it.
 */
export async function assertNameFree(db: Queryable, displayName: string, exceptUserId: string): Promise<void> {
  const taken = await db.query('SELECT 1 FROM users WHERE display_key = $1 AND id <> $2', [
    displayNameKey(displayName),
    exceptUserId,
  ]);
  if (taken.rowCount !== 0) throw new Rejection('already-exists', NAME_TAKEN);
}

/** Inserts an account and its public profile in the feed; the caller holds the feed lock. */
export async function insertUser(db: Queryable, user: UserRecord, now: Date): Promise<number> {
  await db.query(
    `INSERT INTO users (id, email, password_hash, display_name, display_key, roles, editions, content_languages)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      user.id,
      user.email,
      user.passwordHash,
      user.displayName,
      displayNameKey(user.displayName),
      user.roles,
      user.editions ?? [],
      user.contentLanguages ?? [],
    ],
  );
  const profile: User = {
    id: user.id,
    displayName: user.displayName,
    roles: [...user.roles],
    editions: [...(user.editions ?? [])],
    contentLanguages: [...(user.contentLanguages ?? [])],
  };
  return (await putEntity(db, 'user', user.id, profile, { ownerId: user.id }, now)).version;
}

async function syncAccount(m: MutationContext, profile: User, disabled?: boolean): Promise<void> {
  await assertNameFree(m.db, profile.displayName, profile.id);
  await m.db.query(
    `UPDATE users SET display_name = $2, display_key = $3, roles = $4, content_languages = $5,
            disabled = coalesce($6, disabled)
      WHERE id = $1`,
    [
      profile.id,
      profile.displayName,
      displayNameKey(profile.displayName),
      profile.roles,
      profile.contentLanguages,
      disabled ?? null,
    ],
  );
  if (disabled === true) await revokeUserSessions(m.ctx, m.db, profile.id, 'admin');
}

export const userMutations: UserHandlers = {
  async 'user.update'(m, args, baseVersion) {
    requireCapability(m, 'users.manage');
    const current = await loadVisible(m, 'user', args.id);
    const stale = conflictIfStale(current, baseVersion);
    if (stale !== undefined) return stale;
    if (
      args.id === m.user.id &&
      (args.disabled === true || (args.roles !== undefined && !args.roles.includes('admin')))
    ) {
      throw new Rejection('invalid', 'Admins cannot disable themselves or drop their own admin role.');
    }
    const profile: User = updatedUser(current.data, args);
    await syncAccount(m, profile, args.disabled);
    return write(m, 'user', profile, { ownerId: profile.id });
  },
  async 'profile.update'(m, args, baseVersion) {
    const current = await loadVisible(m, 'user', m.user.id);
    const stale = conflictIfStale(current, baseVersion);
    if (stale !== undefined) return stale;
    const profile: User = updatedProfile(current.data, args);
    await syncAccount(m, profile);
    return write(m, 'user', profile, { ownerId: profile.id });
  },
};
