import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { ISOLATE } from '../../ui/bidi';
import { useDb } from '../../data/data-context';
import type { CachedPost } from '../../data/db';
import { formatDateTime, formatRelative } from '../../ui/format';
import { Markdown } from '../../ui/Markdown';
import { neutralizeHtml } from './post-markdown';
import { Attachments } from './Attachments';
import { ConflictView } from './ConflictView';
import { languageName } from '../library/names';
import { excerpt } from './queries';
import { TranslationConflict } from '../translations/TranslationConflict';
import { RejectedTranslation, TranslationNote, TranslationSwitcher } from '../translations/TranslationNote';
import { TranslationEditor } from '../translations/TranslationEditor';
import { TranslationRequestControl } from '../translations/TranslationRequest';
import { useReaderTranslation } from '../translations/use-reader-translation';
import { ReportForm } from '../moderation/ReportForm';
import './forum.css';

export interface PostContext {
  userId: string | undefined;
  userName: string | undefined;
  /** The user may reply here (writer, and the thread is open or they moderate it). */
  canReply: boolean;
  /** The user may edit or delete their own posts here (writer, and the thread is open or they moderate it). */
  canChangeOwn: boolean;
  canModerate: boolean;
  threadLanguage: string;
  locale: string;
  /** The reader's content languages, most preferred first: a translation into one above the post's is shown. */
  contentLanguages: readonly ContentLanguage[];
  /** Signed in: the user may contribute translations. */
  canTranslate: boolean;
  onReply: (post: CachedPost) => void;
  onQuote: (post: CachedPost) => void;
  onEdit: (post: CachedPost) => void;
  onDelete: (post: CachedPost) => void;
  onHide: (post: CachedPost, hidden: boolean) => void;
  onJump: (postId: string) => void;
}

