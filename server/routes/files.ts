import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  CONTENT_SHA256_HEADER,
  hasCapability,
  MediaTypeSchema,
  Sha256Schema,
  type UploadResponse,
} from '../../src/shared/wire';
import { authenticate } from '../auth/sessions';
import type { ServerContext } from '../context';
import { fetchableFile, servingHeaders, storedType } from '../files/access';
import { parseRange } from '../files/range';
import { HttpError } from '../http/errors';
import { parseOrThrow } from '../http/validate';

const ParamsSchema = z.strictObject({ sha256: Sha256Schema });
const IMMUTABLE = 'private, max-age=31536000, immutable';

export function fileRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/files/:sha256', async (request, reply) => {
    const user = await authenticate(ctx, request.headers.authorization);
    const { sha256 } = parseOrThrow(ParamsSchema, request.params, 'file id');
    // Someone else's unpublished upload is answered like a missing file: its existence is not news.
    const file = await fetchableFile(ctx.db, user.id, sha256);
    const size = await ctx.blobs.size(sha256);
    if (file === undefined || size === undefined) throw new HttpError('not-found', 'No such file.');
    const etag = `"${sha256}"`;
    void reply.header('etag', etag).header('cache-control', IMMUTABLE).header('accept-ranges', 'bytes');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      return reply.code(304).send();
    }
    const ifRange = request.headers['if-range'];
    const range =
      ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, size) : { kind: 'whole' as const };
    void reply.headers(servingHeaders(file.mime, sha256));
    if (range.kind === 'unsatisfiable') {
      throw new HttpError('range-not-satisfiable', 'The range is outside the file.', {
        'content-range': `bytes */${size}`,
      });
    }
    if (range.kind === 'partial') {
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', String(range.end - range.start + 1))
        .send(ctx.blobs.read(sha256, range));
    }
    return reply.header('content-length', String(size)).send(ctx.blobs.read(sha256));
  });

  /** What the user's uploads add up to, each file once, leaving out `except` (a file they send again). */
  const usedBytes = async (userId: string, except: string): Promise<number> => {
    const used = await ctx.db.query<{ bytes: number }>(
      `SELECT coalesce(sum(f.size), 0)::bigint AS bytes FROM file_uploads u JOIN files f ON f.sha256 = u.sha256
        WHERE u.user_id = $1 AND u.sha256 <> $2`,
      [userId, except],
    );
    return used.rows[0]?.bytes ?? 0;
  };

  // Uploads stream straight to the store: no body parser buffers them.
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, next) => next(null, payload));
    scope.post('/api/files', async (request, reply): Promise<UploadResponse> => {
      const user = await authenticate(ctx, request.headers.authorization);
      if (!hasCapability(user.roles, 'library.write'))
        throw new HttpError('forbidden', 'Only facilitators upload files.');
      const expected = parseOrThrow(Sha256Schema, request.headers[CONTENT_SHA256_HEADER], CONTENT_SHA256_HEADER);
      const declaredType = parseOrThrow(
        MediaTypeSchema,
        (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]?.trim().toLowerCase(),
        'content-type',
      );
      // Anything not allow-listed (HTML, SVG, scripts...) is kept as opaque bytes and always downloaded.
      const mime = storedType(declaredType);
      const declared = Number(request.headers['content-length'] ?? NaN);
      // The rest of the body is never read: the connection closes after the answer, or a client
      // that reuses it would send its next request into a socket nobody reads.
      const close = { connection: 'close' };
      const tooLarge = (): HttpError =>
        new HttpError('payload-too-large', `Files are limited to ${ctx.limits.uploadBytes} bytes.`, close);
      const overQuota = (): HttpError =>
        new HttpError(
          'quota-exceeded',
          `Your uploads would exceed your quota of ${ctx.limits.uploadQuotaBytes} bytes; remove unused files or ask an admin.`,
          close,
        );
      if (Number.isFinite(declared) && declared > ctx.limits.uploadBytes) throw tooLarge();
      if (Number.isFinite(declared) && (await usedBytes(user.id, expected)) + declared > ctx.limits.uploadQuotaBytes) {
        throw overQuota();
      }
      const stored = await ctx.blobs.put(request.body as Readable, expected, ctx.limits.uploadBytes);
      if (!stored.ok) {
        if (stored.reason === 'too-large') throw tooLarge();
        throw new HttpError('hash-mismatch', `The body's sha256 is ${stored.actual ?? 'different'}, not ${expected}.`);
      }
      const now = ctx.now();
      const outcome = await ctx.db.transaction(async (db) => {
        // One upload at a time per account, so two at once cannot both fit in the last of the quota.
        await db.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [user.id]);
        const mine = await db.query('SELECT 1 FROM file_uploads WHERE user_id = $1 AND sha256 = $2', [
          user.id,
          expected,
        ]);
        if (mine.rowCount === 0 && (await usedBytes(user.id, expected)) + stored.size > ctx.limits.uploadQuotaBytes) {
          return { kind: 'over-quota' as const };
        }
        const inserted = await db.query<{ created: boolean; mime: string }>(
          `INSERT INTO files (sha256, size, mime, uploaded_by, touched_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (sha256) DO UPDATE SET touched_at = excluded.touched_at
           RETURNING (xmax = 0) AS created, mime`,
          [expected, stored.size, mime, user.id, now],
        );
        await db.query(
          `INSERT INTO file_uploads (sha256, user_id, uploaded_at) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, sha256) DO UPDATE SET uploaded_at = excluded.uploaded_at`,
          [expected, user.id, now],
        );
        const row = inserted.rows[0];
        return { kind: 'stored' as const, created: row?.created ?? true, mime: row?.mime ?? mime };
      });
      if (outcome.kind === 'over-quota') {
        // Bytes this upload brought that no row claims are left for the collector (another upload may be using them).
        throw overQuota();
      }
      // The collector may have removed these bytes between our write and our row: send them again.
      if ((await ctx.blobs.size(expected)) === undefined) {
        throw new HttpError('unavailable', 'The file was being cleaned up; send it again.', { 'retry-after': '1' });
      }
      void reply.code(outcome.created ? 201 : 200);
      return { sha256: expected, size: stored.size, mime: outcome.mime, created: outcome.created };
    });
    done();
  });
}
