import { PULL_DEFAULT_LIMIT } from '../../src/shared/wire';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { mayRead, tombstoneWhenUnseen, type Reader } from './audience';

/**
 * Reads a page of the feed after a cursor, for one reader. Entities the
 * reader may not see (hidden ones, for non-moderators) go out as tombstones,
 * so a client that had them drops them; what they never could see (others'
 * reports) is left out altogether (see audience.ts). The page is built as a
 * JSON string directly from the stored jsonb, and bounded by rows and by bytes.
 */
export interface PullOptions {
  readonly cursor: string | undefined;
  readonly limit: number | undefined;
  readonly reader: Reader;
}

interface FeedRow {
  seq: number;
  type: string;
  id: string;
  version: number;
  deleted: boolean;
  audience: string;
  owner_id: string | null;
  data: string | null;
}

export function formatCursor(epoch: string, seq: number): string {
  return `${epoch}.${seq}`;
}

export async function currentFeedState(ctx: ServerContext): Promise<{ epoch: string; minSeq: number; maxSeq: number }> {
  const result = await ctx.db.query<{ epoch: string; min_seq: number; max_seq: number }>(
    `SELECT s.epoch, s.min_seq, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_seq) AS max_seq
       FROM sync_state s`,
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error('sync_state is empty');
  return { epoch: row.epoch, minSeq: row.min_seq, maxSeq: row.max_seq };
}

/** Splits a cursor; its epoch and range are checked against the feed once it is read. */
function parseCursor(cursor: string | undefined): { epoch: string | undefined; seq: number } {
  if (cursor === undefined || cursor === '') return { epoch: undefined, seq: 0 };
  const match = /^([0-9a-f]{8,64})\.(\d{1,15})$/u.exec(cursor);
  if (match === null) throw new HttpError('invalid', 'The cursor is not one this server made.');
  return { epoch: match[1], seq: Number(match[2]) };
}

interface StateRow {
  epoch: string;
  min_seq: number;
  max_seq: number;
}

export async function pullPage(ctx: ServerContext, options: PullOptions): Promise<string> {
  const { epoch, seq: after } = parseCursor(options.cursor);
  const limit = options.limit ?? PULL_DEFAULT_LIMIT;
  // One round trip: the feed's state (to check the cursor) and the page after it.
  const result = await ctx.db.query<StateRow & { [K in keyof FeedRow]: FeedRow[K] | null }>(
    `SELECT s.epoch, s.min_seq, q.max_seq, e.seq, e.type, e.id, e.version, e.deleted, e.audience, e.owner_id, e.data
       FROM sync_state s
      CROSS JOIN (SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS max_seq FROM change_seq) q
       LEFT JOIN LATERAL (
         SELECT seq, type, id, version, deleted, audience, owner_id, data::text AS data
           FROM entities WHERE seq > $1 ORDER BY seq LIMIT $2
       ) e ON true`,
    [after, limit + 1],
  );
  const state = result.rows[0];
  if (state === undefined) throw new Error('sync_state is empty');
  if (epoch !== undefined && (epoch !== state.epoch || after > state.max_seq || (after > 0 && after < state.min_seq))) {
    throw new HttpError('reset-required', 'The server cannot continue from this cursor; pull again from the start.');
  }
  const rows = result.rows.filter((row): row is StateRow & FeedRow => row.seq !== null);
  const parts: string[] = [];
  let bytes = 0;
  let last = after;
  let hasMore = rows.length > limit;
  for (const [index, row] of rows.entries()) {
    if (index >= limit) break;
    const readable = mayRead(options.reader, row.audience, row.owner_id);
    if (!readable && !tombstoneWhenUnseen(row.audience)) {
      // Not for this reader, ever: passed over (the cursor still moves past it).
      last = row.seq;
      continue;
    }
    const visible = !row.deleted && row.data !== null && readable;
    const head = `{"seq":${row.seq},"type":${JSON.stringify(row.type)},"id":"${row.id}","version":${row.version}`;
    const part = visible ? `${head},"op":"upsert","data":${row.data ?? 'null'}}` : `${head},"op":"delete"}`;
    if (parts.length > 0 && bytes + part.length > ctx.limits.pullBytes) {
      hasMore = true;
      break;
    }
    parts.push(part);
    bytes += part.length + 1;
    last = row.seq;
  }
  const cursor = formatCursor(state.epoch, last);
  return `{"changes":[${parts.join(',')}],"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore}}`;
}
