import type { ServerContext } from '../context';

export interface RecentOptions {
  threads: number;
  postsPerThread: number;
  canModerate: boolean;
}

/**
 * The newest discussion, for a client's first sync on a slow link: every
 * category, the threads with the latest posts, their latest posts, the
 * readers' translations of those posts, and the authors. These are the same
 * rows (with their versions) that the feed will deliver again; a client
 * upserts them by version, so nothing is applied twice and the
 * cursor-ordered pull stays the source of truth. It takes only what everyone,
 * or moderators, may see (hidden posts): never reports or unpublished news,
 * which the pull alone delivers, to whom it may (see audience.ts).
 */
export async function recentSnapshot(ctx: ServerContext, options: RecentOptions): Promise<string> {
  const result = await ctx.db.query<{ seq: string; type: string; id: string; version: number; data: string }>(
    `WITH visible AS NOT MATERIALIZED (
       SELECT * FROM entities
        WHERE NOT deleted AND data IS NOT NULL AND (audience = 'all' OR (audience = 'moderators' AND $3::boolean))
     ),
     -- The threads of the newest posts, found from the end of the feed (its seq index), not by sorting every post.
     recent_threads AS (
       SELECT p.parent_id AS id, max(p.seq) AS last_seq
         FROM (
           SELECT parent_id, seq FROM entities
            WHERE type = 'post' AND NOT deleted AND data IS NOT NULL AND (audience = 'all' OR (audience = 'moderators' AND $3::boolean))
            ORDER BY seq DESC
            LIMIT 5000
         ) p
         JOIN visible t ON t.type = 'thread' AND t.id = p.parent_id
        GROUP BY p.parent_id
        ORDER BY last_seq DESC
        LIMIT $1
     ),
     recent_posts AS (
       SELECT p.* FROM recent_threads r
        CROSS JOIN LATERAL (
          SELECT * FROM visible p WHERE p.type = 'post' AND p.parent_id = r.id
           ORDER BY p.data->>'createdAt' DESC LIMIT $2
        ) p
     ),
     -- Readers' translations of those posts, so a post shows in the reader's language from the first sync.
     recent_translations AS (
       SELECT t.* FROM visible t WHERE t.type = 'translation' AND t.parent_id IN (SELECT id FROM recent_posts)
     ),
     picked AS (
       SELECT * FROM visible WHERE type = 'category'
       UNION ALL
       SELECT v.* FROM visible v JOIN recent_threads r ON v.type = 'thread' AND v.id = r.id
       UNION ALL
       SELECT * FROM recent_posts
       UNION ALL
       SELECT * FROM recent_translations
       UNION ALL
       SELECT u.* FROM visible u
        WHERE u.type = 'user'
          AND u.id IN (SELECT (data->>'authorId')::uuid FROM recent_posts
                       UNION SELECT (data->>'authorId')::uuid FROM recent_translations
                       UNION SELECT (v.data->>'authorId')::uuid FROM visible v JOIN recent_threads r ON v.type = 'thread' AND v.id = r.id)
     )
     SELECT seq::text, type, id, version, data::text AS data FROM picked ORDER BY seq`,
    [options.threads, options.postsPerThread, options.canModerate],
  );
  const parts = result.rows.map(
    (row) =>
      `{"seq":${row.seq},"type":${JSON.stringify(row.type)},"id":"${row.id}","version":${row.version},"op":"upsert","data":${row.data}}`,
  );
  return `{"changes":[${parts.join(',')}]}`;
}
