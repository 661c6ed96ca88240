import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CONTENT_SHA256_HEADER, hasCapability, Sha256Schema, type UploadResponse } from '../../src/shared/wire';
import { authenticate } from '../auth/sessions';
import type { ServerContext } from '../context';
import { parseRange } from '../files/range';
import { HttpError } from '../http/errors';
import { parseOrThrow } from '../http/validate';
import type { Readable } from 'node:stream';

const ParamsSchema = z.strictObject({ sha256: Sha256Schema });
const MimeSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/u, 'a media type');
const IMMUTABLE = 'private, max-age=31536000, immutable';

export function fileRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/files/:sha256', async (request, reply) => {
    await authenticate(ctx, request.headers.authorization);
    const { sha256 } = parseOrThrow(ParamsSchema, request.params, 'file id');
    const found = await ctx.db.query<{ mime: string }>('SELECT mime FROM files WHERE sha256 = $1', [sha256]);
    const size = await ctx.blobs.size(sha256);
    const row = found.rows[0];
    if (row === undefined || size === undefined) throw new HttpError('not-found', 'No such file.');
    const etag = `"${sha256}"`;
    void reply.header('etag', etag).header('cache-control', IMMUTABLE).header('accept-ranges', 'bytes');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      return reply.code(304).send();
    }
    const ifRange = request.headers['if-range'];
    const range =
      ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, size) : { kind: 'whole' as const };
    void reply.type(row.mime);
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

  // Uploads stream straight to the store: no body parser buffers them.
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, next) => next(null, payload));
    scope.post('/api/files', async (request, reply): Promise<UploadResponse> => {
      const user = await authenticate(ctx, request.headers.authorization);
      if (!hasCapability(user.roles, 'library.write'))
        throw new HttpError('forbidden', 'Only facilitators upload files.');
      const expected = parseOrThrow(Sha256Schema, request.headers[CONTENT_SHA256_HEADER], CONTENT_SHA256_HEADER);
      const mime = parseOrThrow(
        MimeSchema,
        (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]?.trim().toLowerCase(),
        'content-type',
      );
      const declared = Number(request.headers['content-length'] ?? NaN);
      // The rest of the body is never read: the connection closes after the answer, or a client
      // that reuses it would send its next request into a socket nobody reads.
      const tooLarge = (): HttpError =>
        new HttpError('payload-too-large', `Files are limited to ${ctx.limits.uploadBytes} bytes.`, {
          connection: 'close',
        });
      if (Number.isFinite(declared) && declared > ctx.limits.uploadBytes) throw tooLarge();
      const stored = await ctx.blobs.put(request.body as Readable, expected, ctx.limits.uploadBytes);
      if (!stored.ok) {
        if (stored.reason === 'too-large') throw tooLarge();
        throw new HttpError('hash-mismatch', `The body's sha256 is ${stored.actual ?? 'different'}, not ${expected}.`);
      }
      const inserted = await ctx.db.query(
        `INSERT INTO files (sha256, size, mime, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
        [expected, stored.size, mime, user.id],
      );
      const created = inserted.rowCount === 1;
      const meta = await ctx.db.query<{ mime: string }>('SELECT mime FROM files WHERE sha256 = $1', [expected]);
      void reply.code(created ? 201 : 200);
      return { sha256: expected, size: stored.size, mime: meta.rows[0]?.mime ?? mime, created };
    });
    done();
  });
}
