import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import { pickNewsVersion } from '../../../../shared/news';
import type {
  ExportDraft,
  ExportMaterial,
  ExportPost,
  ExportSession,
  ExportThread,
  ExportTranslation,
  MyData,
} from '../../../../shared/export/export-format';
import type { CachedPost, CollectiveBrainDb, Draft, LocalState } from '../../data/db';
import { fromDraft, type StagedSession } from '../academy/staging';

export interface MyDataRequest {
  userId: string;
  displayName: string;
  serverUrl: string;
  /** The reader's content languages: which title of a category or collection to write down. */
  languages: readonly ContentLanguage[];
  now?: Date;
}

function stateOf(local: LocalState | undefined): ExportPost['state'] {
  return local === undefined ? 'sent' : local === 'pending' ? 'waiting' : 'conflict';
}

/**
 * Everything this person wrote that this computer holds, read from the cache
 * alone (no server call), so it works offline and after the account is gone.
 *
 * "Mine" is what carries my id as its author (posts, threads, translations),
 * and what only I can have written here: the database is this account's own
 * (one per account on a computer), so its drafts and its outbox are mine.
 * Sessions carry no author (the server does not record who made one), so the
 * sessions counted as mine are those I staged on this computer and those I
 * published from it that the server has not confirmed yet; a session
 * published earlier cannot be told apart from a colleague's, and is left out.
 */
export async function gatherMyData(db: CollectiveBrainDb, request: MyDataRequest): Promise<MyData> {
  const { userId, languages } = request;
  return db.transaction(
    'r',
    [
      db.posts,
      db.threads,
      db.categories,
      db.users,
      db.drafts,
      db.translations,
      db.news,
      db.outbox,
      db.sessions,
      db.materials,
      db.collections,
      db.documents,
    ],
    async () => {
      const posts = await myPosts(db, userId);
      const threads = await threadsOf(db, userId, posts, languages);
      const translations = await myTranslations(db, userId);
      const drafts = await db.drafts.toArray();
      return {
        exportedAt: (request.now ?? new Date()).toISOString(),
        server: request.serverUrl,
        user: { id: userId, displayName: request.displayName },
        threads,
        posts: await exportPosts(db, posts),
        drafts: drafts.flatMap((draft) => exportDraft(draft)),
        translations,
        sessions: await mySessions(db, drafts, languages),
      };
    },
  );
}

/**
 * Mine: my id as author, or no author yet on a row written here (the server
 * stamps it). A pending row with someone else's id is a moderator's change to it.
 */
function isMine(row: { authorId?: string | undefined; local?: LocalState }, userId: string): boolean {
  return row.authorId === userId || (row.authorId === undefined && row.local !== undefined);
}

