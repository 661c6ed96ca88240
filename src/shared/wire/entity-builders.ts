import {
  MAX_FOLLOWS,
  type Collection,
  type Document,
  type DocumentVariant,
  type Follow,
  type Follows,
  type Material,
  type News,
  type NewsVersions,
  type Post,
  type Report,
  type Session,
  type Thread,
  type Translation,
  type User,
} from './entities';
import type { MutationArgs } from './mutations';

/**
 * What a creating mutation makes, and how an edit changes what exists: the
 * pure part of the server's handlers. The server writes what these return;
 * the client shows the same thing at once, before the server has it (its
 * optimistic writes), so the two can never drift apart.
 */

/** Who makes a new entity, and when (ISO time). */
export interface Authorship {
  readonly authorId: string;
  readonly now: string;
}

export function newThread(args: MutationArgs<'thread.create'>, by: Authorship): Thread {
  return {
    id: args.id,
    categoryId: args.categoryId,
    authorId: by.authorId,
    title: args.title,
    language: args.language,
    tags: args.tags ?? [],
    locked: false,
    pinned: false,
    hidden: false,
    createdAt: by.now,
  };
}

export function updatedThread<T extends Pick<Thread, 'title' | 'tags'>>(
  thread: T,
  args: MutationArgs<'thread.update'>,
): T {
  return { ...thread, title: args.title ?? thread.title, tags: args.tags ?? thread.tags };
}

export function newPost(args: MutationArgs<'post.create'>, by: Authorship): Post {
  return {
    id: args.id,
    threadId: args.threadId,
    authorId: by.authorId,
    body: args.body,
    language: args.language,
    replyTo: args.replyTo ?? null,
    createdAt: by.now,
    editedAt: null,
    hidden: false,
    attachments: args.attachments ?? [],
  };
}

export function editedPost<P extends Pick<Post, 'body' | 'editedAt'>>(post: P, body: string, now: string): P {
  return { ...post, body, editedAt: now };
}

export function newCollection(args: MutationArgs<'collection.create'>): Collection {
  return {
    id: args.id,
    title: args.title,
    description: args.description ?? null,
    edition: args.edition ?? null,
    position: args.position ?? 0,
  };
}

export function newSession(args: MutationArgs<'session.create'>): Session {
  return {
    id: args.id,
    collectionId: args.collectionId,
    title: args.title,
    startsAt: args.startsAt ?? null,
    position: args.position ?? 0,
  };
}

/** An edit that sets the fields it names and keeps the others (collections, sessions, documents). */
export function withChanges<E extends { id: string }, A extends { id: string }>(entity: E, args: A): E & Omit<A, 'id'> {
  const { id: _id, ...changes } = args;
  return { ...entity, ...changes };
}

/** What a material holds: a library document, a link or a note. */
export type MaterialContent = MutationArgs<'material.create'>['content'];
type MaterialBase = Pick<Material, 'id' | 'sessionId' | 'position' | 'title'>;

export function materialWith(base: MaterialBase, content: MaterialContent): Material {
  switch (content.kind) {
    case 'document':
      return { ...base, kind: 'document', documentId: content.documentId };
    case 'link':
      return { ...base, kind: 'link', url: content.url };
    case 'note':
      return { ...base, kind: 'note', note: content.note };
  }
}

export function contentOf(material: Material): MaterialContent {
  switch (material.kind) {
    case 'document':
      return { kind: 'document', documentId: material.documentId };
    case 'link':
      return { kind: 'link', url: material.url };
    case 'note':
      return { kind: 'note', note: material.note };
  }
}

export function newMaterial(args: MutationArgs<'material.create'>): Material {
  return materialWith(
    { id: args.id, sessionId: args.sessionId, position: args.position ?? 0, title: args.title ?? null },
    args.content,
  );
}

/** A material edited: the fields the edit names, the others as they were (its content whole, or kept). */
export function updatedMaterial(material: Material, args: MutationArgs<'material.update'>): Material {
  return materialWith(
    {
      id: material.id,
      sessionId: material.sessionId,
      position: args.position ?? material.position,
      title: args.title === undefined ? material.title : args.title,
    },
    args.content ?? contentOf(material),
  );
}

/** `variants`: the files of the document, with their size and type (the server reads them from its file store). */
export function newDocument(args: MutationArgs<'document.create'>, variants: DocumentVariant[], now: string): Document {
  return {
    id: args.id,
    type: args.type,
    title: args.title,
    summary: args.summary ?? null,
    series: args.series ?? null,
    year: args.year ?? null,
    countries: args.countries ?? [],
    topics: args.topics ?? [],
    variants,
    createdAt: now,
  };
}

