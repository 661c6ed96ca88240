/**
 * Saving an export where the user chose (exports.save*): real files in a temp folder, the save dialog
 * replaced by an answer. The chosen path holds the old file or the whole new one, never a part; what
 * goes wrong comes back with a named code and leaves no temp file behind.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SaveService } from '../../src/main/services/exports/save-service';
import { createDispatcher } from '../../src/main/services/dispatcher';
import type { AllHandlers } from '../../src/shared/contract';
import { AppError } from '../../src/shared/result';
import { UPLOAD_CHUNK_BYTES } from '../../src/shared/uploads';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cb-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FILTER = { name: 'Zip archive', extensions: ['zip'] };
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

function serviceSavingTo(
  path: string | null,
  io: ConstructorParameters<typeof SaveService>[0]['io'] = {},
): {
  service: SaveService;
  asked: { fileName: string; filter: { name: string; extensions: readonly string[] } }[];
} {
  const asked: { fileName: string; filter: { name: string; extensions: readonly string[] } }[] = [];
  const service = new SaveService({
    host: {
      saveDialog: (request) => {
        asked.push(request);
        return Promise.resolve(path);
      },
    },
    io,
  });
  return { service, asked };
}

async function chosen(service: SaveService, size: number): Promise<string> {
  const begun = await service.begin({ fileName: 'export.zip', size, filter: FILTER });
  if (begun.kind !== 'chosen') throw new Error(`expected a chosen path, got ${begun.kind}`);
  return begun.saveId;
}

describe('SaveService', () => {
  it('says the page must save it itself where the host has no dialog (browser mode)', async () => {
    const service = new SaveService({ host: {} });
    expect(await service.begin({ fileName: 'export.zip', size: 10, filter: FILTER })).toEqual({ kind: 'browser' });
  });

  it('writes nothing when the user cancels the dialog', async () => {
    const { service, asked } = serviceSavingTo(null);
    expect(await service.begin({ fileName: 'export.zip', size: 10, filter: FILTER })).toEqual({ kind: 'cancelled' });
    expect(asked).toEqual([{ fileName: 'export.zip', filter: FILTER }]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes the bytes in ordered chunks and puts the whole file in place only at commit', async () => {
    const target = join(dir, 'my data.zip');
    await writeFile(target, 'the previous export');
    const { service } = serviceSavingTo(target);
    const bytes = new Uint8Array(UPLOAD_CHUNK_BYTES + 1000).map((_, index) => index % 251);
    const begun = await service.begin({ fileName: 'export.zip', size: bytes.length, filter: FILTER });
    expect(begun).toMatchObject({ kind: 'chosen', path: target, chunkBytes: UPLOAD_CHUNK_BYTES });
    if (begun.kind !== 'chosen') return;
    await service.chunk({ saveId: begun.saveId, index: 0, data: b64(bytes.subarray(0, UPLOAD_CHUNK_BYTES)) });
    // Halfway, the chosen path still holds the old file.
    expect(await readFile(target, 'utf8')).toBe('the previous export');
    const last = await service.chunk({ saveId: begun.saveId, index: 1, data: b64(bytes.subarray(UPLOAD_CHUNK_BYTES)) });
    expect(last).toEqual({ writtenBytes: bytes.length });
    expect(await service.commit({ saveId: begun.saveId })).toEqual({ path: target });
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['my data.zip']);
  });

  it('refuses chunks out of order, more bytes than announced, and a commit short of bytes, leaving no temp file', async () => {
    const target = join(dir, 'out.zip');
    const { service } = serviceSavingTo(target);
    const outOfOrder = await chosen(service, 4);
    await expect(service.chunk({ saveId: outOfOrder, index: 1, data: b64(new Uint8Array(2)) })).rejects.toMatchObject({
      code: 'conflict',
    });
    await service.abort({ saveId: outOfOrder });

    const tooMuch = await chosen(service, 4);
    await expect(service.chunk({ saveId: tooMuch, index: 0, data: b64(new Uint8Array(5)) })).rejects.toMatchObject({
      code: 'invalid-arguments',
    });
    const short = await chosen(service, 4);
    await service.chunk({ saveId: short, index: 0, data: b64(new Uint8Array(3)) });
    await expect(service.commit({ saveId: short })).rejects.toMatchObject({ code: 'invalid-arguments' });
    // A save that failed is gone: the next call on it says so.
    await expect(service.commit({ saveId: short })).rejects.toMatchObject({ code: 'not-found' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('says the disk is full, before writing or while writing, and cleans up', async () => {
    const full = serviceSavingTo(join(dir, 'a.zip'), { freeBytes: () => Promise.resolve(3) });
    await expect(full.service.begin({ fileName: 'a.zip', size: 4, filter: FILTER })).rejects.toMatchObject({
      code: 'disk-full',
    });
    const filling = serviceSavingTo(join(dir, 'b.zip'), {
      writeChunk: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    });
    const id = await chosen(filling.service, 4);
    const failure: unknown = await filling.service
      .chunk({ saveId: id, index: 0, data: b64(new Uint8Array(4)) })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'disk-full' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('names a folder it cannot write to', async () => {
    const { service } = serviceSavingTo(join(dir, 'missing', 'x.zip'));
    await expect(service.begin({ fileName: 'x.zip', size: 1, filter: FILTER })).rejects.toMatchObject({
      code: 'storage-failed',
    });
  });

  it('drops a save the renderer stopped sending, and everything when the app closes', async () => {
    let now = 0;
    const service = new SaveService({
      host: { saveDialog: () => Promise.resolve(join(dir, `f${String(now)}.zip`)) },
      idleMs: 1000,
      now: () => now,
    });
    const abandoned = await chosen(service, 4);
    now = 5000;
    await chosen(service, 4); // Beginning another sweeps the idle one.
    await expect(service.commit({ saveId: abandoned })).rejects.toMatchObject({ code: 'not-found' });
    expect((await readdir(dir)).length).toBe(1);
    await service.close();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('exports.saveBegin through the contract', () => {
  const dispatch = createDispatcher({
    exports: { saveBegin: () => Promise.resolve({ kind: 'browser' as const }) },
  } as unknown as AllHandlers);

  it.each([
    ['a path', '../../.bashrc'],
    ['a Windows path', 'C:\\Users\\x.zip'],
    ['a control character', 'a\u0000.zip'],
    ['a dot name', '..'],
    ['an empty name', ''],
  ])('refuses %s as the proposed file name', async (_label, fileName) => {
    const result = await dispatch('exports.saveBegin', { fileName, size: 1, filter: FILTER });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('accepts a name in any script', async () => {
    const result = await dispatch('exports.saveBegin', { fileName: 'التمويل التضامني.md', size: 1, filter: FILTER });
    expect(result).toEqual({ ok: true, value: { kind: 'browser' } });
  });
});
