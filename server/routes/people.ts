import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AccountUpdateRequestSchema,
  hasCapability,
  IdSchema,
  InvitationRequestSchema,
  PasswordChangeRequestSchema,
  PeopleSearchRequestSchema,
  RedeemInvitationRequestSchema,
  type Account,
  type Invitation,
  type LoginResponse,
  type PasswordChangeResponse,
  type PeopleSearchResponse,
  type RejectionCode,
  type WireErrorCode,
} from '../../src/shared/wire';
import { inviteAccount, redeemInvitation, reinviteAccount } from '../auth/invitations';
import { changePassword } from '../auth/password-change';
import { authenticate, type AuthenticatedUser } from '../auth/sessions';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseOrThrow } from '../http/validate';
import { readAccount, searchAccounts } from '../people/accounts';
import { announceChanges, lockFeed } from '../sync/feed';
import { Rejection } from '../sync/mutation-kit';
import { userMutations } from '../sync/user-mutations';

const UserParamsSchema = z.strictObject({ id: IdSchema });

const REJECTION_TO_HTTP: Partial<Record<RejectionCode, WireErrorCode>> = {
  forbidden: 'forbidden',
  'not-found': 'not-found',
  'already-exists': 'conflict',
};

async function requireAdmin(ctx: ServerContext, authorization: string | undefined): Promise<AuthenticatedUser> {
  const user = await authenticate(ctx, authorization);
  if (!hasCapability(user.roles, 'users.manage')) throw new HttpError('forbidden', 'Only admins manage accounts.');
  return user;
}

/**
 * People: accounts, invitations and passwords. These are direct calls, never
 * synced writes, so no password or code passes through a client's outbox.
 * Changing roles or disabling goes through the same rules as the `user.update`
 * mutation (its handler runs here, under the feed lock, and its change is
 * announced like any other).
 */
export function peopleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/people/search', async (request): Promise<PeopleSearchResponse> => {
    await requireAdmin(ctx, request.headers.authorization);
    const { query } = parseOrThrow(PeopleSearchRequestSchema, request.body, 'search');
    return searchAccounts(ctx.db, query);
  });

  app.post('/api/people/invitations', async (request): Promise<Invitation> => {
    const admin = await requireAdmin(ctx, request.headers.authorization);
    return inviteAccount(ctx, admin, parseOrThrow(InvitationRequestSchema, request.body, 'invitation'));
  });

  app.post('/api/people/:id/invitation', async (request): Promise<Invitation> => {
    const admin = await requireAdmin(ctx, request.headers.authorization);
    const { id } = parseOrThrow(UserParamsSchema, request.params, 'account id');
    return reinviteAccount(ctx, admin, id);
  });

  app.post('/api/people/:id', async (request): Promise<Account> => {
    const admin = await requireAdmin(ctx, request.headers.authorization);
    const { id } = parseOrThrow(UserParamsSchema, request.params, 'account id');
    const change = parseOrThrow(AccountUpdateRequestSchema, request.body, 'account change');
    return ctx.db.transaction(async (db) => {
      await lockFeed(db);
      try {
        await userMutations['user.update']({ ctx, db, user: admin, now: ctx.now() }, { id, ...change }, undefined);
      } catch (error) {
        if (!(error instanceof Rejection)) throw error;
        throw new HttpError(REJECTION_TO_HTTP[error.code] ?? 'invalid', error.message);
      }
      await announceChanges(db);
      const account = await readAccount(db, id);
      if (account === undefined) throw new HttpError('not-found', 'No such account.');
      return account;
    });
  });

  app.post('/api/auth/invitation', async (request): Promise<LoginResponse> => {
    const body = parseOrThrow(RedeemInvitationRequestSchema, request.body, 'invitation');
    return redeemInvitation(ctx, body, request.ip);
  });

  app.post('/api/auth/password', async (request): Promise<PasswordChangeResponse> => {
    const user = await authenticate(ctx, request.headers.authorization);
    const body = parseOrThrow(PasswordChangeRequestSchema, request.body, 'password change');
    return changePassword(ctx, user, body, request.ip);
  });
}
