import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/contract';
import {
  MAX_UPLOAD_BYTES,
  UPLOAD_CHUNK_BASE64_CHARS,
  UPLOAD_CHUNK_BYTES,
  normalizeMediaType,
  referencedFiles,
} from '../../src/shared/uploads';
import { WS_MAX_FRAME_BYTES } from '../../src/shared/ws-protocol';
import { startInProcessApp, type InProcessApp } from '../support/in-process';
import { makeTempDir } from '../support/temp-dir';

let app: InProcessApp;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  app = await startInProcessApp(temp.dir, ['en'], { offline: true });
});
afterAll(async () => {
  await app.services.close();
  await cleanup();
});

const SHA = 'a'.repeat(64);

describe('the files.upload* calls', () => {
  it('are declared in the contract', () => {
    expect(CHANNELS).toEqual(
      expect.arrayContaining([
        'files.uploadBegin',
        'files.uploadChunk',
        'files.uploadCommit',
        'files.uploadAbort',
        'files.uploads',
        'files.uploadRetry',
        'files.uploadDiscard',
      ]),
    );
  });

  it.each([
    ['files.uploadBegin', undefined],
    ['files.uploadBegin', { name: '', mime: 'application/pdf', size: 1 }],
    ['files.uploadBegin', { name: '   ', mime: 'application/pdf', size: 1 }],
    ['files.uploadBegin', { name: 'x'.repeat(256), mime: 'application/pdf', size: 1 }],
    ['files.uploadBegin', { name: 'a.pdf', mime: 'pdf', size: 1 }],
    ['files.uploadBegin', { name: 'a.pdf', mime: 'Application/PDF', size: 1 }],
    ['files.uploadBegin', { name: 'a.pdf', mime: 'text/html; charset=utf-8', size: 1 }],
    ['files.uploadBegin', { name: 'a.pdf', mime: 'application/pdf', size: -1 }],
    ['files.uploadBegin', { name: 'a.pdf', mime: 'application/pdf', size: 1.5 }],
    ['files.uploadBegin', { name: 'a.pdf', mime: 'application/pdf', size: '10' }],
    ['files.uploadBegin', { name: 'a.pdf', mime: 'application/pdf', size: 1, path: '/etc/passwd' }],
    ['files.uploadChunk', { uploadId: 'not-a-uuid', index: 0, data: 'AAAA' }],
    ['files.uploadChunk', { uploadId: randomUUID(), index: -1, data: 'AAAA' }],
    ['files.uploadChunk', { uploadId: randomUUID(), index: 0.5, data: 'AAAA' }],
    ['files.uploadChunk', { uploadId: randomUUID(), index: 0, data: '' }],
    ['files.uploadChunk', { uploadId: randomUUID(), index: 0, data: 'not base64!' }],
    ['files.uploadChunk', { uploadId: randomUUID(), index: 0, data: 'A'.repeat(UPLOAD_CHUNK_BASE64_CHARS + 4) }],
    ['files.uploadChunk', { uploadId: randomUUID(), index: 0, data: [1, 2, 3] }],
    ['files.uploadCommit', { uploadId: randomUUID(), sha256: SHA }],
    ['files.uploadCommit', {}],
    ['files.uploadAbort', { uploadId: '../../etc' }],
    ['files.uploadRetry', { sha256: 'A'.repeat(64) }],
    ['files.uploadRetry', { sha256: `${SHA}/..` }],
    ['files.uploads', { all: true }],
    ['files.uploadDiscard', undefined],
    ['files.uploadDiscard', {}],
    ['files.uploadDiscard', { sha256: 'A'.repeat(64) }],
    ['files.uploadDiscard', { sha256: `../${SHA}` }],
    ['files.uploadDiscard', { sha256: SHA, everything: true }],
  ])('%s refuses %j as invalid-arguments', async (channel, input) => {
    expect(await app.dispatch(channel, input)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('answers valid calls with named errors', async () => {
    expect(
      await app.api.files.uploadBegin({ name: 'film.mp4', mime: 'video/mp4', size: MAX_UPLOAD_BYTES + 1 }),
    ).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(await app.api.files.uploadChunk({ uploadId: randomUUID(), index: 0, data: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await app.api.files.uploadRetry({ sha256: SHA })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await app.api.files.uploadAbort({ uploadId: randomUUID() })).toEqual({ ok: true, value: null });
    expect(await app.api.files.uploads()).toEqual({ ok: true, value: [] });
    expect(await app.api.files.uploadDiscard({ sha256: SHA })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('takes a chunk of the largest size in one WebSocket frame', () => {
    const frame = JSON.stringify({
      type: 'call',
      id: Number.MAX_SAFE_INTEGER,
      channel: 'files.uploadChunk',
      input: { uploadId: randomUUID(), index: 99_999, data: 'A'.repeat(UPLOAD_CHUNK_BASE64_CHARS) },
    });
    expect(Buffer.byteLength(frame)).toBeLessThan(WS_MAX_FRAME_BYTES);
    expect(Buffer.alloc(UPLOAD_CHUNK_BYTES).toString('base64').length).toBe(UPLOAD_CHUNK_BASE64_CHARS);
  });
});

describe('referencedFiles', () => {
  it('finds document variants and post attachments, once each, and skips malformed arguments', () => {
    const other = 'b'.repeat(64);
    expect(
      referencedFiles([
        {
          name: 'document.create',
          args: {
            id: randomUUID(),
            type: 'course-material',
            title: { en: 'Slides' },
            variants: [
              { language: 'en', sha256: SHA },
              { language: 'fr', sha256: other },
            ],
          },
        },
        {
          name: 'post.create',
          args: { id: randomUUID(), threadId: randomUUID(), body: 'see', language: 'en', attachments: [SHA] },
        },
        { name: 'document.create', args: { variants: [{ sha256: 'c'.repeat(64) }] } },
        { name: 'material.create', args: { content: { kind: 'document', documentId: randomUUID() } } },
      ]),
    ).toEqual([SHA, other]);
  });
});

describe('normalizeMediaType', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['Application/PDF', 'application/pdf'],
    ['text/plain; charset=utf-8', 'text/plain'],
    ['', 'application/octet-stream'],
    ['nonsense', 'application/octet-stream'],
    [
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
  ])('%j → %s', (input, expected) => {
    expect(normalizeMediaType(input)).toBe(expected);
  });
});
