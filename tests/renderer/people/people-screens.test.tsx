import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '../../../src/renderer/src/app/api-context';
import { PeopleScreen } from '../../../src/renderer/src/features/people/PeopleScreen';
import { ProfileScreen } from '../../../src/renderer/src/features/profile/ProfileScreen';
import type { Api } from '../../../src/shared/contract';
import { fail, ok, type Result } from '../../../src/shared/result';
import type { Account, AccountUpdateRequest, Invitation } from '../../../src/shared/wire/people';
import { createHarness, ME, SETTINGS, type Harness } from '../forum/harness';

/**
 * The People and Profile screens over the real main services and a fake
 * IndexedDB; only the server's answers to the account calls are stood in for
 * (what a server would say, including its refusals).
 */
let harness: Harness;
afterEach(async () => {
  await harness.cleanup();
});

const AMINA: Account = {
  id: '6f1d1e2a-8c3b-4d5e-9f00-0000000000f1',
  email: 'amina@example.org',
  displayName: 'أمينة حداد',
  roles: ['participant'],
  state: 'active',
  createdAt: '2026-03-01T09:00:00.000Z',
};
const SELF: Account = { ...AMINA, id: ME, email: 'me@example.org', displayName: 'Sam Taylor', roles: ['admin'] };

/** A screen whose account calls get the stand-in server's answers. */
async function showWith(api: Api, node: React.ReactNode): Promise<void> {
  await harness.show(<ApiContext.Provider value={api}>{node}</ApiContext.Provider>);
}

function withAccounts(api: Api, accounts: Account[]): { api: Api; updates: AccountUpdateRequest[]; invites: number } {
  const record = { updates: [] as AccountUpdateRequest[], invites: 0 };
  const people: Api['people'] = {
    search: ({ query }) =>
      Promise.resolve(
        ok({
          accounts: accounts.filter((account) => `${account.displayName} ${account.email}`.includes(query)),
          more: false,
        }),
      ),
    invite: (request): Promise<Result<Invitation>> => {
      record.invites += 1;
      if (request.displayName === 'Sam Taylor') return Promise.resolve(fail('conflict', 'name taken'));
      const account: Account = {
        id: '6f1d1e2a-8c3b-4d5e-9f00-0000000000f2',
        email: request.email,
        displayName: request.displayName,
        roles: request.roles,
        state: 'invited',
        invitationExpiresAt: '2026-03-09T09:00:00.000Z',
        createdAt: '2026-03-02T09:00:00.000Z',
      };
      accounts.unshift(account);
      return Promise.resolve(ok({ account, code: 'ABCDEFGHJKMNPQRSTVWX', expiresAt: '2026-03-09T09:00:00.000Z' }));
    },
    reinvite: () => Promise.resolve(fail('offline', 'no network')),
    update: ({ userId, change }) => {
      record.updates.push(change);
      const account = accounts.find((row) => row.id === userId);
      if (account === undefined) return Promise.resolve(fail('not-found', 'gone'));
      const next: Account = {
        ...account,
        ...(change.roles !== undefined ? { roles: change.roles } : {}),
        ...(change.disabled !== undefined ? { state: change.disabled ? 'disabled' : 'active' } : {}),
      };
      return Promise.resolve(ok(next));
    },
  };
  return { api: { ...api, people }, updates: record.updates, invites: record.invites };
}

