import { languagesOf } from '../../src/shared/news';
import {
  newTranslation,
  updatedTranslation,
  type MutationArgs,
  type Translation,
  type TranslationRequest,
  type TranslationTargetType,
} from '../../src/shared/wire';
import { childIds, deleteEntity } from './feed';
import {
  assertNew,
  canModerate,
  conflictIfStale,
  loadVisible,
  Rejection,
  write,
  type Live,
  type MutationContext,
  type MutationHandlers,
  type Outcome,
} from './mutation-kit';

type TranslationHandlers = Pick<
  MutationHandlers,
  | 'translation.create'
  | 'translation.update'
  | 'translation.delete'
  | 'translationRequest.create'
  | 'translationRequest.delete'
>;

interface Original {
  /** The languages it is written in: a post's one, a news item's versions. */
  readonly languages: readonly Translation['language'][];
  readonly audience: Live<'post'>['audience'];
}

/**
 * The post or news item being translated, if the user may see it (else `not-found`).
 * A post in a locked thread takes no new or changed translations, as it takes no replies.
 */
async function loadOriginal(m: MutationContext, type: TranslationTargetType, id: string): Promise<Original> {
  if (type === 'news') {
    const news = await loadVisible(m, 'news', id);
    return { languages: languagesOf(news.data.versions), audience: news.audience };
  }
  const post = await loadVisible(m, 'post', id);
  const thread = await loadVisible(m, 'thread', post.data.threadId);
  if (thread.data.locked && !canModerate(m)) throw new Rejection('thread-locked', 'This thread is locked.');
  return { languages: [post.data.language], audience: post.audience };
}

/** News have a title to translate; posts have none. */
function titleFor(type: TranslationTargetType, title: string | null | undefined): string | null {
  if (type === 'post') {
    if (title !== undefined && title !== null) throw new Rejection('invalid', 'A post has no title to translate.');
    return null;
  }
  if (title === undefined || title === null)
    throw new Rejection('invalid', 'Translate the title of the news item too.');
  return title;
}

async function assertFirstOfAuthor(m: MutationContext, args: MutationArgs<'translation.create'>): Promise<void> {
  const existing = await m.db.query(
    `SELECT 1 FROM entities
      WHERE type = 'translation' AND NOT deleted AND parent_id = $1 AND owner_id = $2 AND data->>'language' = $3`,
    [args.targetId, m.user.id, args.language],
  );
  if ((existing.rowCount ?? 0) > 0) {
    throw new Rejection('translation-exists', `You already translated this ${args.targetType} into ${args.language}.`);
  }
}

function writeTranslation(m: MutationContext, translation: Translation, original: Original): Promise<Outcome> {
  // Whoever may not see the original (a hidden post) does not get its translation either.
  return write(m, 'translation', translation, {
    audience: original.audience,
    ownerId: translation.authorId,
    parentId: translation.targetId,
  });
}

function assertAuthorOrModerator(m: MutationContext, translation: Live<'translation'>): void {
  if (translation.ownerId !== m.user.id && !canModerate(m)) {
    throw new Rejection('forbidden', 'Only the translator or a moderator may do this.');
  }
}

/** Tombstones the translations of a post or news item that is being deleted (same transaction). */
export async function deleteTranslationsOf(m: MutationContext, targetId: string): Promise<void> {
  for (const id of await childIds(m.db, 'translation', targetId)) await deleteEntity(m.db, 'translation', id, m.now);
}

/**
 * The open requests for a translation of this item into this language are fulfilled by `translation`
 * (same transaction): their requesters see it, and by whom, at their next pull.
 */
async function fulfilRequests(m: MutationContext, translation: Translation, original: Original): Promise<void> {
  const open = await m.db.query<{ data: TranslationRequest }>(
    `SELECT data FROM entities
      WHERE type = 'translationRequest' AND NOT deleted AND parent_id = $1
        AND data->>'language' = $2 AND data->>'fulfilledBy' IS NULL`,
    [translation.targetId, translation.language],
  );
  for (const { data } of open.rows) {
    await write(
      m,
      'translationRequest',
      { ...data, fulfilledBy: translation.id, fulfilledAt: m.now.toISOString() },
      { audience: original.audience, ownerId: data.requesterId, parentId: data.targetId },
    );
  }
}

