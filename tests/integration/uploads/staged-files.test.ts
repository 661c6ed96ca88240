import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadState } from '../../../src/shared/contract';
import { reapplyOutbox } from '../../../src/renderer/src/data/optimistic';
import { releaseUploads } from '../../../src/renderer/src/data/upload-uses';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { publishStaged } from '../../../src/renderer/src/features/academy/publish';
import {
  draftKey,
  stageFile,
  toDraft,
  type StagedFile,
  type StagedSession,
} from '../../../src/renderer/src/features/academy/staging';
import { offlineItems } from '../../../src/renderer/src/features/library/offline';
import { startTestServer, type TestServer } from '../../support/server';
import { makeTempDir } from '../../support/temp-dir';
import { attach, DEMO_PASSWORD, openDevice, signIn, waitForUpload, type Device, type LoggedRequest } from './harness';

let server: TestServer;
let readerToken: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const response = await fetch(`${server.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-protocol': '1' },
    // The uploader: until something published references a file, only they may fetch it.
    body: JSON.stringify({ email: 'facilitator@example.org', password: DEMO_PASSWORD }),
  });
  readerToken = ((await response.json()) as { token: string }).token;
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server.close();
});

/** What the server has under `sha256`, as its uploader downloads it; null when it has nothing. */
async function serverFile(sha256: string): Promise<Buffer | null> {
  const response = await fetch(`${server.server.url}/api/files/${sha256}`, {
    headers: { 'x-protocol': '1', authorization: `Bearer ${readerToken}` },
  });
  if (response.status === 404) return null;
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function device(hold?: (request: LoggedRequest) => Promise<void> | undefined): Promise<Device & { dir: string }> {
  const { dir, cleanup } = await makeTempDir('cb-staged-');
  const opened = await openDevice(dir, server.server.url, {
    uploadBackoff: { baseMs: 600_000, maxMs: 600_000 },
    ...(hold !== undefined ? { hold } : {}),
  });
  cleanups.push(cleanup, () => opened.close());
  await signIn(opened, 'facilitator@example.org');
  return Object.assign(opened, { dir });
}

function uploadPosts(d: Device): number {
  return d.requests.filter((r) => r.method === 'POST' && r.path === '/api/files').length;
}

/** A session being prepared with these files attached, staged as the editor stages it (a draft). */
async function stage(
  db: CollectiveBrainDb,
  collectionId: string,
  files: readonly UploadState[],
): Promise<StagedSession> {
  const staged: StagedSession = {
    collectionId,
    sessionId: randomUUID(),
    isNew: true,
    language: 'en',
    title: 'Financing SSE enterprises',
    startsAt: '',
    materials: files.map((file) =>
      stageFile(file, { ui: 'en', content: 'fr' }, { materialId: randomUUID(), documentId: randomUUID() }),
    ),
  };
  await db.drafts.put(toDraft(staged));
  return staged;
}

function fileOf(staged: StagedSession, index = 0): StagedFile {
  const content = staged.materials[index]?.content;
  if (content?.kind !== 'file') throw new Error('not a file material');
  return content;
}

/** The editor's "Discard": the draft goes, then the files nothing else uses. */
async function discardStaged(d: Device, db: CollectiveBrainDb, staged: StagedSession) {
  const key = draftKey(staged.collectionId, staged.sessionId);
  await db.drafts.delete(key);
  return releaseUploads(
    db,
    d.api,
    staged.materials.flatMap((material) => (material.content.kind === 'file' ? [material.content.sha256] : [])),
    { exceptDraft: key },
  );
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`never happened: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a document published from this computer', () => {
  it('has its size and type before the server echoes it, and opens from the local store', async () => {
    const d = await device();
    const { db, engine } = d.renderer();
    engine.start();
    const collection = await eventually(
      () => db.collections.toCollection().first(),
      (value) => value !== undefined,
    );
    d.setOffline(true);
    const bytes = randomBytes(120_000);
    const state = await attach(d.api, bytes, 'Financing SSE — slides.pdf');
    const staged = await stage(db, collection?.id ?? '', [state]);
    const file = fileOf(staged);

    await publishStaged(db, staged, { session: undefined, materials: [], nextPosition: 50 });
    const facts = { language: 'fr', sha256: state.sha256, size: bytes.byteLength, mime: 'application/pdf' };
    const pending = await db.documents.get(file.documentId);
    expect(pending).toMatchObject({
      version: 0,
      local: 'pending',
      title: { en: 'Financing SSE — slides' },
      variants: [facts],
      languages: ['fr'],
      summary: null,
      countries: [],
      topics: [],
    });
    expect(await db.drafts.count()).toBe(0);

    // Every pull page lays the outbox back on top: the facts stay.
    await reapplyOutbox(db);
    expect((await db.documents.get(file.documentId))?.variants).toEqual([facts]);

    // "Make available offline" and "Open" work at once from the store, and nothing is downloaded.
    const { items, totalBytes } = offlineItems(pending === undefined ? [] : [pending], ['fr'], 'edition:x');
    expect(totalBytes).toBe(bytes.byteLength);
    expect(await d.api.files.download({ items })).toMatchObject({ ok: true, value: [{ status: 'done' }] });
    expect(await d.api.files.url({ sha256: state.sha256 })).toEqual({
      ok: true,
      value: `cbfile://blob/${state.sha256}`,
    });

    // Online: the file goes, then the writes; the server's copy replaces the pending one, with the same facts.
    d.setOffline(false);
    engine.trigger();
    const echoed = await eventually(
      () => db.documents.get(file.documentId),
      (row) => row !== undefined && row.version > 0 && row.local === undefined,
    );
    expect(echoed?.variants).toEqual([facts]);
    expect((await serverFile(state.sha256))?.equals(bytes)).toBe(true);
    expect(d.requests.some((r) => r.path === `/api/files/${state.sha256}`)).toBe(false);
  });
});

