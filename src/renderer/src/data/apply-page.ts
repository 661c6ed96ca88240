import type { Change, PullPage } from '../../../shared/wire/sync';
import { z } from 'zod';
import { CONTENT_TABLES, TABLE_OF_ENTITY, type CachedThread, type CollectiveBrainDb, type ContentTable } from './db';
import { reapplyOutbox } from './optimistic';
import { newId } from './outbox';

type TableName = ContentTable;

export interface AppliedPage {
  applied: number;
  deleted: number;
  skipped: number;
}

/**
 * Applies one pull page and the cursor that follows it in ONE transaction
 * (architecture invariant 2): a crash leaves either both or neither, so a
 * page is never skipped or half-applied. Older versions than the cached one
 * are ignored; the user's pending writes are laid back on top afterwards.
 */
export async function applyPage(
  db: CollectiveBrainDb,
  page: PullPage,
  known?: KnownIds,
  { after }: { after?: string | null } = {},
): Promise<AppliedPage> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.syncMeta, db.outbox];
  const delta = known?.begin(!page.hasMore);
  /** Versions of what the page deleted: an item the user has in conflict may be among them. */
  const tombstones = new Map<string, number>();
  try {
    const counts = await db.transaction('rw', tables, async () => {
      // Sent first, answered once the transactions before this one are done.
      const stored = after === undefined ? undefined : db.syncMeta.get('cursor');
      const applied = await applyChanges(db, page.changes, {
        more: page.hasMore,
        // A run from a stored cursor: every change is the entity's latest, delivered once.
        ...(known ? { known, delta } : { ordered: true }),
        tombstones,
      });
      if (stored !== undefined && ((await stored)?.value ?? null) !== after) {
        // The page before this one did not commit (this one was queued behind it): it is not this page's turn.
        throw new Error('page-out-of-order: the stored cursor is not the one this page follows');
      }
      await db.syncMeta.put({ key: 'cursor', value: page.cursor });
      if ((await db.outbox.count()) > 0) await reapplyOutbox(db, tombstones);
      return applied;
    });
    if (delta !== undefined) known?.end(delta, true);
    return counts;
  } catch (error) {
    if (delta !== undefined) known?.end(delta, false);
    throw error;
  }
}

/**
 * Applies the newest-discussion snapshot before the first full pull. The
 * cursor is left alone: the pull delivers the same rows again, and the
 * version check skips them.
 */
export async function applySnapshot(db: CollectiveBrainDb, changes: readonly Change[]): Promise<number> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.outbox, db.syncMeta];
  return db.transaction('rw', tables, async () => {
    const counts = await applyChanges(db, changes, { more: false });
    if ((await db.outbox.count()) > 0) await reapplyOutbox(db);
    return counts.applied;
  });
}

type StoredRow = { version: number; threadId?: string } & Record<string, unknown>;

/**
 * Which rows may already be cached, during a pull run that started without a
 * cursor (a first sync, or after a reset): the keys cached when the run began
 * (the newest-discussion snapshot, the user's own writes), plus every row the
 * run applied. The rest are new, so the run does not read them back to
 * compare versions: on a first sync that read is a third of the work.
 * A row written meanwhile by another window is an optimistic one and has its
 * outbox item, which `applyChanges` checks too.
 */
export class KnownIds {
  /**
   * Post counts and activity dates this run owes to threads, kept in memory:
   * a first sync spreads each page's posts over every thread, and writing
   * these after each page, or folding them into the threads, cost as much
   * as storing the posts. They are folded in once, at the run's last page.
   * A run that stops before (a crash, a closed app) has left its mark in
   * `syncMeta`, and the run that ends it recounts every thread instead.
   */
  readonly run = newId();
  /** Counts of the pages that committed. */
  private readonly owed: Activity = new Map();
  private marked = false;
  /** Pages being applied, oldest first: each is queued behind the one before and applies only after it. */
  private readonly inFlight: RunPage[] = [];
  private pages = 0;

  /** A page's share of the run's counts, until it commits (`end`). */
  begin(last: boolean): RunPage {
    const page: RunPage = { seq: (this.pages += 1), activity: new Map(), consumed: new Set(), marks: false, last };
    this.inFlight.push(page);
    return page;
  }