/** My posts: by my id, and those written here that the server has not stamped with it yet. */
async function myPosts(db: CollectiveBrainDb, userId: string): Promise<CachedPost[]> {
  const byId = await db.posts.where('authorId').equals(userId).toArray();
  const local = await db.posts.where('local').anyOf(['pending', 'conflict']).toArray();
  const found = new Map(byId.map((post) => [post.id, post] as const));
  for (const post of local) if (isMine(post, userId)) found.set(post.id, post);
  return [...found.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function exportPosts(db: CollectiveBrainDb, posts: readonly CachedPost[]): Promise<ExportPost[]> {
  const parentIds = [...new Set(posts.flatMap((post) => (post.replyTo === null ? [] : [post.replyTo])))];
  const parents = new Map(
    (await db.posts.bulkGet(parentIds)).flatMap((post) => (post === undefined ? [] : [[post.id, post] as const])),
  );
  const authorIds = [
    ...new Set([...parents.values()].flatMap((post) => (post.authorId === undefined ? [] : [post.authorId]))),
  ];
  const authors = new Map(
    (await db.users.bulkGet(authorIds)).flatMap((user) => (user === undefined ? [] : [[user.id, user] as const])),
  );
  return posts.map((post) => {
    const parent = post.replyTo === null ? undefined : parents.get(post.replyTo);
    return {
      id: post.id,
      threadId: post.threadId,
      body: post.body,
      language: post.language,
      replyTo: post.replyTo,
      replyToAuthor: parent?.authorId === undefined ? null : (authors.get(parent.authorId)?.displayName ?? null),
      createdAt: post.createdAt,
      editedAt: post.editedAt,
      hidden: post.hidden,
      attachments: [...post.attachments],
      state: stateOf(post.local),
    };
  });
}

/** Threads I posted in, and threads I started (even if my opening post is gone). */
async function threadsOf(
  db: CollectiveBrainDb,
  userId: string,
  posts: readonly CachedPost[],
  languages: readonly ContentLanguage[],
): Promise<ExportThread[]> {
  const ids = new Set(posts.map((post) => post.threadId));
  const postedIn = await db.threads.bulkGet([...ids]);
  const started = await db.threads.filter((thread) => thread.authorId === userId && !ids.has(thread.id)).toArray();
  const threads = [...postedIn.flatMap((thread) => (thread === undefined ? [] : [thread])), ...started];
  const categories = new Map(
    (await db.categories.bulkGet([...new Set(threads.map((thread) => thread.categoryId))])).flatMap((category) =>
      category === undefined ? [] : [[category.id, category] as const],
    ),
  );
  return threads
    .map((thread) => {
      const category = categories.get(thread.categoryId);
      return {
        id: thread.id,
        title: thread.title,
        language: thread.language,
        category: category === undefined ? null : (pickLocalized(category.name, languages)?.value ?? null),
        tags: [...thread.tags],
        createdAt: thread.createdAt,
        startedByMe: thread.authorId === userId,
      };
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function myTranslations(db: CollectiveBrainDb, userId: string): Promise<ExportTranslation[]> {
  const translations = await db.translations.filter((translation) => isMine(translation, userId)).toArray();
  const result: ExportTranslation[] = [];
  for (const translation of translations.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    let original: ExportTranslation['original'];
    if (translation.targetType === 'post') {
      const post = await db.posts.get(translation.targetId);
      const thread = post === undefined ? undefined : await db.threads.get(post.threadId);
      original = { title: thread?.title ?? null, language: post?.language ?? null };
    } else {
      const news = await db.news.get(translation.targetId);
      // The version it was most likely translated from: English if the item has one, else its first.
      const version = news === undefined ? undefined : pickNewsVersion(news, []);
      original = { title: version?.version.title ?? null, language: version?.language ?? null };
    }
    result.push({
      id: translation.id,
      targetType: translation.targetType,
      targetId: translation.targetId,
      language: translation.language,
      title: translation.title,
      body: translation.body,
      createdAt: translation.createdAt,
      editedAt: translation.editedAt,
      original,
      state: stateOf(translation.local),
    });
  }
  return result;
}

/** Drafts with something in them; staged sessions are exported as sessions. */
function exportDraft(draft: Draft): ExportDraft[] {
  if (draft.kind === 'session') return [];
  const written = Object.values(draft.fields).some((value) => value.trim() !== '');
  if (!written) return [];
  return [
    {
      key: draft.key,
      kind: draft.kind,
      targetId: draft.targetId ?? null,
      updatedAt: draft.updatedAt,
      fields: { ...draft.fields },
      refused:
        draft.rejection === undefined ? null : { code: draft.rejection.code, message: draft.rejection.message ?? null },
    },
  ];
}

async function mySessions(
  db: CollectiveBrainDb,
  drafts: readonly Draft[],
  languages: readonly ContentLanguage[],
): Promise<ExportSession[]> {
  const collectionTitle = async (id: string): Promise<string | null> => {
    const collection = await db.collections.get(id);
    return collection === undefined ? null : (pickLocalized(collection.title, languages)?.value ?? null);
  };
  const documentTitle = async (id: string): Promise<string | null> => {
    const document = await db.documents.get(id);
    return document === undefined ? null : (pickLocalized(document.title, languages)?.value ?? null);
  };
  const sessions: ExportSession[] = [];
  const staged = drafts.flatMap((draft) => {
    const session = fromDraft(draft);
    return session === null ? [] : [session];
  });
  for (const session of staged) sessions.push(await stagedSession(session, collectionTitle, documentTitle));

  const waiting = await db.outbox.filter((item) => item.entityType === 'session').toArray();
  for (const id of new Set(waiting.map((item) => item.entityId))) {
    const session = await db.sessions.get(id);
    if (session === undefined) continue;
    const title = pickLocalized(session.title, languages);
    const materials = await db.materials
      .where('[sessionId+position]')
      .between([id, -Infinity], [id, Infinity])
      .toArray();
    const exported: ExportMaterial[] = [];
    for (const material of materials) {
      const base = {
        title: material.title === null ? null : (pickLocalized(material.title, languages)?.value ?? null),
        fileName: null,
      };
      if (material.kind === 'document') {
        exported.push({
          ...base,
          kind: 'document',
          documentId: material.documentId,
          documentTitle: await documentTitle(material.documentId),
          url: null,
          note: null,
        });
      } else if (material.kind === 'link') {
        exported.push({ ...base, kind: 'link', documentId: null, documentTitle: null, url: material.url, note: null });
      } else {
        exported.push({ ...base, kind: 'note', documentId: null, documentTitle: null, url: null, note: material.note });
      }
    }
    sessions.push({
      id,
      collectionId: session.collectionId,
      collection: await collectionTitle(session.collectionId),
      status: 'waiting',
      language: title?.language ?? languages[0] ?? 'en',
      title: title?.value ?? '',
      startsAt: session.startsAt,
      materials: exported,
    });
  }
  return sessions;
}

async function stagedSession(
  staged: StagedSession,
  collectionTitle: (id: string) => Promise<string | null>,
  documentTitle: (id: string) => Promise<string | null>,
): Promise<ExportSession> {
  const materials: ExportMaterial[] = [];
  for (const material of staged.materials) {
    const content = material.content;
    const base = { title: material.title.trim() === '' ? null : material.title };
    const none = { documentId: null, documentTitle: null, url: null, note: null, fileName: null };
    if (content.kind === 'document') {
      materials.push({
        ...none,
        ...base,
        kind: 'document',
        documentId: content.documentId,
        documentTitle: await documentTitle(content.documentId),
      });
    } else if (content.kind === 'link') {
      materials.push({ ...none, ...base, kind: 'link', url: content.url });
    } else if (content.kind === 'note') {
      materials.push({ ...none, ...base, kind: 'note', note: content.note });
    } else {
      materials.push({ ...none, ...base, kind: 'file', documentTitle: content.title, fileName: content.fileName });
    }
  }
  const startsAt = staged.startsAt === '' ? null : new Date(staged.startsAt);
  return {
    id: staged.sessionId,
    collectionId: staged.collectionId,
    collection: await collectionTitle(staged.collectionId),
    status: 'staged',
    language: staged.language,
    title: staged.title,
    startsAt: startsAt === null || Number.isNaN(startsAt.getTime()) ? null : startsAt.toISOString(),
    materials,
  };
}