describe('discarding a staged session', () => {
  it('before the upload: nothing reaches the server, and the local copy is gone', async () => {
    const d = await device();
    const { db } = d.renderer();
    d.setOffline(true);
    const bytes = randomBytes(80_000);
    const state = await attach(d.api, bytes, 'Agenda.pdf');
    await waitForUpload(d, state.sha256, (s) => s.error?.code === 'offline');
    const blob = d.services.downloads.pathOf(state.sha256) ?? '';
    expect((await stat(blob)).size).toBe(bytes.byteLength);
    const staged = await stage(db, randomUUID(), [state]);
    const told: unknown[] = [];
    d.events.subscribe((event, payload) => {
      if (event === 'files.uploadDiscarded' || event === 'files.removed') told.push({ event, payload });
    });

    const results = await discardStaged(d, db, staged);
    expect(results.get(state.sha256)).toEqual({ ok: true, value: { reachedServer: false, removedOffline: true } });
    expect(d.services.uploads.list()).toEqual([]);
    expect(await d.api.files.uploads()).toEqual({ ok: true, value: [] });
    expect(d.services.downloads.pathOf(state.sha256)).toBeUndefined();
    await expect(stat(blob)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(join(d.dir, 'uploads', 'queue.json'), 'utf8')).not.toContain(state.sha256);
    // The screens hear of it: the upload left the list, the offline copy the store.
    expect(told).toEqual([
      { event: 'files.removed', payload: { sha256s: [state.sha256] } },
      { event: 'files.uploadDiscarded', payload: { sha256: state.sha256 } },
    ]);
    expect(await d.api.files.usage()).toMatchObject({ ok: true, value: { files: [] } });

    // Back online: the queue has nothing to send.
    const before = uploadPosts(d);
    d.setOffline(false);
    d.services.uploads.kick();
    await d.services.uploads.whenIdle();
    expect(uploadPosts(d)).toBe(before);
    expect(await serverFile(state.sha256)).toBeNull();
    // Gone for good: a second discard has nothing to do.
    expect(await d.api.files.uploadDiscard({ sha256: state.sha256 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('keeps a file another staged session, a waiting write or a cached document still uses', async () => {
    const d = await device();
    const { db } = d.renderer();
    d.setOffline(true);
    const [inOtherDraft, inOutbox, inDocument, onlyHere] = await Promise.all(
      ['Programme.pdf', 'Slides.pdf', 'Reader.pdf', 'Notes.pdf'].map((name) =>
        attach(d.api, randomBytes(20_000), name),
      ),
    );
    if (inOtherDraft === undefined || inOutbox === undefined || inDocument === undefined || onlyHere === undefined) {
      throw new Error('attach failed');
    }
    const collectionId = randomUUID();
    await stage(db, collectionId, [inOtherDraft]);
    const published = await stage(db, collectionId, [inOutbox]);
    await publishStaged(db, published, { session: undefined, materials: [], nextPosition: 0 });
    await db.documents.put({
      id: randomUUID(),
      type: 'academy-reader',
      title: { en: 'Reader' },
      summary: null,
      series: null,
      year: null,
      countries: [],
      topics: [],
      variants: [{ language: 'en', sha256: inDocument.sha256, size: inDocument.size, mime: inDocument.mime }],
      createdAt: new Date().toISOString(),
      languages: ['en'],
      version: 3,
    });
    const discarded = await stage(db, collectionId, [inOtherDraft, inOutbox, inDocument, onlyHere]);

    const results = await discardStaged(d, db, discarded);
    expect([...results.keys()]).toEqual([onlyHere.sha256]);
    for (const kept of [inOtherDraft, inOutbox, inDocument]) {
      expect(d.services.downloads.pathOf(kept.sha256)).toBeDefined();
      expect(d.services.uploads.list().find((upload) => upload.sha256 === kept.sha256)?.status).toBe('queued');
    }
    expect(d.services.downloads.pathOf(onlyHere.sha256)).toBeUndefined();

    d.setOffline(false);
    d.services.uploads.kick();
    for (const kept of [inOtherDraft, inOutbox, inDocument]) {
      await waitForUpload(d, kept.sha256, (s) => s.status === 'uploaded');
    }
    expect(await serverFile(onlyHere.sha256)).toBeNull();
  });

  it('stops an upload under way; one already sent stays on the server, and a copy another download holds stays here', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = true;
    const d = await device((request) =>
      holding && request.method === 'POST' && request.path === '/api/files' ? held : undefined,
    );
    const bytes = randomBytes(40_000);
    const going = await attach(d.api, bytes, 'Under way.pdf');
    await eventually(
      () => Promise.resolve(uploadPosts(d)),
      (count) => count === 1,
    );
    expect(await d.api.files.uploadDiscard({ sha256: going.sha256 })).toEqual({
      ok: true,
      value: { reachedServer: false, removedOffline: true },
    });
    release();
    holding = false;
    await d.services.uploads.whenIdle();
    expect(d.services.uploads.list()).toEqual([]);
    expect(await serverFile(going.sha256)).toBeNull();

    const sent = await attach(d.api, randomBytes(30_000), 'Sent.pdf');
    await waitForUpload(d, sent.sha256, (s) => s.status === 'uploaded');
    expect(await d.api.files.uploadDiscard({ sha256: sent.sha256 })).toEqual({
      ok: true,
      value: { reachedServer: true, removedOffline: true },
    });
    expect(await serverFile(sent.sha256)).not.toBeNull();

    // The same bytes made available offline for a document: that copy is not the upload's to remove.
    const shared = await attach(d.api, randomBytes(30_000), 'Shared.pdf');
    await d.api.files.download({
      items: [{ sha256: shared.sha256, size: shared.size, mime: shared.mime, pinned: true, groups: ['document:x'] }],
    });
    expect(await d.api.files.uploadDiscard({ sha256: shared.sha256 })).toMatchObject({
      ok: true,
      value: { removedOffline: false },
    });
    expect(d.services.downloads.pathOf(shared.sha256)).toBeDefined();
    expect(d.services.downloads.list().find((blob) => blob.sha256 === shared.sha256)?.groups).toEqual(['document:x']);
  });
});
