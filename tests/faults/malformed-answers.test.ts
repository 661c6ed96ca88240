import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/renderer/src/data/ids';
import { enqueueWrites } from '../../src/renderer/src/data/outbox';
import type { ErrorCode } from '../../src/shared/result';
import { startTestServer, type TestServer } from '../support/server';
import { DEMO_PASSWORD, startSyncClient, type SyncClient } from '../support/sync-client';
import { makeTempDir } from '../support/temp-dir';
import { differences } from './convergence';
import { seededRandom, startFaultyProxy, type FaultyProxy, type Tampered } from './faulty-proxy';
import { recordFigures, runSeed, scale } from './report';

/**
 * Malformed and oversized answers from the server: a client that pulls through a proxy which rewrites
 * its pull pages (random bytes, other JSON, a field of the wrong type, a cut body, a dropped connection,
 * more changes than asked, a field of megabytes, changes out of order, an error page). Each page must be
 * refused whole: nothing of it applied, the cursor where it was, and the error shown with its named code.
 * Once the answers are sound again, the client catches up.
 */
const CASES = scale(150, 16);
const seed = runSeed();
const random = seededRandom(seed);

type Kind =
  | 'random bytes'
  | 'other JSON'
  | 'a field of the wrong type'
  | 'a required field missing'
  | 'an unknown field'
  | 'a truncated body'
  | 'the connection cut mid-body'
  | 'more changes than asked'
  | 'a field of 8 MB'
  | 'changes out of order'
  | 'an HTML error page';
const KINDS: readonly Kind[] = [
  'random bytes',
  'other JSON',
  'a field of the wrong type',
  'a required field missing',
  'an unknown field',
  'a truncated body',
  'the connection cut mid-body',
  'more changes than asked',
  'a field of 8 MB',
  'changes out of order',
  'an HTML error page',
];
const CODE_OF: Record<Kind, ErrorCode> = {
  'random bytes': 'invalid-response',
  'other JSON': 'invalid-response',
  'a field of the wrong type': 'invalid-response',
  'a required field missing': 'invalid-response',
  'an unknown field': 'invalid-response',
  'a truncated body': 'invalid-response',
  'the connection cut mid-body': 'offline',
  'more changes than asked': 'invalid-response',
  'a field of 8 MB': 'invalid-response',
  'changes out of order': 'invalid-response',
  'an HTML error page': 'unavailable',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const sample = <T>(arbitrary: fc.Arbitrary<T>): T => {
  const [value] = fc.sample(arbitrary, { numRuns: 1, seed: Math.floor(random() * 2 ** 31) });
  if (value === undefined) throw new Error('no sample');
  return value;
};
const pickIndex = (length: number): number => Math.floor(random() * length);

/** Every place in a JSON value, as a path of keys and indexes (the root excluded). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...paths(item, [...prefix, i])]);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
  return [];
}

function parentOf(root: Json, path: (string | number)[]): { parent: Json; key: string | number } {
  let parent = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json;
  return { parent, key: path.at(-1) ?? '' };
}

/** A value of another JSON type than `value`, and not null (which some fields accept). */
function otherType(value: Json): Json {
  if (typeof value === 'string') return random() < 0.5 ? 42 : { value };
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 1;
  if (Array.isArray(value)) return 'not a list';
  return random() < 0.5 ? 7 : ['not', 'an', 'object'];
}

function tamper(kind: Kind, answer: { status: number; body: Buffer }): Tampered {
  const json = (value: Json): Tampered => ({ status: 200, body: Buffer.from(JSON.stringify(value)) });
  const page = JSON.parse(answer.body.toString('utf8')) as { changes: Record<string, Json>[]; cursor: string } & {
    [key: string]: Json;
  };
  switch (kind) {
    case 'random bytes':
      return { status: 200, body: Buffer.from(sample(fc.uint8Array({ minLength: 1, maxLength: 2000 }))) };
    case 'other JSON': {
      const value = sample(fc.jsonValue()) as Json;
      return json(typeof value === 'object' && value !== null && 'changes' in value ? [value] : value);
    }
    case 'a field of the wrong type': {
      const all = paths(page);
      const path = all[pickIndex(all.length)] ?? ['cursor'];
      const { parent, key } = parentOf(page, path);
      const container = parent as Record<string | number, Json>;
      container[key] = otherType(container[key] ?? null);
      return json(page);
    }
    case 'a required field missing': {
      const change = page.changes[pickIndex(page.changes.length)];
      const keys = ['seq', 'id', 'version', 'type', 'op'];
      if (change === undefined)
        Reflect.deleteProperty(page, ['cursor', 'changes', 'hasMore'][pickIndex(3)] ?? 'cursor');
      else Reflect.deleteProperty(change, keys[pickIndex(keys.length)] ?? 'seq');
      return json(page);
    }
    case 'an unknown field':
      page['sneaky'] = sample(fc.jsonValue()) as Json;
      return json(page);
    case 'a truncated body':
      return { status: 200, body: answer.body.subarray(0, Math.max(1, pickIndex(answer.body.length - 1))) };
    case 'the connection cut mid-body':
      return 'cut';
    case 'more changes than asked': {
      const first = page.changes[0];
      if (first === undefined) throw new Error('an empty page');
      const last = Number(page.changes.at(-1)?.['seq'] ?? 0);
      // 2 001 changes, each one a valid change: the client asked for at most 2 000.
      page.changes = Array.from({ length: 2001 }, (_, i) => ({ ...first, seq: last + 1 + i }));
      return json(page);
    }
    case 'a field of 8 MB': {
      const change = page.changes.find(
        (c) => typeof (c['data'] as Record<string, Json> | undefined)?.['body'] === 'string',
      );
      if (change === undefined) throw new Error('no post in the page');
      (change['data'] as Record<string, Json>)['body'] = 'x'.repeat(8 * 1024 * 1024);
      return json(page);
    }
    case 'changes out of order': {
      const first = page.changes[0];
      if (first === undefined) throw new Error('an empty page');
      // The page's changes the other way round, and one going back before the first.
      page.changes = [...page.changes.reverse(), { ...first, seq: Number(first['seq']) - 1 }];
      return json(page);
    }
    case 'an HTML error page':
      return { status: 502, body: Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>') };
  }
}

let server: TestServer;
let proxy: FaultyProxy;
let pool: pg.Pool;
let reader: SyncClient;
let writer: SyncClient;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.server.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  proxy = await startFaultyProxy({ rates: { dropRequest: 0, dropResponse: 0, replay: 0 }, seed });
  proxy.upstream = server.server.url;
  for (const [email, url] of [
    ['participant@example.org', proxy.url],
    ['moderator@example.org', server.server.url],
  ] as const) {
    const profile = await makeTempDir('cb-faults-client-');
    const client = await startSyncClient({
      profileDir: profile.dir,
      serverUrl: url,
      backoff: { baseMs: 20, maxMs: 200 },
    });
    cleanups.push(async () => {
      await client.close();
      await profile.cleanup();
    });
    const status = await client.api.session.login({ email, password: DEMO_PASSWORD });
    if (!status.ok) throw new Error(`login failed: ${status.error.code}`);
    client.engine.start();
    await client.settle();
    if (email === 'participant@example.org') reader = client;
    else writer = client;
  }
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await proxy.close();
  await pool.end();
  await server.close();
});

