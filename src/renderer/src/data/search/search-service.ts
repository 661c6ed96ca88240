import type { CachedDocument, CollectiveBrainDb } from '../db';
import { loadHits, type SearchHit } from './search-results';
import { hasChanges, noChanges, watchIndexedTables, type ChangedKeys } from './index-maintenance';
import {
  currentWatermark,
  loadShard,
  loadStart,
  pdfTextKey,
  sameWatermark,
  saveIndex,
  type StoredMeta,
  type StoredStart,
  type Watermark,
} from './persistence';
import type { PdfTextExtractor } from './pdf-text';
import {
  allLanguageIds,
  documentDocs,
  newsDocs,
  postDoc,
  searchId,
  threadDoc,
  type SearchDoc,
} from './search-documents';
import { querySpecs, type RankedHit, type SearchFilters } from './search-index';
import { QueryTerms } from '../../../../shared/search/highlight';
import { ARCHIVE_DOCS, RECENT_DOCS, ShardedIndex } from './sharded-index';

export type { HighlightedText, SearchHit } from './search-results';

export interface SearchServiceOptions {
  /** Text of a downloaded PDF, for the index; without it PDFs are indexed by title and summary only. */
  extractPdfText?: PdfTextExtractor;
  /** How long the index waits after the last change before it saves itself. */
  saveDelayMs?: number;
  onError?: (error: unknown) => void;
  /** Shard sizes (tests use small ones): search documents in the recent shard, and per archive shard. */
  shards?: { recent: number; archive: number };
  /**
   * Resolves when indexing may run (the window's sync engine: once it is not
   * pulling). Index updates wait meanwhile and catch up in slices afterwards.
   */
  whenQuiet?: () => Promise<void>;
}

/** How the index became ready, for the benchmark and the tests. */
export interface OpenReport {
  source: 'stored' | 'stored-then-refreshed' | 'rebuilt';
  reason?: 'missing' | 'corrupt' | 'old-format' | 'stale';
  documents: number;
  ms: number;
}

const MAX_SAVE_DELAY_MS = 30_000;
/** Answers kept for queries asked again (see `SearchService.search`). */
const KEPT_ANSWERS = 8;

interface Answer {
  /** The index (its serial: an answer must not keep a replaced index alive), and its revision, it was ranked in. */
  index: number;
  revision: number;
  /** `contentVersion` when it ran: its rows were read then. */
  content: number;
  hits: Promise<SearchHit[]>;
}
/** Rows read back and indexed per task: after a first sync, 100 000 rows are indexed in slices, not in one freeze. */
const FLUSH_SLICE = 500;
const CONTENT = ['posts', 'threads', 'documents', 'news', 'files', 'searchIndex', 'syncMeta', 'outbox'] as const;

/**
 * The offline search: opens the persisted index (or rebuilds it), keeps it
 * current from the table hooks, extracts downloaded PDFs' text once, saves
 * itself after changes, and answers queries with highlighted results.
 * All index work runs one task at a time.
 */
export class SearchService {
  private index = ShardedIndex.empty();
  private dirty: ChangedKeys = noChanges();
  private work: Promise<unknown> = Promise.resolve();
  /** A flush is scheduled; calling it cancels it. */
  private flushTimer: (() => void) | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private vacuumQueued = false;
  /** Thread titles for post results, kept current with the threads table (a result needs no second read). */
  private readonly threadTitles = new Map<string, string>();
  private splitQueued = false;
  private savePendingSince = 0;
  private unwatch: (() => void) | null = null;
  private watchedFrom: Promise<Watermark> | null = null;
  private indexedWatermark: Watermark | null = null;
  private savedWatermark: Watermark | null = null;
  private readonly extractions = new Set<string>();
  private readonly extractionFailed = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private opened: Promise<OpenReport> | null = null;
  private prefetched: Promise<StoredStart> | null = null;
  private readonly saveDelayMs: number;
  /** Goes up with every change recorded in the tables results are read from. */
  private contentVersion = 0;
  /**
   * The last few answers, and those still running, by query and filters: a query run while it was typed
   * (`searchAhead`) answers the Enter that follows at once. Each is valid while the index and the tables
   * results come from are as they were when it ran.
   */
  private readonly answers = new Map<string, Answer>();
  /** The text typed last, waiting for the query ahead of it to end (one runs at a time). */
  private nextAhead: { query: string; filters: SearchFilters } | null = null;
  private runningAhead = false;

