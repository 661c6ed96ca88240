import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { Settings } from '../../../../shared/settings';
import { useShortcut } from '../../app/keyboard';
import { useCan, useSession } from '../../app/session-context';
import { useUiStore } from '../../app/ui-store';
import { useContentLanguages } from '../../app/use-content-languages';
import { useDb } from '../../data/data-context';
import type { CachedPost, CachedThread, Draft } from '../../data/db';
import { draftKeys, moveDraftText } from '../../data/drafts';
import { enqueueWrites, type WriteRequest } from '../../data/outbox';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { FollowButton } from '../activity/FollowButton';
import { EditComposer, ReplyComposer } from './Composer';
import { ThreadExport } from '../export/ThreadExport';
import { AuthorThreadBar, isOwnThread, ModerationBar } from '../moderation/ThreadModeration';
import { ConfirmDialog } from './ConfirmDialog';
import { languageName } from '../library/names';
import { PostList } from './PostList';
import type { PostContext } from './PostItem';
import { countRead, markReadThrough, postIds, quoteOf } from './queries';
import { isOwnPost, ThreadDrafts } from './ThreadDrafts';
import { useDraft } from './use-draft';
import { useQuery } from '../../ui/use-query';
import './forum.css';

type Confirm =
  | { kind: 'delete'; post: CachedPost }
  | { kind: 'discard'; draft: Draft }
  | { kind: 'delete-thread'; thread: CachedThread }
  | null;

