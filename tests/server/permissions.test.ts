import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MUTATION_NAMES,
  ROLE_CAPABILITIES,
  ROLES,
  type Capability,
  type MutationName,
  type Role,
} from '../../src/shared/wire';
import { inviteAndJoin } from './people-support';
import { DEMO, startTestCluster, type TestCluster, type TestServer } from './harness';

/**
 * The authorization table: every role against every mutation, on content that belongs to someone else (a
 * plain participant, "stranger"), against the real server. The expected answer is derived from
 * ROLE_CAPABILITIES: each mutation says what it asks of the user, and a role may do it exactly when its
 * capabilities include that. A new mutation without its rule here does not compile (and the first test
 * names it); a new role or capability changes the expectations by itself. Own content is checked below.
 */
type Rule =
  /** Anyone signed in. */
  | 'signed-in'
  /** Whoever holds the capability (on others' content: the author's rights do not apply). */
  | Capability
  /** Only the author, whatever their role: refused to everyone on others' content. */
  | 'author-only';

const RULES: Readonly<Record<MutationName, Rule>> = {
  'thread.create': 'forum.write',
  'thread.update': 'forum.moderate',
  'thread.delete': 'forum.moderate',
  'thread.lock': 'forum.moderate',
  'thread.pin': 'forum.moderate',
  'thread.hide': 'forum.moderate',
  'thread.move': 'forum.moderate',
  'post.create': 'forum.write',
  'post.update': 'author-only',
  'post.delete': 'forum.moderate',
  'post.hide': 'forum.moderate',
  'collection.create': 'library.write',
  'collection.update': 'library.write',
  'collection.delete': 'library.write',
  'session.create': 'library.write',
  'session.update': 'library.write',
  'session.delete': 'library.write',
  'material.create': 'library.write',
  'material.update': 'library.write',
  'material.delete': 'library.write',
  'document.create': 'library.write',
  'document.update': 'library.write',
  'news.create': 'news.publish',
  'news.update': 'news.publish',
  'news.publish': 'news.publish',
  'news.pin': 'news.publish',
  'news.delete': 'news.publish',
  'report.create': 'signed-in',
  'report.resolve': 'forum.moderate',
  'translation.create': 'signed-in',
  'translation.update': 'forum.moderate',
  'translation.delete': 'forum.moderate',
  'translationRequest.create': 'signed-in',
  // The asker's own, or a moderator's (on others' requests only moderators may).
  'translationRequest.delete': 'forum.moderate',
  'user.update': 'users.manage',
  'profile.update': 'signed-in',
  'follow.set': 'signed-in',
};

/** The answer a role gets, from the table of roles and capabilities alone. */
function expectedFor(role: Role, name: MutationName): string {
  const rule = RULES[name];
  if (rule === 'signed-in') return 'applied';
  if (rule === 'author-only') return 'rejected:forbidden';
  return ROLE_CAPABILITIES[role].includes(rule) ? 'applied' : 'rejected:forbidden';
}

let cluster: TestCluster;
let server: TestServer;
const tokens = new Map<Role | 'stranger', string>();
let strangerId: string;
let categoryId: string;
let fileSha: string;

async function apply(token: string, name: string, args: unknown): Promise<{ status: string; code?: string }> {
  const response = await server.api.push(token, 'matrix', [{ id: randomUUID(), name, args }]);
  const result = response.body.results[0];
  if (result === undefined) throw new Error(response.text);
  return result;
}

async function must(token: string, name: string, args: unknown): Promise<void> {
  const result = await apply(token, name, args);
  if (result.status !== 'applied') throw new Error(`${name}: ${JSON.stringify(result)}`);
}

const stranger = (): string => tokens.get('stranger') ?? '';
const admin = (): string => tokens.get('admin') ?? '';

