import { isMutationName, type MutationName } from '../../../shared/wire/mutations';
import type { TranslationTargetType } from '../../../shared/wire/entities';
import type { MutationResult } from '../../../shared/wire/sync';
import type { CollectiveBrainDb, Draft, OutboxItem } from './db';

/**
 * Drafts: text being written (saved while typing), and writes the server
 * refused, kept with their reason until the user sends them again or lets
 * them go. A draft's key says where it belongs; this module alone makes and
 * reads keys:
 * - `reply:<thread>`, a reply being written; `reply:<thread>:<write>`, a refused one;
 * - `edit:<post>`, an edit being written; `edit:<post>:<write>`, a refused one;
 * - `thread:new:<category>`, a new thread being written; `thread:<thread>`, a refused one
 *   (with its first post, when that was refused with it);
 * - `translation:<post|news>:<original>`, a translation being written;
 *   `translation:<post|news>:<original>:refused:<write>`, a refused one;
 * - `session:<collection>:<session>`, a session a facilitator prepares;
 * - `news:new`, a news item being written; `news:<news>`, an edit of one (every language version in one draft);
 * - `<mutation>:<entity>:<write>`, any other refused write (moderation, a session's edit), with its arguments.
 */
export const draftKeys = {
  reply: (threadId: string): string => `reply:${threadId}`,
  refusedReply: (threadId: string, mutationId: string): string => `reply:${threadId}:${mutationId}`,
  edit: (postId: string): string => `edit:${postId}`,
  refusedEdit: (postId: string, mutationId: string): string => `edit:${postId}:${mutationId}`,
  newThread: (categoryId: string): string => `thread:new:${categoryId}`,
  refusedThread: (threadId: string): string => `thread:${threadId}`,
  /** The draft of a translation of one post or news item (one editor per original). */
  translation: (targetType: string, targetId: string): string => `translation:${targetType}:${targetId}`,
  /** A translation of that original the server refused (one per refused write), with its text and reason. */
  refusedTranslation: (targetType: string, targetId: string, mutationId: string): string =>
    `${draftKeys.refusedTranslationPrefix(targetType, targetId)}${mutationId}`,
  /** Every refused translation of one original: `db.drafts.where('key').startsWith(...)`. */
  refusedTranslationPrefix: (targetType: string, targetId: string): string =>
    `${draftKeys.translation(targetType, targetId)}:refused:`,
  session: (collectionId: string, sessionId: string): string => `session:${collectionId}:${sessionId}`,
  /** Every session prepared in one collection. */
  sessionPrefix: (collectionId: string): string => `session:${collectionId}:`,
  /** A news item the team is writing (none: a new one) or editing, all its language versions together. */
  news: (newsId?: string): string => `news:${newsId ?? 'new'}`,
  refusedWrite: (name: MutationName, entityId: string, mutationId: string): string =>
    `${name}:${entityId}:${mutationId}`,
} as const;

/** Where a draft is edited. */
export type DraftPlace =
  | { readonly kind: 'reply'; readonly threadId: string }
  | { readonly kind: 'edit'; readonly postId: string }
  | { readonly kind: 'new-thread'; readonly categoryId: string }
  | { readonly kind: 'translation'; readonly targetType: TranslationTargetType; readonly targetId: string }
  | { readonly kind: 'session'; readonly collectionId: string; readonly sessionId: string }
  /** `newsId` undefined: a new item. */
  | { readonly kind: 'news'; readonly newsId: string | undefined }
  | { readonly kind: 'write'; readonly mutation: MutationName; readonly entityId: string }
  | { readonly kind: 'unknown' };

/** Where a draft belongs, read from its key (a refused thread's category is its target). */
export function placeOf(draft: Draft): DraftPlace {
  const [head = '', first = '', second = ''] = draft.key.split(':');
  switch (head) {
    case 'reply':
      return first === '' ? { kind: 'unknown' } : { kind: 'reply', threadId: first };
    case 'edit':
      return first === '' ? { kind: 'unknown' } : { kind: 'edit', postId: first };
    case 'thread': {
      const categoryId = first === 'new' ? second : (draft.targetId ?? '');
      return categoryId === '' ? { kind: 'unknown' } : { kind: 'new-thread', categoryId };
    }
    case 'translation':
      return (first === 'post' || first === 'news') && second !== ''
        ? { kind: 'translation', targetType: first, targetId: second }
        : { kind: 'unknown' };
    case 'session':
      return first !== '' && second !== ''
        ? { kind: 'session', collectionId: first, sessionId: second }
        : { kind: 'unknown' };
    case 'news':
      return first === '' ? { kind: 'unknown' } : { kind: 'news', newsId: first === 'new' ? undefined : first };
    default:
      return isMutationName(head) && first !== ''
        ? { kind: 'write', mutation: head, entityId: first }
        : { kind: 'unknown' };
  }
}

/** The text a draft holds (a reply's, an edit's, a thread's first post, a translation's, a news item's first version). */
export function draftText(draft: Draft): string {
  if (draft.kind === 'news') {
    const first = (draft.fields['languages'] ?? '').split(',')[0] ?? '';
    return draft.fields[`body.${first}`] ?? '';
  }
  return draft.fields['body'] ?? '';
}

