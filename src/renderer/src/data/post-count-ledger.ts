import { z } from 'zod';
import type { CachedThread, CollectiveBrainDb } from './db';
import { newId } from './ids';
import { laterOf, recountAllThreads } from './thread-activity';

/**
 * The post counts and activity dates a pull owes to threads it has not
 * rewritten yet. A page of posts spreads over many threads; rewriting each of
 * them at every page cost as much as storing the posts. So the counts wait
 * here and are folded into the threads now and then:
 * - a run from a stored cursor keeps them in `syncMeta` (`threadActivity`),
 *   in each page's transaction, so a crash loses nothing, and folds them in
 *   after 10, 20, 40, ... pages and at its end;
 * - a run without a cursor (a first sync) keeps them in memory (`RunCounts`)
 *   and folds them in once, at its last page; it leaves a mark in `syncMeta`,
 *   and if it stops midway, the run that ends the sync recounts every thread
 *   from the posts index instead.
 * A stored ledger that cannot be read is never dropped silently: every thread
 * is recounted from the posts index, and a warning says so.
 */

/** Post count change and newest post, per thread id. */
export type Activity = Map<string, { count: number; last?: string }>;

/**
 * A multi-page run folds post counts into threads after its first this many
 * pages, then each time it has applied as many pages again as it had before
 * the last fold (after 10, 20, 40, 80, ... pages), and at its last page. A
 * fold rewrites every thread that got posts since the one before, and a first
 * sync spreads each page over all of them: folding at a fixed interval made a
 * 100 000-post first sync rewrite its 4 000 threads ten times.
 */
const FOLD_FIRST_AFTER_PAGES = 10;

/** The `syncMeta` row that holds a run's stored counts (a reset forgets it with the content). */
export const LEDGER_KEY = 'threadActivity';

const StoredLedgerSchema = z.strictObject({
  /** Pages applied since the last fold. */
  pages: z.int().min(0),
  /** Pages of this run folded already (absent in rows written before this was kept). */
  folded: z.int().min(0).optional(),
  /** Written by a run that keeps its counts in memory (see `RunCounts`): only that run may fold them. */
  run: z.string().optional(),
  threads: z.record(z.string(), z.tuple([z.int(), z.string().nullable()])),
});

interface StoredLedger {
  pages: number;
  folded: number;
  threads: Activity;
  run?: string;
}

/** One page of a run without a cursor: the counts it adds, and the threads it counted in full. */
export interface RunPage {
  seq: number;
  activity: Activity;
  consumed: Set<string>;
  /** It writes the run's mark in `syncMeta`. */
  marks: boolean;
  last: boolean;
}

export function copyActivity(activity: Activity): Activity {
  const copy: Activity = new Map();
  for (const [id, entry] of activity) copy.set(id, { ...entry });
  return copy;
}

/** Adds a page's counts: its threads counted in full start again from it. */
export function addPage(into: Activity, page: { activity: Activity; consumed: ReadonlySet<string> }): Activity {
  for (const id of page.consumed) into.delete(id);
  for (const [threadId, delta] of page.activity) {
    const entry = into.get(threadId) ?? { count: 0 };
    entry.count += delta.count;
    if (delta.last !== undefined) entry.last = laterOf(entry.last, delta.last);
    into.set(threadId, entry);
  }
  return into;
}

/**
 * Post counts and activity dates a run without a cursor owes to threads, kept
 * in memory: a first sync spreads each page's posts over every thread, and
 * writing these after each page, or folding them into the threads, cost as
 * much as storing the posts. They are folded in once, at the run's last page.
 * A run that stops before (a crash, a closed app) has left its mark in
 * `syncMeta`, and the run that ends it recounts every thread instead.
 */
export class RunCounts {
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
}

/**
 * A page of a run from a stored cursor (or the snapshot) settles its counts:
 * `activity` holds what it adds to threads it did not count in full, `consumed`
 * the threads it did (their earlier pending counts are in what it counted).
 * Call it after the page's posts and threads are written, in its transaction.
 */
