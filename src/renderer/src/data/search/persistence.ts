import type { CollectiveBrainDb } from '../db';
import { INDEX_FORMAT } from './search-index';
import type { ShardedIndex } from './sharded-index';

/**
 * What the stored index reflects: the sync cursor and the outbox head when it
 * was saved. If either moved since, changes may have landed while no window
 * was indexing (a crash before the save), and the index is refreshed.
 */
export interface Watermark {
  cursor: string | null;
  outboxHead: number;
  outboxCount: number;
}

interface ShardMeta {
  chunks: number;
  length: number;
}

export interface StoredMeta {
  format: number;
  shards: ShardMeta[];
  watermark: Watermark;
  documents: number;
  savedAt: string;
}

export const META_KEY = 'index:meta';
const shardPrefix = (shard: number): string => `index:shard:${String(shard)}:`;
const chunkKey = (shard: number, n: number): string => `${shardPrefix(shard)}${String(n)}`;
/** IndexedDB stores big strings fine, but smaller rows keep each write and read cheap. */
export const CHUNK_CHARS = 4_000_000;
/** Extracted PDF text lives in the same table, next to the index it feeds. */
export const pdfTextKey = (sha256: string): string => `pdf-text:${sha256}`;

export async function currentWatermark(db: CollectiveBrainDb): Promise<Watermark> {
  return db.transaction('r', [db.syncMeta, db.outbox], async () => {
    const cursor = (await db.syncMeta.get('cursor'))?.value ?? null;
    const last = await db.outbox.orderBy('seq').last();
    return { cursor, outboxHead: last?.seq ?? 0, outboxCount: await db.outbox.count() };
  });
}

export function sameWatermark(a: Watermark, b: Watermark): boolean {
  return a.cursor === b.cursor && a.outboxHead === b.outboxHead && a.outboxCount === b.outboxCount;
}

/**
 * Writes the shards that changed (chunked) and the meta, in one transaction:
 * a reader sees the old or the new index, never a mix. Shards that did not
 * change keep their rows.
 */
export async function saveIndex(
  db: CollectiveBrainDb,
  index: ShardedIndex,
  watermark: Watermark,
  pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): Promise<void> {
  const savedAt = new Date().toISOString();
  const previous = await readMeta(db);
  const reuse = previous !== null && previous.format === INDEX_FORMAT;
  // Serialize first, outside the transaction: it is the slow part, done in slices that yield the thread.
  const written = new Map<number, string[]>();
  const shards: ShardMeta[] = [];
  for (let n = 0; n < index.shardCount; n += 1) {
    const old = reuse ? previous.shards[n] : undefined;
    if (old !== undefined && !index.isDirty(n)) {
      shards.push(old);
      continue;
    }
    const chunks = await index.serialize(n, { pause, chunkChars: CHUNK_CHARS });
    written.set(n, chunks);
    shards.push({ chunks: chunks.length, length: chunks.reduce((sum, chunk) => sum + chunk.length, 0) });
  }
  const meta: StoredMeta = { format: INDEX_FORMAT, shards, watermark, documents: index.size, savedAt };
  await db.transaction('rw', db.searchIndex, async () => {
    const keys = await db.searchIndex.where('key').startsWith('index:').primaryKeys();
    const keep = (key: string): boolean => {
      const match = /^index:shard:(\d+):/u.exec(key);
      const shard = match === null ? -1 : Number(match[1]);
      return shard >= 0 && shard < index.shardCount && !written.has(shard) && reuse;
    };
    await db.searchIndex.bulkDelete(keys.filter((key) => key !== META_KEY && !keep(key)));
    for (const [shard, chunks] of written) {
      await db.searchIndex.bulkPut(chunks.map((value, n) => ({ key: chunkKey(shard, n), value, updatedAt: savedAt })));
    }
    await db.searchIndex.put({ key: META_KEY, value: JSON.stringify(meta), updatedAt: savedAt });
  });
  for (const shard of written.keys()) index.markClean(shard);
}

export type LoadedMeta = { status: 'ok'; meta: StoredMeta } | { status: 'missing' | 'corrupt' | 'old-format' };

/** Reads what the stored index is made of; anything unreadable or of another format is reported, not guessed at. */
export async function loadMeta(db: CollectiveBrainDb): Promise<LoadedMeta> {
  const row = await db.searchIndex.get(META_KEY);
  if (row === undefined) return { status: 'missing' };
  const meta = parseMeta(row.value);
  if (meta === null) {
    const format = formatOf(row.value);
    return format !== null && format !== INDEX_FORMAT ? { status: 'old-format' } : { status: 'corrupt' };
  }
  if (meta.format !== INDEX_FORMAT) return { status: 'old-format' };
  return { status: 'ok', meta };
}

/** One shard's JSON, or null when a chunk is missing or the length does not add up. */
export async function loadShard(db: CollectiveBrainDb, meta: StoredMeta, shard: number): Promise<string | null> {
  const info = meta.shards[shard];
  if (info === undefined) return null;
  const rows = await db.searchIndex.bulkGet(Array.from({ length: info.chunks }, (_, n) => chunkKey(shard, n)));
  const parts: string[] = [];
  for (const row of rows) {
    if (row === undefined) return null;
    parts.push(row.value);
  }
  const json = parts.join('');
  return json.length === info.length ? json : null;
}

/** What a cold start reads before it parses anything: the meta and, if it is readable, the recent shard's text. */
export interface StoredStart {
  stored: LoadedMeta;
  /** Shard 0's text; null when the meta is not `ok` or a chunk is missing. */
  first: string | null;
}

/** The meta and the recent shard, read in one transaction (a save in between cannot mix two versions). */
export async function loadStart(db: CollectiveBrainDb): Promise<StoredStart> {
  return db.transaction('r', db.searchIndex, async () => {
    const stored = await loadMeta(db);
    return { stored, first: stored.status === 'ok' ? await loadShard(db, stored.meta, 0) : null };
  });
}

function formatOf(value: string): number | null {
  try {
    const format = (JSON.parse(value) as { format?: unknown } | null)?.format;
    return typeof format === 'number' ? format : null;
  } catch {
    return null;
  }
}

async function readMeta(db: CollectiveBrainDb): Promise<StoredMeta | null> {
  const row = await db.searchIndex.get(META_KEY);
  return row === undefined ? null : parseMeta(row.value);
}

function parseMeta(value: string): StoredMeta | null {
  try {
    const parsed = JSON.parse(value) as Partial<StoredMeta> | null;
    if (
      parsed === null ||
      typeof parsed.format !== 'number' ||
      !Array.isArray(parsed.shards) ||
      parsed.shards.length === 0 ||
      typeof parsed.watermark !== 'object'
    ) {
      return null;
    }
    return parsed as StoredMeta;
  } catch {
    return null;
  }
}
