import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, RevokeSessionsResponse, WireError } from '../../src/shared/wire';
import { DEMO, manualClock, startTestCluster, type TestCluster, type TestServer } from './harness';

/**
 * Sessions end: an absolute lifetime, refresh-token rotation whose reuse
 * revokes the whole chain, "sign out everywhere", and an admin ending
 * another account's sessions.
 */
let cluster: TestCluster;
let server: TestServer;
const clock = manualClock();
const TTL = 600;
const MAX = 3600;

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({
    seed: 'demo',
    now: clock.now,
    limits: { tokenTtlSeconds: TTL, refreshGraceSeconds: 7200, sessionMaxSeconds: MAX, refreshRetrySeconds: 60 },
  });
});
afterAll(async () => {
  await cluster.stop();
});

const refresh = (token: string) =>
  server.api.request<LoginResponse & WireError>('POST', '/api/auth/refresh', { token });
const me = async (token: string) => (await server.api.request('GET', '/api/auth/me', { token })).status;

async function userId(email: string): Promise<string> {
  const rows = await server.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`no user ${email}`);
  return id;
}

describe('refresh rotation', () => {
  it('ends the whole chain when a replaced token is refreshed again', async () => {
    const first = await server.api.login(DEMO.participant);
    const second = (await refresh(first)).body.token;
    expect(await me(second)).toBe(200);
    // Someone else holds `first`: refreshing it now means two parties share the session.
    const reuse = await refresh(first);
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('unauthorized');
    expect(await me(second)).toBe(401);
    expect((await refresh(second)).status).toBe(401);
    // Other sessions of the same account are not touched.
    const other = await server.api.login(DEMO.participant);
    expect(await me(other)).toBe(200);
  });

  it('lets a refresh whose answer was lost be retried, once the successor was never used', async () => {
    const first = await server.api.login(DEMO.facilitator);
    const lost = (await refresh(first)).body.token;
    const retried = await refresh(first);
    expect(retried.status).toBe(200);
    expect(await me(retried.body.token)).toBe(200);
    // The answer that was lost cannot be used after all.
    expect(await me(lost)).toBe(401);
  });

  it('treats a late retry as reuse', async () => {
    const first = await server.api.login(DEMO.facilitator);
    const second = (await refresh(first)).body.token;
    clock.advance(61);
    expect((await refresh(first)).status).toBe(401);
    expect(await me(second)).toBe(401);
  });
});

describe('absolute lifetime', () => {
  it('caps every token at the session end, and refuses to refresh past it', async () => {
    const signedInAt = clock.now().getTime();
    let token = await server.api.login(DEMO.moderator);
    let expiresAt = 0;
    for (let step = 0; step < 10; step += 1) {
      clock.advance(TTL - 1);
      const next = await refresh(token);
      if (next.status !== 200) break;
      token = next.body.token;
      expiresAt = Date.parse(next.body.expiresAt);
      expect(expiresAt).toBeLessThanOrEqual(signedInAt + MAX * 1000);
    }
    expect(expiresAt).toBe(signedInAt + MAX * 1000);
    clock.advance(Math.max(0, expiresAt - clock.now().getTime()));
    const late = await refresh(token);
    expect(late.status).toBe(401);
    expect(late.body.message).toMatch(/time limit/u);
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the caller and no one else’s', async () => {
    const laptop = await server.api.login(DEMO.participant);
    const office = await server.api.login(DEMO.participant);
    const someoneElse = await server.api.login(DEMO.moderator);
    const answer = await server.api.request<RevokeSessionsResponse>('POST', '/api/auth/sessions/revoke', {
      token: laptop,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.revoked).toBeGreaterThanOrEqual(2);
    expect(await me(laptop)).toBe(401);
    expect(await me(office)).toBe(401);
    expect((await refresh(office)).status).toBe(401);
    expect(await me(someoneElse)).toBe(200);
  });

  it('lets an admin end another account’s sessions, and nobody else', async () => {
    const facilitatorId = await userId(DEMO.facilitator);
    const victim = await server.api.login(DEMO.facilitator);
    const participant = await server.api.login(DEMO.participant);
    const admin = await server.api.login(DEMO.admin);
    const path = `/api/users/${facilitatorId}/sessions/revoke`;
    const refused = await server.api.request<WireError>('POST', path, { token: participant });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect(await me(victim)).toBe(200);

    const done = await server.api.request<RevokeSessionsResponse>('POST', path, { token: admin });
    expect(done.status).toBe(200);
    expect(done.body.revoked).toBeGreaterThanOrEqual(1);
    expect(await me(victim)).toBe(401);
    expect(await me(admin)).toBe(200);

    const unknown = await server.api.request<WireError>(
      'POST',
      `/api/users/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/sessions/revoke`,
      {
        token: admin,
      },
    );
    expect(unknown.status).toBe(404);
    expect(
      (await server.api.request<WireError>('POST', '/api/users/nope/sessions/revoke', { token: admin })).status,
    ).toBe(400);
  });
});
