import type { SearchDoc } from './search-documents';
import { SearchIndex, type RankedHit, type SearchFilters } from './search-index';
import type { SliceOptions } from './stored-form';

/** Posts in the first shard, with every thread, document and news item: what a cold start loads first. */
export const RECENT_POSTS = 10_000;
/** Older posts, per archive shard. */
export const ARCHIVE_POSTS = 40_000;

/**
 * The index split by recency (architecture: recent items before old ones).
 * Shard 0 holds everything but the older posts and is loaded first, so
 * search is ready quickly after a cold start; archive shards follow in the
 * background. Each shard is a MiniSearch index saved on its own, so a save
 * rewrites only the shards that changed (new posts land in shard 0; when it
 * holds twice its share, the search service splits the index again).
 */
export class ShardedIndex {
  /** null: not loaded yet. */
  private readonly shards: (SearchIndex | null)[];
  private readonly dirty: boolean[];
  /** Ids changed while some shard was not loaded: that shard's copy is stale when it arrives. */
  private readonly touched = new Set<string>();

  private constructor(shards: (SearchIndex | null)[], dirty: boolean) {
    this.shards = shards;
    this.dirty = shards.map(() => dirty);
  }

  /** Builds from docs ordered so that non-post docs and the newest posts come first. */
  static build(recent: readonly SearchDoc[], olderPosts: readonly SearchDoc[], perShard = ARCHIVE_POSTS): ShardedIndex {
    const shards = [SearchIndex.build(recent)];
    for (let start = 0; start < olderPosts.length; start += perShard) {
      shards.push(SearchIndex.build(olderPosts.slice(start, start + perShard)));
    }
    return new ShardedIndex(shards, true);
  }

  /** Same as `build`, in slices with a pause between them: the old index keeps answering meanwhile. */
  static async buildAsync(
    recent: readonly SearchDoc[],
    olderPosts: readonly SearchDoc[],
    perShard: number,
    pause: () => Promise<void>,
  ): Promise<ShardedIndex> {
    const shards = [await SearchIndex.buildAsync(recent, pause)];
    for (let start = 0; start < olderPosts.length; start += perShard) {
      shards.push(await SearchIndex.buildAsync(olderPosts.slice(start, start + perShard), pause));
    }
    return new ShardedIndex(shards, true);
  }

  static empty(): ShardedIndex {
    return new ShardedIndex([SearchIndex.empty()], true);
  }

  /** A stored index about to load: `count` shards, none loaded. */
  static loading(count: number): ShardedIndex {
    return new ShardedIndex(
      Array.from({ length: count }, () => null),
      false,
    );
  }

  /** Posts in the recent shard: new posts land there, so it grows until the index is split again. */
  recentPosts(): number {
    return this.shards[0]?.countPosts() ?? 0;
  }

  get shardCount(): number {
    return this.shards.length;
  }

  get complete(): boolean {
    return this.shards.every((shard) => shard !== null);
  }

  get size(): number {
    return this.shards.reduce((sum, shard) => sum + (shard?.size ?? 0), 0);
  }

  isDirty(shard: number): boolean {
    return this.dirty[shard] ?? false;
  }

  markClean(shard: number): void {
    this.dirty[shard] = false;
  }

  /** Puts a loaded shard in place, minus what changed since the cold start began. */
  setShard(n: number, index: SearchIndex): void {
    for (const id of this.touched) index.remove(id);
    this.shards[n] = index;
    if (n > 0 && this.touched.size > 0) this.dirty[n] = true;
    if (this.complete) this.touched.clear();
  }

  /** A shard's stored form, in chunks, built in slices (see `SearchIndex.serialize`). */
  serialize(shard: number, options: SliceOptions): Promise<string[]> {
    const index = this.shards[shard];
    if (index === null || index === undefined) throw new Error(`shard ${String(shard)} is not loaded`);
    return index.serialize(options);
  }

  /** Vacuums the shards that need it (the caller makes sure nothing else changes the index meanwhile). */
  async vacuum(): Promise<void> {
    for (const shard of this.shards) if (shard?.needsVacuum === true) await shard.vacuum();
  }

  get needsVacuum(): boolean {
    return this.shards.some((shard) => shard?.needsVacuum === true);
  }

  upsert(doc: SearchDoc): void {
    if (!this.complete) this.touched.add(doc.id);
    // An edit stays in the shard that has the doc; anything new is recent.
    const at = this.shards.findIndex((shard, n) => n > 0 && shard?.has(doc.id) === true);
    const target = at === -1 ? 0 : at;
    for (const [n, shard] of this.shards.entries()) {
      if (n !== target && shard?.has(doc.id) === true) {
        shard.remove(doc.id);
        this.dirty[n] = true;
      }
    }
    this.shards[target]?.upsert(doc);
    this.dirty[target] = true;
  }

  remove(id: string): void {
    if (!this.complete) this.touched.add(id);
    for (const [n, shard] of this.shards.entries()) {
      if (shard?.has(id) === true) {
        shard.remove(id);
        this.dirty[n] = true;
      }
    }
  }

  /** The best `limit` hits over the loaded shards (scores are BM25 per shard: close, not identical, across shards). */
  search(query: string, filters: SearchFilters = {}): RankedHit[] {
    const limit = filters.limit ?? 50;
    const all: RankedHit[] = [];
    for (const shard of this.shards) if (shard !== null) all.push(...shard.search(query, filters));
    // Plain hits: each shown hit's matched terms are worked out now, while the index is as it was ranked.
    if (this.shards.length === 1) return all.map((hit) => ({ ...hit }));
    all.sort((a, b) => b.score - a.score);
    const seen = new Set<string>();
    const hits: RankedHit[] = [];
    for (const hit of all) {
      const key = `${hit.kind}:${hit.entityId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ ...hit });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}
