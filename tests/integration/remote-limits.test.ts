import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toAppError } from '../../src/main/services/remote/errors';
import { RemoteClient, RemoteError } from '../../src/main/services/remote/remote-client';

/**
 * What the client reads from the network is bounded: a huge answer, a small
 * compressed one that inflates without end, or one compressed in a way it did
 * not ask for, is refused with a named code and never held whole in memory.
 * A real HTTP server on loopback; the "remote" server is this one reached
 * under another name, so the client asks for compression as it would from afar.
 */
let server: Server;
let port = 0;
let handler: (request: IncomingMessage, response: ServerResponse) => void = () => undefined;

beforeAll(async () => {
  server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const REMOTE = 'https://brain.example.org';
/** Everything addressed to the remote name arrives here, over plain loopback. */
const toLoopback: typeof fetch = (input, init) =>
  fetch(String(input instanceof Request ? input.url : input).replace(REMOTE, `http://127.0.0.1:${port}`), init);

const Any = z.unknown();

function client(base: 'remote' | 'loopback'): RemoteClient {
  return base === 'remote'
    ? new RemoteClient(toLoopback, () => REMOTE)
    : new RemoteClient(fetch, () => `http://127.0.0.1:${port}`);
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RemoteError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('reading answers from the server', () => {
  it('refuses an answer larger than it reads, whether announced or not', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x20);
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(big);
    };
    const announced = await failure(
      client('loopback').request({ method: 'GET', path: '/x', schema: Any, maxBytes: 1024 * 1024 }),
    );
    expect(announced.failure).toBe('response-too-large');
    expect(toAppError(announced).code).toBe('response-too-large');

    let written = 0;
    let closed = false;
    handler = (_request, response) => {
      // Chunked, no length: the client only finds out by counting.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.on('close', () => (closed = true));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!closed && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      pump();
    };
    const streamed = await failure(
      client('loopback').request({ method: 'GET', path: '/x', schema: Any, maxBytes: 1024 * 1024 }),
    );
    expect(streamed.failure).toBe('response-too-large');
    // It stopped reading: the server never got to send all it meant to.
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('stops inflating a compressed answer at the limit (a decompression bomb)', async () => {
    // 64 MiB of spaces, compressed to well under 100 KiB.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    let asked = '';
    handler = (request, response) => {
      asked = request.headers['accept-encoding'] ?? '';
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': bomb.length,
      });
      response.end(bomb);
    };
    const refused = await failure(
      client('remote').request({ method: 'GET', path: '/x', schema: Any, maxBytes: 4 * 1024 * 1024 }),
    );
    expect(asked).toBe('br, gzip');
    expect(refused.failure).toBe('response-too-large');
  });

  it('reads a compressed answer it asked for, and refuses one it did not ask for', async () => {
    const json = Buffer.from(JSON.stringify({ hello: 'world'.repeat(500) }));
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync(json));
    };
    const remote = await client('remote').request({
      method: 'GET',
      path: '/x',
      schema: z.object({ hello: z.string() }),
    });
    expect(remote.value.hello).toHaveLength(2500);
    // From this computer the client asks for no compression at all.
    const refused = await failure(client('loopback').request({ method: 'GET', path: '/x', schema: Any }));
    expect(refused.failure).toBe('unexpected-encoding');
    expect(toAppError(refused).code).toBe('unexpected-encoding');

    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'deflate' });
      response.end(Buffer.from('x'));
    };
    expect((await failure(client('remote').request({ method: 'GET', path: '/x', schema: Any }))).failure).toBe(
      'unexpected-encoding',
    );
  });

  it('bounds error answers the same way', async () => {
    handler = (_request, response) => {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
    };
    const refused = await failure(
      client('loopback').request({ method: 'GET', path: '/x', schema: Any, maxBytes: 1024 * 1024 }),
    );
    expect(refused.failure).toBe('response-too-large');
  });
});
