import { FollowsSchema, noFollows, withFollow, type Follows } from '../../src/shared/wire';
import { readEntity } from './feed';
import { loadVisible, write, type MutationHandlers } from './mutation-kit';

type FollowHandlers = Pick<MutationHandlers, 'follow.set'>;

/**
 * What a user follows: one list per user, kept as an entity of the feed that
 * only its owner receives (audience `owner`), so it reaches each of their
 * devices and no one else. Each choice names one thread or edition and wins
 * over the one before (no version to conflict with: two devices' choices
 * simply apply in the order they arrive).
 */
export const followMutations: FollowHandlers = {
  async 'follow.set'(m, args) {
    // Anyone who may read a thread or an edition may follow it. Stopping needs no check: it only
    // ever shortens one's own list, and a thread deleted meanwhile must still be let go of.
    if (args.following) await loadVisible(m, args.targetType === 'thread' ? 'thread' : 'collection', args.targetId);
    const stored = await readEntity(m.db, 'follows', m.user.id);
    const live = stored !== undefined && !stored.deleted;
    const current: Follows = live ? FollowsSchema.parse(stored.data) : noFollows(m.user.id);
    const next = withFollow(current, args, m.now.toISOString());
    // Already so: nothing new goes into the feed.
    if (live && next === current) return { status: 'applied', version: stored.version };
    return write(m, 'follows', next, { audience: 'owner', ownerId: m.user.id });
  },
};
