import { generateKeyPairSync, sign } from 'node:crypto';
import { cp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_SIGNATURE_CONTEXT, signedText } from '../../../src/shared/venue/pack';
import { newId } from '../../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { importPack } from '../../../src/renderer/src/features/venue/import-pack';
import { collectReceipts, handOffWrites } from '../../../src/renderer/src/features/venue/relay-handoff';
import { seedId } from '../../../server/seed/writer';
import { makeTempDir } from '../../support/temp-dir';
import { signInAndSync, useSyncTestbed, type SyncClient } from '../../support/sync-client';

const testbed = useSyncTestbed();
const EDITION = seedId('demo:edition:5');
const TAGS = ['academia', 'académie'];

/** A computer whose network can be switched off: every request then fails at once, as fetch does offline. */
function switchableNetwork(): {
  offline: boolean;
  requests: string[];
  /** The bodies of the pull pages received, as text. */
  pulls: string[];
  wrap: (f: typeof fetch) => typeof fetch;
} {
  const state = {
    offline: false,
    requests: [] as string[],
    pulls: [] as string[],
    wrap:
      (inner: typeof fetch): typeof fetch =>
      async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        // The venue network (another laptop) still answers: only the internet is gone.
        if (state.offline && !new URL(url).pathname.startsWith('/venue/')) throw new TypeError('Failed to fetch');
        state.requests.push(url);
        const response = await inner(input, init);
        if (url.includes('/api/sync/pull')) state.pulls.push(await response.clone().text());
        return response;
      },
  };
  return state;
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

async function pinned(client: SyncClient): Promise<void> {
  await expect.poll(async () => (await ok(client.api.venue.status())).deviceRegistered, { timeout: 15_000 }).toBe(true);
}

async function exportPack(facilitator: SyncClient, basePackId?: string): Promise<{ path: string; packId: string }> {
  const plan = await ok(
    facilitator.api.venue.planExport({
      collectionId: EDITION,
      languages: ['en', 'fr'],
      tags: TAGS,
      categoryIds: [],
      ...(basePackId !== undefined ? { basePackId } : {}),
    }),
  );
  const out = await makeTempDir('cb-pack-out-');
  testbed.onCleanup(out.cleanup);
  const { path } = await ok(facilitator.api.venue.exportPack({ packId: plan.packId, directory: out.dir }));
  return { path, packId: plan.packId };
}

