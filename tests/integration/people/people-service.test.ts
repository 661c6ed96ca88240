import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../src/shared/contract';
import { startInProcessApp } from '../../support/in-process';
import { startTestServer, type TestServer } from '../../support/server';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Main's people and account calls against the real server: input validated in
 * main, the session adopted after an invitation, errors named for the screens.
 */
let server: TestServer;
const cleanups: (() => Promise<void>)[] = [];

async function app(): Promise<Api> {
  const { dir, cleanup } = await makeTempDir('cb-people-');
  cleanups.push(cleanup);
  const { api, services } = await startInProcessApp(dir, ['en-US']);
  cleanups.push(() => services.close());
  return api;
}

beforeAll(async () => {
  server = await startTestServer({ seed: 'demo' });
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await server.close();
});

describe('the people service', () => {
  it('lets an admin invite someone who joins with the code and then changes their password', async () => {
    const admin = await app();
    const serverUrl = server.server.url;
    expect(
      (await admin.session.login({ email: 'admin@example.org', password: 'collective-brain', serverUrl })).ok,
    ).toBe(true);
    const invited = await admin.people.invite({
      email: 'nadia@example.org',
      displayName: 'Nadia Benali',
      roles: ['participant'],
    });
    if (!invited.ok) throw new Error(invited.error.message);
    expect(invited.value.account.state).toBe('invited');

    const newcomer = await app();
    const wrong = await newcomer.account.redeemInvitation({
      email: 'someone@example.org',
      code: invited.value.code,
      password: 'nadia chose this',
      serverUrl,
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-credentials' } });
    const joined = await newcomer.account.redeemInvitation({
      email: 'nadia@example.org',
      code: invited.value.code.toLowerCase(),
      password: 'nadia chose this',
      serverUrl,
    });
    expect(joined).toMatchObject({ ok: true, value: { state: 'signed-in', user: { displayName: 'Nadia Benali' } } });

    const laptop = await app();
    await laptop.session.login({ email: 'nadia@example.org', password: 'nadia chose this', serverUrl });
    const badCurrent = await newcomer.account.changePassword({
      currentPassword: 'not it at all',
      newPassword: 'a better one',
    });
    expect(badCurrent).toMatchObject({ ok: false, error: { code: 'wrong-credentials' } });
    const changed = await newcomer.account.changePassword({
      currentPassword: 'nadia chose this',
      newPassword: 'a better one',
    });
    expect(changed).toMatchObject({ ok: true, value: { signedOut: 1 } });
    // This computer stays signed in and can still reach the server.
    expect((await newcomer.session.status()).ok && (await newcomer.session.status())).toMatchObject({
      value: { state: 'signed-in' },
    });
    const found = await admin.people.search({ query: 'nadia' });
    expect(found.ok && found.value.accounts.map((account) => account.state)).toEqual(['active']);
  });

  it('validates input in main, before anything reaches the server', async () => {
    const api = await app();
    const shortPassword = await api.account.redeemInvitation({
      email: 'x@example.org',
      code: 'ABCD-EFGH-JKMN-PQRS-TVWX',
      password: 'short',
    });
    expect(shortPassword).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const badCode = await api.account.redeemInvitation({
      email: 'x@example.org',
      code: 'not a code',
      password: 'long enough',
    });
    expect(badCode).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const badRole = await api.people.invite({
      email: 'y@example.org',
      displayName: 'Y',
      roles: ['emperor' as 'admin'],
    });
    expect(badRole).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    // Signed out: the calls that need a session say so.
    expect(await api.people.search({ query: '' })).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    expect(await api.account.changePassword({ currentPassword: 'a', newPassword: 'long enough' })).toMatchObject({
      ok: false,
      error: { code: 'signed-out' },
    });
  });

  it('names a taken display name as a conflict', async () => {
    const admin = await app();
    await admin.session.login({
      email: 'admin@example.org',
      password: 'collective-brain',
      serverUrl: server.server.url,
    });
    const clash = await admin.people.invite({
      email: 'new@example.org',
      displayName: 'DEMO ADMIN',
      roles: ['participant'],
    });
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
