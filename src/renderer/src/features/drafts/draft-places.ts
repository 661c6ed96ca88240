import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import { pickNewsVersion } from '../../../../shared/news';
import type { Route } from '../../app/ui-store';
import type { CollectiveBrainDb, Draft } from '../../data/db';
import { draftKeys, placeOf } from '../../data/drafts';
import { targetOf } from '../../data/optimistic';
import { parseMutationArgs, type MutationName } from '../../../../shared/wire/mutations';

/** A name shown as it was written: in its own language. */
export interface Named {
  readonly text: string;
  readonly language: string | undefined;
}

/** What a draft belongs to, in the words a person uses. */
export type DraftSubject =
  | { readonly kind: 'reply'; readonly thread: Named | undefined }
  | { readonly kind: 'edit'; readonly thread: Named | undefined }
  | { readonly kind: 'new-thread'; readonly title: string; readonly category: Named | undefined }
  | {
      readonly kind: 'translation';
      readonly language: string;
      readonly of: 'post' | 'news';
      readonly title: Named | undefined;
    }
  | { readonly kind: 'session'; readonly title: string; readonly collection: Named | undefined }
  /** A news item being written (`item` undefined) or an edit of one. */
  | { readonly kind: 'news'; readonly title: Named | undefined; readonly edit: boolean }
  | { readonly kind: 'write'; readonly mutation: MutationName }
  | { readonly kind: 'unknown' };

export interface DraftEntry {
  readonly draft: Draft;
  readonly subject: DraftSubject;
  /** Where it is edited; undefined when this computer has nothing to show it in (its thread is gone). */
  readonly route: Route | undefined;
}

/** Every draft on this computer, newest first, with what it belongs to and where it opens. */
export async function draftEntries(
  db: CollectiveBrainDb,
  languages: readonly ContentLanguage[],
): Promise<DraftEntry[]> {
  const drafts = await db.drafts.orderBy('updatedAt').reverse().toArray();
  return Promise.all(drafts.map((draft) => entryOf(db, draft, languages)));
}

async function threadNamed(db: CollectiveBrainDb, threadId: string): Promise<Named | undefined> {
  const thread = await db.threads.get(threadId);
  return thread === undefined ? undefined : { text: thread.title, language: thread.language };
}