export async function settleStoredActivity(
  db: CollectiveBrainDb,
  page: { activity: Activity; consumed: ReadonlySet<string>; more: boolean },
): Promise<void> {
  const pending = await readLedger(db);
  if (pending === 'unreadable') {
    // Counted again from every post stored, this page's included: nothing is owed any more.
    if (page.more) await writeLedger(db, { pages: 0, folded: 0, threads: new Map() });
    else await db.syncMeta.delete(LEDGER_KEY);
    return;
  }
  addPage(pending.threads, page);
  const pages = pending.pages + 1;
  if (!page.more) {
    // Left by a run that kept its counts in memory and stopped: nobody knows them, so count again.
    if (pending.run !== undefined) await recountAllThreads(db);
    else await foldActivity(db, pending.threads);
    await db.syncMeta.delete(LEDGER_KEY);
  } else if (pages >= Math.max(FOLD_FIRST_AFTER_PAGES, pending.folded)) {
    await foldActivity(db, pending.threads);
    await writeLedger(db, { ...pending, pages: 0, folded: pending.folded + pages, threads: new Map() });
  } else if (pending.threads.size > 0 || pending.folded > 0 || pending.run !== undefined) {
    await writeLedger(db, { ...pending, pages });
  }
}

/**
 * A page of a run without a cursor: its first page marks the run in
 * `syncMeta`; its last folds the counts in and removes the mark. The memory
 * takes a page's counts only once the page committed: a page that rolled back
 * is applied again, and must not count twice.
 */
export async function settleRunActivity(
  db: CollectiveBrainDb,
  run: RunCounts,
  page: RunPage,
  more: boolean,
): Promise<void> {
  if (more) {
    if (!run.markedBefore(page)) {
      await writeLedger(db, { pages: 1, folded: 0, threads: new Map(), run: run.run });
      page.marks = true;
    }
    return;
  }
  const stored = await readLedger(db);
  // Counts left by another run (one that stopped) are not in this run's memory; an unreadable ledger was
  // recounted already, this run's counts included.
  if (stored === 'unreadable') {
    // Nothing to do: every thread was counted from the posts in the cache.
  } else if (stored.run !== run.run && (stored.run !== undefined || stored.threads.size > 0)) {
    await recountAllThreads(db);
  } else {
    await foldActivity(db, addPage(run.owedBefore(page), page));
  }
  await db.syncMeta.delete(LEDGER_KEY);
}

/**
 * The ledger as this window last wrote it, so a run's next page does not
 * parse and validate it again. Used only while the stored text is exactly the
 * text written: a page that rolled back, or a reset, reads what is stored.
 */
const lastWritten = new WeakMap<CollectiveBrainDb, { text: string; value: StoredLedger }>();

/**
 * The stored ledger, or `unreadable` once every thread has been recounted from the posts index in its
 * place (it never should be unreadable: a bug, or a database edited by hand).
 */
async function readLedger(db: CollectiveBrainDb): Promise<StoredLedger | 'unreadable'> {
  const row = await db.syncMeta.get(LEDGER_KEY);
  if (row === undefined) return { pages: 0, folded: 0, threads: new Map() };
  const written = lastWritten.get(db);
  if (written?.text === row.value) return copyOf(written.value);
  const parsed = StoredLedgerSchema.safeParse(safeJson(row.value));
  if (!parsed.success) {
    console.warn(
      'The post counts waiting to be folded into threads could not be read; every thread is counted again from its posts.',
      parsed.error.issues[0]?.message,
    );
    await recountAllThreads(db);
    return 'unreadable';
  }
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

async function writeLedger(db: CollectiveBrainDb, ledger: StoredLedger): Promise<void> {
  const value: z.infer<typeof StoredLedgerSchema> = {
    pages: ledger.pages,
    folded: ledger.folded,
    threads: {},
    ...(ledger.run !== undefined ? { run: ledger.run } : {}),
  };
  for (const [id, { count, last }] of ledger.threads) value.threads[id] = [count, last ?? null];
  const text = JSON.stringify(value);
  await db.syncMeta.put({ key: LEDGER_KEY, value: text });
  lastWritten.set(db, { text, value: copyOf(ledger) });
}

/** The caller changes the map and its entries in place. */
function copyOf(ledger: StoredLedger): StoredLedger {
  return { ...ledger, threads: copyActivity(ledger.threads) };
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