  constructor(
    private readonly db: CollectiveBrainDb,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.saveDelayMs = options.saveDelayMs ?? 3000;
  }

  /**
   * Starts recording changes now, without loading anything: a window can
   * show its content first and `open()` the index a moment later, and what
   * was written meanwhile is indexed then. Idempotent.
   */
  watch(): void {
    if (this.unwatch !== null || this.stopped) return;
    this.unwatch = watchIndexedTables(this.db, {
      changed: (table, key) => {
        this.dirty[table].add(key);
        this.contentVersion += 1;
        // A changed thread's title is read again by the next result that needs it.
        if (table === 'threads') this.threadTitles.delete(key);
      },
      settled: () => this.scheduleFlush(),
    });
    // The state the recorded changes start from (a write landing in between is in both: harmless).
    this.watchedFrom = currentWatermark(this.db);
    this.watchedFrom.catch(() => undefined);
  }

  /**
   * Starts reading the stored index's recent shard, without parsing it: IndexedDB reads it in its own
   * process while the window shows its content, and `open()` parses it (a cold start's read took about
   * 90 ms of the time to search ready in a trace of the client bench). Idempotent.
   */
  prefetch(): Promise<void> {
    if (this.prefetched === null && this.opened === null && !this.stopped) this.prefetched = loadStart(this.db);
    // Resolves once read. A read that failed is read again by `open()`, which reports what goes wrong.
    return (this.prefetched ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Watches (nothing is missed), then loads the stored index or builds one. Idempotent. */
  open(): Promise<OpenReport> {
    if (this.opened !== null) return this.opened;
    globalThis.performance.mark('cb:search-open'); // for the benchmarks
    this.watch();
    this.opened = this.enqueue(() => this.load());
    // Changes recorded before the index was there are indexed now.
    void this.opened.then(() => {
      globalThis.performance.mark('cb:search-ready'); // for the benchmarks
      this.scheduleFlush();
    });
    return this.opened;
  }

  get documentCount(): number {
    return this.index.size;
  }

  /** False while older shards of a stored index are still loading (results cover recent content only). */
  get complete(): boolean {
    return this.index.complete;
  }

  /** Called after every index change (for screens showing results). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when every recorded change is indexed, every queued PDF extracted and nothing is pending. */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.work;
      if (!this.busy()) {
        // Twice, a tick apart: a flush may just have queued an extraction or another flush.
        await new Promise((resolve) => setTimeout(resolve, 0));
        await this.work;
        if (!this.busy()) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private busy(): boolean {
    if (this.opened === null) return false; // nothing is indexed before open()
    return this.flushTimer !== null || hasChanges(this.dirty) || this.extractions.size > 0;
  }

  /** Saves now if anything changed since the last save (on quit, or in tests). */
  async saveNow(): Promise<void> {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.whenIdle();
    await this.enqueue(() => this.save());
  }

  async close(): Promise<void> {
    this.unwatch?.();
    this.unwatch = null;
    await this.work;
    this.flushTimer?.();
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.stopped = true;
  }

  /**
   * Ranked hits with their titles and snippets loaded from the database. The same query with the same
   * filters, asked again while nothing changed (or while it still runs), shares the answer.
   */
  search(query: string, filters: SearchFilters = {}): Promise<SearchHit[]> {
    const key = JSON.stringify([query.trim(), filters]);
    const known = this.answers.get(key);
    if (known !== undefined && this.current(known)) {
      // Most recently used last: the oldest is the one dropped.
      this.answers.delete(key);
      this.answers.set(key, known);
      return known.hits;
    }
    const answer: Answer = {
      index: this.index.serial,
      revision: this.index.revision,
      content: this.contentVersion,
      hits: this.run(query, filters),
    };
    this.answers.set(key, answer);
    // A failed query is asked again next time.
    answer.hits.catch(() => this.answers.get(key) === answer && this.answers.delete(key));
    for (const old of this.answers.keys()) {
      if (this.answers.size <= KEPT_ANSWERS) break;
      this.answers.delete(old);
    }
    return answer.hits;
  }

  /**
   * Runs a query as it is typed, so that its results are there when it is sent (`search` with the same text
   * and filters). One runs at a time: text typed meanwhile waits, and only the latest is run.
   */
  searchAhead(query: string, filters: SearchFilters = {}): void {
    if (this.stopped || this.opened === null || query.trim() === '') return;
    this.nextAhead = { query, filters };
    if (this.runningAhead) return;
    this.runningAhead = true;
    void (async () => {
      while (this.nextAhead !== null) {
        // After the next frame: the typed text is drawn first, and what is typed meanwhile replaces it.
        await afterNextFrame();
        const next = this.nextAhead;
        this.nextAhead = null;
        await this.search(next.query, next.filters).catch(() => undefined);
      }
      this.runningAhead = false;
    })();
  }

  /** Whether an answer still holds: the index and the tables it was read from have not changed since. */
  private current(answer: Answer): boolean {
    return (
      answer.index === this.index.serial &&
      answer.revision === this.index.revision &&
      answer.content === this.contentVersion
    );
  }

  private async run(query: string, filters: SearchFilters): Promise<SearchHit[]> {
    await this.open();
    const started = globalThis.performance.now();
    const ranked = this.index.search(query, { limit: 20, ...filters });
    globalThis.performance.measure('cb:search-rank', { start: started }); // for the benchmarks
    // What the query's terms match is marked in each result (its matched terms are not worked out).
    const highlight = new QueryTerms(querySpecs(query, filters.prefix ?? true));
    const hits = await loadHits(this.db, ranked, this.threadTitles, highlight);
    globalThis.performance.measure('cb:search-query', { start: started }); // for the benchmarks
    return hits;
  }

  /** Ranked ids only (no database access): the benchmark's and the tests' view of the index. */
  rank(query: string, filters: SearchFilters = {}): RankedHit[] {
    return this.index.search(query, filters);
  }

  /** Builds the index again from the tables and swaps it in (the old one answers meanwhile). */
  rebuild(): Promise<void> {
    return this.enqueue(async () => {
      await this.rebuildNow();
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.work.then(task);
    this.work = next.catch((error: unknown) => this.options.onError?.(error));
    return next;
  }

  /**
   * A flush right after a commit (a reply shows in search at once); the
   * slices of a long backlog (after a first sync) as background tasks, so
   * opening a thread or scrolling goes first.
   */
  private scheduleFlush(background = false): void {
    if (this.flushTimer !== null || this.stopped || this.opened === null || !hasChanges(this.dirty)) return;
    this.flushTimer = later(background, () => {
      this.flushTimer = null;
      void this.enqueue(async () => {
        await this.options.whenQuiet?.();
        if (contentChanges(this.dirty) > 2 * this.recentShare()) {
          // A backlog bigger than the recent shard (a first sync): one sharded build from the tables costs
          // less than reading every key back, and puts the newest content in the shard a cold start loads.
          // What is recorded from here on is applied after it.
          this.dirty = noChanges();
          await this.rebuildNow();
        } else {
          await this.flush();
        }
        if (hasChanges(this.dirty)) this.scheduleFlush(true);
        else {
          // For the benchmarks (performance.getEntriesByName): everything recorded so far is indexed.
          globalThis.performance.mark('cb:search-caught-up');
          if (this.index.needsVacuum) this.scheduleVacuum();
          this.splitIfGrown();
        }
      });
    });
  }

  /**
   * New posts land in the recent shard, which a cold start loads first: once
   * it holds twice its share, the index is built again from the tables (in
   * background slices, the old one answering meanwhile), so the newest posts
   * are again in a shard of the usual size and older ones move to the archive.
   */
  private splitIfGrown(): void {
    if (this.splitQueued) return;
    if (this.index.recentSize() <= 2 * this.recentShare()) return;
    this.splitQueued = true;
    void this.enqueue(async () => {
      try {
        await this.options.whenQuiet?.();
        if (!this.stopped) await this.rebuildNow();
      } finally {
        this.splitQueued = false;
      }
    });
  }

  private recentShare(): number {
    return this.options.shards?.recent ?? RECENT_DOCS;
  }

  /** Drops what edits and deletes left behind, in turn with updates and saves (never while a save reads the index). */
  private scheduleVacuum(): void {
    if (this.vacuumQueued) return;
    this.vacuumQueued = true;
    void this.enqueue(async () => {
      this.vacuumQueued = false;
      await this.options.whenQuiet?.();
      if (!this.stopped) await this.index.vacuum();
    });
  }

  /**
   * Saves once changes pause for `saveDelayMs` (serializing a big index is not
   * free, so a long sync does not save after every page), but at least every 30 s.
   */
  private scheduleSave(): void {
    if (this.stopped) return;
    const now = Date.now();
    if (this.saveTimer !== null) {
      if (now - this.savePendingSince > MAX_SAVE_DELAY_MS) return;
      clearTimeout(this.saveTimer);
    } else {
      this.savePendingSince = now;
    }
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      // Serializing is one long task: never in the middle of a pull run (sync would wait for it).
      void this.enqueue(async () => {
        await this.options.whenQuiet?.();
        await this.save();
      });
    }, this.saveDelayMs);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Cold start: the recent shard is loaded and search is ready; older shards
   * follow as queued tasks (searches meanwhile cover recent content). A
   * stored index missing, unreadable or of another format is rebuilt.
   */
  private async load(): Promise<OpenReport> {
    const started = performance.now();
    const prefetched = this.prefetched;
    this.prefetched = null;
    const read = prefetched === null ? loadStart(this.db) : prefetched.catch(() => loadStart(this.db));
    const { stored, first: text } = await read;
    let reason: OpenReport['reason'] = stored.status === 'ok' ? 'corrupt' : stored.status;
    if (stored.status === 'ok') {
      const index = ShardedIndex.loading(stored.meta.shards.length);
      if (text !== null && (await this.loadInto(index, 0, text))) {
        this.index = index;
        if (index.complete) globalThis.performance.mark('cb:search-complete'); // one shard: all there
        this.indexedWatermark = stored.meta.watermark;
        this.savedWatermark = this.indexedWatermark;
        void this.enqueue(() => this.loadThreadTitles());
        for (let n = 1; n < stored.meta.shards.length; n += 1)
          void this.enqueue(() => this.loadArchive(stored.meta, n));
        // Changes that landed while no index was listening (a crash before the save): refresh in the background.
        const fresh = sameWatermark(stored.meta.watermark, await (this.watchedFrom ?? currentWatermark(this.db)));
        if (!fresh) void this.rebuild();
        await this.queueMissingExtractions();
        this.notify();
        return {
          source: fresh ? 'stored' : 'stored-then-refreshed',
          ...(fresh ? {} : { reason: 'stale' as const }),
          documents: this.index.size,
          ms: performance.now() - started,
        };
      }
      reason = 'corrupt';
    }
    await this.rebuildNow();
    return { source: 'rebuilt', reason, documents: this.index.size, ms: performance.now() - started };
  }

  /** Every thread's title, read once after a cold start (a few bytes per thread). */
  private async loadThreadTitles(): Promise<void> {
    await this.db.threads.each((thread) => {
      if (!this.threadTitles.has(thread.id)) this.threadTitles.set(thread.id, thread.title);
    });
  }

  /** Merges a stored shard into the index; false if it cannot be read (the caller rebuilds). */
  private async loadInto(index: ShardedIndex, shard: number, json: string): Promise<boolean> {
    // The first shard in slices of up to 50 ms (a long task, by the usual measure), so that the window's
    // first screen, still reading the cache, is not held up behind it: the whole parse took about 0.3 s
    // in one task (a trace of the client bench). The others in short slices, as the user already searches.
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
    try {
      await index.loadShard(shard, json, pause, shard === 0 ? 50 : 8);
      return true;
    } catch {
      return false;
    }
  }

  private async loadArchive(meta: StoredMeta, shard: number): Promise<void> {
    const index = this.index;
    if (index.isLoaded(shard)) return;
    const json = await loadShard(this.db, meta, shard);
    // Rebuilt meanwhile (a stale or unreadable index): the new one has every document already.
    if (this.index !== index) return;
    if (json === null || !(await this.loadInto(index, shard, json))) {
      await this.rebuildNow();
      return;
    }
    if (index.complete) globalThis.performance.mark('cb:search-complete'); // for the benchmarks
    this.notify();
  }

  private async rebuildNow(): Promise<void> {
    const tables = CONTENT.map((name) => this.db.table(name));
    const { docs, watermark } = await this.db.transaction('r', tables, async () => {
      const [posts, threads, news, documents, files, texts] = await Promise.all([
        this.db.posts.toArray(),
        this.db.threads.toArray(),
        this.db.news.toArray(),
        this.db.documents.toArray(),
        this.db.files.where('status').equals('done').primaryKeys(),
        this.db.searchIndex.where('key').startsWith('pdf-text:').toArray(),
      ]);
      const done = new Set(files);
      const textOf = new Map(texts.map((row) => [row.key, row.value]));
      const pdfText = (sha256: string): string | undefined =>
        done.has(sha256) ? textOf.get(pdfTextKey(sha256)) : undefined;
      // Newest first, whatever their kind: the newest go to the shard a cold start loads first.
      const dated: { doc: SearchDoc; at: string }[] = [];
      const push = (doc: SearchDoc | null, at: string): void => {
        if (doc !== null) dated.push({ doc, at });
      };
      this.threadTitles.clear();
      for (const thread of threads) {
        this.threadTitles.set(thread.id, thread.title);
        push(threadDoc(thread), thread.lastActivityAt);
      }
      for (const item of news) for (const doc of newsDocs(item)) push(doc, item.publishedAt ?? item.createdAt);
      for (const document of documents) {
        for (const doc of documentDocs(document, pdfText)) push(doc, document.createdAt);
      }
      for (const post of posts) push(postDoc(post), post.createdAt);
      dated.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      const share = this.recentShare();
      const recent = dated.slice(0, share).map((entry) => entry.doc);
      const older = dated.slice(share).map((entry) => entry.doc);
      return { docs: { recent, older }, watermark: await currentWatermark(this.db) };
    });
    // In background slices: the old index answers meanwhile, and what changes meanwhile is applied after.
    this.index = await ShardedIndex.build(
      docs.recent,
      docs.older,
      this.options.shards?.archive ?? ARCHIVE_DOCS,
      () => new Promise((resolve) => later(true, resolve)),
    );
    this.indexedWatermark = watermark;
    await this.queueMissingExtractions();
    this.scheduleSave();
    this.notify();
  }

  /** Applies the recorded changes: each key is read back as committed and upserted or removed. */
  private async flush(): Promise<void> {
    const changes = this.takeSlice();
    const tables = CONTENT.map((name) => this.db.table(name));
    const extract: { sha256: string; documents: string[] }[] = [];
    await this.db.transaction('r', tables, async () => {
      const posts = await this.db.posts.bulkGet([...changes.posts]);
      [...changes.posts].forEach((id, n) => this.put(searchId({ kind: 'post', entityId: id }), postDocOf(posts[n])));
      const threads = await this.db.threads.bulkGet([...changes.threads]);
      [...changes.threads].forEach((id, n) => {
        const row = threads[n];
        if (row === undefined) this.threadTitles.delete(id);
        else this.threadTitles.set(id, row.title);
        this.put(searchId({ kind: 'thread', entityId: id }), row === undefined ? null : threadDoc(row));
      });
      const news = await this.db.news.bulkGet([...changes.news]);
      [...changes.news].forEach((id, n) => {
        const row = news[n];
        for (const old of allLanguageIds('news', id)) this.index.remove(old);
        for (const doc of row === undefined ? [] : newsDocs(row)) this.index.upsert(doc);
      });
      const documentIds = new Set(changes.documents);
      if (changes.files.size > 0) {
        // A download finished or a file went away: the documents with that file change their text.
        const files = await this.db.files.bulkGet([...changes.files]);
        const texts = await this.db.searchIndex.bulkGet([...changes.files].map(pdfTextKey));
        const documents = await this.db.documents.toArray();
        [...changes.files].forEach((sha256, n) => {
          const using = documents.filter((d) => d.variants.some((v) => v.sha256 === sha256));
          for (const document of using) documentIds.add(document.id);
          const isPdf = using.some((d) => d.variants.some((v) => v.sha256 === sha256 && v.mime === 'application/pdf'));
          if (files[n]?.status === 'done' && texts[n] === undefined && isPdf) {
            extract.push({ sha256, documents: using.map((d) => d.id) });
          }
        });
      }
      await this.reindexDocuments([...documentIds]);
      // The watermark says "indexed up to here": only true once nothing recorded is left.
      if (!hasChanges(this.dirty)) this.indexedWatermark = await currentWatermark(this.db);
    });
    for (const job of extract) this.queueExtraction(job.sha256);
    const saved = this.savedWatermark;
    const indexed = this.indexedWatermark;
    if (hasIndexChanges(changes) || saved === null || (indexed !== null && !sameWatermark(indexed, saved))) {
      this.scheduleSave();
    }
    if (hasIndexChanges(changes)) this.notify();
  }

  /** Up to FLUSH_SLICE recorded keys, taken out of `dirty` (all of them when fewer). */
  private takeSlice(): ChangedKeys {
    const slice = noChanges();
    let budget = FLUSH_SLICE;
    for (const table of Object.keys(slice) as (keyof ChangedKeys)[]) {
      const keys = this.dirty[table];
      for (const key of keys) {
        if (budget === 0) return slice;
        slice[table].add(key);
        keys.delete(key);
        budget -= 1;
      }
    }
    return slice;
  }

  private async reindexDocuments(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const documents = await this.db.documents.bulkGet([...ids]);
    const shas = documents.flatMap((d) => d?.variants.map((v) => v.sha256) ?? []);
    const files = await this.db.files.bulkGet(shas);
    const texts = await this.db.searchIndex.bulkGet(shas.map(pdfTextKey));
    const text = new Map<string, string>();
    shas.forEach((sha256, n) => {
      const value = texts[n]?.value;
      if (files[n]?.status === 'done' && value !== undefined) text.set(sha256, value);
    });
    ids.forEach((id, n) => {
      for (const old of allLanguageIds('document', id)) this.index.remove(old);
      const document: CachedDocument | undefined = documents[n];
      if (document === undefined) return;
      for (const doc of documentDocs(document, (sha256) => text.get(sha256))) this.index.upsert(doc);
    });
  }

  private put(id: string, doc: SearchDoc | null): void {
    if (doc === null) this.index.remove(id);
    else this.index.upsert(doc);
  }

  private async queueMissingExtractions(): Promise<void> {
    if (this.options.extractPdfText === undefined) return;
    const done = await this.db.files.where('status').equals('done').primaryKeys();
    if (done.length === 0) return;
    for (const sha256 of done) this.dirty.files.add(sha256);
    this.scheduleFlush();
  }

  /** Extracts outside the index queue (pdf.js is slow); the text is stored, then its documents are reindexed. */
  private queueExtraction(sha256: string): void {
    const extractor = this.options.extractPdfText;
    if (extractor === undefined || this.extractions.has(sha256) || this.extractionFailed.has(sha256)) return;
    this.extractions.add(sha256);
    void (async () => {
      try {
        const text = await extractor(sha256);
        if (text === null) {
          this.extractionFailed.add(sha256);
          return;
        }
        await this.db.searchIndex.put({ key: pdfTextKey(sha256), value: text, updatedAt: new Date().toISOString() });
        this.dirty.files.add(sha256);
        this.scheduleFlush();
      } catch (error: unknown) {
        this.extractionFailed.add(sha256);
        this.options.onError?.(error);
      } finally {
        this.extractions.delete(sha256);
      }
    })();
  }

  private async save(): Promise<void> {
    if (this.stopped || this.indexedWatermark === null) return;
    if (hasIndexChanges(this.dirty) || this.flushTimer !== null) {
      this.scheduleSave();
      return;
    }
    // Serialized in slices that yield at background priority: typing and scrolling go first.
    await saveIndex(this.db, this.index, this.indexedWatermark, () => new Promise((resolve) => later(true, resolve)));
    this.savedWatermark = this.indexedWatermark;
    globalThis.performance.mark('cb:search-saved'); // for the benchmarks
  }
}

/** Recorded changes to the tables the index is made of (a first sync's backlog is counted in these). */
function contentChanges(changes: ChangedKeys): number {
  return changes.posts.size + changes.threads.size + changes.news.size + changes.documents.size;
}

function postDocOf(post: Parameters<typeof postDoc>[0] | undefined): SearchDoc | null {
  return post === undefined ? null : postDoc(post);
}

function hasIndexChanges(changes: ChangedKeys): boolean {
  return (
    changes.posts.size + changes.threads.size + changes.news.size + changes.documents.size + changes.files.size > 0
  );
}

/** Resolves in a task after the window's next frame (in a task of its own where there are no frames). */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const task = (): void => void setTimeout(resolve, 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(task);
    else task();
  });
}

interface BackgroundScheduler {
  postTask(callback: () => void, options: { priority: 'background'; signal: AbortSignal }): Promise<void>;
}

/** Runs `task` in a later task (at background priority where the browser schedules tasks); returns a cancel. */
function later(background: boolean, task: () => void): () => void {
  const scheduler = (globalThis as { scheduler?: Partial<BackgroundScheduler> }).scheduler;
  if (background && typeof scheduler?.postTask === 'function') {
    const controller = new AbortController();
    scheduler.postTask(task, { priority: 'background', signal: controller.signal }).catch(() => undefined);
    return () => controller.abort();
  }
  const timer = setTimeout(task, 0);
  return () => clearTimeout(timer);
}