  end(page: RunPage, committed: boolean): void {
    const at = this.inFlight.indexOf(page);
    if (at >= 0) this.inFlight.splice(at, 1);
    if (!committed) return;
    if (page.last) {
      this.owed.clear();
      this.marked = false;
      return;
    }
    addPage(this.owed, page);
    if (page.marks) this.marked = true;
  }

  /**
   * What the run owes to threads as `page` sees it: the pages that committed,
   * plus those before it still in flight (they commit before it, or it does not).
   */
  owedBefore(page: RunPage): Activity {
    const owed = copyActivity(this.owed);
    for (const earlier of this.inFlight) if (earlier.seq < page.seq) addPage(owed, earlier);
    return owed;
  }

  markedBefore(page: RunPage): boolean {
    return this.marked || this.inFlight.some((earlier) => earlier.seq < page.seq && earlier.marks);
  }

  /** Counts owed by committed pages (for tests: they are lost if the app stops). */
  get pending(): number {
    return this.owed.size;
  }

  private constructor(private readonly ids: Map<TableName, Set<string>>) {}

  static async load(db: CollectiveBrainDb): Promise<KnownIds> {
    const ids = new Map<TableName, Set<string>>();
    await db.transaction(
      'r',
      CONTENT_TABLES.map((name) => db[name]),
      async () => {
        for (const name of CONTENT_TABLES) ids.set(name, new Set(await db[name].toCollection().primaryKeys()));
      },
    );
    return new KnownIds(ids);
  }

  mayExist(table: TableName, id: string): boolean {
    return this.ids.get(table)?.has(id) ?? false;
  }

  /** Only ever grows: a row deleted in a page that then rolled back must still count as possibly there. */
  add(table: TableName, id: string): void {
    let set = this.ids.get(table);
    if (set === undefined) {
      set = new Set();
      this.ids.set(table, set);
    }
    set.add(id);
  }
}

/**
 * A multi-page run folds post counts into threads after its first this many
 * pages, then each time it has applied as many pages again as it had before
 * the last fold (after 10, 20, 40, 80, ... pages), and at its last page. A
 * fold rewrites every thread that got posts since the one before, and a first
 * sync spreads each page over all of them: folding at a fixed interval made a
 * 100 000-post first sync rewrite its 4 000 threads ten times.
 */
const FOLD_FIRST_AFTER_PAGES = 10;

const PendingActivitySchema = z.strictObject({
  /** Pages applied since the last fold. */
  pages: z.int().min(0),
  /** Pages of this run folded already (absent in rows written before this was kept). */
  folded: z.int().min(0).optional(),
  /** Written by a run that keeps its counts in memory (see `KnownIds`): only that run may fold them. */
  run: z.string().optional(),
  threads: z.record(z.string(), z.tuple([z.int(), z.string().nullable()])),
});
type Activity = Map<string, { count: number; last?: string }>;

/** One page of a run without a cursor: the counts it adds, and the threads it counted in full. */
interface RunPage {
  seq: number;
  activity: Activity;
  consumed: Set<string>;
  /** It writes the run's mark in `syncMeta`. */
  marks: boolean;
  last: boolean;
}

function copyActivity(activity: Activity): Activity {
  const copy: Activity = new Map();
  for (const [id, entry] of activity) copy.set(id, { ...entry });
  return copy;
}

/** Adds a page's counts: its threads counted in full start again from it. */
function addPage(into: Activity, page: { activity: Activity; consumed: ReadonlySet<string> }): Activity {
  for (const id of page.consumed) into.delete(id);
  for (const [threadId, delta] of page.activity) {
    const entry = into.get(threadId) ?? { count: 0 };
    entry.count += delta.count;
    if (delta.last !== undefined) entry.last = laterOf(entry.last, delta.last);
    into.set(threadId, entry);
  }
  return into;
}
interface PendingActivity {
  pages: number;
  folded: number;
  threads: Activity;
  run?: string;
}

/**
 * The work of a page, in bulk: one read per table for what is cached, one
 * write per table, and each touched thread's activity and post count
 * updated once (IndexedDB round trips, not rows, are what costs).
 *
 * When more pages follow (`more`), the post counts and activity dates of
 * threads already cached are not rewritten at every page: a first sync
 * spreads each page's posts over hundreds of threads, and rewriting them
 * page after page cost as much as storing the posts. The deltas are kept in
 * `syncMeta` (in the page's transaction, so a crash loses nothing) and folded
 * into the threads every FOLD_EVERY_PAGES pages and at the last page.
 */
