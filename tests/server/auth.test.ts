import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, WireError } from '../../src/shared/wire';
import { DEMO, manualClock, startTestCluster, type TestCluster, type TestServer } from './harness';

let cluster: TestCluster;
let server: TestServer;
const clock = manualClock();

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({
    seed: 'demo',
    now: clock.now,
    limits: {
      tokenTtlSeconds: 600,
      refreshGraceSeconds: 3600,
      bodyBytes: 4096,
    },
  });
});
afterAll(async () => {
  await cluster.stop();
});

describe('sign-in', () => {
  it('sign in with a demo account and see the session user', async () => {
    const login = await server.api.request<LoginResponse>('POST', '/api/auth/login', {
      body: { email: DEMO.moderator, password: 'collective-brain' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: DEMO.moderator, roles: ['moderator'] });
    expect(Date.parse(login.body.expiresAt) - clock.now().getTime()).toBe(600_000);
    const me = await server.api.request('GET', '/api/auth/me', { token: login.body.token });
    expect(me.body).toMatchObject({ email: DEMO.moderator });
  });

  it('refuse a wrong password or unknown email with the same answer', async () => {
    const wrong = await server.api.request<WireError>('POST', '/api/auth/login', {
      body: { email: DEMO.admin, password: 'nope' },
    });
    const unknown = await server.api.request<WireError>('POST', '/api/auth/login', {
      body: { email: 'nobody@example.org', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('unauthorized');
  });

  it('reject unknown fields and malformed bodies without a stack trace', async () => {
    const extra = await server.api.request<WireError>('POST', '/api/auth/login', {
      body: { email: DEMO.admin, password: 'x', remember: true },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('invalid');
    const broken = await server.api.request<WireError>('POST', '/api/auth/login', {
      raw: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ code: 'invalid', message: expect.any(String) as string });
    expect(broken.text).not.toMatch(/at .*\.ts|node_modules|stack/u);
  });

  it('limit body sizes', async () => {
    const huge = await server.api.request<WireError>('POST', '/api/auth/login', {
      body: { email: DEMO.admin, password: 'x'.repeat(8000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload-too-large');
  });
});

describe('session tokens', () => {
  it('expire, refresh within the grace period, and revoke the old token', async () => {
    const token = await server.api.login(DEMO.participant);
    expect((await server.api.request('GET', '/api/sync/pull', { token })).status).toBe(200);
    clock.advance(601);
    const expired = await server.api.request<WireError>('GET', '/api/sync/pull', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('token-expired');

    const refreshed = await server.api.request<LoginResponse>('POST', '/api/auth/refresh', { token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.token).not.toBe(token);
    expect((await server.api.request('GET', '/api/sync/pull', { token: refreshed.body.token })).status).toBe(200);
    // The old token is spent.
    const again = await server.api.request<WireError>('POST', '/api/auth/refresh', { token });
    expect(again.status).toBe(401);
  });

  it('cannot be refreshed after the grace period', async () => {
    const token = await server.api.login(DEMO.participant);
    clock.advance(600 + 3601);
    const late = await server.api.request<WireError>('POST', '/api/auth/refresh', { token });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('unauthorized');
  });

  it('stop working after logout', async () => {
    const token = await server.api.login(DEMO.admin);
    expect((await server.api.request('POST', '/api/auth/logout', { token })).body).toEqual({ ok: true });
    const after = await server.api.request<WireError>('GET', '/api/sync/pull', { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthorized');
    expect((await server.api.request('POST', '/api/auth/refresh', { token })).status).toBe(401);
  });

  it('refuse missing, malformed or unknown tokens', async () => {
    const cases: Record<string, string>[] = [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer short' }];
    for (const headers of cases) {
      const response = await server.api.request<WireError>('GET', '/api/sync/pull', { headers });
      expect(response.status).toBe(401);
    }
    const unknown = await server.api.request<WireError>('GET', '/api/sync/pull', { token: 'x'.repeat(43) });
    expect(unknown.body.code).toBe('unauthorized');
  });
});

describe('protocol version', () => {
  it('answer too-old, too-new and missing versions with named codes', async () => {
    const cases: [string | null, number, string][] = [
      [null, 400, 'protocol-missing'],
      ['abc', 400, 'protocol-missing'],
      ['0', 426, 'protocol-too-old'],
      ['2', 400, 'protocol-too-new'],
    ];
    for (const [protocol, status, code] of cases) {
      const response = await server.api.request<WireError>('POST', '/api/auth/login', {
        protocol,
        body: { email: DEMO.admin, password: 'collective-brain' },
      });
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      expect(response.headers.get('x-protocol-max')).toBe('1');
    }
  });

  it('serve health and the OpenAPI document without it', async () => {
    const health = await server.api.request('GET', '/api/health', { protocol: null });
    expect(health.body).toEqual({ status: 'ok', database: true, protocol: { min: 1, max: 1 } });
    const openapi = await server.api.request<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>('GET', '/api/openapi.json', { protocol: null });
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/sync/pull', '/api/sync/push', '/api/files']),
    );
    expect(openapi.body.components.schemas).toHaveProperty(['MutationArgs.post.create']);
    expect(openapi.body.components.schemas).toHaveProperty('PullPage');
  });

  it('reject query parameters where a route takes none', async () => {
    const response = await server.api.request<WireError>('POST', '/api/auth/login?debug=1', {
      body: { email: DEMO.admin, password: 'collective-brain' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid');
  });

  it('answer unknown routes with a JSON not-found', async () => {
    const response = await server.api.request<WireError>('GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('not-found');
  });
});
