import { PULL_DEFAULT_LIMIT } from '../../src/shared/wire';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { mayRead, tombstoneWhenUnseen, type Reader } from './audience';

/**
 * Reads a page of the feed after a cursor, for one reader. Entities the
 * reader may not see (hidden ones, for non-moderators) go out as tombstones,
 * so a client that had them drops them; what they never could see (others'
 * reports, someone else's follows) is left out altogether (see audience.ts). The page is built as a
 * JSON string directly from the stored jsonb, and bounded by rows and by bytes.
 */
export interface PullOptions {
  readonly cursor: string | undefined;
  readonly limit: number | undefined;
  readonly reader: Reader;
  /** Edition packs the client imported: what they hold at the same version, up to their cursor, is skipped. */
  readonly packs?: readonly string[];
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
  /** The client has this exact version from an edition pack. */
  skip?: boolean;
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
  const packs = options.packs ?? [];
  // One round trip: the feed's state (to check the cursor) and the page after it. With packs, each row says
  // whether one of them holds it at this version and the feed has not moved it since (a pack of another epoch
  // holds nothing of this feed).
  const skip =
    packs.length === 0
      ? ''
      : `, EXISTS (SELECT 1 FROM venue_pack_entities pe JOIN venue_packs p ON p.id = pe.pack_id
                    WHERE pe.pack_id = ANY($3::uuid[]) AND p.epoch = (SELECT epoch FROM sync_state)
                      AND pe.type = entities.type AND pe.id = entities.id AND pe.version = entities.version
                      AND entities.seq <= p.cursor_seq) AS skip`;
  const result = await ctx.db.query<StateRow & { [K in keyof FeedRow]: FeedRow[K] | null }>(
    `SELECT s.epoch, s.min_seq, q.max_seq, e.seq, e.type, e.id, e.version, e.deleted, e.audience, e.owner_id, e.data${packs.length === 0 ? '' : ', e.skip'}
       FROM sync_state s
      CROSS JOIN (SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS max_seq FROM change_seq) q
       LEFT JOIN LATERAL (
         SELECT seq, type, id, version, deleted, audience, owner_id, data::text AS data${skip}
           FROM entities WHERE seq > $1 ORDER BY seq LIMIT $2
       ) e ON true`,
    packs.length === 0 ? [after, limit + 1] : [after, limit + 1, packs],
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
    if (row.skip === true || (!readable && !tombstoneWhenUnseen(row.audience))) {
      // Passed over, not sent (in an imported pack, or never for this reader): the cursor still moves past it.
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
