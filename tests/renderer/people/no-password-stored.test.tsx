import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '../../../src/renderer/src/app/api-context';
import { CONTENT_TABLES } from '../../../src/renderer/src/data/db';
import { enqueueWrites, InvalidWriteError } from '../../../src/renderer/src/data/outbox';
import { PeopleScreen } from '../../../src/renderer/src/features/people/PeopleScreen';
import { ProfileScreen } from '../../../src/renderer/src/features/profile/ProfileScreen';
import { SignInScreen } from '../../../src/renderer/src/features/signin/SignInScreen';
import type { Api } from '../../../src/shared/contract';
import { ok } from '../../../src/shared/result';
import { createHarness, ME, SETTINGS, type Harness } from '../forum/harness';

/**
 * Issue 18: no password (and no invitation code) ever reaches the outbox or
 * IndexedDB. Every screen where one is typed or shown is used here, with the
 * app's data layer live underneath; then every table of the database is read
 * back and searched for them.
 */
const SECRETS = {
  signIn: 'sign-in-secret-4711',
  chosen: 'invitee-chose-this-0815',
  current: 'current-secret-1234',
  next: 'next-secret-5678',
  code: 'QRSTVWXYZ0123456789A',
};

let harness: Harness;
afterEach(async () => {
  await harness.cleanup();
});

async function everythingStored(): Promise<string> {
  const { db } = harness;
  const names = db.tables.map((table) => table.name);
  // Every table, whatever later versions add: the cache, the outbox, the drafts, sync state, the search index.
  expect(names).toEqual(expect.arrayContaining([...CONTENT_TABLES, 'outbox', 'drafts', 'syncMeta']));
  const dumps: unknown[] = [];
  for (const name of names) dumps.push(await db.table(name).toArray());
  return JSON.stringify(dumps);
}

describe('no password in the outbox or IndexedDB', () => {
  it('not from signing in, joining with an invitation, changing a password or inviting someone', async () => {
    harness = await createHarness(['admin']);
    await harness.db.syncMeta.put({ key: 'userId', value: ME });
    const seen: unknown[] = [];
    const api: Api = {
      ...harness.api,
      session: {
        ...harness.api.session,
        login: (input) => (seen.push(input), Promise.resolve(harness.api.session.status())),
      },
      account: {
        redeemInvitation: (input) => (seen.push(input), harness.api.session.status()),
        changePassword: (input) => (seen.push(input), Promise.resolve(ok({ signedOut: 1 }))),
      },
      people: {
        ...harness.api.people,
        search: () => Promise.resolve(ok({ accounts: [], more: false })),
        invite: (request) =>
          Promise.resolve(
            ok({
              account: {
                id: '6f1d1e2a-8c3b-4d5e-9f00-0000000000f3',
                email: request.email,
                displayName: request.displayName,
                roles: request.roles,
                state: 'invited' as const,
                createdAt: '2026-03-02T09:00:00.000Z',
              },
              code: SECRETS.code,
              expiresAt: '2026-03-09T09:00:00.000Z',
            }),
          ),
      },
    };
    const info = {
      name: 'Collective Brain',
      version: '0.0.0-test',
      platform: 'linux',
      hostKind: 'browser' as const,
      systemLanguages: ['en'],
    };
    const view = await harness.show(
      <ApiContext.Provider value={api}>
        <SignInScreen info={info} settings={SETTINGS} />
        <ProfileScreen settings={SETTINGS} />
        <PeopleScreen />
      </ApiContext.Provider>,
    );

    // Sign in with a password.
    fireEvent.change(screen.getAllByLabelText('Email')[0] as Element, { target: { value: 'me@example.org' } });
    fireEvent.change(screen.getByLabelText('Password', { selector: 'input' }), { target: { value: SECRETS.signIn } });
    act(() => screen.getByRole('button', { name: 'Sign in' }).click());
    // Join with an invitation.
    act(() => screen.getByRole('button', { name: 'I have an invitation' }).click());
    const form = (await screen.findByRole('heading', { name: 'Join with an invitation' })).closest('form');
    if (form === null) throw new Error('no form');
    fireEvent.change(form.querySelector('input[type=email]') as Element, { target: { value: 'me@example.org' } });
    fireEvent.change(screen.getByLabelText('Invitation code'), { target: { value: SECRETS.code } });
    fireEvent.change(screen.getByLabelText('Choose a password'), { target: { value: SECRETS.chosen } });
    fireEvent.change(screen.getByLabelText('The same password again'), { target: { value: SECRETS.chosen } });
    act(() => screen.getByRole('button', { name: 'Join and sign in' }).click());
    // Change the password on the Profile.
    fireEvent.change(await screen.findByLabelText('Current password'), { target: { value: SECRETS.current } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: SECRETS.next } });
    fireEvent.change(screen.getByLabelText('New password again'), { target: { value: SECRETS.next } });
    act(() => screen.getByRole('button', { name: 'Change password' }).click());
    await screen.findByText('Password changed. 1 other session was signed out.');
    // Invite someone: the code is shown, once.
    fireEvent.change(screen.getAllByLabelText('Email').at(-1) as Element, { target: { value: 'new@example.org' } });
    fireEvent.change(screen.getAllByLabelText('Display name').at(-1) as Element, { target: { value: 'Newcomer' } });
    act(() => screen.getByRole('button', { name: 'Create invitation' }).click());
    await screen.findByText('QRST-VWXY-Z012-3456-789A');
    // And a name change, which is an outbox write: the database is not empty of writes.
    fireEvent.change(screen.getByLabelText('The name others see'), { target: { value: 'Sam T.' } });
    act(() => screen.getByRole('button', { name: 'Save name' }).click());
    await screen.findByText('Saved on this computer; it will be sent when you are online.');

    // Every call got what was typed, straight from the screen…
    expect(JSON.stringify(seen)).toContain(SECRETS.signIn);
    expect(JSON.stringify(seen)).toContain(SECRETS.chosen);
    expect(JSON.stringify(seen)).toContain(SECRETS.next);
    // …and nothing stored holds any of it.
    const stored = await everythingStored();
    expect(stored).toContain('Sam T.');
    for (const secret of Object.values(SECRETS)) expect(stored).not.toContain(secret);
    expect(stored.toLowerCase()).not.toContain('password');
    view.unmount();
  });

  it('not even by mistake: no write accepts a password', async () => {
    harness = await createHarness(['admin']);
    await expect(
      enqueueWrites(harness.db, [
        // @ts-expect-error: no mutation takes a password; the schemas are strict and refuse it at runtime too.
        { name: 'profile.update', args: { displayName: 'X', password: SECRETS.next } },
      ]),
    ).rejects.toBeInstanceOf(InvalidWriteError);
    await expect(
      // @ts-expect-error: `user.create` is gone: accounts come from invitations.
      enqueueWrites(harness.db, [{ name: 'user.create', args: { id: ME, password: SECRETS.next } }]),
    ).rejects.toBeInstanceOf(InvalidWriteError);
    expect(await everythingStored()).not.toContain(SECRETS.next);
  });
});
