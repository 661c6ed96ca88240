import { createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { VenueFs } from '../../../src/main/services/venue/pack-files';
import { importPack } from '../../../src/renderer/src/features/venue/import-pack';
import { seedId } from '../../../server/seed/writer';
import { makeTempDir } from '../../support/temp-dir';
import { signInAndSync, useSyncTestbed, type SyncClient } from '../../support/sync-client';

const testbed = useSyncTestbed();
const EDITION = seedId('demo:edition:5');

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
}

/**
 * A disk with `room` bytes left for the writes whose path `where` accepts: past that, every
 * write fails with ENOSPC, as the operating system answers. Other writes go through.
 */
function fullDisk(where: (path: string) => boolean, room: number): Partial<VenueFs> & { hits: string[] } {
  let left = room;
  const hits: string[] = [];
  const take = (path: string, bytes: number): boolean => {
    if (!where(path)) return true;
    if (bytes > left) {
      hits.push(path);
      return false;
    }
    left -= bytes;
    return true;
  };
  return {
    hits,
    writeFile: async (path, text) => {
      if (!take(path, Buffer.byteLength(text))) throw enospc();
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path, text);
    },
    appendStream: (path) => {
      const real = createWriteStream(path, { flags: 'a' });
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          if (!take(path, chunk.length)) {
            callback(enospc());
            return;
          }
          real.write(chunk, callback);
        },
        final(callback) {
          real.end(callback);
        },
        destroy(error, callback) {
          real.destroy();
          callback(error);
        },
      });
    },
  };
}

async function ok<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
  return settled.value;
}

async function failure(result: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string> {
  const settled = await result;
  return settled.ok ? 'ok' : (settled.error?.code ?? '');
}

async function signedIn(client: SyncClient, email: string): Promise<void> {
  await signInAndSync(client, email);
  await expect.poll(async () => (await ok(client.api.venue.status())).deviceRegistered).toBe(true);
}

async function tempDir(prefix: string): Promise<string> {
  const temp = await makeTempDir(prefix);
  testbed.onCleanup(temp.cleanup);
  return temp.dir;
}

function plan(client: SyncClient): Promise<{ packId: string; bytes: number }> {
  return ok(
    client.api.venue.planExport({ collectionId: EDITION, languages: ['en'], tags: ['academia'], categoryIds: [] }),
  );
}

describe('a full disk', () => {
  it('stops an export with disk-full and leaves nothing on the drive; the same pack is written once there is room', async () => {
    const out = await tempDir('cb-full-drive-');
    // Room for the rows and part of the documents, not all of them.
    const disk = fullDisk((path) => path.startsWith(out), 4_000);
    const facilitator = await testbed.client({ venueFs: disk });
    await signedIn(facilitator, 'facilitator@example.org');
    const { packId, bytes } = await plan(facilitator);
    expect(bytes).toBeGreaterThan(4_000);

    expect(await failure(facilitator.api.venue.exportPack({ packId, directory: out }))).toBe('disk-full');
    expect(disk.hits.length).toBeGreaterThan(0);
    expect(await readdir(out)).toEqual([]);

    const roomy = await tempDir('cb-roomy-drive-');
    const { path } = await ok(facilitator.api.venue.exportPack({ packId, directory: roomy }));
    expect((await readdir(path)).sort()).toEqual(['files', 'manifest.json', 'manifest.sig', 'rows']);
  });

  it('stops an import with disk-full, keeps the edition unimported, and the next try completes it', async () => {
    const facilitator = await testbed.client();
    await signedIn(facilitator, 'facilitator@example.org');
    const { packId } = await plan(facilitator);
    const { path } = await ok(facilitator.api.venue.exportPack({ packId, directory: await tempDir('cb-pack-') }));

    let full = true;
    const disk = fullDisk((target) => full && target.includes(join('venue', 'incoming')), 1_000);
    const reader = await testbed.client({ venueFs: disk });
    await signedIn(reader, 'participant@example.org');
    const error = await importPack(reader.api, reader.db, path).then(
      () => null,
      (caught: unknown) => caught as { code?: string },
    );
    expect(error?.code).toBe('disk-full');
    // The half-copied file is gone, the pack is not imported, and the renderer recorded nothing.
    expect(await readdir(join(reader.profileDir, 'venue', 'incoming')).catch(() => [])).toEqual([]);
    const held = (await ok(reader.api.venue.packs())).find((pack) => pack.packId === packId);
    expect(held?.state).not.toBe('imported');
    expect(await reader.db.syncMeta.get('venuePacks')).toBeUndefined();

    full = false;
    const summary = await importPack(reader.api, reader.db, path);
    expect(summary.state).toBe('imported');
  });

  it('stops an alumni archive with disk-full or a cancel, and leaves no folder behind', async () => {
    const out = await tempDir('cb-archive-drive-');
    const disk = fullDisk((path) => path.startsWith(out) && path.endsWith('.pdf'), 10);
    const alumna = await testbed.client({ venueFs: disk });
    await signedIn(alumna, 'participant@example.org');
    const documents = await alumna.db.documents.limit(20).toArray();
    const variant = documents.flatMap((document) => document.variants).find((v) => v.mime === 'application/pdf');
    if (variant === undefined) throw new Error('the demo library has a PDF');

    const begun = await ok(alumna.api.venue.archiveBegin({ directory: out, name: 'edition-archive' }));
    await ok(
      alumna.api.venue.archiveWrite({
        archiveId: begun.archiveId,
        path: 'index.html',
        text: '<!DOCTYPE html>',
        append: false,
      }),
    );
    const files = [{ sha256: variant.sha256, size: variant.size, mime: variant.mime, path: 'files/report-en.pdf' }];
    expect(await failure(alumna.api.venue.archiveFiles({ archiveId: begun.archiveId, files }))).toBe('disk-full');
    expect(await readdir(out)).toEqual([]);
    // The archive is over: a late piece is refused, not written anywhere.
    expect(
      await failure(
        alumna.api.venue.archiveWrite({ archiveId: begun.archiveId, path: 'a.html', text: 'x', append: false }),
      ),
    ).toBe('cancelled');

    // A path outside the archive is refused before anything is written.
    const other = await ok(alumna.api.venue.archiveBegin({ directory: out, name: 'edition-archive' }));
    expect(
      await failure(
        alumna.api.venue.archiveWrite({ archiveId: other.archiveId, path: '../evil.html', text: 'x', append: false }),
      ),
    ).toBe('invalid-arguments');
    await ok(
      alumna.api.venue.archiveWrite({ archiveId: other.archiveId, path: 'index.html', text: 'é', append: false }),
    );
    await ok(
      alumna.api.venue.archiveWrite({ archiveId: other.archiveId, path: 'index.html', text: '😀', append: true }),
    );
    await ok(alumna.api.venue.archiveAbort({ archiveId: other.archiveId }));
    expect(await readdir(out)).toEqual([]);

    const third = await ok(alumna.api.venue.archiveBegin({ directory: out, name: 'edition-archive' }));
    await ok(
      alumna.api.venue.archiveWrite({ archiveId: third.archiveId, path: 'index.html', text: 'é', append: false }),
    );
    await ok(
      alumna.api.venue.archiveWrite({ archiveId: third.archiveId, path: 'index.html', text: '😀', append: true }),
    );
    const { path } = await ok(alumna.api.venue.archiveCommit({ archiveId: third.archiveId }));
    expect(path).toBe(join(out, 'edition-archive'));
    expect(await readFile(join(path, 'index.html'), 'utf8')).toBe('é😀');
  });
});