async function applyChanges(
  db: CollectiveBrainDb,
  changes: readonly Change[],
  {
    more,
    known,
    delta,
    ordered = false,
    tombstones,
  }: {
    more: boolean;
    known?: KnownIds;
    delta?: RunPage | undefined;
    ordered?: boolean;
    tombstones?: Map<string, number>;
  },
): Promise<AppliedPage> {
  const counts: AppliedPage = { applied: 0, deleted: 0, skipped: 0 };
  const idsByTable = new Map<TableName, string[]>();
  for (const change of changes) {
    const table = TABLE_OF_ENTITY[change.type];
    const ids = idsByTable.get(table) ?? [];
    ids.push(change.id);
    idsByTable.set(table, ids);
  }
  // A page of a run that started from a cursor, whose new posts sit in a few threads (the usual
  // case: new replies): the posts are not read back at all. Such a run gets each post once, in its
  // latest version (the feed keeps one row per entity), so there is no version to compare; the
  // few threads they belong to are recounted from the cache instead.
  const postUpserts = changes.filter((change) => change.type === 'post' && change.op !== 'delete');
  const touched = new Set<string>();
  for (const change of postUpserts) if (change.type === 'post' && change.data) touched.add(change.data.threadId);
  const recount = ordered && postUpserts.length > 0 && touched.size * 4 <= postUpserts.length;
  const cached = new Map<string, StoredRow | undefined>();
  const readCached = async (table: TableName, ids: string[]): Promise<void> => {
    if (ids.length === 0) return;
    const rows = (await db[table].bulkGet(ids)) as (StoredRow | undefined)[];
    ids.forEach((id, index) => cached.set(`${table}:${id}`, rows[index]));
  };
  if (known !== undefined) {
    // Rows the run knows of, read while the outbox is: one round trip. Then the rows only a pending
    // write made (rare: usually none, and no second round trip).
    // One look per id (a first sync asks 134 000 times).
    const maybe: (readonly [TableName, string[]])[] = [];
    const fresh: (readonly [TableName, string[]])[] = [];
    for (const [table, all] of idsByTable) {
      const [mayExist, isNew]: [string[], string[]] = [[], []];
      for (const id of all) (known.mayExist(table, id) ? mayExist : isNew).push(id);
      maybe.push([table, mayExist]);
      fresh.push([table, isNew]);
    }
    const first = Promise.all([
      db.outbox.orderBy('entityId').uniqueKeys(),
      ...maybe.map(([table, ids]) => readCached(table, ids)),
    ]);
    // Known from now on, before the next page (queued behind this one) looks: it then reads them back.
    for (const change of changes) known.add(TABLE_OF_ENTITY[change.type], change.id);
    const pendingWrites = new Set((await first)[0]);
    await Promise.all(
      fresh.map(([table, ids]) =>
        readCached(
          table,
          ids.filter((id) => pendingWrites.has(id)),
        ),
      ),
    );
  } else {
    await Promise.all(
      [...idsByTable].map(([table, all]) => {
        if (!(recount && table === 'posts')) return readCached(table, all);
        // Only the deletions: their thread is needed.
        const upserted = new Set(postUpserts.map((change) => change.id));
        return readCached(
          table,
          all.filter((id) => !upserted.has(id)),
        );
      }),
    );
  }

  const puts = new Map<TableName, unknown[]>();
  const deletes = new Map<TableName, string[]>();
  const put = (table: TableName, row: unknown): void => {
    const rows = puts.get(table) ?? [];
    rows.push(row);
    puts.set(table, rows);
  };
  const threadUpserts: { change: Extract<Change, { type: 'thread' }>; previous: CachedThread | undefined }[] = [];
  /** Post count and newest post per thread, from this page's new and deleted posts. */
  const activity = new Map<string, { count: number; last?: string }>();
  const bump = (threadId: string, by: number, createdAt?: string): void => {
    const entry = activity.get(threadId) ?? { count: 0 };
    entry.count += by;
    if (createdAt !== undefined) entry.last = laterOf(entry.last, createdAt);
    activity.set(threadId, entry);
  };

  for (const change of changes) {
    const table = TABLE_OF_ENTITY[change.type];
    const key = `${table}:${change.id}`;
    const existing = cached.get(key);
    // A version the cache already has (or newer) is a replay; 0 marks a row only this device knows.
    if (existing !== undefined && existing.version >= change.version) {
      counts.skipped += 1;
      continue;
    }
    if (change.op === 'delete' || change.data === undefined) {
      if (change.type === 'post' && existing?.threadId !== undefined) {
        if (recount) touched.add(existing.threadId);
        else bump(existing.threadId, -1);
      }
      const ids = deletes.get(table) ?? [];
      ids.push(change.id);
      deletes.set(table, ids);
      tombstones?.set(change.id, change.version);
      cached.set(key, undefined);
      counts.deleted += 1;
      continue;
    }
    const version = change.version;
    switch (change.type) {
      case 'thread':
        threadUpserts.push({ change, previous: existing as CachedThread | undefined });
        break;
      case 'post': {
        const row = { ...change.data, version };
        put(table, row);
        if (existing === undefined && !recount) bump(change.data.threadId, 1, change.data.createdAt);
        cached.set(key, row);
        counts.applied += 1;
        continue;
      }
      case 'document':
        put(table, {
          ...change.data,
          version,
          languages: [...new Set(change.data.variants.map((variant) => variant.language))],
        });
        break;
      case 'collection':
        put(table, { ...change.data, version, editionYear: change.data.edition?.year ?? null });
        break;
      default:
        put(table, { ...change.data, version });
    }
    cached.set(key, { ...(change.data as Record<string, unknown>), version });
    counts.applied += 1;
  }

  // Each table gets the rows built for it above; one handle type serves them all.
  for (const [table, rows] of puts) await (db[table] as unknown as CollectiveBrainDb['posts']).bulkPut(rows as never[]);
  for (const [table, ids] of deletes) await db[table].bulkDelete(ids);

  // Threads last, so a new thread counts the posts already here, this page's included.
  const threadRows: CachedThread[] = [];
  // New threads count the posts already cached, all in flight at once (one round trip, not two per thread);
  // so do all touched threads when this page's posts were not read back. In a run that started without a
  // cursor, a thread it does not know has in the cache only the posts this run stored (the user cannot have
  // written in a thread they never had), and the run keeps count of those: no read at all.
  /** Threads just counted in full from the cache (or, in a run without a cursor, from its memory). */
  const consumed = new Set<string>();
  /** What the run owes to threads, as this page sees it (worked out when first needed). */
  let owed: Activity | undefined;
  const counted = await Promise.all(
    threadUpserts.map(({ change, previous }) => {
      if (change.data === undefined || !(previous === undefined || (recount && touched.has(change.id)))) {
        return Promise.resolve(undefined);
      }
      if (known === undefined || delta === undefined) return postActivity(db, change.id);
      owed ??= known.owedBefore(delta);
      const earlier = owed.get(change.id);
      const here = activity.get(change.id);
      const last = here?.last !== undefined ? laterOf(earlier?.last, here.last) : earlier?.last;
      consumed.add(change.id);
      return Promise.resolve({
        postCount: (earlier?.count ?? 0) + (here?.count ?? 0),
        ...(last !== undefined ? { lastActivityAt: last } : {}),
      });
    }),
  );
  for (const [n, { change, previous }] of threadUpserts.entries()) {
    if (change.data === undefined) continue;
    let postCount = 0;
    let last: string | undefined;
    const recounted = counted[n];
    if (previous !== undefined && recounted !== undefined) {
      ({ postCount, lastActivityAt: last } = recounted);
      last = laterOf(previous.lastActivityAt, last ?? previous.lastActivityAt);
    } else if (previous !== undefined) {
      const delta = activity.get(change.id);
      postCount = Math.max(0, previous.postCount + (delta?.count ?? 0));
      last = laterOf(previous.lastActivityAt, delta?.last ?? previous.lastActivityAt);
    } else {
      ({ postCount, lastActivityAt: last } = counted[n] ?? { postCount });
    }
    activity.delete(change.id);
    threadRows.push({
      ...change.data,
      version: change.version,
      postCount,
      lastActivityAt: laterOf(last, change.data.createdAt),
    });
  }
  if (threadRows.length > 0) await db.threads.bulkPut(threadRows);
  const upsertedThreads = new Set(threadRows.map((row) => row.id));
  const recountOnly = recount ? [...touched].filter((id) => !upsertedThreads.has(id)) : [];
  if (recountOnly.length > 0) await recountThreads(db, recountOnly);

  if (known !== undefined && delta !== undefined) {
    delta.activity = activity;
    delta.consumed = consumed;
    await settleRunActivity(db, known, delta, more);
    return counts;
  }

  // Activity of threads already cached: this page's, plus what earlier pages of the run left pending.
  const pending = await readPendingActivity(db);
  // A thread counted from the cache just now has its posts of earlier pages included.
  for (const [n, { change }] of threadUpserts.entries()) if (counted[n] !== undefined) consumed.add(change.id);
  for (const id of recountOnly) consumed.add(id);
  addPage(pending.threads, { activity, consumed });
  const pages = pending.pages + 1;
  if (!more) {
    // Left by a run that kept its counts in memory and stopped: nobody knows them, so count again.
    if (pending.run !== undefined) await recountAllThreads(db);
    else await foldActivity(db, pending.threads);
    await db.syncMeta.delete('threadActivity');
  } else if (pages >= Math.max(FOLD_FIRST_AFTER_PAGES, pending.folded)) {
    await foldActivity(db, pending.threads);
    await writePendingActivity(db, { ...pending, pages: 0, folded: pending.folded + pages, threads: new Map() });
  } else if (pending.threads.size > 0 || pending.folded > 0 || pending.run !== undefined) {
    await writePendingActivity(db, { ...pending, pages });
  }
  return counts;
}

