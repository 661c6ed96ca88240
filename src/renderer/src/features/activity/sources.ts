import Dexie from 'dexie';
import { concernOf, type Reader } from '../../../../shared/activity';
import type { ActivityRow, CachedFollows, CachedPost, CollectiveBrainDb } from '../../data/db';
import { firstWritten, followedEditions, postsOf, threadFollowedSince } from './follows';
import type { ScanState } from './scan-state';

/**
 * Where activity comes from. Each source looks at what arrived since its last
 * look (its mark), through the cache's indexes, and says what concerns the
 * user. A new kind of activity is a new source here (and its kind, view and
 * strings: see the README's section on the Activity screen).
 */

/** An activity found, before it is stored (it is stored unread, or read when it is old news on a first look). */
export type FoundActivity = Omit<ActivityRow, 'read'>;

/** The signed-in user, as activity sees them. */
export interface Me {
  readonly id: string;
  readonly displayName: string;
}

/** What a look shares between its sources: read once, on first use. */
export class LookContext {
  private mine: Promise<Map<string, CachedPost>> | undefined;
  private follows: Promise<CachedFollows | undefined> | undefined;

  constructor(
    readonly db: CollectiveBrainDb,
    readonly me: Me,
    readonly now: Date,
  ) {}

  /** The user's posts, by id. */
  myPosts(): Promise<Map<string, CachedPost>> {
    this.mine ??= postsOf(this.db, this.me.id);
    return this.mine;
  }

  myFollows(): Promise<CachedFollows | undefined> {
    this.follows ??= this.db.follows.get(this.me.id);
    return this.follows;
  }

  /** Since when the user follows each of these threads (absent: they do not). */
  async threadsFollowed(threadIds: Iterable<string>): Promise<Map<string, string>> {
    const [follows, mine] = await Promise.all([this.myFollows(), this.myPosts()]);
    const written = firstWritten(mine.values());
    const followed = new Map<string, string>();
    for (const id of threadIds) {
      const since = threadFollowedSince(follows, written, id);
      if (since !== undefined) followed.set(id, since);
    }
    return followed;
  }
}

export interface SourceLook {
  readonly context: LookContext;
  /** From when to look (ISO): a little before the last look's mark, or a window back on a first look. */
  readonly from: string;
  /** The scan state being updated: a source that keeps more than a mark (the editions) keeps it here. */
  readonly state: ScanState;
}

export interface Found {
  readonly rows: readonly FoundActivity[];
  /** The newest time read (the source's next mark); undefined when nothing was read. */
  readonly to?: string;
}

export interface ActivitySource {
  /** The key of its mark in the scan state. */
  readonly name: string;
  find(look: SourceLook): Promise<Found>;
}

/** Threads read at once: each is one indexed range of its posts. */
const THREADS_PER_ROUND = 50;

/**
 * Posts written since the last look, in the threads that had any (the threads'
 * activity index), each read through the `[threadId+createdAt]` index: replies
 * and quotes of the user's posts, mentions of them, new posts in threads they
 * follow. Posts this computer has not had from the server yet (its own) and
 * hidden ones never count.
 */
export const postsSource: ActivitySource = {
  name: 'posts',
  async find({ context, from }) {
    const { db, me } = context;
    const threads = (await db.threads.where('lastActivityAt').above(from).toArray()).filter((thread) => !thread.hidden);
    if (threads.length === 0) return { rows: [] };
    const [mine, followed] = await Promise.all([
      context.myPosts(),
      context.threadsFollowed(threads.map((thread) => thread.id)),
    ]);
    const reader: Reader = { id: me.id, displayName: me.displayName, posts: mine };
    const rows: FoundActivity[] = [];
    let to: string | undefined;
    for (let start = 0; start < threads.length; start += THREADS_PER_ROUND) {
      const round = threads.slice(start, start + THREADS_PER_ROUND);
      const postsByThread = await Promise.all(
        round.map((thread) =>
          db.posts
            .where('[threadId+createdAt]')
            .between([thread.id, from], [thread.id, Dexie.maxKey], false, true)
            .toArray(),
        ),
      );
      round.forEach((thread, index) => {
        const facts = { authorId: thread.authorId, followedSince: followed.get(thread.id) };
        for (const post of postsByThread[index] ?? []) {
          if (to === undefined || post.createdAt > to) to = post.createdAt;
          if (post.hidden || post.local !== undefined) continue;
          const kind = concernOf(post, facts, reader);
          if (kind === null) continue;
          rows.push({
            key: `post:${post.id}`,
            kind,
            at: post.createdAt,
            placeType: 'thread',
            placeId: thread.id,
            subjectId: post.id,
            ...(post.authorId !== undefined ? { actorId: post.authorId } : {}),
          });
        }
      });
    }
    return to === undefined ? { rows } : { rows, to };
  },
};

/** News published since the last look: everyone hears of news. */
export const newsSource: ActivitySource = {
  name: 'news',
  async find({ context, from }) {
    const items = await context.db.news.where('publishedAt').above(from).toArray();
    let to: string | undefined;
    const rows: FoundActivity[] = [];
    for (const item of items) {
      const { publishedAt } = item;
      if (publishedAt === null) continue;
      if (to === undefined || publishedAt > to) to = publishedAt;
      if (item.local !== undefined) continue;
      rows.push({
        key: `news:${item.id}`,
        kind: 'news',
        at: publishedAt,
        placeType: 'news',
        placeId: 'news',
        subjectId: item.id,
      });
    }
    return to === undefined ? { rows } : { rows, to };
  },
};

/**
 * New sessions and materials in the editions the user follows. They carry no
 * creation date, so what is new is what was not there at the last look (an
 * edition just followed is only looked at: what it holds is not news). Rows
 * this computer wrote itself are the user's own, never news to them.
 */
export const editionsSource: ActivitySource = {
  name: 'editions',
  async find({ context, state }) {
    const { db, now } = context;
    const followed = followedEditions(await context.myFollows());
    const seen: Record<string, string[]> = {};
    const rows: FoundActivity[] = [];
    const at = now.toISOString();
    for (const collectionId of followed.keys()) {
      const sessions = await db.sessions
        .where('[collectionId+position]')
        .between([collectionId, Dexie.minKey], [collectionId, Dexie.maxKey])
        .toArray();
      const materials = (
        await Promise.all(
          sessions.map((session) =>
            db.materials
              .where('[sessionId+position]')
              .between([session.id, Dexie.minKey], [session.id, Dexie.maxKey])
              .toArray(),
          ),
        )
      ).flat();
      seen[collectionId] = [...sessions, ...materials].map((row) => row.id);
      const before = state.editions[collectionId];
      if (before === undefined) continue;
      const known = new Set(before);
      const place = { at, placeType: 'edition', placeId: collectionId } as const;
      for (const session of sessions) {
        if (known.has(session.id) || session.local !== undefined) continue;
        rows.push({ ...place, key: `session:${session.id}`, kind: 'edition-session', subjectId: session.id });
      }
      for (const material of materials) {
        if (known.has(material.id) || material.local !== undefined) continue;
        rows.push({ ...place, key: `material:${material.id}`, kind: 'edition-material', subjectId: material.id });
      }
    }
    state.editions = seen;
    return { rows };
  },
};

/** Every source, looked at in this order after each sync. */
export const ACTIVITY_SOURCES: readonly ActivitySource[] = [postsSource, newsSource, editionsSource];