describe('edition packs', () => {
  it('exports a signed pack, imports it with no network, and the next sync downloads none of it again', async () => {
    const facilitator = await testbed.client();
    await signInAndSync(facilitator, 'facilitator@example.org');
    await pinned(facilitator);
    const network = switchableNetwork();
    const reader = await testbed.client({ wrapFetch: network.wrap });
    await signInAndSync(reader, 'participant@example.org');
    await pinned(reader);
    await reader.engine.stop();

    // New content after the reader's last sync: a session with a note, and a reply in a linked thread.
    const sessionId = newId();
    const noteId = newId();
    const replyId = newId();
    const thread = await facilitator.db.threads.filter((t) => t.tags.includes('academia')).first();
    await enqueueWrites(facilitator.db, [
      {
        name: 'session.create',
        args: { id: sessionId, collectionId: EDITION, title: { en: 'Venue day' }, position: 9 },
      },
      { name: 'material.create', args: { id: noteId, sessionId, content: { kind: 'note', note: 'Bring the pack.' } } },
      {
        name: 'post.create',
        args: { id: replyId, threadId: thread?.id ?? '', body: 'See you in Johannesburg', language: 'en' },
      },
    ]);
    facilitator.engine.trigger();
    await facilitator.settle((s) => s.phase === 'idle' && s.pushed >= 3);

    const { path, packId } = await exportPack(facilitator);
    const names = await readdir(path);
    expect(names.sort()).toEqual(['files', 'manifest.json', 'manifest.sig', 'rows']);

    network.offline = true;
    const summary = await ok(reader.api.venue.inspectPack({ path }));
    expect(summary.title).toContain('Johannesburg');
    expect(summary.files).toBeGreaterThan(0);
    await importPack(reader.api, reader.db, path);
    expect(await reader.db.sessions.get(sessionId)).toBeDefined();
    expect((await reader.db.materials.get(noteId))?.kind).toBe('note');
    expect((await reader.db.posts.get(replyId))?.body).toBe('See you in Johannesburg');
    const held = (await ok(reader.api.venue.packs())).find((pack) => pack.packId === packId);
    expect(held?.state).toBe('imported');
    const states = await ok(reader.api.files.states());
    expect(states.filter((state) => state.status === 'done').length).toBeGreaterThanOrEqual(summary.files);

    // Online again: the pull leaves out everything the pack brought, and no file is downloaded.
    network.offline = false;
    network.requests.length = 0;
    network.pulls.length = 0;
    reader.engine.start();
    await reader.settle();
    const pulled = network.pulls.join('');
    expect(pulled).not.toContain(sessionId);
    expect(pulled).not.toContain(noteId);
    expect(pulled).not.toContain(replyId);
    expect(network.requests.filter((url) => url.includes('/api/files/'))).toEqual([]);
    const pulls = network.requests.filter((url) => url.includes('/api/sync/pull'));
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toContain(`packs=${packId}`);
    // One small page: the three writes the pack brought are passed over, nothing else changed meanwhile.
    expect(Buffer.byteLength(pulled)).toBeLessThan(300);
    expect(JSON.parse(pulled)).toMatchObject({ changes: [], hasMore: false });
    expect(await reader.db.syncMeta.get('venuePacks')).toBeUndefined();
  });

  it('refuses a tampered file, a tampered manifest and a pack from another server, by name', async () => {
    const facilitator = await testbed.client();
    await signInAndSync(facilitator, 'facilitator@example.org');
    await pinned(facilitator);
    const { path } = await exportPack(facilitator);
    const reader = await testbed.client();
    await signInAndSync(reader, 'participant@example.org');
    await pinned(reader);
    const work = await makeTempDir('cb-pack-bad-');
    testbed.onCleanup(work.cleanup);

    const tamperedFile = join(work.dir, 'file.cbpack');
    await cp(path, tamperedFile, { recursive: true });
    const [first] = await readdir(join(tamperedFile, 'files'));
    const bytes = await readFile(join(tamperedFile, 'files', first ?? ''));
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    await writeFile(join(tamperedFile, 'files', first ?? ''), bytes);
    expect(await failure(reader.api.venue.importFiles({ path: tamperedFile }))).toBe('pack-tampered');
    expect(await reader.db.collections.count()).toBeGreaterThan(0);

    const tamperedManifest = join(work.dir, 'manifest.cbpack');
    await cp(path, tamperedManifest, { recursive: true });
    const text = await readFile(join(tamperedManifest, 'manifest.json'), 'utf8');
    await writeFile(join(tamperedManifest, 'manifest.json'), text.replace('"languages": [', '"languages": [ "es",'));
    expect(await failure(reader.api.venue.importFiles({ path: tamperedManifest }))).toBe('pack-bad-signature');

    const foreign = join(work.dir, 'foreign.cbpack');
    await cp(path, foreign, { recursive: true });
    const other = generateKeyPairSync('ed25519');
    const x = String(other.publicKey.export({ format: 'jwk' }).x);
    const { createHash } = await import('node:crypto');
    const keyId = createHash('sha256').update(Buffer.from(x, 'base64url')).digest('hex').slice(0, 16);
    const manifest = JSON.parse(await readFile(join(foreign, 'manifest.json'), 'utf8')) as { keyId: string };
    manifest.keyId = keyId;
    const foreignText = JSON.stringify(manifest);
    await writeFile(join(foreign, 'manifest.json'), foreignText);
    await writeFile(
      join(foreign, 'manifest.sig'),
      sign(null, signedText(PACK_SIGNATURE_CONTEXT, foreignText), other.privateKey).toString('base64url'),
    );
    expect(await failure(reader.api.venue.importFiles({ path: foreign }))).toBe('pack-foreign-server');
  });

  it('resumes an import interrupted at random points, and applies a delta on its base', async () => {
    const facilitator = await testbed.client();
    await signInAndSync(facilitator, 'facilitator@example.org');
    await pinned(facilitator);
    const { path, packId } = await exportPack(facilitator);
    const reader = await testbed.client();
    await signInAndSync(reader, 'participant@example.org');
    await pinned(reader);
    await reader.engine.stop();

    // A delta needs its base first.
    const threadId = (await facilitator.db.threads.filter((t) => t.tags.includes('académie')).first())?.id ?? '';
    const lateReply = newId();
    await enqueueWrites(facilitator.db, [
      { name: 'post.create', args: { id: lateReply, threadId, body: 'Added after the first pack.', language: 'fr' } },
    ]);
    facilitator.engine.trigger();
    await facilitator.settle((s) => s.phase === 'idle' && s.pushed >= 1);
    const delta = await exportPack(facilitator, packId);
    expect((await ok(reader.api.venue.inspectPack({ path: delta.path }))).base).toBe(packId);
    expect(await failure(reader.api.venue.importFiles({ path: delta.path }))).toBe('pack-base-missing');

    // Interruptions: a file cut short at a random length (a crash mid-copy), then a cancel during the copy.
    const incoming = join(reader.profileDir, 'venue', 'incoming');
    const manifest = JSON.parse(await readFile(join(path, 'manifest.json'), 'utf8')) as {
      files: { sha256: string; size: number }[];
    };
    const big = manifest.files[0];
    if (big === undefined) throw new Error('the pack has no file');
    await cp(join(path, 'files', big.sha256), join(incoming, `${big.sha256}.part`));
    await truncate(join(incoming, `${big.sha256}.part`), Math.floor(Math.random() * big.size));
    const off = reader.api.on('venue.progress', (progress) => {
      if (progress.kind === 'import' && progress.phase === 'copying') void reader.api.venue.cancel({ packId });
    });
    const cancelled = await failure(reader.api.venue.importFiles({ path }));
    off();
    expect(['cancelled', 'ok']).toContain(cancelled);
    expect((await ok(reader.api.venue.packs())).find((p) => p.packId === packId)?.state).not.toBe('imported');
    // Rows partly applied, then the app "restarts" the import from the start.
    const partial = await ok(reader.api.venue.importFiles({ path }));
    const rows = await ok(reader.api.venue.packRows({ packId, index: 0 }));
    expect(rows.changes.length).toBeGreaterThan(0);
    expect(partial.state).toBe('importing');
    await importPack(reader.api, reader.db, path);
    expect((await ok(reader.api.venue.packs())).find((p) => p.packId === packId)?.state).toBe('imported');
    for (const file of manifest.files) {
      expect((await ok(reader.api.files.states())).find((s) => s.sha256 === file.sha256)?.status).toBe('done');
    }

    await importPack(reader.api, reader.db, delta.path);
    expect((await reader.db.posts.get(lateReply))?.body).toBe('Added after the first pack.');
    await rm(delta.path, { recursive: true, force: true });
  });
});

