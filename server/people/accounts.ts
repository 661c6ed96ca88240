import {
  displayNameKey,
  PEOPLE_SEARCH_LIMIT,
  type Account,
  type PeopleSearchResponse,
  type Role,
} from '../../src/shared/wire';
import type { Queryable } from '../db/database';

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  disabled: boolean;
  invited: boolean;
  invitation_expires_at: Date | null;
  created_at: Date;
}

const SELECT_ACCOUNT = `
  SELECT u.id, u.email, u.display_name, u.roles, u.disabled, u.password_hash IS NULL AS invited, u.created_at,
         (SELECT max(i.expires_at) FROM invitations i
           WHERE i.user_id = u.id AND i.used_at IS NULL AND i.revoked_at IS NULL) AS invitation_expires_at
    FROM users u`;

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    state: row.disabled ? 'disabled' : row.invited ? 'invited' : 'active',
    ...(row.invited && row.invitation_expires_at !== null
      ? { invitationExpiresAt: row.invitation_expires_at.toISOString() }
      : {}),
    createdAt: row.created_at.toISOString(),
  };
}

export async function readAccount(db: Queryable, id: string): Promise<Account | undefined> {
  const found = await db.query<AccountRow>(`${SELECT_ACCOUNT} WHERE u.id = $1`, [id]);
  const row = found.rows[0];
  return row === undefined ? undefined : toAccount(row);
}

/**
 * Accounts whose display name or email contains the query (names compared as
 * displayNameKey does, so "elise" finds "Élise" only if they compare equal
 * letter for letter, and "ＡＤＭＩＮ" finds "admin"), newest first.
 */
export async function searchAccounts(db: Queryable, query: string): Promise<PeopleSearchResponse> {
  const trimmed = query.trim();
  const found = await db.query<AccountRow>(
    `${SELECT_ACCOUNT}
      WHERE $1 = '' OR strpos(u.display_key, $2) > 0 OR strpos(lower(u.email), lower($1)) > 0
      ORDER BY u.created_at DESC, u.display_key
      LIMIT $3`,
    [trimmed, displayNameKey(trimmed), PEOPLE_SEARCH_LIMIT + 1],
  );
  return {
    accounts: found.rows.slice(0, PEOPLE_SEARCH_LIMIT).map(toAccount),
    more: found.rows.length > PEOPLE_SEARCH_LIMIT,
  };
}
