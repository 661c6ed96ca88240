import { newReport, resolvedReport, type MutationArgs, type Report } from '../../src/shared/wire';
import { readEntity } from './feed';
import {
  assertNew,
  loadVisible,
  Rejection,
  requireCapability,
  write,
  type Live,
  type MutationContext,
  type MutationHandlers,
  type Outcome,
} from './mutation-kit';

type ReportHandlers = Pick<MutationHandlers, 'report.create' | 'report.resolve'>;

/** A report reaches its reporter and the moderators only (see audience.ts). */
function writeReport(m: MutationContext, report: Report): Promise<Outcome> {
  return write(m, 'report', report, {
    audience: 'owner-and-moderators',
    ownerId: report.reporterId,
    parentId: report.postId,
  });
}

async function assertFirstOpenReport(m: MutationContext, postId: string): Promise<void> {
  const open = await m.db.query(
    `SELECT 1 FROM entities
      WHERE type = 'report' AND NOT deleted AND parent_id = $1 AND owner_id = $2 AND data->'resolution' = 'null'::jsonb`,
    [postId, m.user.id],
  );
  if ((open.rowCount ?? 0) > 0) throw new Rejection('already-exists', 'You already reported this post.');
}

/**
 * The record says what was done, so it must be true: a post recorded as hidden is hidden, one recorded as
 * deleted is gone, and the reply that contacted its author is the moderator's own, in the thread.
 */
async function assertDone(
  m: MutationContext,
  report: Live<'report'>,
  args: MutationArgs<'report.resolve'>,
): Promise<void> {
  const post = await readEntity(m.db, 'post', report.data.postId);
  const gone = post === undefined || post.deleted;
  switch (args.action) {
    case 'hidden':
      if (gone || !(post.data as { hidden?: unknown }).hidden) {
        throw new Rejection('invalid', 'The post is not hidden: hide it first.');
      }
      return;
    case 'deleted':
      if (!gone) throw new Rejection('invalid', 'The post is not deleted: delete it first.');
      return;
    case 'contacted': {
      const replyId = args.replyId ?? null;
      if (replyId === null) throw new Rejection('invalid', 'Name the reply that contacted the author.');
      const reply = await loadVisible(m, 'post', replyId);
      if (reply.ownerId !== m.user.id || reply.data.threadId !== report.data.threadId) {
        throw new Rejection('invalid', 'The reply must be yours, in the reported post’s thread.');
      }
      return;
    }
    case 'dismissed':
      return;
  }
}

/** Anyone signed in reports a post they can see; moderators resolve reports, and the resolution is kept. */
export const reportMutations: ReportHandlers = {
  async 'report.create'(m, args) {
    const post = await loadVisible(m, 'post', args.postId);
    if (post.ownerId === m.user.id) throw new Rejection('invalid', 'You cannot report your own post.');
    await assertNew(m, 'report', args.id);
    await assertFirstOpenReport(m, post.id);
    return writeReport(m, newReport(args, post.data, { reporterId: m.user.id, now: m.now.toISOString() }));
  },
  async 'report.resolve'(m, args) {
    requireCapability(m, 'forum.moderate');
    const report = await loadVisible(m, 'report', args.id);
    if (report.data.resolution !== null) {
      throw new Rejection('already-resolved', `This report was resolved on ${report.data.resolution.at}.`);
    }
    await assertDone(m, report, args);
    return writeReport(m, resolvedReport(report.data, args, { moderatorId: m.user.id, now: m.now.toISOString() }));
  },
};
