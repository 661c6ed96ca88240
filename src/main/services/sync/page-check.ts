import { PULL_DEFAULT_LIMIT, type PullPage } from '../../../shared/wire/sync';
import { RemoteError } from '../remote/remote-client';

/** A cursor's feed (epoch) and position, when it has the server's shape ("<epoch>.<seq>"). */
function parts(cursor: string): { epoch: string; seq: number } | null {
  const match = /^([0-9a-f]{8,64})\.(\d{1,15})$/u.exec(cursor);
  return match === null ? null : { epoch: match[1] ?? '', seq: Number(match[2]) };
}

/**
 * What the schema cannot say about a pull page: that it answers the request. A page with more changes than
 * asked for (a huge page), changes out of order or from before the cursor, or a cursor of another feed
 * or behind its own changes is refused whole, as a malformed answer: the renderer keeps its cursor and
 * shows the error, and nothing of the page is stored.
 */
export function checkPullPage(page: PullPage, asked: { cursor: string | undefined; limit: number | undefined }): void {
  const refuse = (why: string): never => {
    throw new RemoteError('bad-response', `The server sent a page this app cannot use (${why}).`, 200);
  };
  const limit = asked.limit ?? PULL_DEFAULT_LIMIT;
  if (page.changes.length > limit) refuse(`${String(page.changes.length)} changes, ${String(limit)} at most asked for`);
  const from = asked.cursor === undefined ? null : parts(asked.cursor);
  const to = parts(page.cursor);
  if (to === null) refuse('its cursor is not one this server makes');
  let previous = from !== null && to !== null && from.epoch === to.epoch ? from.seq : 0;
  for (const change of page.changes) {
    if (change.seq <= previous) refuse(`change ${String(change.seq)} comes after ${String(previous)}`);
    previous = change.seq;
  }
  if (to !== null && to.seq < previous) refuse(`its cursor stops at ${String(to.seq)}, before its own changes`);
}
