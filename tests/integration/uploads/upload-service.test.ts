import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { MAX_UPLOAD_BYTES } from '../../../src/shared/uploads';
import type { PushRequest } from '../../../src/shared/wire/sync';
import { startTestServer, type TestServer } from '../../support/server';
import { makeTempDir } from '../../support/temp-dir';
import { attach, DEMO_PASSWORD, openDevice, sha256Of, signIn, waitForUpload, type Device } from './harness';

const SERVER_LIMIT = 2 * 1024 * 1024;
let server: TestServer;
let readerToken: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startTestServer({ limits: { uploadBytes: SERVER_LIMIT } });
  // The uploader: until something published references a file, only they may fetch it.
  readerToken = await login('facilitator@example.org');
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server.close();
});

async function login(email: string): Promise<string> {
  const response = await fetch(`${server.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-protocol': '1' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** What the server has under `sha256`, as its uploader downloads it; null when it has nothing. */
async function serverFile(sha256: string): Promise<Buffer | null> {
  const response = await fetch(`${server.server.url}/api/files/${sha256}`, {
    headers: { 'x-protocol': '1', authorization: `Bearer ${readerToken}` },
  });
  if (response.status === 404) return null;
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function profile(): Promise<string> {
  const { dir, cleanup } = await makeTempDir('cb-uploads-');
  cleanups.push(cleanup);
  return dir;
}

const open: Device[] = [];
async function device(
  dir: string,
  options: { offline?: boolean; uploadBackoff?: { baseMs: number; maxMs: number } } = {},
): Promise<Device> {
  const opened = await openDevice(dir, server.server.url, options);
  let closed = false;
  const close = opened.close.bind(opened);
  opened.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanups.push(() => opened.close());
  open.push(opened);
  return opened;
}

function documentPush(sha256: string): PushRequest {
  return {
    clientId: randomUUID(),
    mutations: [
      {
        id: randomUUID(),
        name: 'document.create',
        args: {
          id: randomUUID(),
          type: 'course-material',
          title: { en: 'Session slides' },
          variants: [{ language: 'en', sha256 }],
        },
      },
    ],
  };
}

function posts(d: Device, path: string): number[] {
  return d.requests.flatMap((r, index) => (r.method === 'POST' && r.path === path ? [index] : []));
}

describe('attaching a file', () => {
  it('reassembles the chunks into the right sha256, stores it offline at once, and uploads it', async () => {
    const dir = await profile();
    const d = await device(dir);
    await signIn(d, 'facilitator@example.org');
    // Three chunks, the last one short.
    const bytes = randomBytes(1_300_000);
    const state = await attach(d.api, bytes, 'Financing SSE — slides.pdf');
    expect(state).toMatchObject({
      sha256: sha256Of(bytes),
      name: 'Financing SSE — slides.pdf',
      mime: 'application/pdf',
      size: bytes.byteLength,
    });

    // In the document store: readable offline at once, and never downloaded.
    const path = d.services.downloads.pathOf(state.sha256);
    expect((await readFile(path ?? '')).equals(bytes)).toBe(true);
    expect(await d.api.files.url({ sha256: state.sha256 })).toEqual({
      ok: true,
      value: `cbfile://blob/${state.sha256}`,
    });
    const download = await d.api.files.download({
      items: [{ sha256: state.sha256, size: bytes.byteLength, mime: 'application/pdf' }],
    });
    expect(download).toMatchObject({ ok: true, value: [{ status: 'done' }] });

    await waitForUpload(d, state.sha256, (s) => s.status === 'uploaded');
    expect((await serverFile(state.sha256))?.equals(bytes)).toBe(true);
    expect(d.requests.some((r) => r.path === `/api/files/${state.sha256}`)).toBe(false);
    expect(d.uploadEvents.some((e) => e.sha256 === state.sha256 && e.status === 'uploading')).toBe(true);
    expect(await readdir(join(dir, 'uploads', 'incoming'))).toEqual([]);
  });

  it('refuses chunks out of order, more bytes than announced, a short file, and a file over the limit', async () => {
    const d = await device(await profile());
    const api = d.api;
    const chunk = Buffer.from('hello').toString('base64');
    expect(
      await api.files.uploadBegin({ name: 'big.pdf', mime: 'application/pdf', size: MAX_UPLOAD_BYTES + 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'too-large' },
    });

    const first = await api.files.uploadBegin({ name: 'a.txt', mime: 'text/plain', size: 5 });
    if (!first.ok) throw new Error(first.error.message);
    expect(await api.files.uploadChunk({ uploadId: first.value.uploadId, index: 1, data: chunk })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await api.files.uploadChunk({ uploadId: first.value.uploadId, index: 0, data: chunk })).toEqual({
      ok: true,
      value: { receivedBytes: 5 },
    });
    expect(await api.files.uploadChunk({ uploadId: first.value.uploadId, index: 1, data: chunk })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
    // Too many bytes drops the upload altogether.
    expect(await api.files.uploadCommit({ uploadId: first.value.uploadId })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });

    const short = await api.files.uploadBegin({ name: 'b.txt', mime: 'text/plain', size: 10 });
    if (!short.ok) throw new Error(short.error.message);
    await api.files.uploadChunk({ uploadId: short.value.uploadId, index: 0, data: chunk });
    expect(await api.files.uploadCommit({ uploadId: short.value.uploadId })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });

    const aborted = await api.files.uploadBegin({ name: 'c.txt', mime: 'text/plain', size: 5 });
    if (!aborted.ok) throw new Error(aborted.error.message);
    expect(await api.files.uploadAbort({ uploadId: aborted.value.uploadId })).toEqual({ ok: true, value: null });
    expect(await api.files.uploadChunk({ uploadId: aborted.value.uploadId, index: 0, data: chunk })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await api.files.uploads()).toEqual({ ok: true, value: [] });
  });

  it('offline: stays queued, survives a restart, and goes when the server can be reached', async () => {
    const dir = await profile();
    const first = await device(dir);
    await signIn(first, 'facilitator@example.org');
    first.setOffline(true);
    const bytes = randomBytes(200_000);
    const state = await attach(first.api, bytes, 'Agenda.pdf');
    const queued = await waitForUpload(first, state.sha256, (s) => s.error?.code === 'offline');
    expect(queued.status).toBe('queued');
    // Its only copy is here: it cannot be removed until the server has it.
    expect(await first.api.files.remove({ sha256: state.sha256 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await first.close();

    const persisted = JSON.parse(await readFile(join(dir, 'uploads', 'queue.json'), 'utf8')) as {
      uploads: { sha256: string; status: string; name: string }[];
    };
    expect(persisted.uploads).toMatchObject([{ sha256: state.sha256, status: 'queued', name: 'Agenda.pdf' }]);
    expect(await serverFile(state.sha256)).toBeNull();

    const second = await device(dir);
    await waitForUpload(second, state.sha256, (s) => s.status === 'uploaded');
    expect((await serverFile(state.sha256))?.equals(bytes)).toBe(true);
    expect(await second.api.files.uploads()).toMatchObject({
      ok: true,
      value: [{ sha256: state.sha256, status: 'uploaded', sentBytes: bytes.byteLength, name: 'Agenda.pdf' }],
    });
  });

  it('a participant is refused (forbidden): the upload stops, and a retry asks again', async () => {
    const d = await device(await profile());
    await signIn(d, 'participant@example.org');
    const bytes = randomBytes(10_000);
    const state = await attach(d.api, bytes, 'notes.txt', 'text/plain');
    const failed = await waitForUpload(d, state.sha256, (s) => s.status === 'failed');
    expect(failed.error?.code).toBe('forbidden');
    const before = posts(d, '/api/files').length;
    expect(await d.api.files.uploadRetry({ sha256: state.sha256 })).toMatchObject({ ok: true });
    await waitForUpload(d, state.sha256, (s) => s.status === 'failed');
    expect(posts(d, '/api/files').length).toBe(before + 1);
    expect(await serverFile(state.sha256)).toBeNull();
  });

  it('a file over the server limit fails as too-large, without retrying', async () => {
    const d = await device(await profile());
    await signIn(d, 'facilitator@example.org');
    const bytes = randomBytes(SERVER_LIMIT + 100_000);
    const state = await attach(d.api, bytes, 'video.mp4', 'video/mp4');
    const failed = await waitForUpload(d, state.sha256, (s) => s.status === 'failed');
    expect(failed.error?.code).toBe('too-large');
    // The server closed that connection (it never read the rest): the next request gets an answer at once.
    const next = await fetch(`${server.server.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
    expect(next.status).toBe(200);
    expect(posts(d, '/api/files')).toHaveLength(1);
  });

  it('bytes damaged on disk fail as hash-mismatch, and a push that needs them fails retryably', async () => {
    const d = await device(await profile());
    await signIn(d, 'facilitator@example.org');
    d.setOffline(true);
    const bytes = randomBytes(50_000);
    const state = await attach(d.api, bytes, 'report.pdf');
    await waitForUpload(d, state.sha256, (s) => s.error?.code === 'offline');
    await writeFile(d.services.downloads.pathOf(state.sha256) ?? '', randomBytes(50_000));
    d.setOffline(false);
    d.services.uploads.kick();
    const failed = await waitForUpload(d, state.sha256, (s) => s.status === 'failed');
    expect(failed.error?.code).toBe('hash-mismatch');

    const pushed = await d.api.sync.push(documentPush(state.sha256));
    expect(pushed).toMatchObject({ ok: false, error: { code: 'upload-failed' } });
    expect(pushed.ok ? '' : pushed.error.message).toContain('report.pdf');
    expect(posts(d, '/api/sync/push')).toEqual([]);
  });
  it('waits for the account that attached it: another account signing in on this computer does not send it', async () => {
    const d = await device(await profile(), { uploadBackoff: { baseMs: 600_000, maxMs: 600_000 } });
    await signIn(d, 'facilitator@example.org');
    d.setOffline(true);
    const bytes = randomBytes(30_000);
    const state = await attach(d.api, bytes, 'Facilitator notes.pdf');
    await waitForUpload(d, state.sha256, (s) => s.error?.code === 'offline');
    await d.api.session.logout();
    d.setOffline(false);
    await signIn(d, 'participant@example.org');
    await d.services.uploads.whenIdle();
    expect(posts(d, '/api/files')).toHaveLength(1);
    expect(d.services.uploads.list()).toMatchObject([{ sha256: state.sha256, status: 'queued' }]);
    // Nor sees its name in the list, nor can it discard it.
    expect(await d.api.files.uploads()).toEqual({ ok: true, value: [] });
    expect(await d.api.files.uploadDiscard({ sha256: state.sha256 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    await d.api.session.logout();
    await signIn(d, 'facilitator@example.org');
    await waitForUpload(d, state.sha256, (s) => s.status === 'uploaded');
    expect((await serverFile(state.sha256))?.equals(bytes)).toBe(true);
  });
});

describe('pushing writes that point to attached files', () => {
  it('uploads the file first, then pushes', async () => {
    const d = await device(await profile(), { uploadBackoff: { baseMs: 600_000, maxMs: 600_000 } });
    await signIn(d, 'facilitator@example.org');
    d.setOffline(true);
    const bytes = randomBytes(300_000);
    const state = await attach(d.api, bytes, 'Slides.pdf');
    await waitForUpload(d, state.sha256, (s) => s.error?.code === 'offline');
    d.setOffline(false);

    const pushed = await d.api.sync.push(documentPush(state.sha256));
    expect(pushed).toMatchObject({ ok: true, value: { results: [{ status: 'applied' }] } });
    const [upload] = posts(d, '/api/files');
    const [push] = posts(d, '/api/sync/push');
    expect(upload).toBeDefined();
    expect(upload ?? Infinity).toBeLessThan(push ?? -1);
    expect((await serverFile(state.sha256))?.equals(bytes)).toBe(true);
    expect(d.services.uploads.list()).toMatchObject([{ status: 'uploaded' }]);
  });

  it('fails retryably while the file cannot go, and the outbox keeps the writes until it can', async () => {
    const d = await device(await profile());
    await signIn(d, 'facilitator@example.org');
    const { db, engine } = d.renderer();
    engine.start();
    await settle(engine, (s) => s.phase === 'idle' && s.lastSuccessAt !== null);
    d.setOffline(true);
    const bytes = randomBytes(100_000);
    const state = await attach(d.api, bytes, 'Handout.pdf');

    expect(await d.api.sync.push(documentPush(state.sha256))).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    const documentId = randomUUID();
    await enqueueWrites(db, [
      {
        name: 'document.create',
        args: {
          id: documentId,
          type: 'course-material',
          title: { en: 'Handout' },
          variants: [{ language: 'en', sha256: state.sha256 }],
        },
      },
    ]);
    engine.trigger();
    const waiting = await settle(engine, (s) => s.phase === 'waiting-to-retry');
    expect(waiting.error?.code).toBe('offline');
    expect(await db.outbox.count()).toBe(1);
    expect(posts(d, '/api/sync/push')).toEqual([]);

    d.setOffline(false);
    engine.trigger();
    await settle(engine, (s) => s.phase === 'idle' && s.pushed === 1);
    expect(await db.outbox.count()).toBe(0);
    expect((await serverFile(state.sha256))?.equals(bytes)).toBe(true);
    const stored = await db.documents.get(documentId);
    expect(stored?.variants).toEqual([
      { language: 'en', sha256: state.sha256, size: bytes.byteLength, mime: 'application/pdf' },
    ]);
  });

  it('leaves a file this computer never had to the server, which refuses it as file-missing', async () => {
    const d = await device(await profile());
    await signIn(d, 'facilitator@example.org');
    const pushed = await d.api.sync.push(documentPush('b'.repeat(64)));
    expect(pushed).toMatchObject({ ok: true, value: { results: [{ status: 'rejected', code: 'file-missing' }] } });
  });
});

describe('the persisted queue', () => {
  it('sets a corrupt queue file aside with a notice, and sends again what was attached here', async () => {
    const dir = await profile();
    const first = await device(dir);
    await signIn(first, 'facilitator@example.org');
    first.setOffline(true);
    const bytes = randomBytes(20_000);
    const state = await attach(first.api, bytes, 'Programme.pdf');
    await first.close();
    await writeFile(join(dir, 'uploads', 'queue.json'), '{"version":1,"uploads":[{"sha256":"nope"}]}');

    const second = await device(dir);
    const notices = await second.api.app.notices();
    expect(notices).toMatchObject({ ok: true, value: [{ code: 'upload-queue-reset' }] });
    const aside = notices.ok ? (notices.value[0]?.detail ?? '') : '';
    expect(await readFile(aside, 'utf8')).toContain('nope');
    await waitForUpload(second, state.sha256, (s) => s.status === 'uploaded');
    expect((await serverFile(state.sha256))?.equals(bytes)).toBe(true);
  });
});

function settle(
  engine: ReturnType<Device['renderer']>['engine'],
  predicate: (status: ReturnType<typeof engine.current>) => boolean,
  timeoutMs = 20_000,
): Promise<ReturnType<typeof engine.current>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`sync did not settle: ${JSON.stringify(engine.current())}`));
    }, timeoutMs);
    const check = (status: ReturnType<typeof engine.current>): void => {
      if (!predicate(status)) return;
      clearTimeout(timer);
      off();
      resolve(status);
    };
    const off = engine.subscribe(check);
    check(engine.current());
  });
}
