import type { Queryable } from '../db/database';

/**
 * Who may fetch or reference an uploaded file, and how a file is served.
 *
 * An upload is private to whoever sent its bytes until something published
 * (a post's attachment, a document's variant) references it: only they may
 * fetch it or reference it. The first reference publishes it, and from then
 * on every signed-in reader may fetch it. So nobody can publish someone
 * else's unpublished upload by guessing or learning its hash.
 */

/** Types kept as uploaded; anything else is stored and served as opaque bytes. */
const ALLOWED_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'application/epub+zip',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/rtf',
  'application/octet-stream',
  'text/plain',
  'text/csv',
  'text/markdown',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'video/mp4',
  'video/webm',
]);

/** Types a browser may show in place (with nosniff and a sandbox CSP); the rest download. */
const INLINE_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'text/plain',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'video/mp4',
  'video/webm',
]);

export const OPAQUE_TYPE = 'application/octet-stream';

/** The type a file is stored and served with: as declared if allow-listed (HTML, SVG, scripts never are). */
export function storedType(declared: string): string {
  return ALLOWED_TYPES.has(declared) ? declared : OPAQUE_TYPE;
}

/** Headers that keep a served upload from running as a page of the server's origin. */
export function servingHeaders(mime: string, sha256: string): Record<string, string> {
  const type = storedType(mime);
  const inline = INLINE_TYPES.has(type);
  return {
    'content-type': type === 'text/plain' ? 'text/plain; charset=utf-8' : type,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${sha256}"`,
  };
}

export interface ReferencedFile {
  readonly sha256: string;
  readonly size: number;
  readonly mime: string;
}

/**
 * The files a write references, if this user may reference them all:
 * published ones, or their own unpublished uploads. Returns undefined when
 * one is missing or not theirs (the write is refused as `file-missing`,
 * without telling whether someone else uploaded it).
 */
export async function referenceableFiles(
  db: Queryable,
  userId: string,
  shas: readonly string[],
): Promise<ReferencedFile[] | undefined> {
  const unique = [...new Set(shas)];
  if (unique.length === 0) return [];
  const found = await db.query<ReferencedFile>(
    `SELECT f.sha256, f.size, f.mime FROM files f
      WHERE f.sha256 = ANY($1::text[])
        AND (f.published_at IS NOT NULL
             OR EXISTS (SELECT 1 FROM file_uploads u WHERE u.sha256 = f.sha256 AND u.user_id = $2))
      FOR SHARE OF f`,
    [unique, userId],
  );
  return found.rowCount === unique.length ? found.rows : undefined;
}

/** Something published now references these files: every reader may fetch them. */
export async function publishFiles(db: Queryable, shas: readonly string[], now: Date): Promise<void> {
  if (shas.length === 0) return;
  await db.query('UPDATE files SET published_at = $2 WHERE sha256 = ANY($1::text[]) AND published_at IS NULL', [
    [...new Set(shas)],
    now,
  ]);
}

/** Whether this user may fetch the file, and how to serve it; undefined when they may not (or it is not there). */
export async function fetchableFile(
  db: Queryable,
  userId: string,
  sha256: string,
): Promise<{ mime: string } | undefined> {
  const found = await db.query<{ mime: string }>(
    `SELECT f.mime FROM files f
      WHERE f.sha256 = $1
        AND (f.published_at IS NOT NULL
             OR EXISTS (SELECT 1 FROM file_uploads u WHERE u.sha256 = f.sha256 AND u.user_id = $2))`,
    [sha256, userId],
  );
  return found.rows[0];
}

/** What the references of published content point to: post attachments and document variants. */
export const REFERENCED_FILES_SQL = `
  SELECT jsonb_array_elements_text(data->'attachments') AS sha256 FROM entities
   WHERE type = 'post' AND NOT deleted AND jsonb_typeof(data->'attachments') = 'array'
  UNION
  SELECT v->>'sha256' FROM entities, jsonb_array_elements(data->'variants') v
   WHERE type = 'document' AND NOT deleted AND jsonb_typeof(data->'variants') = 'array'`;