async function entryOf(
  db: CollectiveBrainDb,
  draft: Draft,
  languages: readonly ContentLanguage[],
): Promise<DraftEntry> {
  const place = placeOf(draft);
  switch (place.kind) {
    case 'reply': {
      const thread = await threadNamed(db, place.threadId);
      return {
        draft,
        subject: { kind: 'reply', thread },
        route: thread === undefined ? undefined : { name: 'thread', threadId: place.threadId },
      };
    }
    case 'edit': {
      const post = await db.posts.get(place.postId);
      const thread = post === undefined ? undefined : await threadNamed(db, post.threadId);
      return {
        draft,
        subject: { kind: 'edit', thread },
        route:
          post === undefined || thread === undefined
            ? undefined
            : // A refused edit waits in its thread's list; one being written opens in the post's editor.
              { name: 'thread', threadId: post.threadId, postId: post.id, ...(draft.rejection ? {} : { edit: true }) },
      };
    }
    case 'new-thread': {
      const category = await db.categories.get(place.categoryId);
      const name = category === undefined ? undefined : pickLocalized(category.name, languages);
      const own = draft.key !== draftKeys.newThread(place.categoryId);
      return {
        draft,
        subject: {
          kind: 'new-thread',
          title: draft.fields['title'] ?? '',
          category: name === undefined ? undefined : { text: name.value, language: name.language },
        },
        route:
          category === undefined
            ? undefined
            : { name: 'new-thread', categoryId: place.categoryId, ...(own ? { draftKey: draft.key } : {}) },
      };
    }
    case 'translation': {
      const language = draft.fields['language'] ?? '';
      if (place.targetType === 'news') {
        const news = await db.news.get(place.targetId);
        const version = news === undefined ? undefined : pickNewsVersion(news, languages);
        return {
          draft,
          subject: {
            kind: 'translation',
            language,
            of: 'news',
            title: version === undefined ? undefined : { text: version.version.title, language: version.language },
          },
          route: news === undefined ? undefined : { name: 'news-item', newsId: news.id },
        };
      }
      const post = await db.posts.get(place.targetId);
      const thread = post === undefined ? undefined : await threadNamed(db, post.threadId);
      return {
        draft,
        subject: { kind: 'translation', language, of: 'post', title: thread },
        route: post === undefined ? undefined : { name: 'thread', threadId: post.threadId, postId: post.id },
      };
    }
    case 'session': {
      const collection = await db.collections.get(place.collectionId);
      const name = collection === undefined ? undefined : pickLocalized(collection.title, languages);
      return {
        draft,
        subject: {
          kind: 'session',
          title: draft.fields['title'] ?? '',
          collection: name === undefined ? undefined : { text: name.value, language: name.language },
        },
        route: collection === undefined ? undefined : { name: 'collection', collectionId: collection.id },
      };
    }
    case 'news': {
      const first = (draft.fields['languages'] ?? '').split(',')[0] ?? '';
      const title = (draft.fields[`title.${first}`] ?? '').trim();
      const item = place.newsId === undefined ? undefined : await db.news.get(place.newsId);
      return {
        draft,
        subject: {
          kind: 'news',
          title: title === '' ? undefined : { text: title, language: first },
          edit: place.newsId !== undefined,
        },
        // A new item's editor opens on the News screen, an edit's on the item's page (each opens with its draft).
        route:
          place.newsId === undefined
            ? { name: 'news' }
            : item === undefined
              ? undefined
              : { name: 'news-item', newsId: item.id },
      };
    }
    case 'write':
      return {
        draft,
        subject: { kind: 'write', mutation: place.mutation },
        route: await routeOfWrite(db, place.mutation, draft, place.entityId),
      };
    case 'unknown':
      return { draft, subject: { kind: 'unknown' }, route: undefined };
  }
}

/** Where the entity a refused write changed is shown, to do it again there. */
async function routeOfWrite(
  db: CollectiveBrainDb,
  mutation: MutationName,
  draft: Draft,
  entityId: string,
): Promise<Route | undefined> {
  const args = parseMutationArgs(mutation, jsonOf(draft.fields['args']));
  if (!args.success) return undefined;
  switch (targetOf(mutation, args.data, undefined).type) {
    case 'thread':
      return (await db.threads.get(entityId)) === undefined ? undefined : { name: 'thread', threadId: entityId };
    case 'post': {
      const post = await db.posts.get(entityId);
      return post === undefined ? undefined : { name: 'thread', threadId: post.threadId, postId: post.id };
    }
    case 'collection':
      return (await db.collections.get(entityId)) === undefined
        ? undefined
        : { name: 'collection', collectionId: entityId };
    case 'session': {
      const session = await db.sessions.get(entityId);
      return session === undefined ? undefined : { name: 'collection', collectionId: session.collectionId };
    }
    case 'material': {
      const material = await db.materials.get(entityId);
      const session = material === undefined ? undefined : await db.sessions.get(material.sessionId);
      return session === undefined ? undefined : { name: 'collection', collectionId: session.collectionId };
    }
    case 'document':
      return (await db.documents.get(entityId)) === undefined ? undefined : { name: 'document', documentId: entityId };
    case 'news':
      // A refused news write is done again on the item's page; a refused new item, from the news list.
      return (await db.news.get(entityId)) === undefined ? { name: 'news' } : { name: 'news-item', newsId: entityId };
    case 'report': {
      // A report (or its resolution) concerns a post: where it is shown.
      const report = await db.reports.get(entityId);
      return report === undefined ? undefined : { name: 'thread', threadId: report.threadId, postId: report.postId };
    }
    case 'user':
      // One's own profile is edited in Settings; other accounts have no screen yet.
      return mutation === 'profile.update' ? { name: 'settings' } : undefined;
    default:
      return undefined;
  }
}

function jsonOf(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
