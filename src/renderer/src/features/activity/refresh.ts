import type { ActivityRow, CollectiveBrainDb } from '../../data/db';
import { readScanState, writeScanState, type ScanState } from './scan-state';
import { ACTIVITY_SOURCES, LookContext, type ActivitySource, type FoundActivity, type Me } from './sources';

const DAY_MS = 86_400_000;
/** A first look (a new computer, a new source) goes this far back: older activity is history. */
export const FIRST_LOOK_DAYS = 30;
/** On a first look, what is older than this is shown as read: only the last week asks for attention. */
export const FIRST_LOOK_UNREAD_DAYS = 7;
/**
 * Each look starts this much before the last one's mark: two servers' clocks, or a post committed just
 * after a later one, may put a new post a little before the newest one seen. Already known rows are kept.
 */
export const LOOK_BACK_MS = 10 * 60_000;
/** Activity kept on this computer: the newest items; older read ones go first. */
export const KEEP_ITEMS = 1000;

export interface LookResult {
  /** What was found that was not there before. */
  added: ActivityRow[];
  /** Of those, what arrived since the last look (not history found on a first look): what may be announced. */
  fresh: ActivityRow[];
}

function isoMinus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) - ms).toISOString();
}

/**
 * Looks for what concerns the user in what arrived since the last look, and
 * stores it: incremental and indexed, so a sync of a few posts costs a few
 * reads, and a first sync of a hundred thousand posts costs one look at its
 * last month. The sync-owning window runs it after each sync (see
 * ActivityWatcher); every window shows the stored rows.
 */
export async function refreshActivity(
  db: CollectiveBrainDb,
  me: Me,
  { now = new Date(), sources = ACTIVITY_SOURCES }: { now?: Date; sources?: readonly ActivitySource[] } = {},
): Promise<LookResult> {
  const stored = await readScanState(db);
  const state: ScanState = stored ?? { version: 1, marks: {}, editions: {} };
  const context = new LookContext(db, me, now);
  const horizon = new Date(now.getTime() - FIRST_LOOK_DAYS * DAY_MS).toISOString();
  const oldNews = new Date(now.getTime() - FIRST_LOOK_UNREAD_DAYS * DAY_MS).toISOString();
  const found: (FoundActivity & { firstLook: boolean })[] = [];
  for (const source of sources) {
    const mark = state.marks[source.name];
    const from = mark === undefined ? horizon : isoMinus(mark, LOOK_BACK_MS);
    const result = await source.find({ context, from, state });
    for (const row of result.rows) found.push({ ...row, firstLook: mark === undefined });
    // A mark never goes back; a first look that read nothing starts the next one at its window.
    const to = result.to !== undefined && (mark === undefined || result.to > mark) ? result.to : (mark ?? horizon);
    state.marks[source.name] = to;
  }

  const byKey = new Map(found.map((row) => [row.key, row]));
  return db.transaction('rw', db.activity, db.syncMeta, async () => {
    const existing = await db.activity.bulkGet([...byKey.keys()]);
    const added: ActivityRow[] = [];
    const fresh: ActivityRow[] = [];
    [...byKey.values()].forEach(({ firstLook, ...row }, index) => {
      if (existing[index] !== undefined) return;
      const stored: ActivityRow = { ...row, read: firstLook && row.at < oldNews ? 1 : 0 };
      added.push(stored);
      if (!firstLook) fresh.push(stored);
    });
    if (added.length > 0) await db.activity.bulkAdd(added);
    await writeScanState(db, state);
    await keepNewest(db);
    return { added, fresh };
  });
}

/** Past the cap, the oldest read items go, then the oldest unread ones. */
async function keepNewest(db: CollectiveBrainDb): Promise<void> {
  const count = await db.activity.count();
  if (count <= KEEP_ITEMS) return;
  const oldest = await db.activity.orderBy('at').toArray();
  const excess = count - KEEP_ITEMS;
  const read = oldest.filter((row) => row.read === 1).slice(0, excess);
  const unread = oldest.filter((row) => row.read === 0).slice(0, excess - read.length);
  await db.activity.bulkDelete([...read, ...unread].map((row) => row.key));
}

/**
 * Unread items that no longer concern the user: their post, news item,
 * session or material is gone (deleted, hidden from them), or they stopped
 * following the thread or edition it is new in. Run after each look.
 */
export async function dropStale(db: CollectiveBrainDb, me: Me): Promise<number> {
  const unread = await db.activity.where('read').equals(0).toArray();
  if (unread.length === 0) return 0;
  const context = new LookContext(db, me, new Date());
  const ids = (kind: ActivityRow['placeType'] | 'session' | 'material'): string[] =>
    unread
      .filter((row) =>
        kind === 'session' || kind === 'material' ? row.key.startsWith(`${kind}:`) : row.placeType === kind,
      )
      .map((row) => row.subjectId);
  const [posts, news, sessions, materials, followedThreads, follows] = await Promise.all([
    db.posts.bulkGet(ids('thread')),
    db.news.bulkGet(ids('news')),
    db.sessions.bulkGet(ids('session')),
    db.materials.bulkGet(ids('material')),
    context.threadsFollowed(unread.filter((row) => row.kind === 'thread-post').map((row) => row.placeId)),
    context.myFollows(),
  ]);
  const present = new Set<string>();
  for (const row of [...posts, ...news, ...sessions, ...materials]) {
    if (row !== undefined && !('hidden' in row && row.hidden)) present.add(row.id);
  }
  const editions = new Set((follows?.editions ?? []).filter((entry) => entry.following).map((entry) => entry.id));
  const stale = unread.filter(
    (row) =>
      !present.has(row.subjectId) ||
      (row.kind === 'thread-post' && !followedThreads.has(row.placeId)) ||
      (row.placeType === 'edition' && !editions.has(row.placeId)),
  );
  if (stale.length > 0) await db.activity.bulkDelete(stale.map((row) => row.key));
  return stale.length;
}