/** A refused write comes back as a draft the user can fix and send again. */
export function draftFromRejection(item: OutboxItem, result: MutationResult): Draft {
  const rejection = {
    code: result.code ?? 'invalid',
    mutationName: item.name,
    ...(result.message !== undefined ? { message: result.message } : {}),
  };
  const updatedAt = new Date().toISOString();
  switch (item.name) {
    case 'post.create':
      return {
        key: draftKeys.refusedReply(item.args.threadId, item.id),
        kind: 'reply',
        targetId: item.args.threadId,
        fields: { body: item.args.body, language: item.args.language },
        updatedAt,
        rejection,
      };
    case 'post.update':
      return {
        key: draftKeys.refusedEdit(item.entityId, item.id),
        kind: 'edit',
        targetId: item.entityId,
        fields: { body: item.args.body },
        updatedAt,
        rejection,
      };
    case 'thread.create':
      return {
        key: draftKeys.refusedThread(item.entityId),
        kind: 'thread',
        targetId: item.args.categoryId,
        fields: { title: item.args.title, tags: (item.args.tags ?? []).join(', '), language: item.args.language },
        updatedAt,
        rejection,
      };
    case 'translation.create':
      // Back into the translation editor of the original, with the text and the reason; kept apart from the
      // editor's draft of the same original, which may hold text not saved yet.
      return {
        key: draftKeys.refusedTranslation(item.args.targetType, item.args.targetId, item.id),
        kind: 'translation',
        targetId: item.args.targetId,
        fields: {
          targetType: item.args.targetType,
          language: item.args.language,
          title: item.args.title ?? '',
          body: item.args.body,
        },
        updatedAt,
        rejection,
      };
    case 'translation.update': {
      const before =
        item.before !== undefined && 'targetType' in item.before && 'body' in item.before ? item.before : undefined;
      const targetType = before?.targetType ?? '';
      const targetId = before?.targetId ?? '';
      return {
        key: draftKeys.refusedTranslation(targetType, targetId, item.id),
        kind: 'translation',
        targetId,
        fields: {
          targetType,
          language: before?.language ?? '',
          title: item.args.title ?? before?.title ?? '',
          body: item.args.body ?? before?.body ?? '',
          translationId: item.entityId,
        },
        updatedAt,
        rejection,
      };
    }
    default:
      // Structured writes (moderation, sessions, materials) keep their arguments as JSON.
      return {
        key: draftKeys.refusedWrite(item.name, item.entityId, item.id),
        kind: 'write',
        targetId: item.entityId,
        fields: { mutation: item.name, args: JSON.stringify(item.args) },
        updatedAt,
        rejection,
      };
  }
}

/**
 * Keeps a refused write as a draft (in the caller's transaction). The first post of a new thread the
 * server refused as well joins that thread's draft, so the two are edited and published again as one.
 */
export async function keepRefusedText(db: CollectiveBrainDb, item: OutboxItem, result: MutationResult): Promise<void> {
  const draft = draftFromRejection(item, result);
  if (item.name === 'post.create') {
    const thread = await db.drafts.get(draftKeys.refusedThread(item.args.threadId));
    if (thread !== undefined && draftText(thread).trim() === '') {
      await db.drafts.put({
        ...thread,
        fields: { ...thread.fields, body: item.args.body, language: thread.fields['language'] ?? item.args.language },
        updatedAt: draft.updatedAt,
      });
      return;
    }
  }
  await db.drafts.put(draft);
}

/** Where a kept text goes: the draft an editor holds. */
export interface DraftDestination {
  readonly key: string;
  readonly kind: Draft['kind'];
  readonly targetId: string;
  /** What its editor holds now, when it is open: newer than what is stored (it saves after a pause). */
  readonly holding?: Readonly<Record<string, string>>;
  /** Fields it takes when it has none of its own (a language). */
  readonly defaults?: Readonly<Record<string, string>>;
}

/**
 * Moves a kept text (a refused write, or a draft that cannot be edited where it is) into the draft of an
 * editor, in one transaction: never both, never neither. `append`: after the text already there (a reply
 * or a thread being written); `replace`: in its place (an edit of a post holds one text).
 */
export async function moveDraftText(
  db: CollectiveBrainDb,
  from: Draft,
  to: DraftDestination,
  mode: 'append' | 'replace',
): Promise<Draft> {
  return db.transaction('rw', db.drafts, async () => {
    const held = mode === 'append' ? (to.holding ?? (await db.drafts.get(to.key))?.fields ?? {}) : {};
    const text = draftText(from);
    const before = held['body'] ?? '';
    const moved: Draft = {
      key: to.key,
      kind: to.kind,
      targetId: to.targetId,
      fields: { ...to.defaults, ...held, body: before.trim() === '' ? text : `${before}\n\n${text}` },
      updatedAt: new Date().toISOString(),
    };
    if (from.key !== to.key) await db.drafts.delete(from.key);
    await db.drafts.put(moved);
    return moved;
  });
}
