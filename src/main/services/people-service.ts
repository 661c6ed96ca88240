import type { Handlers } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { LoginResponseSchema } from '../../shared/wire/auth';
import {
  AccountSchema,
  InvitationSchema,
  PasswordChangeResponseSchema,
  PeopleSearchResponseSchema,
} from '../../shared/wire/people';
import { toAppError } from './remote/errors';
import { RemoteError, type RemoteClient } from './remote/remote-client';
import type { SessionService } from './session-service';

export interface PeopleServiceOptions {
  remote: RemoteClient;
  session: SessionService;
  /** Saves another server address before an invitation is redeemed there (as sign-in does). */
  useServer: (serverUrl: string) => Promise<void>;
  /** The session changed: the live stream should connect now. */
  signedIn: () => void;
}

/**
 * Accounts and passwords: direct calls from main to the server with the token
 * main alone holds. Nothing here is queued or cached, so a password or an
 * invitation code never reaches the outbox, IndexedDB or a log.
 */
export function createPeopleHandlers(options: PeopleServiceOptions): {
  people: Handlers<'people'>;
  account: Handlers<'account'>;
} {
  const { remote, session } = options;

  const people = {
    search: (input) =>
      session
        .withToken((token) =>
          remote.request({
            method: 'POST',
            path: '/api/people/search',
            body: input,
            token,
            schema: PeopleSearchResponseSchema,
          }),
        )
        .then(({ value }) => value, rethrow),
    invite: (input) =>
      session
        .withToken((token) =>
          remote.request({
            method: 'POST',
            path: '/api/people/invitations',
            body: input,
            token,
            schema: InvitationSchema,
          }),
        )
        .then(({ value }) => value, rethrow),
    reinvite: ({ userId }) =>
      session
        .withToken((token) =>
          remote.request({
            method: 'POST',
            path: `/api/people/${userId}/invitation`,
            body: {},
            token,
            schema: InvitationSchema,
          }),
        )
        .then(({ value }) => value, rethrow),
    update: ({ userId, change }) =>
      session
        .withToken((token) =>
          remote.request({ method: 'POST', path: `/api/people/${userId}`, body: change, token, schema: AccountSchema }),
        )
        .then(({ value }) => value, rethrow),
  } satisfies Handlers<'people'>;

  const account = {
    redeemInvitation: async ({ serverUrl, ...request }) => {
      if (serverUrl !== undefined) await options.useServer(serverUrl);
      let response;
      try {
        ({ value: response } = await remote.request({
          method: 'POST',
          path: '/api/auth/invitation',
          body: request,
          schema: LoginResponseSchema,
        }));
      } catch (error) {
        // One answer for a mistyped, used or expired code, or another email: the server tells no more.
        if (error instanceof RemoteError && error.failure === 'unauthorized') {
          throw new AppError('wrong-credentials', 'This invitation code does not work for this email.');
        }
        throw toAppError(error);
      }
      const status = await session.adopt(response);
      options.signedIn();
      return status;
    },
    changePassword: (input) =>
      session
        .withToken((token) =>
          remote.request({
            method: 'POST',
            path: '/api/auth/password',
            body: input,
            token,
            schema: PasswordChangeResponseSchema,
          }),
        )
        .then(
          ({ value }) => value,
          (error: unknown) => {
            if (error instanceof RemoteError && error.failure === 'forbidden') {
              throw new AppError('wrong-credentials', 'The current password is not right.');
            }
            throw toAppError(error);
          },
        ),
  } satisfies Handlers<'account'>;

  return { people, account };
}

function rethrow(error: unknown): never {
  throw toAppError(error);
}
