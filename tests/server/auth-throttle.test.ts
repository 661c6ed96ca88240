import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey, delayAfter } from '../../server/auth/rate-limit';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared/wire';
import { DEMO, manualClock, startTestCluster, type TestCluster, type TestServer } from './harness';

/**
 * The sign-in throttle against the real server: attempts counted before the
 * password is checked (so concurrent guesses queue up), delays that grow
 * instead of a lockout, and the client address as the configured proxy says.
 */
let cluster: TestCluster;
let server: TestServer;
let proxied: TestServer;
const clock = manualClock();

beforeAll(async () => {
  cluster = await startTestCluster();
  const limits = { loginAttempts: 10, loginWindowSeconds: 900, loginDelayMaxSeconds: 900 };
  server = await cluster.server({ seed: 'demo', now: clock.now, limits });
  // Behind a reverse proxy on this machine: X-Forwarded-For names the client.
  proxied = await cluster.server({ seed: 'demo', now: clock.now, limits, trustProxy: '127.0.0.1' });
});
afterAll(async () => {
  await cluster.stop();
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
}

/** A sign-in over a socket bound to `from` (any 127.x address is this machine). */
function signIn(
  target: TestServer,
  email: string,
  password: string,
  options: { from?: string; forwardedFor?: string } = {},
): Promise<Answer> {
  const url = new URL('/api/auth/login', target.url);
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: options.from ?? '127.0.0.1',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          ...(options.forwardedFor === undefined ? {} : { 'x-forwarded-for': options.forwardedFor }),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const retryAfter = response.headers['retry-after'];
          resolve({ status: response.statusCode ?? 0, retryAfter });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function count(answers: readonly Answer[], status: number): number {
  return answers.filter((answer) => answer.status === status).length;
}

describe('sign-in throttle', () => {
  it('counts concurrent wrong passwords one after another: 30 at once, 10 evaluated', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => signIn(server, DEMO.facilitator, 'wrong', { from: '127.0.0.2' })),
    );
    expect(count(answers, 401)).toBe(10);
    expect(count(answers, 429)).toBe(20);
    // The owner, from the same address, waits the (short) delay, then gets in.
    const early = await signIn(server, DEMO.facilitator, 'collective-brain', { from: '127.0.0.2' });
    expect(early.status).toBe(429);
    clock.advance(Number(early.retryAfter));
    expect((await signIn(server, DEMO.facilitator, 'collective-brain', { from: '127.0.0.2' })).status).toBe(200);
  });

  it('slows each further failure down more, and a wait always helps', async () => {
    const from = '127.0.0.3';
    for (let i = 0; i < 10; i += 1) expect((await signIn(server, DEMO.moderator, 'wrong', { from })).status).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const refused = await signIn(server, DEMO.moderator, 'wrong', { from });
      expect(refused.status).toBe(429);
      waits.push(Number(refused.retryAfter));
      // Refused attempts are not counted: the wait does not grow by asking again.
      expect(Number((await signIn(server, DEMO.moderator, 'wrong', { from })).retryAfter)).toBe(waits.at(-1));
      clock.advance(waits.at(-1) ?? 0);
      expect((await signIn(server, DEMO.moderator, 'wrong', { from })).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
  });

  it('never locks the owner out: failures from another address do not stop them', async () => {
    for (let i = 0; i < 12; i += 1) {
      const answer = await signIn(server, DEMO.admin, 'wrong', { from: '127.0.0.4' });
      if (answer.status === 429) clock.advance(Number(answer.retryAfter));
    }
    expect((await signIn(server, DEMO.admin, 'wrong', { from: '127.0.0.4' })).status).toBe(429);
    expect((await signIn(server, DEMO.admin, 'collective-brain', { from: '127.0.0.5' })).status).toBe(200);
  });

  it('forgets failures after a quiet window', async () => {
    const from = '127.0.0.6';
    for (let i = 0; i < 10; i += 1) await signIn(server, DEMO.participant, 'wrong', { from });
    expect((await signIn(server, DEMO.participant, 'wrong', { from })).status).toBe(429);
    clock.advance(901);
    expect((await signIn(server, DEMO.participant, 'collective-brain', { from })).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless a proxy is configured, and honours it from that proxy', async () => {
    // Without a trusted proxy, a made-up header changes nothing: one socket address, one counter.
    const spoofed = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signIn(server, 'nobody@example.org', 'wrong', { from: '127.0.0.7', forwardedFor: `203.0.113.${i}` }),
      ),
    );
    expect(count(spoofed, 401)).toBe(10);
    // Behind the proxy, each client is counted as itself.
    const fromOne = await Promise.all(
      Array.from({ length: 12 }, () => signIn(proxied, DEMO.facilitator, 'wrong', { forwardedFor: '203.0.113.50' })),
    );
    expect(count(fromOne, 401)).toBe(10);
    expect((await signIn(proxied, DEMO.facilitator, 'collective-brain', { forwardedFor: '203.0.113.51' })).status).toBe(
      200,
    );
  });
});

describe('throttle rules', () => {
  it('double the delay past the allowance, up to the ceiling', () => {
    const rule = { free: 3, maxSeconds: 60 };
    expect([1, 2, 3, 4, 5, 6, 9, 40].map((failures) => delayAfter(failures, rule))).toEqual([0, 0, 1, 2, 4, 8, 60, 60]);
  });

  it('count an IPv6 client by its /64 and a mapped IPv4 as itself', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });
});
