import type { FastifyInstance } from 'fastify';
import { hasCapability } from '../../src/shared/wire';
import { CutPackRequestSchema, type CutPackResponse, type ServerKey } from '../../src/shared/venue/pack';
import { DeviceRegistrationSchema, RelayRequestSchema, type RelayResponse } from '../../src/shared/venue/relay';
import { authenticate } from '../auth/sessions';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseOrThrow } from '../http/validate';
import { cutPack } from './cut-pack';
import { relayWrites } from './relay';
import type { ServerSigningKey } from './signing-key';

/** The venue kit's endpoints: the server's public key, edition packs, device keys and the relay. */
export function venueRoutes(app: FastifyInstance, ctx: ServerContext, key: ServerSigningKey): void {
  app.get('/api/venue/key', (_request, reply): void => {
    const answer: ServerKey = { keyId: key.keyId, publicKey: key.publicKey };
    void reply.send(answer);
  });

  /** The signed statements from the server's earlier keys to its current one (clients follow them to re-pin). */
  app.get('/api/venue/key-rotations', (_request, reply): void => {
    void reply.send({ rotations: key.rotations });
  });

  app.post('/api/venue/packs', async (request): Promise<CutPackResponse> => {
    const user = await authenticate(ctx, request.headers.authorization);
    if (!hasCapability(user.roles, 'library.write')) {
      throw new HttpError('forbidden', 'Only facilitators and admins cut edition packs.');
    }
    const body = parseOrThrow(CutPackRequestSchema, request.body, 'pack request');
    return cutPack(ctx, key, {
      collectionId: body.collectionId,
      languages: body.languages,
      tags: body.tags,
      categoryIds: body.categoryIds,
      basePackId: body.basePackId,
      userId: user.id,
      server: `${request.protocol}://${request.host}`,
    });
  });

  /** A device of the signed-in user: its key signs the writes it hands to a venue relay. */
  app.post('/api/devices', async (request, reply) => {
    const user = await authenticate(ctx, request.headers.authorization);
    const body = parseOrThrow(DeviceRegistrationSchema, request.body, 'device');
    const inserted = await ctx.db.query(
      `INSERT INTO venue_devices (id, user_id, public_key) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [body.deviceId, user.id, body.publicKey],
    );
    if (inserted.rowCount === 0) {
      const existing = await ctx.db.query<{ user_id: string; public_key: string }>(
        'SELECT user_id, public_key FROM venue_devices WHERE id = $1',
        [body.deviceId],
      );
      const row = existing.rows[0];
      if (row?.user_id !== user.id || row.public_key !== body.publicKey) {
        throw new HttpError('conflict', 'This device id is registered with another key.');
      }
    }
    void reply.code(inserted.rowCount === 0 ? 200 : 201);
    return { deviceId: body.deviceId };
  });

  /** Writes carried by a venue host for their authors; any signed-in relayer may hand them over. */
  app.post('/api/venue/relay', async (request): Promise<RelayResponse> => {
    await authenticate(ctx, request.headers.authorization);
    const body = parseOrThrow(RelayRequestSchema, request.body, 'relay');
    return { outcomes: await relayWrites(ctx, key, body.envelopes) };
  });
}