/** Fresh targets for one mutation, owned by the stranger (forum) or made by the admin (library). */
async function argsFor(name: MutationName): Promise<unknown> {
  const id = randomUUID();
  const thread = async (): Promise<string> => {
    const threadId = randomUUID();
    await must(stranger(), 'thread.create', { id: threadId, categoryId, title: 'Theirs', language: 'es' });
    return threadId;
  };
  const post = async (): Promise<string> => {
    const postId = randomUUID();
    await must(stranger(), 'post.create', { id: postId, threadId: await thread(), body: 'Theirs', language: 'es' });
    return postId;
  };
  const collection = async (): Promise<string> => {
    const collectionId = randomUUID();
    await must(admin(), 'collection.create', { id: collectionId, title: { en: 'C' } });
    return collectionId;
  };
  const session = async (): Promise<string> => {
    const sessionId = randomUUID();
    await must(admin(), 'session.create', { id: sessionId, collectionId: await collection(), title: { en: 'S' } });
    return sessionId;
  };
  const material = async (): Promise<string> => {
    const materialId = randomUUID();
    await must(admin(), 'material.create', {
      id: materialId,
      sessionId: await session(),
      content: { kind: 'note', note: 'n' },
    });
    return materialId;
  };
  const document = async (): Promise<string> => {
    const documentId = randomUUID();
    await must(admin(), 'document.create', {
      id: documentId,
      type: 'publication',
      title: { en: 'D' },
      variants: [{ language: 'en', sha256: fileSha }],
    });
    return documentId;
  };
  const news = async (): Promise<string> => {
    const newsId = randomUUID();
    await must(admin(), 'news.create', { id: newsId, versions: { en: { title: 'News', body: 'Body' } } });
    return newsId;
  };
  const report = async (): Promise<string> => {
    const reportId = randomUUID();
    await must(admin(), 'report.create', { id: reportId, postId: await post(), reason: 'spam' });
    return reportId;
  };
  const translation = async (): Promise<string> => {
    const translationId = randomUUID();
    await must(stranger(), 'translation.create', {
      id: translationId,
      targetType: 'post',
      targetId: await post(),
      language: 'en',
      body: 'Theirs, in English',
    });
    return translationId;
  };
  const translationRequest = async (): Promise<string> => {
    const requestId = randomUUID();
    await must(stranger(), 'translationRequest.create', {
      id: requestId,
      targetType: 'post',
      targetId: await post(),
      language: 'ja',
    });
    return requestId;
  };
  switch (name) {
    case 'thread.create':
      return { id, categoryId, title: 'Mine', language: 'en' };
    case 'thread.update':
      return { id: await thread(), title: 'Edited' };
    case 'thread.delete':
      return { id: await thread() };
    case 'thread.lock':
      return { id: await thread(), locked: true };
    case 'thread.pin':
      return { id: await thread(), pinned: true };
    case 'thread.hide':
      return { id: await thread(), hidden: true };
    case 'thread.move':
      return { id: await thread(), categoryId };
    case 'post.create':
      return { id, threadId: await thread(), body: 'Reply', language: 'en' };
    case 'post.update':
      return { id: await post(), body: 'Edited' };
    case 'post.delete':
      return { id: await post() };
    case 'post.hide':
      return { id: await post(), hidden: true };
    case 'collection.create':
      return { id, title: { en: 'New' } };
    case 'collection.update':
      return { id: await collection(), title: { en: 'Renamed' } };
    case 'collection.delete':
      return { id: await collection() };
    case 'session.create':
      return { id, collectionId: await collection(), title: { en: 'New' } };
    case 'session.update':
      return { id: await session(), position: 3 };
    case 'session.delete':
      return { id: await session() };
    case 'material.create':
      return { id, sessionId: await session(), content: { kind: 'link', url: 'https://www.ilo.org/' } };
    case 'material.update':
      return { id: await material(), content: { kind: 'note', note: 'changed' } };
    case 'material.delete':
      return { id: await material() };
    case 'document.create':
      return { id, type: 'report', title: { en: 'New' }, variants: [{ language: 'en', sha256: fileSha }] };
    case 'document.update':
      return { id: await document(), year: 2020 };
    case 'news.create':
      return {
        id,
        versions: { en: { title: 'Ours', body: 'In English' }, fr: { title: 'Nôtre', body: 'En français' } },
      };
    case 'news.update':
      return { id: await news(), versions: { es: { title: 'Noticia', body: 'En español' } } };
    case 'news.publish':
      return { id: await news(), published: false };
    case 'news.pin':
      return { id: await news(), pinned: true };
    case 'news.delete':
      return { id: await news() };
    case 'report.create':
      return { id, postId: await post(), reason: 'off-topic', note: 'Not about the SSE' };
    case 'report.resolve':
      return { id: await report(), action: 'dismissed', note: 'Fair criticism' };
    case 'translation.create':
      return { id, targetType: 'post', targetId: await post(), language: 'fr', body: 'Le leur, en français' };
    case 'translation.update':
      return { id: await translation(), body: 'Edited translation' };
    case 'translation.delete':
      return { id: await translation() };
    case 'translationRequest.create':
      return { id, targetType: 'post', targetId: await post(), language: 'fr' };
    case 'translationRequest.delete':
      return { id: await translationRequest() };
    case 'user.update':
      return { id: strangerId, displayName: `Renamed ${id.slice(0, 4)}` };
    case 'profile.update':
      return { contentLanguages: ['ko', 'en'] };
    case 'follow.set':
      return { targetType: 'thread', targetId: await thread(), following: true };
  }
}

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({ seed: 'demo' });
  for (const role of ROLES) tokens.set(role, await server.api.login(DEMO[role]));
  const stranger = await inviteAndJoin(server.api, admin(), {
    email: 'stranger@example.org',
    displayName: 'Stranger',
    password: 'stranger-password',
    roles: ['participant'],
  });
  strangerId = stranger.id;
  tokens.set('stranger', stranger.token);
  const [category] = await server.sql<{ id: string }>("SELECT id FROM entities WHERE type = 'category' LIMIT 1");
  const [file] = await server.sql<{ sha256: string }>('SELECT sha256 FROM files LIMIT 1');
  categoryId = category?.id ?? '';
  fileSha = file?.sha256 ?? '';
});
afterAll(async () => {
  await cluster.stop();
});

