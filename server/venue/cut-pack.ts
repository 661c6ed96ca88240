import { createHash, randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { pickLocalized } from '../../src/shared/localized';
import {
  PACK_FORMAT,
  PACK_ROWS_FILE_BYTES,
  PACK_SIGNATURE_CONTEXT,
  PACK_VERSION,
  type CutPackResponse,
  type PackManifest,
} from '../../src/shared/venue/pack';
import type { ContentLanguage } from '../../src/shared/languages';
import type { Collection, Document, Post } from '../../src/shared/wire';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { lockFeed } from '../sync/feed';
import { formatCursor } from '../sync/pull';
import type { ServerSigningKey } from './signing-key';

export interface CutPackOptions {
  readonly collectionId: string;
  readonly languages: readonly ContentLanguage[];
  readonly tags: readonly string[];
  readonly categoryIds: readonly string[];
  readonly basePackId: string | undefined;
  readonly userId: string;
  /** The server's address, written in the manifest for people. */
  readonly server: string;
}

interface Row {
  seq: number;
  type: string;
  id: string;
  version: number;
  deleted: boolean;
  audience: string;
  data: string | null;
}

const COLUMNS = 'seq, type, id, version, deleted, audience, data::text AS data';
const VISIBLE = "NOT deleted AND data IS NOT NULL AND audience = 'all'";

/**
 * Cuts an edition pack: reads the edition's rows under the feed lock (so the
 * cursor and the rows agree), records what the pack holds, and signs the
 * manifest. Only what every participant may read goes in.
 */
export async function cutPack(
  ctx: ServerContext,
  key: ServerSigningKey,
  options: CutPackOptions,
): Promise<CutPackResponse> {
  return ctx.db.transaction(async (db) => {
    await lockFeed(db);
    const state = await db.query<{ epoch: string; max_seq: number }>(
      `SELECT s.epoch, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_seq) AS max_seq FROM sync_state s`,
    );
    const feed = state.rows[0];
    if (feed === undefined) throw new Error('sync_state is empty');

    const collection = await rows(
      db,
      `SELECT ${COLUMNS} FROM entities WHERE type = 'collection' AND id = $1 AND ${VISIBLE}`,
      [options.collectionId],
    );
    const edition = collection[0];
    if (edition?.data == null) throw new HttpError('not-found', 'No such edition.');
    const sessions = await rows(
      db,
      `SELECT ${COLUMNS} FROM entities WHERE type = 'session' AND parent_id = $1 AND ${VISIBLE}`,
      [options.collectionId],
    );
    const materials = await rows(
      db,
      `SELECT ${COLUMNS} FROM entities WHERE type = 'material' AND parent_id = ANY($1::uuid[]) AND ${VISIBLE}`,
      [sessions.map((row) => row.id)],
    );
    const documentIds = materials
      .map((row) => JSON.parse(row.data ?? '{}') as { kind?: string; documentId?: string })
      .filter((material) => material.kind === 'document' && material.documentId !== undefined)
      .map((material) => material.documentId);
    const documents = await rows(
      db,
      `SELECT ${COLUMNS} FROM entities WHERE type = 'document' AND id = ANY($1::uuid[]) AND ${VISIBLE}`,
      [documentIds],
    );
    const threads = await rows(
      db,
      `SELECT ${COLUMNS} FROM entities WHERE type = 'thread' AND ${VISIBLE}
          AND (data->>'categoryId' = ANY($1::text[]) OR data->'tags' ?| $2::text[])`,
      [options.categoryIds, options.tags],
    );
    const posts = await rows(
      db,
      `SELECT ${COLUMNS} FROM entities WHERE type = 'post' AND parent_id = ANY($1::uuid[]) AND ${VISIBLE}`,
      [threads.map((row) => row.id)],
    );
    const translations = await rows(
      db,
      `SELECT ${COLUMNS} FROM entities WHERE type = 'translation' AND parent_id = ANY($1::uuid[]) AND ${VISIBLE}`,
      [posts.map((row) => row.id)],
    );
    const categories = await rows(db, `SELECT ${COLUMNS} FROM entities WHERE type = 'category' AND ${VISIBLE}`, []);
    const authorIds = [...threads, ...posts, ...translations].map(
      (row) => (JSON.parse(row.data ?? '{}') as { authorId?: string }).authorId ?? '',
    );
    const users = await rows(
      db,
      `SELECT ${COLUMNS} FROM entities WHERE type = 'user' AND id = ANY($1::uuid[]) AND ${VISIBLE}`,
      [[...new Set(authorIds.filter((id) => id !== ''))]],
    );
    // Parents before children, so a client applying file by file always has what a row points to.
    const current = [
      ...users,
      ...categories,
      ...collection,
      ...sessions,
      ...documents,
      ...materials,
      ...threads,
      ...posts,
      ...translations,
    ];

    const files = await filesOf(db, documents, posts, options.languages);
    let included: Row[] = current;
    let tombstones: Row[] = [];
    let packFiles = files;
    let base: PackManifest['base'] = null;
    if (options.basePackId !== undefined) {
      const delta = await againstBase(db, options.basePackId, options.collectionId, feed.epoch, current, files);
      ({ included, tombstones, files: packFiles } = delta);
      base = { packId: options.basePackId, cursor: formatCursor(feed.epoch, delta.baseSeq) };
    }

    const packId = randomUUID();
    await db.query(
      'INSERT INTO venue_packs (id, collection_id, epoch, cursor_seq, base_id, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [packId, options.collectionId, feed.epoch, feed.max_seq, options.basePackId ?? null, options.userId],
    );
    const held = [...included, ...tombstones];
    if (held.length > 0) {
      await db.query(
        `INSERT INTO venue_pack_entities (pack_id, type, id, version)
         SELECT $1, t.type, t.id, t.version FROM unnest($2::text[], $3::uuid[], $4::int[]) AS t(type, id, version)`,
        [packId, held.map((row) => row.type), held.map((row) => row.id), held.map((row) => row.version)],
      );
    }
    if (packFiles.length > 0) {
      await db.query('INSERT INTO venue_pack_files (pack_id, sha256) SELECT $1, unnest($2::text[])', [
        packId,
        packFiles.map((file) => file.sha256),
      ]);
    }

    const texts = chunk([...included.map(upsertText), ...tombstones.map(deleteText)]);
    const data = JSON.parse(edition.data) as Collection;
    const manifest: PackManifest = {
      format: PACK_FORMAT,
      version: PACK_VERSION,
      packId,
      keyId: key.keyId,
      server: options.server,
      edition: { collectionId: options.collectionId, title: pickLocalized(data.title, options.languages)?.value ?? '' },
      languages: [...options.languages],
      scope: { categoryIds: [...options.categoryIds], tags: [...options.tags] },
      cursor: formatCursor(feed.epoch, feed.max_seq),
      cutAt: ctx.now().toISOString(),
      base,
      rows: texts.map(({ text, count }, index) => ({
        path: `rows/${String(index).padStart(4, '0')}.json`,
        sha256: sha256Hex(text),
        size: Buffer.byteLength(text),
        count,
      })),
      files: packFiles,
    };
    const manifestText = JSON.stringify(manifest, null, 1);
    return {
      manifest: manifestText,
      signature: key.sign(PACK_SIGNATURE_CONTEXT, manifestText),
      rows: texts.map((t) => t.text),
    };
  });
}

async function rows(db: PoolClient, sql: string, values: unknown[]): Promise<Row[]> {
  return (await db.query<Row>(sql, values)).rows;
}

/** Each document's variants in the chosen languages (its first when none is), and the posts' attachments. */
async function filesOf(
  db: PoolClient,
  documents: readonly Row[],
  posts: readonly Row[],
  languages: readonly ContentLanguage[],
): Promise<PackManifest['files']> {
  const files = new Map<string, PackManifest['files'][number]>();
  for (const row of documents) {
    const document = JSON.parse(row.data ?? '{}') as Document;
    const chosen = document.variants.filter((variant) => languages.includes(variant.language));
    for (const variant of chosen.length > 0 ? chosen : document.variants.slice(0, 1)) {
      files.set(variant.sha256, { sha256: variant.sha256, size: variant.size, mime: variant.mime });
    }
  }
  const attachments = posts.flatMap((row) => (JSON.parse(row.data ?? '{}') as Post).attachments);
  if (attachments.length > 0) {
    const found = await db.query<{ sha256: string; size: number; mime: string }>(
      'SELECT sha256, size, mime FROM files WHERE sha256 = ANY($1::text[])',
      [attachments],
    );
    for (const file of found.rows) files.set(file.sha256, { sha256: file.sha256, size: file.size, mime: file.mime });
  }
  return [...files.values()].sort((a, b) => a.sha256.localeCompare(b.sha256));
}

/** What a delta holds: rows new or changed since its base, tombstones for what left, files the base lacks. */
async function againstBase(
  db: PoolClient,
  basePackId: string,
  collectionId: string,
  epoch: string,
  current: readonly Row[],
  files: PackManifest['files'],
): Promise<{ included: Row[]; tombstones: Row[]; files: PackManifest['files']; baseSeq: number }> {
  const found = await db.query<{ collection_id: string; epoch: string; cursor_seq: number }>(
    'SELECT collection_id, epoch, cursor_seq FROM venue_packs WHERE id = $1',
    [basePackId],
  );
  const base = found.rows[0];
  if (base === undefined || base.collection_id !== collectionId || base.epoch !== epoch) {
    throw new HttpError('not-found', 'The base pack is not one of this edition on this server.');
  }
  // Everything the chain of packs up to the base holds, at its newest version.
  const held = await db.query<{ type: string; id: string; version: number }>(
    `WITH RECURSIVE chain AS (
       SELECT id, base_id FROM venue_packs WHERE id = $1
       UNION SELECT p.id, p.base_id FROM venue_packs p JOIN chain c ON p.id = c.base_id
     )
     SELECT type, id, max(version) AS version FROM venue_pack_entities WHERE pack_id IN (SELECT id FROM chain) GROUP BY type, id`,
    [basePackId],
  );
  const heldFiles = await db.query<{ sha256: string }>(
    `WITH RECURSIVE chain AS (
       SELECT id, base_id FROM venue_packs WHERE id = $1
       UNION SELECT p.id, p.base_id FROM venue_packs p JOIN chain c ON p.id = c.base_id
     )
     SELECT DISTINCT sha256 FROM venue_pack_files WHERE pack_id IN (SELECT id FROM chain)`,
    [basePackId],
  );
  const versions = new Map(held.rows.map((row) => [`${row.type}:${row.id}`, row.version]));
  const included = current.filter((row) => versions.get(`${row.type}:${row.id}`) !== row.version);
  const present = new Set(current.map((row) => `${row.type}:${row.id}`));
  const gone = held.rows.filter((row) => !present.has(`${row.type}:${row.id}`));
  // Of what left, only what was deleted or hidden is a tombstone: a thread that merely lost its tag is still readable.
  const tombstones =
    gone.length === 0
      ? []
      : (
          await db.query<Row>(
            `SELECT ${COLUMNS} FROM entities e JOIN unnest($1::text[], $2::uuid[]) AS g(type, id) ON e.type = g.type AND e.id = g.id
              WHERE e.deleted OR e.data IS NULL OR e.audience <> 'all'`,
            [gone.map((row) => row.type), gone.map((row) => row.id)],
          )
        ).rows;
  const had = new Set(heldFiles.rows.map((row) => row.sha256));
  return { included, tombstones, files: files.filter((file) => !had.has(file.sha256)), baseSeq: base.cursor_seq };
}

function upsertText(row: Row): string {
  return `{"seq":${row.seq},"type":${JSON.stringify(row.type)},"id":"${row.id}","version":${row.version},"op":"upsert","data":${row.data ?? 'null'}}`;
}

function deleteText(row: Row): string {
  return `{"seq":${row.seq},"type":${JSON.stringify(row.type)},"id":"${row.id}","version":${row.version},"op":"delete"}`;
}

/** Rows files of at most PACK_ROWS_FILE_BYTES, in order. */
function chunk(changes: readonly string[]): { text: string; count: number }[] {
  const out: { text: string; count: number }[] = [];
  let parts: string[] = [];
  let bytes = 0;
  const flush = (): void => {
    out.push({ text: `{"changes":[${parts.join(',')}]}`, count: parts.length });
    parts = [];
    bytes = 0;
  };
  for (const change of changes) {
    const size = Buffer.byteLength(change) + 1;
    if (parts.length > 0 && bytes + size > PACK_ROWS_FILE_BYTES - 32) flush();
    parts.push(change);
    bytes += size;
  }
  if (parts.length > 0 || out.length === 0) flush();
  return out;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
