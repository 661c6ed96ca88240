import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestCluster, type TestCluster, type TestServer } from './harness';

/**
 * The server does not let a client hold a socket for nothing (idle, or
 * dribbling its headers), while the live stream, kept busy by its
 * heartbeats, stays open as long as the client wants it.
 */
let cluster: TestCluster;
let server: TestServer;

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({
    seed: 'demo',
    limits: { idleTimeoutSeconds: 1, headersTimeoutSeconds: 1, heartbeatSeconds: 0.2 },
  });
});
afterAll(async () => {
  await cluster.stop();
});

function open(): Promise<Socket> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.on('error', reject);
    // Read whatever comes (a 408), so the end of the stream is seen and the socket closes.
    socket.resume();
  });
}

const closed = (socket: Socket): Promise<void> => new Promise((resolve) => socket.once('close', () => resolve()));

describe('server timeouts', () => {
  it('closes a connection that sends nothing', async () => {
    const socket = await open();
    await closed(socket);
    expect(socket.destroyed).toBe(true);
  });

  it('closes a connection whose headers never end, even if it keeps dribbling them', async () => {
    const socket = await open();
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const gone = closed(socket);
    let writing = true;
    void gone.then(() => (writing = false));
    // A byte now and then keeps the socket from being idle: only the headers timeout can end it.
    const drip = setInterval(() => {
      if (writing) socket.write('X-Slow: a\r\n');
    }, 100);
    await gone;
    clearInterval(drip);
    expect(socket.destroyed).toBe(true);
  });

  it('keeps the live stream open past the idle timeout, and it still delivers changes', async () => {
    const token = await server.api.login(DEMO.participant);
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/sync/live`, {
      headers: { 'x-protocol': '1', authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (done: () => boolean): Promise<void> => {
      while (!done()) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error('the live stream ended');
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    // Twenty heartbeats at 0.2 s: well past the 1 s idle timeout, counted rather than timed.
    await readUntil(() => text.split(': heartbeat').length > 20);
    const before = text.split('event: changes').length;
    const [category] = await server.sql<{ id: string }>("SELECT id FROM entities WHERE type = 'category' LIMIT 1");
    const push = await server.api.push(token, 'timeouts', [
      {
        id: randomUUID(),
        name: 'thread.create',
        args: { id: randomUUID(), categoryId: category?.id, title: 'Still here', language: 'en' },
      },
    ]);
    expect(push.body.results[0]?.status).toBe('applied');
    await readUntil(() => text.split('event: changes').length > before);
    controller.abort();
  });
});