describe('permission matrix', () => {
  it('has a rule for every mutation', () => {
    expect(Object.keys(RULES).sort()).toEqual([...MUTATION_NAMES].sort());
  });

  it.each(ROLES)('enforce what the role %s may do to others’ content', async (role) => {
    const token = tokens.get(role) ?? '';
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const name of MUTATION_NAMES) {
      const result = await apply(token, name, await argsFor(name));
      actual[name] = result.status === 'rejected' ? `rejected:${result.code ?? ''}` : result.status;
      expected[name] = expectedFor(role, name);
    }
    expect(actual).toEqual(expected);
  });

  it('let participants edit and delete their own threads and posts', async () => {
    const own = tokens.get('participant') ?? '';
    const threadId = randomUUID();
    const postId = randomUUID();
    await must(own, 'thread.create', { id: threadId, categoryId, title: 'Mine', language: 'pt' });
    await must(own, 'post.create', { id: postId, threadId, body: 'Olá', language: 'pt' });
    await must(own, 'post.update', { id: postId, body: 'Olá a todos' });
    await must(own, 'thread.update', { id: threadId, tags: ['cooperativas'] });
    await must(own, 'post.delete', { id: postId });
    await must(own, 'thread.delete', { id: threadId });
  });

  it('let a disabled account sign in no more', async () => {
    await must(admin(), 'user.update', { id: strangerId, disabled: true });
    const pull = await server.api.request('GET', '/api/sync/pull', { token: stranger() });
    expect(pull.status).toBe(401);
    const login = await server.api.request('POST', '/api/auth/login', {
      body: { email: 'stranger@example.org', password: 'stranger-password' },
    });
    expect(login.status).toBe(401);
  });
});