/** One post: author, time, the quoted parent, the sanitized body, attachments, its state and actions. */
export function PostItem({ id, context }: { id: string; context: PostContext }): React.JSX.Element {
  const { t } = useTranslation('forum');
  const { t: tr } = useTranslation('translations');
  const db = useDb();
  const [translating, setTranslating] = useState(false);
  const [reporting, setReporting] = useState(false);
  const row = useLiveQuery(async () => {
    const post = await db.posts.get(id);
    if (post === undefined) return { post };
    // A post made on this device carries no author until the server has it (the server sets it).
    const authorId = post.authorId;
    const [author, parent, outbox] = await Promise.all([
      authorId === undefined ? undefined : db.users.get(authorId),
      post.replyTo !== null ? db.posts.get(post.replyTo) : undefined,
      post.local !== undefined ? db.outbox.where('entityId').equals(id).toArray() : [],
    ]);
    const parentAuthor = parent?.authorId === undefined ? undefined : await db.users.get(parent.authorId);
    return { post, author, parent, parentAuthor, outbox };
  }, [db, id]);

  const translation = useReaderTranslation(
    { type: 'post', id, language: row?.post?.language ?? 'en' },
    context.contentLanguages,
    { id: context.userId, name: context.userName },
  );

  if (row?.post === undefined) {
    return <div className="forum-post is-placeholder" aria-busy="true" />;
  }
  const { post, author, parent, parentAuthor, outbox } = row;
  const authorId = post.authorId;
  const own = authorId === undefined ? post.version === 0 : authorId === context.userId;
  const nameOf = (id: string | undefined, name: string | undefined): string =>
    name ?? (id === undefined || id === context.userId ? (context.userName ?? t('post.you')) : t('post.unknownAuthor'));
  const authorName = nameOf(authorId, author?.displayName);
  const sending = outbox.some((item) => item.status === 'sending');
  const conflict = outbox.find((item) => item.status === 'conflict');
  const hiddenForMe = post.hidden && !context.canModerate;

  return (
    <article
      className={own ? 'forum-post is-own' : 'forum-post'}
      data-post-id={post.id}
      tabIndex={-1}
      aria-label={t('post.label', { author: authorName })}
    >
      <header className="forum-post-header">
        <span className="forum-avatar" aria-hidden="true">
          {authorName.slice(0, 1).toUpperCase()}
        </span>
        <span className="forum-post-author">{authorName}</span>
        <time dateTime={post.createdAt} title={formatDateTime(post.createdAt, context.locale)}>
          {formatRelative(post.createdAt, context.locale)}
        </time>
        {post.editedAt !== null ? (
          <span className="forum-muted" title={formatDateTime(post.editedAt, context.locale)}>
            {t('post.edited')}
          </span>
        ) : null}
        {post.language !== context.threadLanguage ? (
          <span className="forum-badge">{languageName(post.language, context.locale)}</span>
        ) : null}
        {post.hidden ? <span className="forum-badge is-warning">{t('badge.hidden')}</span> : null}
        {own ? (
          <span className={`forum-state is-${post.local ?? 'sent'}`}>
            {post.local === 'conflict'
              ? t('state.conflict')
              : post.local === 'pending'
                ? sending
                  ? t('state.sending')
                  : t('state.pending')
                : t('state.sent')}
          </span>
        ) : null}
      </header>

      {post.replyTo !== null && !hiddenForMe ? (
        <blockquote className="forum-quote">
          <p className="forum-quote-source">
            {parent === undefined ? (
              t('post.replyToMissing')
            ) : (
              <Trans
                t={t}
                i18nKey="post.replyTo"
                values={{ author: nameOf(parent.authorId, parentAuthor?.displayName) }}
                components={ISOLATE}
              />
            )}
            {parent !== undefined ? (
              <button type="button" className="link-button" onClick={() => context.onJump(parent.id)}>
                {t('post.showParent')}
              </button>
            ) : null}
          </p>
          {parent !== undefined && !(parent.hidden && !context.canModerate) ? (
            <p className="forum-quote-text" lang={parent.language} dir="auto">
              {excerpt(parent.body, 200, parent.language)}
            </p>
          ) : null}
        </blockquote>
      ) : null}

      {hiddenForMe ? (
        <p className="forum-muted">{t('post.hiddenNotice')}</p>
      ) : (
        <>
          <div lang={translation.shown?.language ?? post.language} dir="auto">
            <Markdown
              source={neutralizeHtml(translation.shown?.body ?? post.body)}
              className="markdown forum-markdown"
            />
          </div>
          <TranslationNote view={translation} originalLanguage={post.language} locale={context.locale} />
          <TranslationSwitcher view={translation} languages={context.contentLanguages} locale={context.locale} />
          <TranslationRequestControl
            target={{ type: 'post', id: post.id, language: post.language }}
            translations={translation.translations}
            languages={context.contentLanguages}
            readerId={context.userId}
            locale={context.locale}
          />
          {translation.conflicts.map((item) => (
            <TranslationConflict key={item.id} item={item} locale={context.locale} />
          ))}
          {translating ? null : <RejectedTranslation view={translation} onEdit={() => setTranslating(true)} />}
        </>
      )}

      {!hiddenForMe && post.attachments.length > 0 ? <Attachments hashes={post.attachments} /> : null}

      {conflict?.seq !== undefined ? <ConflictView item={conflict} post={post} /> : null}

      <div className="forum-post-actions">
        {context.canReply && !hiddenForMe ? (
          <>
            <button type="button" className="button-quiet" onClick={() => context.onReply(post)}>
              {t('post.reply')}
            </button>
            <button type="button" className="button-quiet" onClick={() => context.onQuote(post)}>
              {t('post.quote')}
            </button>
          </>
        ) : null}
        {own && context.canChangeOwn && post.local !== 'conflict' ? (
          <>
            <button type="button" className="button-quiet" onClick={() => context.onEdit(post)}>
              {t('post.edit')}
            </button>
            <button type="button" className="button-quiet is-danger" onClick={() => context.onDelete(post)}>
              {t('post.delete')}
            </button>
          </>
        ) : null}
        {!own && context.canModerate && post.local !== 'conflict' ? (
          // A moderator removes someone else's post (the server allows it to moderators only).
          <button type="button" className="button-quiet is-danger" onClick={() => context.onDelete(post)}>
            {t('moderation.deletePost')}
          </button>
        ) : null}
        {!own && context.userId !== undefined && !hiddenForMe && post.version > 0 ? (
          <button
            type="button"
            className="button-quiet"
            aria-expanded={reporting}
            onClick={() => setReporting((open) => !open)}
          >
            {t('report.action')}
          </button>
        ) : null}
        {context.canTranslate && !hiddenForMe ? (
          <button
            type="button"
            className="button-quiet"
            aria-expanded={translating}
            onClick={() => setTranslating((open) => !open)}
          >
            {tr('translate')}
          </button>
        ) : null}
        {context.canModerate ? (
          <button type="button" className="button-quiet" onClick={() => context.onHide(post, !post.hidden)}>
            {post.hidden ? t('moderation.unhidePost') : t('moderation.hidePost')}
          </button>
        ) : null}
      </div>

      {reporting ? <ReportForm post={post} userId={context.userId} onClose={() => setReporting(false)} /> : null}
      {translating && !hiddenForMe ? (
        <TranslationEditor
          target={{ type: 'post', id: post.id, language: post.language }}
          original={{ markdown: neutralizeHtml(post.body) }}
          translations={translation.translations}
          refused={translation.refused}
          conflicts={translation.conflicts}
          languages={context.contentLanguages}
          readerId={context.userId}
          locale={context.locale}
          onClose={() => setTranslating(false)}
        />
      ) : null}
    </article>
  );
}