describe('the People screen', () => {
  it('invites someone and shows the code once, then forgets it', async () => {
    harness = await createHarness(['admin']);
    const fake = withAccounts(harness.api, [AMINA, SELF]);
    await showWith(fake.api, <PeopleScreen />);
    await screen.findByText('أمينة حداد');

    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'joao@example.org' } });
    fireEvent.change(screen.getByLabelText('Display name'), { target: { value: 'João Silva' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'facilitator' } });
    act(() => screen.getByRole('button', { name: 'Create invitation' }).click());

    const panel = await screen.findByRole('region', { name: 'Invitation created' });
    expect(within(panel).getByText('ABCD-EFGH-JKMN-PQRS-TVWX').tagName).toBe('BDI');
    expect(within(panel).getByText('collective-brain://invitation/ABCDEFGHJKMNPQRSTVWX')).toBeTruthy();
    // The new account is listed as invited.
    const list = await screen.findByRole('list', { name: 'Accounts' });
    await within(list).findByText('João Silva');
    expect(within(list).getAllByText('Invited')).toHaveLength(1);

    act(() => within(panel).getByRole('button', { name: 'Done' }).click());
    expect(screen.queryByText('ABCD-EFGH-JKMN-PQRS-TVWX')).toBeNull();
    expect(screen.getByRole('button', { name: 'Create invitation' })).toBeTruthy();
  });

  it('says why an invitation is refused, in the form', async () => {
    harness = await createHarness(['admin']);
    await showWith(withAccounts(harness.api, [SELF]).api, <PeopleScreen />);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'sam2@example.org' } });
    fireEvent.change(screen.getByLabelText('Display name'), { target: { value: 'Sam Taylor' } });
    act(() => screen.getByRole('button', { name: 'Create invitation' }).click());
    expect((await screen.findByRole('alert')).textContent).toContain('already uses this email or this display name');
  });

  it('changes a role and disables an account, saying so on its row; never offers to disable oneself', async () => {
    harness = await createHarness(['admin']);
    const fake = withAccounts(harness.api, [AMINA, SELF]);
    await showWith(fake.api, <PeopleScreen />);
    const row = (await screen.findByText('أمينة حداد')).closest('li');
    if (row === null) throw new Error('no row');
    fireEvent.change(within(row).getByLabelText('Role of أمينة حداد'), { target: { value: 'moderator' } });
    await within(row).findByText('Role changed.');
    act(() => within(row).getByRole('button', { name: 'Disable' }).click());
    await within(row).findByText('Account disabled: it is signed out everywhere.');
    expect(within(row).getByText('Disabled')).toBeTruthy();
    expect(fake.updates).toEqual([{ roles: ['moderator'] }, { disabled: true }]);
    act(() => within(row).getByRole('button', { name: 'Enable' }).click());
    await within(row).findByText('Account enabled again.');

    const mine = screen.getByText('Sam Taylor').closest('li');
    if (mine === null) throw new Error('no row');
    expect(within(mine).getByRole('button', { name: 'Disable' })).toHaveProperty('disabled', true);
  });

  it('signs an account out everywhere, through main, and says how many sessions ended', async () => {
    harness = await createHarness(['admin']);
    const asked: string[] = [];
    const fake = withAccounts(harness.api, [AMINA, SELF]);
    const api: Api = {
      ...fake.api,
      session: {
        ...fake.api.session,
        revokeAccountSessions: ({ userId }) => {
          asked.push(userId);
          return Promise.resolve(ok({ revoked: 3 }));
        },
      },
    };
    await showWith(api, <PeopleScreen />);
    const row = (await screen.findByText('أمينة حداد')).closest('li');
    if (row === null) throw new Error('no row');
    act(() => within(row).getByRole('button', { name: 'Sign out everywhere' }).click());
    await within(row).findByText('Signed out everywhere: 3 sessions ended.');
    expect(asked).toEqual([AMINA.id]);
  });

  it('searches, and shows an empty state and an error state that can be retried', async () => {
    harness = await createHarness(['admin']);
    await showWith(withAccounts(harness.api, [AMINA, SELF]).api, <PeopleScreen />);
    await screen.findByText('2 accounts');
    fireEvent.change(screen.getByLabelText('Search accounts'), { target: { value: 'nobody' } });
    await screen.findByText('No account matches “nobody”.');
    fireEvent.change(screen.getByLabelText('Search accounts'), { target: { value: 'amina@' } });
    await screen.findByText('1 account');
  });

  it('asks the server once typing pauses, not once per keystroke', async () => {
    harness = await createHarness(['admin']);
    const stand = withAccounts(harness.api, [AMINA, SELF]);
    const asked: string[] = [];
    const search = stand.api.people.search;
    const api: Api = {
      ...stand.api,
      people: {
        ...stand.api.people,
        search: (request) => {
          asked.push(request.query);
          return search(request);
        },
      },
    };
    await showWith(api, <PeopleScreen />);
    await screen.findByText('2 accounts');
    // Typed as a person types, one character after another, with no pause between them.
    const box = screen.getByLabelText('Search accounts');
    for (const typed of ['a', 'am', 'ami', 'amin', 'amina', 'amina@']) {
      fireEvent.change(box, { target: { value: typed } });
    }
    await screen.findByText('1 account');
    expect(asked).toEqual(['', 'amina@']);
  });

  it('says People needs the connection when the server cannot be reached, and tries again', async () => {
    harness = await createHarness(['admin']);
    const stand = withAccounts(harness.api, [AMINA, SELF]);
    let online = false;
    const search = stand.api.people.search;
    const api: Api = {
      ...stand.api,
      people: {
        ...stand.api.people,
        search: (request) =>
          online ? search(request) : Promise.resolve(fail('offline', 'fetch failed: ECONNREFUSED 127.0.0.1:8787')),
      },
    };
    await showWith(api, <PeopleScreen />);
    const state = await screen.findByText('People needs a connection to the server');
    // Said in the user's words: no error text, no form that cannot work.
    expect(document.body.textContent).not.toContain('ECONNREFUSED');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByLabelText('Search accounts')).toBeNull();
    expect(state).toBeDefined();
    online = true;
    act(() => screen.getByRole('button', { name: 'Try again' }).click());
    await screen.findByText('2 accounts');
    expect(screen.queryByText('People needs a connection to the server')).toBeNull();
  });

  it('is refused to people who do not manage accounts, without asking the server', async () => {
    harness = await createHarness(['moderator']);
    await showWith(withAccounts(harness.api, [AMINA]).api, <PeopleScreen />);
    expect((await screen.findByRole('alert')).textContent).toBe('Only admins can see and manage accounts.');
  });
});