describe('malformed and oversized server answers', () => {
  it('refuses each bad page whole, keeps the cursor, shows the error, and catches up once answers are sound', async () => {
    const threads = await reader.db.threads.filter((t) => !t.locked && !t.hidden).toArray();
    const tally = new Map<Kind, number>();
    const cursorOf = async (): Promise<string | undefined> => (await reader.db.syncMeta.get('cursor'))?.value;
    for (let n = 0; n < CASES; n += 1) {
      const kind = KINDS[n % KINDS.length] ?? 'random bytes';
      // Pages are spoiled from before the server has something new (the live stream makes the client, and
      // main ahead of it, pull as soon as it does).
      const cursor = await cursorOf();
      let spoiled = 0;
      proxy.tamper = (path, answer) => {
        if (!path.startsWith('/api/sync/pull') || answer.status !== 200) return null;
        spoiled += 1;
        return tamper(kind, answer);
      };
      const id = newId();
      const threadId = threads[pickIndex(threads.length)]?.id ?? '';
      await enqueueWrites(writer.db, [
        { name: 'post.create', args: { id, threadId, body: `Case ${String(n)}: ${kind}`, language: 'en' } },
      ]);
      writer.engine.trigger();
      await expect.poll(() => writer.db.outbox.count()).toBe(0);

      reader.engine.trigger();
      await expect
        .poll(
          () => {
            const status = reader.engine.current();
            return spoiled > 0 && status.phase === 'waiting-to-retry' ? status.error?.code : undefined;
          },
          { message: `case ${String(n)}: ${kind}` },
        )
        .toBe(CODE_OF[kind]);
      // Nothing of the page was applied: the cursor is where it was, the new reply is not in the cache.
      expect(await cursorOf()).toBe(cursor);
      expect(await reader.db.posts.get(id)).toBeUndefined();
      tally.set(kind, (tally.get(kind) ?? 0) + 1);

      proxy.tamper = null;
      reader.engine.trigger();
      await expect.poll(async () => (await reader.db.posts.get(id))?.version).toBe(1);
      await expect.poll(() => reader.engine.current().error).toBeNull();
    }
    expect(await differences(reader.db, pool, false)).toEqual({ entities: [], counts: [] });

    await recordFigures('malformed-answers', 'Malformed and oversized server answers', [
      `Run of ${new Date().toISOString().slice(0, 10)}, seed ${String(seed)}: \`npx vitest run --config vitest.faults.config.ts tests/faults/malformed-answers.test.ts\`.`,
      '',
      `${String(CASES)} pull pages spoiled on their way to a client (through a proxy on 127.0.0.1), each after a new reply on the server. Every one was refused whole: the cursor unchanged, the reply not applied, the sync status showing the error's code; then, with sound answers, the client caught up, and its cache ended equal to the server (entities by id and version, thread counts).`,
      '',
      '| What the page became | Pages | Error shown |',
      '| --- | --- | --- |',
      ...KINDS.map((kind) => `| ${kind} | ${String(tally.get(kind) ?? 0)} | \`${CODE_OF[kind]}\` |`),
    ]);
  });
});
