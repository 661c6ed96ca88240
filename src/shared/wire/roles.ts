/**
 * Roles and what they allow. The server enforces this; clients use the same
 * table to decide which actions to offer.
 */
export const ROLES = ['participant', 'facilitator', 'moderator', 'admin'] as const;
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
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  participant: ['forum.write'],
  facilitator: ['forum.write', 'library.write'],
  moderator: ['forum.write', 'forum.moderate'],
  admin: ['forum.write', 'library.write', 'forum.moderate', 'users.manage'],
};

export function hasCapability(roles: readonly Role[], capability: Capability): boolean {
  return roles.some((role) => ROLE_CAPABILITIES[role].includes(capability));
}