describe('the Profile screen', () => {
  it('renames through the outbox, and shows the server’s refusal of a taken name where it was made', async () => {
    harness = await createHarness(['participant']);
    await harness.db.syncMeta.put({ key: 'userId', value: ME });
    await harness.db.users.put({
      id: ME,
      displayName: 'Sam Taylor',
      roles: ['participant'],
      editions: [],
      contentLanguages: ['en'],
      version: 2,
    });
    await harness.show(<ProfileScreen settings={SETTINGS} />);
    const name = await screen.findByLabelText('The name others see');
    fireEvent.change(name, { target: { value: '  Sam\u200B  Taylor-Okafor\u202E ' } });
    act(() => screen.getByRole('button', { name: 'Save name' }).click());
    await screen.findByText('Saved on this computer; it will be sent when you are online.');
    const [write] = await harness.db.outbox.toArray();
    expect(write).toMatchObject({ name: 'profile.update', args: { displayName: 'Sam Taylor-Okafor' } });

    // The server refused it: the outbox item becomes a refused write, kept with its reason.
    await harness.db.transaction('rw', harness.db.outbox, harness.db.drafts, async () => {
      await harness.db.outbox.clear();
      await harness.db.drafts.put({
        key: `profile.update:${ME}:${write?.id ?? ''}`,
        kind: 'write',
        targetId: ME,
        fields: { mutation: 'profile.update', args: JSON.stringify({ displayName: 'Sam Taylor-Okafor' }) },
        updatedAt: '2026-03-02T09:00:00.000Z',
        rejection: { code: 'already-exists', message: 'taken', mutationName: 'profile.update' },
      });
    });
    await screen.findByText(/another account already uses it/u);
    act(() => screen.getByRole('button', { name: 'Dismiss' }).click());
    await waitFor(() => expect(screen.queryByText(/another account already uses it/u)).toBeNull());
  });

  it('changes the password directly (never through the outbox), checking the two new ones match', async () => {
    harness = await createHarness(['participant']);
    const calls: unknown[] = [];
    const api: Api = {
      ...harness.api,
      account: {
        ...harness.api.account,
        changePassword: (input) => {
          calls.push(input);
          return Promise.resolve(
            input.currentPassword === 'old password' ? ok({ signedOut: 2 }) : fail('wrong-credentials', 'no'),
          );
        },
      },
    };
    await showWith(api, <ProfileScreen settings={SETTINGS} />);
    const fill = (current: string, next: string, again: string): void => {
      fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
      fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
      fireEvent.change(screen.getByLabelText('New password again'), { target: { value: again } });
      act(() => screen.getByRole('button', { name: 'Change password' }).click());
    };
    await screen.findByLabelText('Current password');
    fill('old password', 'new password 1', 'new password 2');
    await screen.findByText('The two new passwords are not the same.');
    expect(calls).toEqual([]);
    fill('wrong one', 'new password 1', 'new password 1');
    await screen.findByText('The current password is not right.');
    fill('old password', 'new password 1', 'new password 1');
    await screen.findByText('Password changed. 2 other sessions were signed out.');
    expect(await harness.db.outbox.count()).toBe(0);
  });
});
