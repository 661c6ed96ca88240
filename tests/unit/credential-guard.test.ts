import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { guardCredentials, TokenIssuers } from '../../src/main/services/remote/credential-guard';

/** The guard under every request main sends: a token leaves only for the server that issued it. */
describe('credential guard', () => {
  const issuers = new TokenIssuers();
  issuers.remember('token-from-a', 'https://a.example.org');
  const calls: { url: string }[] = [];
  const guarded = guardCredentials((input) => {
    calls.push({ url: String(input instanceof Request ? input.url : input) });
    return Promise.resolve(new Response('{}'));
  }, issuers);

  it.each([
    ['https://b.example.org/api/sync/pull', 'another host'],
    ['http://a.example.org/api/sync/pull', 'the same host without TLS'],
    ['https://a.example.org:8443/api/sync/pull', 'another port'],
    ['https://a.example.org.evil.test/api', 'a look-alike host'],
  ])('refuses %s (%s)', async (url) => {
    const before = calls.length;
    await expect(guarded(url, { headers: { authorization: 'Bearer token-from-a' } })).rejects.toMatchObject({
      code: 'signed-out',
    });
    await expect(
      guarded(new Request(url, { headers: { Authorization: 'Bearer token-from-a' } })),
    ).rejects.toMatchObject({ code: 'signed-out' });
    expect(calls.length).toBe(before);
  });

  it('refuses a token it never saw issued', async () => {
    await expect(
      guarded('https://a.example.org/api/sync/pull', { headers: new Headers({ authorization: 'Bearer forged' }) }),
    ).rejects.toMatchObject({ code: 'signed-out' });
  });

  it('sends a token to its issuer, and anything without a token as it is', async () => {
    await guarded('https://a.example.org/api/sync/pull', { headers: { authorization: 'Bearer token-from-a' } });
    expect(calls.at(-1)).toEqual({ url: 'https://a.example.org/api/sync/pull' });
    await guarded('https://b.example.org/api/health');
    expect(calls.at(-1)).toEqual({ url: 'https://b.example.org/api/health' });
  });

  it('relies on fetch dropping the token when the issuer redirects to another origin', async () => {
    const seen: (string | undefined)[] = [];
    const other = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const issuer = createServer((_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${(other.address() as AddressInfo).port}/api/x` });
      response.end();
    });
    await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
      const real = new TokenIssuers();
      real.remember('token-of-the-issuer', origin);
      const response = await guardCredentials(fetch, real)(`${origin}/api/sync/pull`, {
        headers: { authorization: 'Bearer token-of-the-issuer' },
      });
      expect(response.redirected).toBe(true);
      expect(seen).toEqual([undefined]);
    } finally {
      issuer.close();
      other.close();
    }
  });

  it('remembers only the newest tokens', () => {
    const few = new TokenIssuers();
    for (let i = 0; i < 20; i += 1) few.remember(`t${i}`, 'https://a.example.org');
    expect(few.issuerOf('t0')).toBeUndefined();
    expect(few.issuerOf('t19')).toBe('https://a.example.org');
  });
});
