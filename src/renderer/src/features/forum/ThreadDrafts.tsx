import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedPost, CachedThread, Draft } from '../../data/db';
import { draftKeys, moveDraftText } from '../../data/drafts';
import { useQuery } from '../../ui/use-query';
import { KeptDrafts, type KeptDraft } from './KeptDrafts';
import { threadDrafts, type ThreadDraft } from './queries';

/** What the user may do in this thread. */
export interface ThreadRights {
  /** Their account writes in the forum. */
  readonly canWrite: boolean;
  /** They may reply and change their posts here: they write, and the thread is open or they moderate it. */
  readonly canWriteHere: boolean;
  readonly userId: string | undefined;
}

/** A post the user wrote: a pending one carries no author until the server has it. */
export function isOwnPost(post: CachedPost, userId: string | undefined): boolean {
  return post.authorId === undefined ? post.version === 0 : post.authorId === userId;
}

/**
 * The texts of this thread that were not published: writes the server
 * refused, and drafts that cannot be sent here any more (the thread was
 * locked, the account may no longer write). Each stays visible and copyable;
 * it is edited here when the thread allows it, or moved into a new thread.
 */
export function ThreadDrafts({
  thread,
  rights,
  onEditReply,
  onEditPost,
  onDiscard,
}: {
  thread: CachedThread;
  rights: ThreadRights;
  /** A refused reply goes back into the reply composer: that draft's text, after what it holds. */
  onEditReply: (draft: Draft) => Promise<void>;
  /** A refused edit goes back into the post's editor. */
  onEditPost: (draft: Draft, post: CachedPost) => Promise<void>;
  onDiscard: (draft: Draft) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation('forum');
  const db = useDb();
  const navigate = useUiStore((state) => state.navigate);
  const drafts = useQuery(() => threadDrafts(db, thread.id), [db, thread.id]);
  if (drafts.status !== 'ready') return null;

  const editable = (entry: ThreadDraft): boolean =>
    rights.canWriteHere && (entry.kind === 'reply' || isOwnPost(entry.post, rights.userId));
  const whyNotHere = (): string =>
    !rights.canWrite ? t('kept.reasonNotAllowed') : thread.locked ? t('kept.reasonLocked') : t('kept.reasonNotYours');

  const refused: KeptDraft[] = [];
  const unsent: KeptDraft[] = [];
  for (const entry of drafts.value) {
    const { draft } = entry;
    if (draft.rejection !== undefined) {
      refused.push({
        draft,
        label: entry.kind === 'edit' ? t('rejected.editLabel') : t('rejected.replyLabel'),
        reason: t('rejected.reason', { reason: t(`rejection.${draft.rejection.code}`) }),
        editable: editable(entry),
      });
    } else if (!editable(entry) && draft.fields['body']?.trim()) {
      // Being written, but its editor cannot open here any more: kept in sight instead.
      unsent.push({
        draft,
        label: entry.kind === 'edit' ? t('kept.editLabel') : t('kept.replyLabel'),
        reason: whyNotHere(),
        editable: false,
      });
    }
  }

  const edit = (draft: Draft): void => {
    const entry = drafts.value.find((candidate) => candidate.draft.key === draft.key);
    if (entry === undefined) return;
    void (entry.kind === 'edit' ? onEditPost(draft, entry.post) : onEditReply(draft));
  };
  // Into the new-thread draft of the same category, as its first post; the composer opens with it.
  const move = async (draft: Draft): Promise<void> => {
    await moveDraftText(
      db,
      draft,
      {
        key: draftKeys.newThread(thread.categoryId),
        kind: 'thread',
        targetId: thread.categoryId,
        defaults: { language: draft.fields['language'] ?? thread.language },
      },
      'append',
    );
    navigate({ name: 'new-thread', categoryId: thread.categoryId });
  };
  const onMove = rights.canWrite ? (draft: Draft) => void move(draft) : undefined;

  return (
    <>
      <KeptDrafts
        title={t('rejected.title', { count: refused.length })}
        items={refused}
        language={thread.language}
        onEdit={edit}
        onMove={onMove}
        onDiscard={onDiscard}
      />
      <KeptDrafts
        title={t('kept.title', { count: unsent.length })}
        items={unsent}
        language={thread.language}
        onEdit={edit}
        onMove={onMove}
        onDiscard={onDiscard}
      />
    </>
  );
}
