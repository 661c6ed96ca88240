import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RemoteClient, isLoopback } from '../../src/main/services/remote/remote-client';

describe('talking to the server', () => {
  it.each([
    ['http://127.0.0.1:8787', true],
    ['http://127.4.5.6', true],
    ['http://localhost:8787/', true],
    ['http://[::1]:8787', true],
    ['https://brain.sse-academy.example.org', false],
    ['http://127.example.org', false],
    ['http://10.0.0.2:8787', false],
    ['not a url', false],
  ])('knows whether %s is this machine: %s', (url, loopback) => {
    expect(isLoopback(url)).toBe(loopback);
  });

  it('asks a server on this machine not to compress, and a remote one to', async () => {
    const seen: Record<string, string>[] = [];
    const fetchSpy = (_url: unknown, init?: RequestInit): Promise<Response> => {
      seen.push(Object.fromEntries(new Headers(init?.headers).entries()));
      return Promise.resolve(new Response('{"ok":true}', { status: 200 }));
    };
    let base = 'http://127.0.0.1:8787';
    const client = new RemoteClient(fetchSpy, () => base);
    await client.request({ method: 'GET', path: '/api/meta', schema: z.object({ ok: z.boolean() }) });
    base = 'https://brain.sse-academy.example.org';
    await client.request({ method: 'GET', path: '/api/meta', schema: z.object({ ok: z.boolean() }) });
    expect(seen[0]?.['accept-encoding']).toBe('identity');
    // Named, so that an answer in any other encoding can be refused.
    expect(seen[1]?.['accept-encoding']).toBe('br, gzip');
  });

  it('keeps the body as the bytes received, for sending on, and reads it as UTF-8', async () => {
    const sent = new TextEncoder().encode('{"name":"São Paulo, 서울, الرباط"}');
    const client = new RemoteClient(
      () => Promise.resolve(new Response(sent, { status: 200 })),
      () => 'http://127.0.0.1:8787',
    );
    const answer = await client.request({ method: 'GET', path: '/api/meta', schema: z.object({ name: z.string() }) });
    expect(answer.value.name).toBe('São Paulo, 서울, الرباط');
    expect(answer.body).toEqual(sent);
    expect(answer.bytes).toBe(sent.byteLength);
  });
});
