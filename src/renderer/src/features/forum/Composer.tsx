import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { useDb } from '../../data/data-context';
import type { CachedPost } from '../../data/db';
import { draftKeys } from '../../data/drafts';
import { newId } from '../../data/ids';
import { enqueueWrites } from '../../data/outbox';
import { formatDateTime } from '../../ui/format';
import { MarkdownEditor } from './MarkdownEditor';
import { languageName } from '../library/names';
import { excerpt } from './queries';
import { useDraft, type DraftHandle } from './use-draft';
import './forum.css';

type SaveState = 'idle' | 'saving' | 'saved' | 'empty' | 'failed';

function SaveStatus({ state, draft }: { state: SaveState; draft: DraftHandle }): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const text =
    state === 'saved'
      ? t('composer.queued')
      : state === 'failed'
        ? t('error.save')
        : state === 'empty'
          ? t('composer.empty')
          : draft.savedAt !== null
            ? t('composer.draftSaved', { when: formatDateTime(draft.savedAt, i18n.language) })
            : '';
  return (
    <p className={state === 'failed' || state === 'empty' ? 'field-error' : 'help'} role="status">
      {text}
    </p>
  );
}

/**
 * The reply box under a thread: markdown with preview, an autosaved draft,
 * and "Send", which stores the reply in the outbox (and drops the draft) in
 * one transaction. The reply is shown at once and sent when online.
 */
export function ReplyComposer({
  threadId,
  draft,
  languages,
  defaultLanguage,
  replyTo: replyToInfo,
  alsoDeleteDrafts,
  textareaRef,
  onSent,
}: {
  threadId: string;
  draft: DraftHandle;
  languages: readonly ContentLanguage[];
  defaultLanguage: ContentLanguage;
  /** The post being answered, once looked up. */
  replyTo: 'loading' | { post: CachedPost | undefined; author: string | undefined } | undefined;
  /** Rejected drafts loaded into this reply: they go once it is saved. */
  alsoDeleteDrafts: readonly string[];
  textareaRef: React.Ref<HTMLTextAreaElement>;
  onSent: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const db = useDb();
  const [state, setState] = useState<SaveState>('idle');
  const languageId = useId();
  const body = draft.fields['body'] ?? '';
  const language = (draft.fields['language'] ?? defaultLanguage) as ContentLanguage;
  const replyTo = draft.fields['replyTo'] ?? '';

  const send = async (): Promise<void> => {
    if (body.trim() === '') {
      setState('empty');
      return;
    }
    setState('saving');
    draft.cancelPending();
    try {
      await enqueueWrites(
        db,
        [
          {
            name: 'post.create',
            args: { id: newId(), threadId, body, language, replyTo: replyTo === '' ? null : replyTo },
          },
        ],
        { alsoDeleteDrafts: [draftKeys.reply(threadId), ...alsoDeleteDrafts] },
      );
      await draft.discard();
      setState('saved');
      onSent();
    } catch {
      draft.replaceFields(draft.fields);
      setState('failed');
    }
  };

  return (
    <form
      className="forum-composer"
      aria-label={t('composer.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <h2 className="forum-composer-title">{t('composer.title')}</h2>
      {replyTo !== '' && replyToInfo !== undefined && replyToInfo !== 'loading' ? (
        <div className="forum-composer-replyto">
          <p>
            {replyToInfo.post === undefined
              ? t('post.replyToMissing')
              : t('composer.replyingTo', { author: replyToInfo.author ?? t('post.unknownAuthor') })}
          </p>
          {replyToInfo.post !== undefined ? (
            <p className="forum-quote-text" dir="auto" lang={replyToInfo.post.language}>
              {excerpt(replyToInfo.post.body, 140, replyToInfo.post.language)}
            </p>
          ) : null}
          <button type="button" className="button-quiet" onClick={() => draft.setField('replyTo', '')}>
            {t('composer.cancelReplyTo')}
          </button>
        </div>
      ) : null}
      <MarkdownEditor
        label={t('composer.label')}
        value={body}
        disabled={!draft.ready}
        onChange={(value) => {
          setState('idle');
          draft.setField('body', value);
        }}
        onSubmit={() => void send()}
        textareaRef={textareaRef}
      />
      <div className="forum-composer-footer">
        <div className="forum-filter">
          <label htmlFor={languageId}>{t('composer.language')}</label>
          <select id={languageId} value={language} onChange={(event) => draft.setField('language', event.target.value)}>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <SaveStatus state={state} draft={draft} />
        <div className="forum-actions">
          {body !== '' ? (
            <button type="button" className="button-secondary" onClick={() => void draft.discard()}>
              {t('composer.discard')}
            </button>
          ) : null}
          <button type="submit" className="button-primary" disabled={!draft.ready || state === 'saving'}>
            {t('composer.send')}
          </button>
        </div>
      </div>
      <p className="help">{t('composer.offlineNote')}</p>
    </form>
  );
}

/** Editing one's own post: starts from the post (or a stored edit draft) and sends `post.update`. */
export function EditComposer({
  post,
  alsoDeleteDrafts,
  textareaRef,
  onDone,
}: {
  post: CachedPost;
  alsoDeleteDrafts: readonly string[];
  textareaRef: React.Ref<HTMLTextAreaElement>;
  onDone: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('forum');
  const db = useDb();
  const key = draftKeys.edit(post.id);
  const draft = useDraft(key, 'edit', post.id, post.body);
  const [state, setState] = useState<SaveState>('idle');
  const body = draft.fields['body'] ?? '';

  const save = async (): Promise<void> => {
    if (body.trim() === '') {
      setState('empty');
      return;
    }
    setState('saving');
    draft.cancelPending();
    try {
      await enqueueWrites(
        db,
        [
          {
            name: 'post.update',
            args: { id: post.id, body },
            ...(post.version > 0 ? { baseVersion: post.version } : {}),
          },
        ],
        { alsoDeleteDrafts: [key, ...alsoDeleteDrafts] },
      );
      await draft.discard();
      onDone();
    } catch {
      draft.replaceFields(draft.fields);
      setState('failed');
    }
  };

  return (
    <form
      className="forum-composer is-editing"
      aria-label={t('composer.editTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className="forum-composer-title">{t('composer.editTitle')}</h2>
      <MarkdownEditor
        label={t('composer.editLabel')}
        value={body}
        disabled={!draft.ready}
        onChange={(value) => {
          setState('idle');
          draft.setField('body', value);
        }}
        onSubmit={() => void save()}
        textareaRef={textareaRef}
      />
      <div className="forum-composer-footer">
        <SaveStatus state={state} draft={draft} />
        <div className="forum-actions">
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              void draft.discard().then(onDone);
            }}
          >
            {t('composer.cancelEdit')}
          </button>
          <button type="submit" className="button-primary" disabled={!draft.ready || state === 'saving'}>
            {t('composer.saveEdit')}
          </button>
        </div>
      </div>
    </form>
  );
}
