import { hasCapability, type Role } from '../../src/shared/wire';

/**
 * Who receives an entity through the feed. The pull, the first-sync snapshot and every mutation (which
 * may only touch what its user can see) decide with these functions, so they cannot disagree.
 *
 * - `all`: everyone signed in;
 * - `moderators`: moderators and admins (hidden threads and posts, and their translations);
 * - `news-publishers`: whoever may publish news (unpublished news items, and their translations);
 * - `owner-and-moderators`: its owner, moderators and admins (a reader's report of a post);
 * - `owner`: its owner alone, not even moderators (what a user follows).
 */
export const AUDIENCES = ['all', 'moderators', 'news-publishers', 'owner-and-moderators', 'owner'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The person a pull or a mutation is for: what their roles let them see. */
export interface Reader {
  readonly id: string;
  readonly canModerate: boolean;
  readonly canPublishNews: boolean;
}

export function readerOf(user: { readonly id: string; readonly roles: readonly Role[] }): Reader {
  return {
    id: user.id,
    canModerate: hasCapability(user.roles, 'forum.moderate'),
    canPublishNews: hasCapability(user.roles, 'news.publish'),
  };
}

export function mayRead(reader: Reader, audience: string, ownerId: string | null): boolean {
  switch (audience) {
    case 'all':
      return true;
    case 'moderators':
      return reader.canModerate;
    case 'news-publishers':
      return reader.canPublishNews;
    case 'owner-and-moderators':
      return reader.canModerate || (ownerId !== null && ownerId === reader.id);
    case 'owner':
      return ownerId !== null && ownerId === reader.id;
    default:
      return false;
  }
}

/**
 * Whether a reader who may not see a row gets its tombstone. A hidden post or an unpublished news item was
 * visible before, so whoever had it must drop it. A report never was visible to anyone but its reporter
 * and the moderators (its owner and audience never change): others get nothing at all, so the feed does
 * not even tell them that a report exists.
 */
export function tombstoneWhenUnseen(audience: string): boolean {
  return audience !== 'owner-and-moderators' && audience !== 'owner';
}
