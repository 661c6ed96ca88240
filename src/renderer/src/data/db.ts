import Dexie, { type EntityTable } from 'dexie';
import { installChangeFeed } from './change-feed';
import { installDurability } from './durability';
import type { EntityState } from '../../../shared/wire/sync';
import type { ActivityKind, ActivityPlaceType } from '../../../shared/activity';
import type {
  Category,
  Collection,
  Document,
  EntityType,
  Follows,
  Material,
  News,
  Post,
  Report,
  Session,
  Thread,
  Translation,
  TranslationRequest,
  User,
} from '../../../shared/wire/entities';
import type { RejectionCode } from '../../../shared/wire/errors';
import type { MutationArgs, MutationName } from '../../../shared/wire/mutations';

/** Local state of a row the user changed and the server has not confirmed yet. */
export type LocalState = 'pending' | 'conflict';

/** Every cached entity carries its server version (0 for one only this device knows yet). */
interface Cached {
  version: number;
  local?: LocalState;
}

/**
 * Written on this device before it knew who is signed in (it learns it from the session, see DataProvider):
 * such a row has no author until the server's copy, which has one, replaces it. Readers treat a pending row
 * without an author as the user's own.
 */
type AuthorPending<T extends { authorId: string }> = Omit<T, 'authorId'> & { authorId?: string };

export type CachedUser = User & Cached;
export type CachedCategory = Category & Cached;
export type CachedThread = AuthorPending<Thread> &
  Cached & {
    /** Newest post's createdAt (or the thread's own): the forum sorts by it. */
    lastActivityAt: string;
    postCount: number;
  };
export type CachedPost = AuthorPending<Post> & Cached;
export type CachedDocument = Document &
  Cached & {
    /** Languages of the variants, for the language facet (multi-entry index). */
    languages: string[];
  };
export type CachedCollection = Collection & Cached & { editionYear: number | null };
export type CachedSession = Session & Cached;
export type CachedMaterial = Material & Cached;
export type CachedNews = News & Cached;
/** The signed-in user's own list of follows (see FollowsSchema): one row, keyed by their id. */
export type CachedFollows = Follows & Cached;
/** A report of a post: the user's own, or (for moderators) everyone's. Made here, it has no reporter until the server's copy. */
export type CachedReport = Omit<Report, 'reporterId'> & { reporterId?: string } & Cached;