/**
 * A run without a cursor keeps its threads' post counts in memory (see
 * `KnownIds`). Its first page marks the run in `syncMeta`; its last folds the
 * counts in and removes the mark. The memory takes a page's counts only once
 * the page committed: a page that rolled back is applied again, and must not
 * count twice.
 */
async function settleRunActivity(db: CollectiveBrainDb, run: KnownIds, page: RunPage, more: boolean): Promise<void> {
  if (more) {
    if (!run.markedBefore(page)) {
      await writePendingActivity(db, { pages: 1, folded: 0, threads: new Map(), run: run.run });
      page.marks = true;
    }
    return;
  }
  const stored = await readPendingActivity(db);
  // Counts left by another run (one that stopped) are not in this run's memory.
  if (stored.run !== run.run && (stored.run !== undefined || stored.threads.size > 0)) await recountAllThreads(db);
  else await foldActivity(db, addPage(run.owedBefore(page), page));
  await db.syncMeta.delete('threadActivity');
}

/**
 * The pending activity as this window last wrote it, so a run's next page
 * does not parse and validate it again. Used only while the stored text is
 * exactly the text written: a page that rolled back, or a reset, reads what
 * is stored.
 */
const lastWritten = new WeakMap<CollectiveBrainDb, { text: string; value: PendingActivity }>();

