import type { SearchDoc } from './search-documents';
import { SearchIndex, type RankedHit, type SearchFilters } from './search-index';
import type { SliceOptions } from './stored-form';

/** Search documents in the first shard, the newest of every kind: what a cold start loads first. */
export const RECENT_DOCS = 10_000;
/** Older search documents, per archive shard. */
export const ARCHIVE_DOCS = 40_000;

/** The last `ShardedIndex.serial` given. */
let serials = 0;

/**
 * The search index, stored split by recency (architecture: recent items before old ones), searched as one.
 *
 * Shard 0 holds the newest posts, threads, news and documents (by their dates) and is loaded first, so
 * search is ready quickly after a cold start; archive shards follow in the background, each merged into the
 * same in-memory index as it arrives. A save rewrites only the shards that changed (new documents land in
 * shard 0; when it holds twice its share, the search service splits the index again).
 *
 * One index, not one per shard: a query expands its prefix, reads its posting lists and picks its best hits
 * once. Over four shards of a 108 000-post index, queries took 2.5–3.5 times as long at p95 (a scratch
 * comparison in Node, docs/benchmarks.md), mostly the same fixed work done again per shard.
 */
export class ShardedIndex {
  private readonly index: SearchIndex;
  /** The shard each document number belongs to. */
  private shardOf = new Uint16Array(1024);
  private readonly loaded: boolean[];
  private readonly dirty: boolean[];
  /** Ids changed while some shard was not loaded: that shard's copy is stale when it arrives. */
  private readonly touched = new Set<string>();
  /** Documents in shard 0 (new ones land there, so it grows until the index is split again). */
  private recent = 0;
  private revised = 0;
  /** Tells this index from the one it replaces (a rebuild), without holding either. */
  readonly serial = (serials += 1);

  private constructor(count: number, loaded: boolean) {
    this.index = SearchIndex.empty();
    this.loaded = Array.from({ length: count }, () => loaded);
    this.dirty = Array.from({ length: count }, () => loaded);
  }

  /**
   * Builds from the recent docs (shard 0) and the older ones, newest first (archive shards of `perShard`), in
   * slices of about `budgetMs` with a pause between them: the old index keeps answering meanwhile.
   */
  static async build(
    recent: readonly SearchDoc[],
    older: readonly SearchDoc[],
    perShard: number,
    pause: () => Promise<void>,
    budgetMs = 8,
  ): Promise<ShardedIndex> {
    const index = new ShardedIndex(1 + Math.ceil(older.length / perShard), true);
    const all = [
      ...recent.map((doc) => [doc, 0] as const),
      ...older.map((doc, n) => [doc, 1 + Math.floor(n / perShard)] as const),
    ];
    let sliceStart = performance.now();
    for (const [n, [doc, shard]] of all.entries()) {
      index.add(doc, shard);
      if ((n & 31) === 31 && performance.now() - sliceStart > budgetMs) {
        await pause();
        sliceStart = performance.now();
      }
    }
    index.index.prepare();
    return index;
  }

  static empty(): ShardedIndex {
    return new ShardedIndex(1, true);
  }

  /** A stored index about to load: `count` shards, none loaded. */
  static loading(count: number): ShardedIndex {
    return new ShardedIndex(count, false);
  }

  /** Documents in shard 0. */
  recentSize(): number {
    return this.recent;
  }

  get shardCount(): number {
    return this.loaded.length;
  }

  get complete(): boolean {
    return this.loaded.every(Boolean);
  }

  isLoaded(shard: number): boolean {
    return this.loaded[shard] ?? false;
  }

  get size(): number {
    return this.index.size;
  }

  isDirty(shard: number): boolean {
    return this.dirty[shard] ?? false;
  }

  markClean(shard: number): void {
    this.dirty[shard] = false;
  }

  /**
   * Merges a stored shard into the index, minus what changed since the cold start began (the stored copy of
   * such a document is stale: the shard is then written again at the next save). Throws `StoredIndexError`
   * if the text is not a stored index (the service then rebuilds).
   */
  async loadShard(shard: number, json: string, pause: () => Promise<void>, budgetMs: number): Promise<void> {
    if (this.isLoaded(shard)) return;
    this.revised += 1;
    const { from, to, skipped } = await this.index.append(json, {
      skip: (id) => this.touched.has(id),
      pause,
      budgetMs,
    });
    for (let number = from; number < to; number += 1) this.assign(number, shard);
    if (shard === 0) this.recent += to - from;
    this.loaded[shard] = true;
    if (skipped > 0) this.dirty[shard] = true;
    if (this.complete) this.touched.clear();
    this.revised += 1;
  }

  /** A shard's stored form, in chunks, built in slices (see `SearchIndex.serialize`). */
  serialize(shard: number, options: SliceOptions): Promise<string[]> {
    if (!this.isLoaded(shard)) throw new Error(`shard ${String(shard)} is not loaded`);
    return this.index.serialize(options, (number) => this.shardOf[number] === shard);
  }

  /** Vacuums the index (the caller makes sure nothing else changes it meanwhile). */
  async vacuum(): Promise<void> {
    if (this.index.needsVacuum) await this.index.vacuum();
  }

  /** Goes up with every change to what the index answers: a document, or a shard merged in. */
  get revision(): number {
    return this.revised;
  }

  get needsVacuum(): boolean {
    return this.index.needsVacuum;
  }

  upsert(doc: SearchDoc): void {
    this.revised += 1;
    if (!this.complete) this.touched.add(doc.id);
    // An edit stays in the shard that has the doc; anything new is recent.
    const shard = this.drop(doc.id) ?? 0;
    this.add(doc, shard);
  }

  remove(id: string): void {
    this.revised += 1;
    if (!this.complete) this.touched.add(id);
    this.drop(id);
  }

  /** The best hits over the loaded shards. */
  search(query: string, filters: SearchFilters = {}): RankedHit[] {
    return this.index.search(query, filters);
  }

  /** Adds a document to a shard (it must not be in the index). */
  private add(doc: SearchDoc, shard: number): void {
    this.assign(this.index.upsert(doc), shard);
    this.dirty[shard] = true;
    if (shard === 0) this.recent += 1;
  }

  /** Takes a document out of the index, if it is there; returns the shard it was in. */
  private drop(id: string): number | undefined {
    const number = this.index.numberOf(id);
    if (number === undefined) return undefined;
    const shard = this.shardOf[number] ?? 0;
    this.index.remove(id);
    this.dirty[shard] = true;
    if (shard === 0) this.recent -= 1;
    return shard;
  }

  private assign(number: number, shard: number): void {
    if (number >= this.shardOf.length) {
      const grown = new Uint16Array(Math.max(number + 1, this.shardOf.length * 2));
      grown.set(this.shardOf);
      this.shardOf = grown;
    }
    this.shardOf[number] = shard;
  }
}