describe('the venue relay', () => {
  it('carries 50 replies from laptop A through host B to the server, each once and as A; A online duplicates nothing', async () => {
    const network = switchableNetwork();
    const a = await testbed.client({ wrapFetch: network.wrap });
    await signInAndSync(a, 'participant@example.org');
    await pinned(a);
    const b = await testbed.client();
    await signInAndSync(b, 'facilitator@example.org');
    await pinned(b);
    const watcher = await testbed.client();
    await signInAndSync(watcher, 'moderator@example.org');

    network.offline = true;
    await a.engine.stop();
    const threadId = (await a.db.threads.filter((t) => !t.locked && !t.hidden).first())?.id ?? '';
    const ids = Array.from({ length: 50 }, () => newId());
    await enqueueWrites(
      a.db,
      ids.map((id, n) => ({
        name: 'post.create' as const,
        args: { id, threadId, body: `Reply ${n} from the venue`, language: 'en' as const },
      })),
    );

    const host = await ok(b.api.venue.startSharing({ bind: '127.0.0.1', port: 0 }));
    const address = host.host?.addresses[0] ?? '';
    expect(await failure(a.api.venue.connect({ address, code: 'AAAA-AAAA' }))).toBe('pairing-refused');
    await ok(a.api.venue.connect({ address, code: (host.host?.code ?? '').toLowerCase() }));
    expect(await handOffWrites(a.api, a.db)).toBe(50);
    const mutationIds = (await a.db.outbox.toArray()).map((item) => item.id);
    const states = await ok(a.api.venue.relayStates());
    expect(mutationIds.every((id) => states[id] === 'handed')).toBe(true);

    // B is online: the drop box goes up by itself.
    watcher.engine.trigger();
    await expect
      .poll(
        async () => {
          watcher.engine.trigger();
          return watcher.db.posts.where('id').anyOf(ids).count();
        },
        // A bound for a machine shared by many test runs (31 of 50 had landed at 20 s under a load of 25).
        { timeout: 90_000 },
      )
      .toBe(50);
    const landed = await watcher.db.posts.where('id').anyOf(ids).toArray();
    const participant = (await a.db.syncMeta.get('userId'))?.value ?? (await ok(a.api.session.status())).user?.id;
    expect(new Set(landed.map((post) => post.authorId))).toEqual(new Set([participant]));

    // Receipts signed by the server travel back through B: A sees "delivered" with no internet.
    await expect.poll(async () => (await collectReceipts(a.api, a.db)).applied, { timeout: 60_000 }).toBe(50);
    expect(await a.db.outbox.count()).toBe(0);
    expect(Object.values(await ok(a.api.venue.relayStates())).filter((s) => s === 'delivered').length).toBe(50);
    await ok(b.api.venue.stopSharing());
  });

  it("A's own push of writes already relayed gets the first results and duplicates nothing; forged and replayed writes are refused", async () => {
    const network = switchableNetwork();
    const a = await testbed.client({ wrapFetch: network.wrap });
    await signInAndSync(a, 'participant@example.org');
    await pinned(a);
    const b = await testbed.client();
    await signInAndSync(b, 'admin@example.org');
    await pinned(b);
    network.offline = true;
    await a.engine.stop();
    const threadId = (await a.db.threads.filter((t) => !t.locked && !t.hidden).first())?.id ?? '';
    const ids = Array.from({ length: 5 }, () => newId());
    await enqueueWrites(
      a.db,
      ids.map((id) => ({
        name: 'post.create' as const,
        args: { id, threadId, body: 'Relayed, then pushed', language: 'en' as const },
      })),
    );
    const host = await ok(b.api.venue.startSharing({ bind: '127.0.0.1', port: 0 }));
    await ok(a.api.venue.connect({ address: host.host?.addresses[0] ?? '', code: host.host?.code ?? '' }));
    expect(await handOffWrites(a.api, a.db)).toBe(5);
    const server = testbed.server();
    const { Client } = await import('pg');
    const pg = new Client({ connectionString: server.server.databaseUrl });
    await pg.connect();
    testbed.onCleanup(() => pg.end());
    const count = async (): Promise<number> =>
      Number(
        (
          await pg.query<{ n: string }>(
            `SELECT count(*) AS n FROM entities WHERE type = 'post' AND id = ANY($1::uuid[])`,
            [ids],
          )
        ).rows[0]?.n,
      );
    await expect.poll(count, { timeout: 20_000 }).toBe(5);

    // A comes online and pushes the same five writes itself: first results, nothing new.
    network.offline = false;
    a.engine.start();
    await a.settle((s) => s.phase === 'idle' && s.pushed >= 5);
    expect(await a.db.outbox.count()).toBe(0);
    expect(await count()).toBe(5);

    // A forged write (the body changed after signing) and a replay of a delivered one.
    const dropbox = JSON.parse(await readFile(join(b.profileDir, 'venue', 'dropbox.json'), 'utf8')) as {
      dropped: { envelope: { payload: string; signature: string } }[];
    };
    const envelope = dropbox.dropped[0]?.envelope;
    if (envelope === undefined) throw new Error('no envelope in the drop box');
    const token = await (async () => {
      const response = await fetch(`${server.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-protocol': '1' },
        body: JSON.stringify({ email: 'moderator@example.org', password: 'collective-brain' }),
      });
      return ((await response.json()) as { token: string }).token;
    })();
    const relay = async (
      envelopes: unknown[],
    ): Promise<{ status: string; code?: string; results?: { replay: boolean }[] }[]> => {
      const response = await fetch(`${server.server.url}/api/venue/relay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-protocol': '1', authorization: `Bearer ${token}` },
        body: JSON.stringify({ envelopes }),
      });
      return (
        (await response.json()) as { outcomes: { status: string; code?: string; results?: { replay: boolean }[] }[] }
      ).outcomes;
    };
    const forged = { ...envelope, payload: envelope.payload.replace('Relayed, then pushed', 'Words A never wrote') };
    const [forgedOutcome] = await relay([forged]);
    expect(forgedOutcome).toMatchObject({ status: 'refused', code: 'relay-bad-signature' });
    const [replayOutcome] = await relay([envelope]);
    expect(replayOutcome?.status).toBe('delivered');
    expect(replayOutcome?.results?.every((result) => result.replay)).toBe(true);
    expect(await count()).toBe(5);
    const forgedText = await pg.query(
      `SELECT 1 FROM entities WHERE type = 'post' AND data->>'body' = 'Words A never wrote'`,
    );
    expect(forgedText.rowCount).toBe(0);
    await ok(b.api.venue.stopSharing());
  });
});