/** Any signed-in reader may translate what they can see; the translator or a moderator may edit or delete it. */
export const translationMutations: TranslationHandlers = {
  async 'translation.create'(m, args) {
    const original = await loadOriginal(m, args.targetType, args.targetId);
    if (original.languages.includes(args.language)) {
      throw new Rejection('same-language', `The original is already in ${args.language}.`);
    }
    const title = titleFor(args.targetType, args.title);
    await assertNew(m, 'translation', args.id);
    await assertFirstOfAuthor(m, args);
    const translation = newTranslation(args, title, { authorId: m.user.id, now: m.now.toISOString() });
    const outcome = await writeTranslation(m, translation, original);
    await fulfilRequests(m, translation, original);
    return outcome;
  },
  /**
   * A reader who may see the original asks for it in another language. Refused when it is the
   * original's language, or when a translation into it exists already (the reader sees that one).
   */
  async 'translationRequest.create'(m, args) {
    const original = await loadOriginal(m, args.targetType, args.targetId);
    if (original.languages.includes(args.language)) {
      throw new Rejection('same-language', `The original is already in ${args.language}.`);
    }
    const translated = await m.db.query(
      `SELECT 1 FROM entities WHERE type = 'translation' AND NOT deleted AND parent_id = $1 AND data->>'language' = $2`,
      [args.targetId, args.language],
    );
    if ((translated.rowCount ?? 0) > 0) {
      throw new Rejection('translation-exists', `This ${args.targetType} is already translated into ${args.language}.`);
    }
    await assertNew(m, 'translationRequest', args.id);
    return write(
      m,
      'translationRequest',
      {
        id: args.id,
        targetType: args.targetType,
        targetId: args.targetId,
        language: args.language,
        requesterId: m.user.id,
        createdAt: m.now.toISOString(),
        fulfilledBy: null,
        fulfilledAt: null,
      },
      { audience: original.audience, ownerId: m.user.id, parentId: args.targetId },
    );
  },
  /**
   * The asker withdraws their request, or a moderator removes it: translators no longer see it. A request
   * that was fulfilled meanwhile may be removed too (it is the asker's record; the translation stays).
   */
  async 'translationRequest.delete'(m, args, baseVersion) {
    const request = await loadVisible(m, 'translationRequest', args.id);
    if (request.ownerId !== m.user.id && !canModerate(m)) {
      throw new Rejection('forbidden', 'Only the person who asked or a moderator may withdraw this request.');
    }
    const stale = conflictIfStale(request, baseVersion);
    if (stale !== undefined) return stale;
    const deleted = await deleteEntity(m.db, 'translationRequest', request.id, m.now);
    return { status: 'applied', version: deleted?.version ?? request.version + 1 };
  },

  async 'translation.update'(m, args, baseVersion) {
    const translation = await loadVisible(m, 'translation', args.id);
    assertAuthorOrModerator(m, translation);
    const current = translation.data;
    const original = await loadOriginal(m, current.targetType, current.targetId);
    const title = args.title === undefined ? current.title : titleFor(current.targetType, args.title);
    return (
      conflictIfStale(translation, baseVersion) ??
      writeTranslation(m, updatedTranslation(current, { title, body: args.body }, m.now.toISOString()), original)
    );
  },
  async 'translation.delete'(m, args, baseVersion) {
    const translation = await loadVisible(m, 'translation', args.id);
    assertAuthorOrModerator(m, translation);
    const stale = conflictIfStale(translation, baseVersion);
    if (stale !== undefined) return stale;
    const deleted = await deleteEntity(m.db, 'translation', translation.id, m.now);
    return { status: 'applied', version: deleted?.version ?? translation.version + 1 };
  },
};