/** A thread: its posts (virtual list), replies and quotes, the user's writes and their state, moderation. */
export function ThreadScreen({
  threadId,
  postId,
  edit = false,
  settings,
}: {
  threadId: string;
  postId?: string;
  /** Open the editor of `postId` (the user's own), with its draft. */
  edit?: boolean;
  settings: Settings;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const db = useDb();
  const session = useSession();
  const userLanguages = useContentLanguages(settings);
  const canWrite = useCan('forum.write');
  const canModerate = useCan('forum.moderate');
  const navigate = useUiStore((state) => state.navigate);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [editing, setEditing] = useState<string | null>(edit && postId !== undefined ? postId : null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [followEnd, setFollowEnd] = useState(0);
  const [actionFailed, setActionFailed] = useState(false);
  const reply = useDraft(draftKeys.reply(threadId), 'reply', threadId);

  const head = useQuery(async () => {
    const thread = await db.threads.get(threadId);
    const category = thread === undefined ? undefined : await db.categories.get(thread.categoryId);
    return { thread, category };
  }, [db, threadId]);
  const index = useQuery(() => postIds(db, threadId), [db, threadId]);
  // Where reading stopped last time, read once on opening (the list opens at the first unread post).
  const [read, setRead] = useState<{ threadId: string; readCount: number; hasRead: boolean } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void db.readState
      .get(threadId)
      .then(async (state) => ({ state, readCount: await countRead(db, threadId, state?.lastReadAt) }))
      .then(({ state, readCount }) => {
        if (!cancelled) setRead({ threadId, readCount, hasRead: state !== undefined });
      });
    return () => {
      cancelled = true;
    };
  }, [db, threadId]);
  const readReady = read?.threadId === threadId;
  const replyToId = reply.fields['replyTo'] ?? '';
  const replyTo = useLiveQuery(async () => {
    if (replyToId === '') return undefined;
    const post = await db.posts.get(replyToId);
    const authorId = post?.authorId;
    const author = authorId === undefined ? undefined : await db.users.get(authorId);
    return { post, author, mine: post !== undefined && (authorId === undefined || authorId === session.user?.id) };
  }, [db, replyToId, session.user?.id]);
  const editedPost = useLiveQuery(async () => (editing === null ? undefined : db.posts.get(editing)), [db, editing]);

  const onReadThrough = useCallback(
    (id: string) => {
      markReadThrough(db, threadId, id).catch((error: unknown) => console.warn('could not record reading', error));
    },
    [db, threadId],
  );

  const run = (writes: WriteRequest[]): void => {
    setActionFailed(false);
    enqueueWrites(db, writes).catch(() => setActionFailed(true));
  };

  const thread = head.status === 'ready' ? head.value.thread : undefined;
  const defaultLanguage: ContentLanguage =
    thread !== undefined && userLanguages.includes(thread.language) ? thread.language : (userLanguages[0] ?? 'en');
  const replyLanguages =
    thread !== undefined && !userLanguages.includes(thread.language)
      ? [...userLanguages, thread.language]
      : userLanguages;

  const focusComposer = (): void => {
    requestAnimationFrame(() => textareaRef.current?.focus());
  };
  useShortcut('reply', focusComposer);

  /** The user may reply and change their posts here: they write, and the thread is open or they moderate it. */
  const canWriteHere = canWrite && thread !== undefined && (!thread.locked || canModerate);
  const context: Omit<PostContext, 'onJump'> = {
    userId: session.user?.id,
    userName: session.user?.displayName,
    canReply: canWriteHere && editing === null,
    canChangeOwn: canWriteHere,
    canModerate,
    threadLanguage: thread?.language ?? '',
    locale: i18n.language,
    contentLanguages: userLanguages,
    // As for replies: a locked thread takes no new translations (the server refuses them too).
    canTranslate: session.user !== undefined && thread !== undefined && (!thread.locked || canModerate),
    onReply: (post) => {
      reply.setField('replyTo', post.id);
      focusComposer();
    },
    onQuote: (post) => {
      const body = reply.fields['body'] ?? '';
      reply.replaceFields({ ...reply.fields, replyTo: post.id, body: `${body}${quoteOf(post.body)}` });
      focusComposer();
    },
    onEdit: (post) => {
      setEditing(post.id);
      focusComposer();
    },
    onDelete: (post) => setConfirm({ kind: 'delete', post }),
    onHide: (post, hidden) => run([{ name: 'post.hide', args: { id: post.id, hidden } }]),
  };

  // A refused edit replaces the post's edit draft; a refused reply joins the reply being written.
  const editRefusedPost = async (draft: Draft, post: CachedPost): Promise<void> => {
    await moveDraftText(db, draft, { key: draftKeys.edit(post.id), kind: 'edit', targetId: post.id }, 'replace');
    setEditing(post.id);
    focusComposer();
  };
  const editRefusedReply = async (draft: Draft): Promise<void> => {
    reply.cancelPending();
    const moved = await moveDraftText(
      db,
      draft,
      { key: draftKeys.reply(threadId), kind: 'reply', targetId: threadId, holding: reply.fields },
      'append',
    );
    reply.replaceFields(moved.fields);
    focusComposer();
  };

  const confirmAction = (): void => {
    if (confirm?.kind === 'delete') {
      const post = confirm.post;
      run([{ name: 'post.delete', args: { id: post.id }, ...(post.version > 0 ? { baseVersion: post.version } : {}) }]);
    } else if (confirm?.kind === 'discard') {
      void db.drafts.delete(confirm.draft.key);
    } else if (confirm?.kind === 'delete-thread') {
      const gone = confirm.thread;
      run([
        { name: 'thread.delete', args: { id: gone.id }, ...(gone.version > 0 ? { baseVersion: gone.version } : {}) },
      ]);
      navigate({ name: 'category', categoryId: gone.categoryId });
    }
    setConfirm(null);
  };

  const title = thread?.title ?? (head.status === 'ready' ? t('thread.notFound') : t('thread.title'));
  const hiddenFromMe = thread !== undefined && thread.hidden && !canModerate;
  const categoryName =
    head.status === 'ready' && head.value.category !== undefined
      ? pickLocalized(head.value.category.name, userLanguages)
      : undefined;

  let initialIndex = 0;
  if (index.status === 'ready' && read !== null && readReady) {
    const ids = index.value;
    const linked = postId === undefined ? -1 : ids.indexOf(postId);
    // Open at the linked post, else the first unread one, else (all read) the newest.
    initialIndex = linked >= 0 ? linked : read.hasRead ? Math.min(read.readCount, ids.length - 1) : 0;
  }

  return (
    <section className="screen forum-screen forum-thread-screen" aria-labelledby="thread-title">
      <nav className="forum-crumbs" aria-label={t('crumbs')}>
        <button type="button" className="link-button" onClick={() => navigate({ name: 'forum' })}>
          {t('forum.title')}
        </button>
        {thread !== undefined && categoryName !== undefined ? (
          <>
            <button
              type="button"
              className="link-button forum-crumb-next"
              lang={categoryName.language}
              onClick={() => navigate({ name: 'category', categoryId: thread.categoryId })}
            >
              <bdi>{categoryName.value}</bdi>
            </button>
          </>
        ) : null}
      </nav>
      <h1 id="thread-title" tabIndex={-1} lang={thread?.language} dir="auto">
        {title}
      </h1>

      {head.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {head.status === 'error' ? (
        <ErrorState title={t('error.load')}>
          <p className="help">{head.message}</p>
        </ErrorState>
      ) : null}
      {head.status === 'ready' && thread === undefined ? <EmptyState title={t('thread.notFoundHint')} /> : null}
      {hiddenFromMe ? <EmptyState title={t('thread.hiddenNotice')} /> : null}

      {thread !== undefined && !hiddenFromMe ? (
        <>
          <ThreadMeta
            thread={thread}
            posts={index.status === 'ready' ? index.value.length : thread.postCount}
            locale={i18n.language}
          />
          <FollowButton type="thread" id={thread.id} />
          <ThreadExport threadId={threadId} settings={settings} />
          {canModerate ? (
            <ModerationBar
              thread={thread}
              languages={userLanguages}
              onWrite={run}
              onDelete={() => setConfirm({ kind: 'delete-thread', thread })}
            />
          ) : isOwnThread(thread, session.user?.id) && canWrite ? (
            <AuthorThreadBar
              thread={thread}
              onWrite={run}
              onDelete={() => setConfirm({ kind: 'delete-thread', thread })}
            />
          ) : null}
          {thread.locked ? (
            <p className="forum-notice" role="note">
              {canModerate ? t('thread.lockedModerator') : t('thread.locked')}
            </p>
          ) : null}
          {actionFailed ? (
            <p className="field-error" role="alert">
              {t('error.save')}
            </p>
          ) : null}

          {index.status === 'error' ? (
            <ErrorState title={t('error.load')}>
              <p className="help">{index.message}</p>
            </ErrorState>
          ) : index.status === 'loading' || !readReady ? (
            <LoadingState label={t('loading')} />
          ) : index.value.length === 0 ? (
            <EmptyState title={t('thread.empty')} />
          ) : (
            <PostList
              ids={index.value}
              initialIndex={initialIndex}
              scrollToEnd={followEnd}
              onReadThrough={onReadThrough}
              context={context}
            />
          )}

          <ThreadDrafts
            thread={thread}
            rights={{ canWrite, canWriteHere, userId: session.user?.id }}
            onEditReply={editRefusedReply}
            onEditPost={editRefusedPost}
            onDiscard={(draft) => setConfirm({ kind: 'discard', draft })}
          />

          {editing !== null && editedPost !== undefined && canWriteHere && isOwnPost(editedPost, session.user?.id) ? (
            <EditComposer
              key={editedPost.id}
              post={editedPost}
              alsoDeleteDrafts={[]}
              textareaRef={textareaRef}
              onDone={() => setEditing(null)}
            />
          ) : canWriteHere ? (
            <ReplyComposer
              threadId={threadId}
              draft={reply}
              languages={replyLanguages}
              defaultLanguage={defaultLanguage}
              replyTo={
                replyToId === ''
                  ? undefined
                  : replyTo === undefined
                    ? 'loading'
                    : {
                        post: replyTo.post,
                        author: replyTo.mine ? session.user?.displayName : replyTo.author?.displayName,
                      }
              }
              alsoDeleteDrafts={[]}
              textareaRef={textareaRef}
              onSent={() => setFollowEnd((value) => value + 1)}
            />
          ) : null}
        </>
      ) : null}

      {confirm !== null ? (
        <ConfirmDialog
          title={t(CONFIRM_TEXTS[confirm.kind].title)}
          body={t(CONFIRM_TEXTS[confirm.kind].body)}
          confirmLabel={t(CONFIRM_TEXTS[confirm.kind].confirm)}
          cancelLabel={t('confirm.cancel')}
          onConfirm={confirmAction}
          onCancel={() => setConfirm(null)}
        />
      ) : null}
    </section>
  );
}

const CONFIRM_TEXTS = {
  delete: { title: 'confirm.deleteTitle', body: 'confirm.deleteBody', confirm: 'confirm.delete' },
  discard: { title: 'confirm.discardTitle', body: 'confirm.discardBody', confirm: 'confirm.discard' },
  'delete-thread': {
    title: 'confirm.deleteThreadTitle',
    body: 'confirm.deleteThreadBody',
    confirm: 'confirm.deleteThread',
  },
} as const;

/** `posts`: the posts on this computer, as the list below shows them (the stored count may lag a sync). */
function ThreadMeta({
  thread,
  posts,
  locale,
}: {
  thread: CachedThread;
  posts: number;
  locale: string;
}): React.JSX.Element {
  const { t } = useTranslation('forum');
  return (
    <div className="forum-thread-meta">
      <span>{languageName(thread.language, locale)}</span>
      <span>{t('postCount', { count: posts })}</span>
      {thread.tags.map((tag) => (
        <span key={tag} className="forum-tag">
          {tag}
        </span>
      ))}
      {thread.pinned ? <span className="forum-badge">{t('badge.pinned')}</span> : null}
      {thread.locked ? <span className="forum-badge">{t('badge.locked')}</span> : null}
      {thread.hidden ? <span className="forum-badge is-warning">{t('badge.hidden')}</span> : null}
    </div>
  );
}