export const OUTBOX_STATUSES = ['pending', 'sending', 'conflict'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What every outbox item holds, whatever its mutation. */
interface OutboxItemBase {
  seq?: number;
  /** The mutation id, made here: the server applies it exactly once. */
  id: string;
  baseVersion?: number;
  status: OutboxStatus;
  entityType: EntityType;
  entityId: string;
  createdAt: string;
  /** The row before the optimistic change, to restore it if the server refuses. */
  before?: CachedRow;
  /** The server's version, when it conflicted. */
  current?: EntityState;
  attempts: number;
  /** Pushes of this write, alone, that the server failed on (500): after a few it is set aside as a draft. */
  serverErrors?: number;
}

/** An outbox item of one mutation: its arguments are that mutation's, as its schema parsed them. */
export type OutboxItemOf<N extends MutationName> = OutboxItemBase & { name: N; args: MutationArgs<N> };

/** Outbox items by mutation name; indexed by a name of type N, it is `OutboxItemOf<N>`. */
export type OutboxItemsByName = { [N in MutationName]: OutboxItemOf<N> };

/**
 * A write waiting for the server, created before anything else happens (architecture invariant 3): a
 * union keyed by mutation name, so `switch (item.name)` gives each case its own arguments.
 */
export type OutboxItem = OutboxItemsByName[MutationName];

/** Text being written; autosaved while typing, kept across crashes. Its key says where it belongs (see drafts.ts). */
export interface Draft {
  key: string;
  /** `write`: a refused write without text of its own (moderation, a session's edit), kept with its arguments. */
  kind: 'thread' | 'reply' | 'edit' | 'session' | 'translation' | 'news' | 'write';
  fields: Record<string, string>;
  /** Thread, post, session, or translated post or news item the draft belongs to. */
  targetId?: string;
  updatedAt: string;
  /** Set when the server refused it: why, for the user to fix and send again. */
  rejection?: { code: RejectionCode; message?: string; mutationName: string };
}

export interface SyncMetaRow {
  /**
   * `lastSyncAt`: when the last complete sync run (push and pull) ended, ISO; it survives restarts.
   * `threadActivity`: post counts a multi-page pull has yet to fold into threads (JSON, see apply-page).
   * `venuePacks`: edition packs imported since the last complete pull run (JSON ids, see data/venue-packs).
   * `activity`: how far the Activity screen has looked for what concerns the user (JSON, see features/activity).
   */
  key: 'cursor' | 'clientId' | 'lastSyncAt' | 'schema' | 'userId' | 'threadActivity' | 'venuePacks' | 'activity';
  value: string;
}

export interface ReadStateRow {
  threadId: string;
  /** Posts created at or before this are read. */
  lastReadAt: string;
}

export const FILE_STATUSES = ['queued', 'downloading', 'verifying', 'done', 'failed', 'cancelled'] as const;
export interface FileStatusRow {
  sha256: string;
  status: (typeof FILE_STATUSES)[number];
  receivedBytes: number;
  totalBytes: number;
  error?: { code: string; message: string };
  updatedAt: string;
}

/** A reader's translation of a post or a news item, linked to its original by `[targetType+targetId]`. */
export type CachedTranslation = AuthorPending<Translation> & Cached;
/** A reader's request for a translation (open until a translation into its language fulfils it). */
export type CachedTranslationRequest = TranslationRequest & Cached;

/**
 * Something that concerns the user (a reply to them, a mention, a new post in a thread they follow, a new
 * session in an edition they follow, news), found on this computer from synced data (features/activity).
 */
export interface ActivityRow {
  /** What it is about, one row per subject: `post:<id>`, `news:<id>`, `session:<id>`, `material:<id>`. */
  key: string;
  kind: ActivityKind;
  /** When it happened (ISO): a post's creation, a news item's publication, when a session was first seen here. */
  at: string;
  /** 0 unread, 1 read (IndexedDB indexes numbers, not booleans). */
  read: 0 | 1;
  /** Where it belongs, for grouping and for opening it: a thread, an edition, the news. */
  placeType: ActivityPlaceType;
  placeId: string;
  /** The post, news item, session or material itself. */
  subjectId: string;
  /** Who wrote it, when known. */
  actorId?: string;
}

/** The offline search index, persisted in chunks so search is ready at once after a cold start. */
export interface SearchIndexRow {
  key: string;
  value: string;
  updatedAt: string;
}

export type CollectiveBrainDb = Dexie & {
  users: EntityTable<CachedUser, 'id'>;
  categories: EntityTable<CachedCategory, 'id'>;
  threads: EntityTable<CachedThread, 'id'>;
  posts: EntityTable<CachedPost, 'id'>;
  documents: EntityTable<CachedDocument, 'id'>;
  collections: EntityTable<CachedCollection, 'id'>;
  sessions: EntityTable<CachedSession, 'id'>;
  materials: EntityTable<CachedMaterial, 'id'>;
  news: EntityTable<CachedNews, 'id'>;
  outbox: EntityTable<OutboxItem, 'seq'>;
  drafts: EntityTable<Draft, 'key'>;
  syncMeta: EntityTable<SyncMetaRow, 'key'>;
  readState: EntityTable<ReadStateRow, 'threadId'>;
  files: EntityTable<FileStatusRow, 'sha256'>;
  translations: EntityTable<CachedTranslation, 'id'>;
  searchIndex: EntityTable<SearchIndexRow, 'key'>;
  reports: EntityTable<CachedReport, 'id'>;
  translationRequests: EntityTable<CachedTranslationRequest, 'id'>;
  follows: EntityTable<CachedFollows, 'id'>;
  activity: EntityTable<ActivityRow, 'key'>;
};

export const CONTENT_TABLES = [
  'users',
  'categories',
  'threads',
  'posts',
  'documents',
  'collections',
  'sessions',
  'materials',
  'news',
  'translations',
  'reports',
  'translationRequests',
  'follows',
] as const;
export type ContentTable = (typeof CONTENT_TABLES)[number];

/** The cached row of each entity type. */
export interface CachedByType {
  user: CachedUser;
  category: CachedCategory;
  thread: CachedThread;
  post: CachedPost;
  document: CachedDocument;
  collection: CachedCollection;
  session: CachedSession;
  material: CachedMaterial;
  news: CachedNews;
  translation: CachedTranslation;
  report: CachedReport;
  translationRequest: CachedTranslationRequest;
  follows: CachedFollows;
}

/** A cached row of any entity type. */
export type CachedRow = CachedByType[EntityType];

/** What a write to the cache needs of a content table: rows keyed by their id. */
export interface RowTable<R> {
  get(id: string): Promise<R | undefined>;
  bulkGet(ids: string[]): Promise<(R | undefined)[]>;
  put(row: R): Promise<unknown>;
  bulkPut(rows: readonly R[]): Promise<unknown>;
  delete(id: string): Promise<void>;
  bulkDelete(ids: readonly string[]): Promise<void>;
  update(id: string, changes: { local?: LocalState }): Promise<number>;
}

/** The content tables by entity type, each typed by its rows: `rowTables(db)[type]` for a type T holds T's rows. */
export function rowTables(db: CollectiveBrainDb): { readonly [T in EntityType]: RowTable<CachedByType[T]> } {
  return {
    user: db.users,
    category: db.categories,
    thread: db.threads,
    post: db.posts,
    document: db.documents,
    collection: db.collections,
    session: db.sessions,
    material: db.materials,
    news: db.news,
    translation: db.translations,
    report: db.reports,
    translationRequest: db.translationRequests,
    follows: db.follows,
  };
}

/**
 * The table of an entity type known only at run time (an outbox item's): it holds rows of that type,
 * which is all callers may put into it (a row they read from it, or one built for that type).
 */
export function rowTableOf(db: CollectiveBrainDb, type: EntityType): RowTable<CachedRow> {
  return rowTables(db)[type];
}

/** The table that caches each entity type. */
export const TABLE_OF_ENTITY: Readonly<Record<EntityType, ContentTable>> = {
  user: 'users',
  category: 'categories',
  thread: 'threads',
  post: 'posts',
  document: 'documents',
  collection: 'collections',
  session: 'sessions',
  material: 'materials',
  news: 'news',
  translation: 'translations',
  report: 'reports',
  translationRequest: 'translationRequests',
  follows: 'follows',
};

/**
 * The schema, one Dexie version per change. Never edit a released version:
 * add the next one with its upgrade, and a test that opens a database
 * seeded at the previous version (tests/integration/sync/db-upgrades.test.ts).
 */
export const SCHEMA_VERSIONS = {
  1: {
    users: 'id',
    categories: 'id, position',
    threads: 'id, categoryId, [categoryId+lastActivityAt], lastActivityAt, language, *tags',
    posts: 'id, [threadId+createdAt], authorId, local',
    documents: 'id, type, year, series, *languages, *countries, *topics',
    collections: 'id, position, editionYear',
    sessions: 'id, [collectionId+position]',
    materials: 'id, [sessionId+position]',
    news: 'id, publishedAt, language',
    outbox: '++seq, &id, status, entityId',
    drafts: 'key, kind, updatedAt',
    syncMeta: 'key',
    readState: 'threadId',
    files: 'sha256, status',
  },
  /** v2: translations by readers; the persisted search index; drafts findable by their target. */
  2: {
    translations: 'id, [targetType+targetId], language',
    searchIndex: 'key',
    drafts: 'key, kind, updatedAt, targetId',
  },
  /** v3: readers' translation requests, by their original and by the language asked for. */
  3: {
    translationRequests: 'id, [targetType+targetId], language',
  },
  /** v4: what the user follows (their own list, synced); what concerns them (the Activity screen, this computer's). */
  4: {
    follows: 'id',
    activity: 'key, at, read, placeId',
  },
  /**
   * v5: news items in several languages (no single language to index; see `upgradeNewsToVersions`), found
   * by their pin (only pinned ones are in that index: a null is no key); readers' reports of posts.
   */
  5: {
    news: 'id, publishedAt, pinnedAt',
    reports: 'id, postId, createdAt',
  },
} as const;

export const DB_NAME = 'collective-brain';

export function openDb(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]): CollectiveBrainDb {
  const db = new Dexie(name, options) as CollectiveBrainDb;
  installChangeFeed(db);
  installDurability(db);
  db.version(1).stores(SCHEMA_VERSIONS[1]);
  db.version(2).stores(SCHEMA_VERSIONS[2]);
  db.version(3).stores(SCHEMA_VERSIONS[3]);
  db.version(4).stores(SCHEMA_VERSIONS[4]);
  db.version(5)
    .stores(SCHEMA_VERSIONS[5])
    .upgrade((tx) => tx.table('news').toCollection().modify(upgradeNewsToVersions));
  return db;
}

/**
 * A news row before v5 held one language (`language`, `title`, `body`); it becomes the same item with one language
 * version, as the server's migration "news in several languages, reports" makes it (which also sends it
 * again). In place, so nothing is lost before the next pull; a row already in the new form is left alone.
 */
export function upgradeNewsToVersions(row: Record<string, unknown>): void {
  const { language, title, body, publishedAt } = row;
  if (typeof language !== 'string' || 'versions' in row) return;
  row['versions'] = { [language]: { title, body } };
  row['authorId'] = null;
  row['createdAt'] = publishedAt;
  row['editedAt'] = null;
  row['pinnedAt'] = null;
  delete row['language'];
  delete row['title'];
  delete row['body'];
}
