import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { ENTITY_SCHEMAS, type EntityByType, type EntityType } from '../../src/shared/wire';
import type { ServerContext } from '../context';
import { putEntity, type EntityMeta } from '../sync/feed';

/** A stable UUID (v5 layout) from a name, so seeds are deterministic and idempotent. */
export function seedId(name: string): string {
  const hex = createHash('sha1').update(`collective-brain:${name}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Validates and writes one entity; the caller's transaction holds the feed lock. */
export async function seedEntity<T extends EntityType>(
  db: PoolClient,
  type: T,
  data: EntityByType[T],
  meta: EntityMeta,
  now: Date,
): Promise<void> {
  const parsed = ENTITY_SCHEMAS[type].parse(data);
  await putEntity(db, type, data.id, parsed, meta, now);
}

/** Stores a blob and its metadata row; returns the variant fields. */
export async function seedFile(
  ctx: ServerContext,
  db: PoolClient,
  content: Buffer,
  mime: string,
): Promise<{ sha256: string; size: number; mime: string }> {
  const hash = sha256(content);
  const stored = await ctx.blobs.put(Readable.from([content]), hash, Number.MAX_SAFE_INTEGER);
  if (!stored.ok) throw new Error(`seed file rejected: ${stored.reason}`);
  // Seeded files are published content from the start.
  await db.query(
    `INSERT INTO files (sha256, size, mime, touched_at, published_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (sha256) DO NOTHING`,
    [hash, content.length, mime, ctx.now()],
  );
  return { sha256: hash, size: content.length, mime };
}
