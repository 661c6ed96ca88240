import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHostServer, type WebHostServer } from '../../src/main/web/web-host-server';
import { WS_CLOSE_WRONG_SECRET, WS_PATH, WS_SECRET_PROTOCOL_PREFIX } from '../../src/shared/ws-protocol';
import { EventBus } from '../../src/main/services/events';
import { withJsonText } from '../../src/main/services/json-text';
import { ok } from '../../src/shared/result';
import { makeTempDir } from '../support/temp-dir';
import { startInProcessApp } from '../support/in-process';

const SECRET = 'test-secret-0123456789';
let server: WebHostServer;
let cleanup: () => Promise<void>;
let wsUrl: string;
let origin: string;
let rendererDir: string;

beforeAll(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  rendererDir = join(temp.dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(temp.dir, 'outside.txt'), 'secret');
  const app = await startInProcessApp(join(temp.dir, 'profile'), ['en']);
  server = await startWebHostServer({ rendererDir, dispatch: app.dispatch, events: app.events, secret: SECRET });
  wsUrl = `ws://127.0.0.1:${server.port}${WS_PATH}`;
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await cleanup();
});

type Outcome = { kind: 'open'; socket: WebSocket } | { kind: 'refused'; status: number };

function connect(options: { secret?: string; origin?: string; host?: string }): Promise<Outcome> {
  return new Promise((resolve) => {
    const protocols = options.secret === undefined ? [] : [`${WS_SECRET_PROTOCOL_PREFIX}${options.secret}`];
    const socket = new WebSocket(wsUrl, protocols, {
      ...(options.origin !== undefined ? { origin: options.origin } : {}),
      ...(options.host !== undefined ? { headers: { host: options.host } } : {}),
    });
    socket.once('open', () => resolve({ kind: 'open', socket }));
    socket.once('unexpected-response', (_request, response) =>
      resolve({ kind: 'refused', status: response.statusCode ?? 0 }),
    );
    socket.once('error', () => resolve({ kind: 'refused', status: 0 }));
  });
}

function call(socket: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data: Buffer, isBinary: boolean) => {
      // The host answers in binary frames of UTF-8 JSON (ws-protocol.ts), which the page decodes itself.
      expect(isBinary).toBe(true);
      resolve(JSON.parse(data.toString('utf8')));
    });
    socket.send(JSON.stringify(frame));
  });
}

describe('browser-mode host server', () => {
  it('serves the renderer on 127.0.0.1 with the CSP header', async () => {
    expect(server.launchUrl).toBe(`${origin}/#secret=${SECRET}`);
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await fetch(`${origin}/assets/app.js`)).headers.get('content-type')).toContain('text/javascript');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/..%2foutside.txt', '/assets/..%2f..%2foutside.txt', '/%2e%2e/outside.txt']) {
      const response = await fetch(`${origin}${path}`);
      expect(await response.text()).not.toContain('secret');
    }
    expect((await fetch(`${origin}/missing.js`)).status).toBe(404);
  });

  it('refuses requests for another Host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil.example' } }, (response) =>
        resolve(response.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(421);
  });

  it('refuses a WebSocket without the launch secret', async () => {
    expect(await connect({ origin })).toEqual({ kind: 'refused', status: 401 });
  });

  it('closes a WebSocket with another launch’s secret at once, with a code the page understands, and answers nothing', async () => {
    for (const secret of ['wrong-secret-0123456789', SECRET.slice(0, -1)]) {
      const outcome = await connect({ origin, secret });
      if (outcome.kind !== 'open') throw new Error(`expected the handshake, got ${JSON.stringify(outcome)}`);
      const messages: unknown[] = [];
      outcome.socket.on('message', (data: Buffer) => messages.push(data));
      const closed = new Promise<number>((resolve) => outcome.socket.once('close', (code: number) => resolve(code)));
      outcome.socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'app.info' }));
      expect(await closed).toBe(WS_CLOSE_WRONG_SECRET);
      expect(messages).toEqual([]);
    }
  });

  it('refuses a WebSocket from another origin, even with the secret', async () => {
    expect(await connect({ origin: 'http://evil.example', secret: SECRET })).toEqual({ kind: 'refused', status: 403 });
    expect(await connect({ secret: SECRET })).toEqual({ kind: 'refused', status: 403 });
    expect(await connect({ origin: 'null', secret: SECRET })).toEqual({ kind: 'refused', status: 403 });
  });

  it('carries contract calls and their typed errors with the secret', async () => {
    const outcome = await connect({ origin, secret: SECRET });
    if (outcome.kind !== 'open') throw new Error(`refused: ${outcome.status}`);
    const { socket } = outcome;
    expect(await call(socket, { type: 'call', id: 1, channel: 'app.info' })).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { hostKind: 'browser' } },
    });
    expect(await call(socket, { type: 'call', id: 2, channel: 'settings.set', input: { theme: 42 } })).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'invalid-arguments' } },
    });
    const event = new Promise<unknown>((resolve) => {
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as { type: string };
        if (frame.type === 'event') resolve(frame);
      });
    });
    socket.send(JSON.stringify({ type: 'call', id: 3, channel: 'settings.set', input: { theme: 'dark' } }));
    expect(await event).toMatchObject({ type: 'event', event: 'settings.changed', payload: { theme: 'dark' } });
    socket.close();
  });

  it('closes the socket on a malformed frame', async () => {
    const outcome = await connect({ origin, secret: SECRET });
    if (outcome.kind !== 'open') throw new Error('refused');
    const closed = new Promise<number>((resolve) => outcome.socket.once('close', (code) => resolve(code)));
    outcome.socket.send(JSON.stringify({ type: 'call', id: 'x', channel: 'app.info', extra: 1 }));
    expect(await closed).toBe(1008);
  });
  it('sends a pull page as the JSON text the server sent, not serialized again', async () => {
    // As main's sync.pull answers: the validated page, carrying the bytes it came as.
    const body = new TextEncoder().encode('{"changes":[] ,"cursor":"c1 ع 한","hasMore":false}');
    const text = `{"page":${new TextDecoder().decode(body)},"bytes":57}`;
    const page = { page: { changes: [], cursor: 'c1 ع 한', hasMore: false }, bytes: 57 };
    const host = await startWebHostServer({
      rendererDir,
      dispatch: () => Promise.resolve(ok(withJsonText(page, ['{"page":', body, ',"bytes":57}']))),
      events: new EventBus(),
      secret: SECRET,
    });
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}${WS_PATH}`, [`${WS_SECRET_PROTOCOL_PREFIX}${SECRET}`], {
        origin: `http://127.0.0.1:${host.port}`,
      });
      await new Promise((resolve) => socket.once('open', resolve));
      const raw = await new Promise<string>((resolve) => {
        socket.once('message', (data: Buffer) => resolve(data.toString('utf8')));
        socket.send(JSON.stringify({ type: 'call', id: 7, channel: 'sync.pull', input: {} }));
      });
      // The text as it came (its odd space included), inside an ordinary result frame.
      expect(raw).toBe(`{"type":"result","id":7,"result":{"ok":true,"value":${text}}}`);
      expect(JSON.parse(raw)).toEqual({ type: 'result', id: 7, result: { ok: true, value: page } });
      socket.close();
    } finally {
      await host.close();
    }
  });
});