async function readPendingActivity(db: CollectiveBrainDb): Promise<PendingActivity> {
  const row = await db.syncMeta.get('threadActivity');
  if (row === undefined) return { pages: 0, folded: 0, threads: new Map() };
  const written = lastWritten.get(db);
  if (written?.text === row.value) return copyOf(written.value);
  const parsed = PendingActivitySchema.safeParse(safeJson(row.value));
  // Unreadable (it never should be): dropped; the counts are then off until those threads change again.
  if (!parsed.success) return { pages: 0, folded: 0, threads: new Map() };
  const threads: Activity = new Map();
  for (const [id, [count, last]] of Object.entries(parsed.data.threads)) {
    threads.set(id, last === null ? { count } : { count, last });
  }
  return {
    pages: parsed.data.pages,
    folded: parsed.data.folded ?? 0,
    threads,
    ...(parsed.data.run !== undefined ? { run: parsed.data.run } : {}),
  };
}

async function writePendingActivity(db: CollectiveBrainDb, activity: PendingActivity): Promise<void> {
  const value: z.infer<typeof PendingActivitySchema> = {
    pages: activity.pages,
    folded: activity.folded,
    threads: {},
    ...(activity.run !== undefined ? { run: activity.run } : {}),
  };
  for (const [id, { count, last }] of activity.threads) value.threads[id] = [count, last ?? null];
  const text = JSON.stringify(value);
  await db.syncMeta.put({ key: 'threadActivity', value: text });
  lastWritten.set(db, { text, value: copyOf(activity) });
}