/** `title`: the translated title of a news item, null for a post (the server checks which applies). */
export function newTranslation(
  args: MutationArgs<'translation.create'>,
  title: string | null,
  by: Authorship,
): Translation {
  return {
    id: args.id,
    targetType: args.targetType,
    targetId: args.targetId,
    language: args.language,
    title,
    body: args.body,
    authorId: by.authorId,
    createdAt: by.now,
    editedAt: null,
  };
}

export function updatedTranslation<T extends Pick<Translation, 'title' | 'body' | 'editedAt'>>(
  translation: T,
  change: { title: string | null; body: string | undefined },
  now: string,
): T {
  return { ...translation, title: change.title, body: change.body ?? translation.body, editedAt: now };
}

export function updatedUser<U extends Pick<User, 'displayName' | 'roles'>>(
  user: U,
  args: MutationArgs<'user.update'>,
): U {
  return { ...user, displayName: args.displayName ?? user.displayName, roles: args.roles ?? user.roles };
}

export function updatedProfile<U extends Pick<User, 'displayName' | 'contentLanguages'>>(
  user: U,
  args: MutationArgs<'profile.update'>,
): U {
  return {
    ...user,
    displayName: args.displayName ?? user.displayName,
    contentLanguages: args.contentLanguages ?? user.contentLanguages,
  };
}

/** A user's list of follows before they chose anything. */
export function noFollows(userId: string): Follows {
  return { id: userId, threads: [], editions: [] };
}

/**
 * The list with one choice made: the thread or edition followed, or no longer
 * followed, since `now`. Choosing what is already so changes nothing (the same
 * list comes back, and its date stays the first one's). Past the cap, the
 * oldest choices not to follow go first, then the oldest follows.
 */
export function withFollow<F extends Follows>(follows: F, args: MutationArgs<'follow.set'>, now: string): F {
  const field = args.targetType === 'thread' ? 'threads' : 'editions';
  const list = follows[field];
  const current = list.find((entry) => entry.id === args.targetId);
  if (current?.following === args.following) return follows;
  const next: Follow[] = [
    ...list.filter((entry) => entry.id !== args.targetId),
    { id: args.targetId, following: args.following, since: now },
  ];
  while (next.length > MAX_FOLLOWS) {
    const oldestUnfollowed = next.findIndex((entry) => !entry.following);
    next.splice(oldestUnfollowed === -1 ? 0 : oldestUnfollowed, 1);
  }
  return { ...follows, [field]: next };
}

/** A news item as its editor publishes it: published at once, not pinned. `authorId` null: not known here yet. */
export function newNews(args: MutationArgs<'news.create'>, by: { authorId: string | null; now: string }): News {
  return {
    id: args.id,
    authorId: by.authorId,
    versions: args.versions,
    createdAt: by.now,
    editedAt: null,
    publishedAt: by.now,
    pinnedAt: null,
  };
}

/** Its language versions as the editor leaves them. */
export function editedNews<N extends Pick<News, 'versions' | 'editedAt'>>(
  news: N,
  versions: NewsVersions,
  now: string,
): N {
  return { ...news, versions, editedAt: now };
}

/** Published (keeping the date it first went out, if it still is) or unpublished (which also unpins it). */
export function publishedNews<N extends Pick<News, 'publishedAt' | 'pinnedAt'>>(
  news: N,
  published: boolean,
  now: string,
): N {
  return published ? { ...news, publishedAt: news.publishedAt ?? now } : { ...news, publishedAt: null, pinnedAt: null };
}

export function pinnedNews<N extends Pick<News, 'pinnedAt'>>(news: N, pinned: boolean, now: string): N {
  return { ...news, pinnedAt: pinned ? (news.pinnedAt ?? now) : null };
}

/** `post`: the reported post, whose thread and author the report keeps. */
export function newReport(
  args: MutationArgs<'report.create'>,
  post: { readonly threadId: string; readonly authorId: string },
  by: { readonly reporterId: string; readonly now: string },
): Report {
  return {
    id: args.id,
    postId: args.postId,
    threadId: post.threadId,
    postAuthorId: post.authorId,
    reporterId: by.reporterId,
    reason: args.reason,
    note: args.note ?? null,
    createdAt: by.now,
    resolution: null,
  };
}

export function resolvedReport<R extends Pick<Report, 'resolution'>>(
  report: R,
  args: MutationArgs<'report.resolve'>,
  by: { readonly moderatorId: string; readonly now: string },
): R {
  return {
    ...report,
    resolution: {
      action: args.action,
      moderatorId: by.moderatorId,
      at: by.now,
      note: args.note ?? null,
      replyId: args.action === 'contacted' ? (args.replyId ?? null) : null,
    },
  };
}
