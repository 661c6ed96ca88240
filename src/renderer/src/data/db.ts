import Dexie, { type EntityTable } from 'dexie';
import { installChangeFeed } from './change-feed';
import { installDurability } from './durability';
import type { Mutation, EntityState } from '../../../shared/wire/sync';
import type {
  Category,
  Collection,
  Document,
  EntityType,
  Material,
  News,
  Post,
  Session,
  Thread,
  Translation,
  User,
} from '../../../shared/wire/entities';
import type { RejectionCode } from '../../../shared/wire/errors';

/** Local state of a row the user changed and the server has not confirmed yet. */
export type LocalState = 'pending' | 'conflict';

/** Every cached entity carries its server version (0 for one only this device knows yet). */
interface Cached {
  version: number;
  local?: LocalState;
}

export type CachedUser = User & Cached;
export type CachedCategory = Category & Cached;
export type CachedThread = Thread &
  Cached & {
    /** Newest post's createdAt (or the thread's own): the forum sorts by it. */
    lastActivityAt: string;
    postCount: number;
  };
export type CachedPost = Post & Cached;
export type CachedDocument = Document &
  Cached & {
    /** Languages of the variants, for the language facet (multi-entry index). */
    languages: string[];
  };
export type CachedCollection = Collection & Cached & { editionYear: number | null };
export type CachedSession = Session & Cached;
export type CachedMaterial = Material & Cached;
export type CachedNews = News & Cached;

export const OUTBOX_STATUSES = ['pending', 'sending', 'conflict'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A write waiting for the server. Created before anything else happens (architecture invariant 3). */
export interface OutboxItem {
  seq?: number;
  /** The mutation id, made here: the server applies it exactly once. */
  id: string;
  name: Mutation['name'];
  args: Record<string, unknown>;
  baseVersion?: number;
  status: OutboxStatus;
  entityType: EntityType;
  entityId: string;
  createdAt: string;
  /** The row before the optimistic change, to restore it if the server refuses. */
  before?: unknown;
  /** The server's version, when it conflicted. */
  current?: EntityState;
  attempts: number;
  /** Pushes of this write, alone, that the server failed on (500): after a few it is set aside as a draft. */
  serverErrors?: number;
}

/** Text being written; autosaved while typing, kept across crashes. */
export interface Draft {
  key: string;
  kind: 'thread' | 'reply' | 'edit' | 'session' | 'translation';
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
   */
  key: 'cursor' | 'clientId' | 'lastSyncAt' | 'schema' | 'userId' | 'threadActivity';
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
export type CachedTranslation = Translation & Cached;

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
] as const;
export type ContentTable = (typeof CONTENT_TABLES)[number];

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
};

/**
 * The schema, one Dexie version per change. Never edit a released version:
 * add the next one with its upgrade, and a test that opens a database
 * seeded at the previous version (tests/renderer/db-upgrades.test.ts).
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
} as const;

export const DB_NAME = 'collective-brain';

export function openDb(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]): CollectiveBrainDb {
  const db = new Dexie(name, options) as CollectiveBrainDb;
  installChangeFeed(db);
  installDurability(db);
  db.version(1).stores(SCHEMA_VERSIONS[1]);
  db.version(2).stores(SCHEMA_VERSIONS[2]);
  return db;
}
