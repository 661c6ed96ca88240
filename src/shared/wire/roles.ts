/**
 * Roles and what they allow. The server enforces this; clients use the same
 * table to decide which actions to offer.
 */
export const ROLES = ['participant', 'facilitator', 'moderator', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  /** Create threads and posts; edit and delete one's own. */
  'forum.write',
  /** Create and edit collections, sessions and materials; upload documents. */
  'library.write',
  /** Lock, pin, hide and move threads; hide and delete anyone's posts; see hidden content. */
  'forum.moderate',
  /** Create users and change their roles. */
  'users.manage',
  /** Write, edit, publish, unpublish, pin and delete news items; see unpublished ones. */
  'news.publish',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * What each role allows. A user holds a set of roles, so a role is also how a capability is granted to one
 * person: `editor` is the news team's (the ILO staff who publish news), granted by an admin alongside any
 * other role (a facilitator who also publishes news is `['facilitator', 'editor']`). One table thus decides
 * for the server, for the client's offer of actions and for the authorization test, and granting needs no
 * second mechanism (a per-user list of capabilities would be a second place to check and to sync).
 */
export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  participant: ['forum.write'],
  facilitator: ['forum.write', 'library.write'],
  moderator: ['forum.write', 'forum.moderate'],
  editor: ['forum.write', 'news.publish'],
  admin: ['forum.write', 'library.write', 'forum.moderate', 'users.manage', 'news.publish'],
};

export function hasCapability(roles: readonly Role[], capability: Capability): boolean {
  return roles.some((role) => ROLE_CAPABILITIES[role].includes(capability));
}
