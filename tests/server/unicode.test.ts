import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponseSchema } from '../../src/shared/wire';
import { DEMO, startTestCluster, type TestCluster, type TestServer } from './harness';

/**
 * One pasted character must not stop a client: text PostgreSQL cannot store (U+0000, an unpaired
 * surrogate) is refused per mutation as `invalid`, the rest of the batch goes on, and nothing answers 500.
 */
let cluster: TestCluster;
let server: TestServer;
let participant: string;
let admin: string;
let categoryId: string;
let threadId: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({ seed: 'demo' });
  participant = await server.api.login(DEMO.participant);
  admin = await server.api.login(DEMO.admin);
  const [category] = await server.sql<{ id: string }>(
    "SELECT id FROM entities WHERE type = 'category' ORDER BY seq LIMIT 1",
  );
  categoryId = category?.id ?? '';
  threadId = randomUUID();
  const created = await server.api.push(participant, 'setup', [
    { id: randomUUID(), name: 'thread.create', args: { id: threadId, categoryId, title: 'Unicode', language: 'en' } },
  ]);
  expect(created.body.results[0]?.status).toBe('applied');
});
afterAll(async () => {
  await cluster.stop();
});

const reply = (body: string): { id: string; name: string; args: unknown } => ({
  id: randomUUID(),
  name: 'post.create',
  args: { id: randomUUID(), threadId, body, language: 'en' },
});

describe('text the database cannot store', () => {
  it.each([
    ['a NUL', 'before\u0000after'],
    ['an unpaired high surrogate', 'broken \uD83D pair'],
    ['an unpaired low surrogate', '\uDE00 broken'],
  ])('%s in a reply is refused as invalid, and the write before it in the batch keeps its result', async (_, body) => {
    const good = reply('A good reply written first.');
    const bad = reply(body);
    const after = reply('A good reply written after.');
    const response = await server.api.push(participant, 'client-unicode', [good, bad, after]);
    expect(response.status).toBe(200);
    const results = PushResponseSchema.parse(response.body).results;
    expect(results.map((result) => result.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(results[1]).toMatchObject({ code: 'invalid' });
    // A replay answers the same, from the record (it was recorded, not lost in a 500).
    const replay = await server.api.push(participant, 'client-unicode', [good, bad, after]);
    expect(replay.body).toEqual(response.body);
  });

  it('is refused in a key of the arguments too, and the refusal quoting it can be stored', async () => {
    const response = await server.api.push(participant, 'client-unicode', [
      {
        id: randomUUID(),
        name: 'post.create',
        args: { id: randomUUID(), threadId, body: 'fine', language: 'en', ['x\u0000y']: 1 },
      },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
  });

  it('in a client or mutation id is a bad request, not a server error', async () => {
    const response = await server.api.push(participant, 'client\u0000id', [reply('fine')]);
    expect(response.status).toBe(400);
    const mutation = { ...reply('fine'), id: 'id\uD800' };
    expect((await server.api.push(participant, 'client-unicode', [mutation])).status).toBe(400);
  });
});

describe('labels', () => {
  it('titles, tags and names lose bidi controls and zero-width characters', async () => {
    const id = randomUUID();
    const response = await server.api.push(participant, 'client-labels', [
      {
        id: randomUUID(),
        name: 'thread.create',
        args: {
          id,
          categoryId,
          title: '\u202EGNINRAW\u202C Coopérative\u200B  d’habitation',
          language: 'fr',
          tags: ['\u2066logement\u2069', 'co\u200Dop'],
        },
      },
      { id: randomUUID(), name: 'profile.update', args: { displayName: '\u200FAmina\u200B Haddad\u2067' } },
    ]);
    expect(response.body.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const [thread] = await server.sql<{ data: { title: string; tags: string[] } }>(
      'SELECT data FROM entities WHERE id = $1',
      [id],
    );
    expect(thread?.data.title).toBe('GNINRAW Coopérative d’habitation');
    // A joiner between two letters is part of a word's spelling and stays.
    expect(thread?.data.tags).toEqual(['logement', 'co\u200Dop']);
    const [profile] = await server.sql<{ display_name: string }>('SELECT display_name FROM users WHERE email = $1', [
      DEMO.participant,
    ]);
    expect(profile?.display_name).toBe('Amina Haddad');
  });

  it('a title made only of invisible characters is empty, so refused', async () => {
    const response = await server.api.push(participant, 'client-labels', [
      {
        id: randomUUID(),
        name: 'thread.create',
        args: { id: randomUUID(), categoryId, title: '\u200B\u202E\u200F', language: 'en' },
      },
    ]);
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
  });
});

/** Any code unit at all, lone surrogates and NUL included, and some whole characters from every plane. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units)),
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'a\u0000', '\u202E', '\uFEFF', ''),
);

describe('push never answers 500 to user text', () => {
  it('random Unicode in every text field of replies, threads, translations, sessions and profiles', async () => {
    const collectionId = await firstCollection();
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, async (a, b, c) => {
        const mutations = [
          reply(a),
          {
            id: randomUUID(),
            name: 'thread.create',
            args: { id: randomUUID(), categoryId, title: b, language: 'en', tags: [c] },
          },
          {
            id: randomUUID(),
            name: 'translation.create',
            args: { id: randomUUID(), targetType: 'post', targetId: randomUUID(), language: 'fr', body: c },
          },
          { id: randomUUID(), name: 'profile.update', args: { displayName: `${a}x` } },
          {
            id: randomUUID(),
            name: 'session.create',
            args: { id: randomUUID(), collectionId, title: { [b === '' ? 'en' : 'fr']: `${c}t` } },
          },
          { id: randomUUID(), name: 'post.create', args: { [a]: b } },
        ];
        const token = mutations.length % 2 === 0 ? admin : participant;
        const response = await server.api.push(token, `fuzz-${randomUUID()}`, mutations);
        expect(response.status, response.text).toBe(200);
        const results = PushResponseSchema.parse(response.body).results;
        expect(results).toHaveLength(mutations.length);
      }),
      { numRuns: 60 },
    );
  });
});

async function firstCollection(): Promise<string> {
  const [collection] = await server.sql<{ id: string }>(
    "SELECT id FROM entities WHERE type = 'collection' ORDER BY seq LIMIT 1",
  );
  return collection?.id ?? '';
}