/** The caller changes the map and its entries in place. */
function copyOf(activity: PendingActivity): PendingActivity {
  return { ...activity, threads: copyActivity(activity.threads) };
}

async function foldActivity(db: CollectiveBrainDb, activity: Activity): Promise<void> {
  if (activity.size === 0) return;
  const ids = [...activity.keys()];
  const threads = await db.threads.bulkGet(ids);
  const updated: CachedThread[] = [];
  threads.forEach((thread, index) => {
    const delta = activity.get(ids[index] ?? '');
    if (thread === undefined || delta === undefined) return;
    updated.push({
      ...thread,
      postCount: Math.max(0, thread.postCount + delta.count),
      lastActivityAt: laterOf(thread.lastActivityAt, delta.last ?? thread.lastActivityAt),
    });
  });
  if (updated.length > 0) await db.threads.bulkPut(updated);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sets each thread's post count and activity date from the posts in the cache. */
async function recountThreads(db: CollectiveBrainDb, ids: readonly string[]): Promise<void> {
  const [threads, activity] = await Promise.all([
    db.threads.bulkGet([...ids]),
    Promise.all(ids.map((id) => postActivity(db, id))),
  ]);
  const updated: CachedThread[] = [];
  threads.forEach((thread, n) => {
    const counted = activity[n];
    if (thread === undefined || counted === undefined) return;
    updated.push({
      ...thread,
      postCount: counted.postCount,
      lastActivityAt: laterOf(thread.lastActivityAt, counted.lastActivityAt ?? thread.lastActivityAt),
    });
  });
  if (updated.length > 0) await db.threads.bulkPut(updated);
}

/** Every thread's post count and activity date, from the posts in the cache (one scan of an index's keys). */
async function recountAllThreads(db: CollectiveBrainDb): Promise<void> {
  const [keys, threads] = await Promise.all([
    db.posts.orderBy('[threadId+createdAt]').keys() as Promise<unknown[]>,
    db.threads.toArray(),
  ]);
  const activity = new Map<string, { count: number; last: string }>();
  for (const key of keys) {
    if (!Array.isArray(key)) continue;
    const [threadId, createdAt] = key as [unknown, unknown];
    if (typeof threadId !== 'string' || typeof createdAt !== 'string') continue;
    const entry = activity.get(threadId);
    if (entry === undefined) activity.set(threadId, { count: 1, last: createdAt });
    else {
      entry.count += 1;
      entry.last = laterOf(entry.last, createdAt);
    }
  }
  const updated: CachedThread[] = [];
  for (const thread of threads) {
    const counted = activity.get(thread.id);
    const postCount = counted?.count ?? 0;
    const lastActivityAt = laterOf(counted?.last, thread.createdAt);
    if (thread.postCount !== postCount || thread.lastActivityAt !== lastActivityAt) {
      updated.push({ ...thread, postCount, lastActivityAt });
    }
  }
  if (updated.length > 0) await db.threads.bulkPut(updated);
}

async function postActivity(
  db: CollectiveBrainDb,
  threadId: string,
): Promise<{ postCount: number; lastActivityAt?: string }> {
  const inThread = () => db.posts.where('[threadId+createdAt]').between([threadId, ''], [threadId, '\uffff']);
  const [postCount, last] = await Promise.all([inThread().count(), inThread().last()]);
  return { postCount, ...(last !== undefined ? { lastActivityAt: last.createdAt } : {}) };
}

/** Keeps a thread's activity date and post count current as its posts arrive. */
export async function bumpThread(db: CollectiveBrainDb, threadId: string, createdAt: string, by = 1): Promise<void> {
  await db.threads
    .where('id')
    .equals(threadId)
    .modify((thread) => {
      thread.lastActivityAt = laterOf(thread.lastActivityAt, createdAt);
      thread.postCount = Math.max(0, thread.postCount + by);
    });
}

function laterOf(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}

/** After `reset-required`: forget the cached content and the cursor, keep the outbox and the drafts. */
export async function resetContent(db: CollectiveBrainDb): Promise<void> {
  const tables = [...CONTENT_TABLES.map((name) => db[name]), db.syncMeta];
  await db.transaction('rw', tables, async () => {
    for (const name of CONTENT_TABLES) await db[name].clear();
    await db.syncMeta.bulkDelete(['cursor', 'threadActivity']);
  });
}
