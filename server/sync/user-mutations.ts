import { updatedProfile, updatedUser, type Role, type User } from '../../src/shared/wire';
import { hashPassword } from '../auth/passwords';
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

type UserHandlers = Pick<MutationHandlers, 'user.create' | 'user.update' | 'profile.update'>;

interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly editions?: readonly string[];
  readonly contentLanguages?: User['contentLanguages'];
}

/** Inserts an account and its public profile in the feed; the caller holds the feed lock. */
export async function insertUser(db: Queryable, user: UserRecord, now: Date): Promise<number> {
  await db.query(
    `INSERT INTO users (id, email, password_hash, display_name, roles, editions, content_languages)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      user.id,
      user.email,
      user.passwordHash,
      user.displayName,
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
  await m.db.query(
    `UPDATE users SET display_name = $2, roles = $3, content_languages = $4, disabled = coalesce($5, disabled)
      WHERE id = $1`,
    [profile.id, profile.displayName, profile.roles, profile.contentLanguages, disabled ?? null],
  );
  if (disabled === true) {
    await m.db.query('UPDATE auth_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [
      profile.id,
      m.now,
    ]);
  }
}

export const userMutations: UserHandlers = {
  async 'user.create'(m, args) {
    requireCapability(m, 'users.manage');
    const taken = await m.db.query('SELECT 1 FROM users WHERE id = $1 OR lower(email) = lower($2)', [
      args.id,
      args.email,
    ]);
    if (taken.rowCount !== 0) throw new Rejection('already-exists', 'That id or email is already in use.');
    const version = await insertUser(m.db, { ...args, passwordHash: await hashPassword(args.password) }, m.now);
    return { status: 'applied', version };
  },
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
