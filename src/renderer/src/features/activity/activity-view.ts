import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type {
  ActivityRow,
  CachedMaterial,
  CachedNews,
  CachedPost,
  CachedSession,
  CollectiveBrainDb,
  ReadStateRow,
} from '../../data/db';

/**
 * The Activity screen's view of the stored items: grouped by day, then by
 * place (a thread, an edition, the news), each with what it is about and
 * whether it is read. Reading a thread reads its items too: an item whose post
 * the user has read in the thread counts as read.
 */

/** What an item is about, looked up for display; undefined when it is gone from this computer. */
export type ActivitySubject =
  | { readonly type: 'post'; readonly post: CachedPost }
  | { readonly type: 'news'; readonly news: CachedNews }
  | { readonly type: 'session'; readonly session: CachedSession }
  | { readonly type: 'material'; readonly material: CachedMaterial; readonly session: CachedSession | undefined };

export interface ActivityEntry {
  readonly row: ActivityRow;
  readonly read: boolean;
  readonly subject: ActivitySubject;
  /** The author's display name, when known. */
  readonly actorName: string | undefined;
}

/** A title in its own language. */
export interface Titled {
  readonly text: string;
  readonly language: string | undefined;
}

export interface ActivityGroup {
  /** `placeType:placeId`. */
  readonly key: string;
  readonly placeType: ActivityRow['placeType'];
  readonly placeId: string;
  /** A thread's or an edition's title; undefined for the news. */
  readonly title: Titled | undefined;
  readonly entries: ActivityEntry[];
}

export interface ActivityDay {
  /** The local day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly groups: ActivityGroup[];
}

export interface ActivityView {
  readonly days: ActivityDay[];
  /** Unread items among all stored, not only those shown. */
  readonly unread: number;
  /** More items are stored than were asked for. */
  readonly more: boolean;
}

/** An item is read when marked so, or when its post was read in its thread. */
function isRead(row: ActivityRow, reads: ReadonlyMap<string, ReadStateRow>): boolean {
  if (row.read === 1) return true;
  const lastReadAt = row.placeType === 'thread' ? reads.get(row.placeId)?.lastReadAt : undefined;
  return lastReadAt !== undefined && row.at <= lastReadAt;
}

async function readStates(db: CollectiveBrainDb, rows: readonly ActivityRow[]): Promise<Map<string, ReadStateRow>> {
  const threadIds = [...new Set(rows.filter((row) => row.placeType === 'thread').map((row) => row.placeId))];
  const states = await db.readState.bulkGet(threadIds);
  return new Map(states.flatMap((state) => (state === undefined ? [] : [[state.threadId, state] as const])));
}

/** The unread items' keys: the navigation's badge counts them, "Mark all as read" marks them. */
export async function unreadKeys(db: CollectiveBrainDb): Promise<string[]> {
  const unread = await db.activity.where('read').equals(0).toArray();
  const reads = await readStates(db, unread);
  return unread.filter((row) => !isRead(row, reads)).map((row) => row.key);
}

export async function unreadCount(db: CollectiveBrainDb): Promise<number> {
  return (await unreadKeys(db)).length;
}

export async function markRead(db: CollectiveBrainDb, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.activity
    .where('key')
    .anyOf([...keys])
    .modify({ read: 1 });
}

export async function markAllRead(db: CollectiveBrainDb): Promise<void> {
  await db.activity.where('read').equals(0).modify({ read: 1 });
}

/** The local day of an ISO time, `YYYY-MM-DD`. */
export function localDay(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function byId<T extends { id: string }>(rows: readonly (T | undefined)[]): Map<string, T> {
  return new Map(rows.flatMap((row) => (row === undefined ? [] : [[row.id, row] as const])));
}

/** The newest `limit` items (unread ones only, when asked), grouped by day and place, with what they are about. */
export async function activityView(
  db: CollectiveBrainDb,
  { limit, unreadOnly, languages }: { limit: number; unreadOnly: boolean; languages: readonly ContentLanguage[] },
): Promise<ActivityView> {
  const all = await db.activity.orderBy('at').reverse().toArray();
  const reads = await readStates(db, all);
  const unread = all.filter((row) => !isRead(row, reads));
  const listed = unreadOnly ? unread : all;
  const rows = listed.slice(0, limit);
  const subjectIds = (prefix: string): string[] =>
    rows.filter((row) => row.key.startsWith(`${prefix}:`)).map((row) => row.subjectId);
  const [posts, news, sessions, materials] = await Promise.all([
    db.posts.bulkGet(subjectIds('post')).then(byId),
    db.news.bulkGet(subjectIds('news')).then(byId),
    db.sessions.bulkGet(subjectIds('session')).then(byId),
    db.materials.bulkGet(subjectIds('material')).then(byId),
  ]);
  const materialSessions = byId(await db.sessions.bulkGet([...materials.values()].map((row) => row.sessionId)));
  const placeIds = (type: ActivityRow['placeType']): string[] => [
    ...new Set(rows.filter((row) => row.placeType === type).map((row) => row.placeId)),
  ];
  const [threads, collections, users] = await Promise.all([
    db.threads.bulkGet(placeIds('thread')).then(byId),
    db.collections.bulkGet(placeIds('edition')).then(byId),
    db.users.bulkGet([...new Set(rows.flatMap((row) => (row.actorId === undefined ? [] : [row.actorId])))]).then(byId),
  ]);

  const subjectOf = (row: ActivityRow): ActivitySubject | undefined => {
    const [prefix] = row.key.split(':');
    switch (prefix) {
      case 'post': {
        const post = posts.get(row.subjectId);
        return post === undefined || post.hidden ? undefined : { type: 'post', post };
      }
      case 'news': {
        const item = news.get(row.subjectId);
        return item === undefined ? undefined : { type: 'news', news: item };
      }
      case 'session': {
        const session = sessions.get(row.subjectId);
        return session === undefined ? undefined : { type: 'session', session };
      }
      case 'material': {
        const material = materials.get(row.subjectId);
        return material === undefined
          ? undefined
          : { type: 'material', material, session: materialSessions.get(material.sessionId) };
      }
      default:
        return undefined;
    }
  };
  const titleOf = (type: ActivityRow['placeType'], id: string): Titled | undefined => {
    if (type === 'thread') {
      const thread = threads.get(id);
      return thread === undefined ? undefined : { text: thread.title, language: thread.language };
    }
    if (type === 'edition') {
      const title = collections.get(id)?.title;
      const picked = title === undefined ? undefined : pickLocalized(title, languages);
      return picked === undefined ? undefined : { text: picked.value, language: picked.language };
    }
    return undefined;
  };

  const days: ActivityDay[] = [];
  for (const row of rows) {
    const subject = subjectOf(row);
    if (subject === undefined) continue;
    const day = localDay(row.at);
    let today = days.at(-1);
    if (today?.day !== day) {
      today = { day, groups: [] };
      days.push(today);
    }
    const key = `${row.placeType}:${row.placeId}`;
    let group = today.groups.find((candidate) => candidate.key === key);
    if (group === undefined) {
      group = {
        key,
        placeType: row.placeType,
        placeId: row.placeId,
        title: titleOf(row.placeType, row.placeId),
        entries: [],
      };
      today.groups.push(group);
    }
    const actorName = row.actorId === undefined ? undefined : users.get(row.actorId)?.displayName;
    group.entries.push({ row, read: isRead(row, reads), subject, actorName });
  }
  return { days, unread: unread.length, more: listed.length > limit };
}
