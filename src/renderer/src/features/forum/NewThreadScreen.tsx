import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { Settings } from '../../../../shared/settings';
import { useCan } from '../../app/session-context';
import { useUiStore } from '../../app/ui-store';
import { useContentLanguages } from '../../app/use-content-languages';
import { useDb } from '../../data/data-context';
import type { Draft } from '../../data/db';
import { draftKeys } from '../../data/drafts';
import { newId } from '../../data/ids';
import { enqueueWrites } from '../../data/outbox';
import { formatDateTime } from '../../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useMentionAssist } from '../activity/use-mention-assist';
import { MarkdownEditor } from './MarkdownEditor';
import { languageName } from '../library/names';
import { parseTags } from './queries';
import { useDraft } from './use-draft';
import { useQuery } from '../../ui/use-query';
import './forum.css';

type Problem = 'title' | 'body' | 'save' | null;

/** Starting a discussion: title, language, tags and a first post; published in one outbox write. */
export function NewThreadScreen({
  categoryId,
  draftKey,
  settings,
}: {
  categoryId: string;
  /** Continue this draft (a thread the server refused) instead of the category's new-thread draft. */
  draftKey?: string;
  settings: Settings;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const db = useDb();
  const canWrite = useCan('forum.write');
  const navigate = useUiStore((state) => state.navigate);
  const key = draftKey ?? draftKeys.newThread(categoryId);
  const draft = useDraft(key, 'thread', categoryId);
  // Why the server refused it, as it was when the editor opened (editing saves the draft without it).
  const [refusal, setRefusal] = useState<{ key: string; rejection: NonNullable<Draft['rejection']> } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void db.drafts.get(key).then((stored) => {
      if (!cancelled && stored?.rejection !== undefined) setRefusal({ key, rejection: stored.rejection });
    });
    return () => {
      cancelled = true;
    };
  }, [db, key]);
  const [problem, setProblem] = useState<Problem>(null);
  const [saving, setSaving] = useState(false);
  const ids = { title: useId(), language: useId(), tags: useId(), tagsHelp: useId(), error: useId() };
  const category = useQuery(async () => (await db.categories.get(categoryId)) ?? null, [db, categoryId]);

  const languages = useContentLanguages(settings);
  const title = draft.fields['title'] ?? '';
  const body = draft.fields['body'] ?? '';
  const onBody = (value: string): void => draft.setField('body', value);
  const mention = useMentionAssist({ value: body, onChange: onBody });
  const tags = draft.fields['tags'] ?? '';
  const language = (draft.fields['language'] ?? languages[0] ?? 'en') as ContentLanguage;
  // A text moved here keeps its language, even one the user does not read content in.
  const choices = languages.includes(language) ? languages : [...languages, language];

  const publish = async (): Promise<void> => {
    if (title.trim() === '') {
      setProblem('title');
      document.getElementById(ids.title)?.focus();
      return;
    }
    if (body.trim() === '') {
      setProblem('body');
      return;
    }
    setProblem(null);
    setSaving(true);
    draft.cancelPending();
    const threadId = newId();
    try {
      const tagList = parseTags(tags);
      await enqueueWrites(
        db,
        [
          {
            name: 'thread.create',
            args: {
              id: threadId,
              categoryId,
              title: title.trim(),
              language,
              ...(tagList.length > 0 ? { tags: tagList } : {}),
            },
          },
          { name: 'post.create', args: { id: newId(), threadId, body, language, replyTo: null } },
        ],
        { alsoDeleteDrafts: [key] },
      );
      await draft.discard();
      navigate({ name: 'thread', threadId });
    } catch {
      draft.replaceFields(draft.fields);
      setProblem('save');
      setSaving(false);
    }
  };

  const name =
    category.status === 'ready' && category.value !== null ? pickLocalized(category.value.name, languages) : undefined;

  return (
    <section className="screen forum-screen" aria-labelledby="new-thread-title">
      <nav className="forum-crumbs" aria-label={t('crumbs')}>
        <button type="button" className="link-button" onClick={() => navigate({ name: 'forum' })}>
          {t('forum.title')}
        </button>
        {name !== undefined ? (
          <button
            type="button"
            className="link-button forum-crumb-next"
            lang={name.language}
            onClick={() => navigate({ name: 'category', categoryId })}
          >
            <bdi>{name.value}</bdi>
          </button>
        ) : null}
      </nav>
      <h1 id="new-thread-title" tabIndex={-1}>
        {t('newThread.title')}
      </h1>
      {refusal?.key === key ? (
        <p className="forum-notice" role="note">
          {t('newThread.refused', { reason: t(`rejection.${refusal.rejection.code}`) })}
        </p>
      ) : null}
      {category.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {category.status === 'error' ? (
        <ErrorState title={t('error.load')}>
          <p className="help">{category.message}</p>
        </ErrorState>
      ) : null}
      {category.status === 'ready' && category.value === null ? (
        <EmptyState title={t('category.notFoundHint')} />
      ) : null}
      {category.status === 'ready' && category.value !== null && !canWrite ? (
        <EmptyState title={t('newThread.notAllowed')} />
      ) : null}

      {category.status === 'ready' && category.value !== null && canWrite ? (
        <form
          className="forum-new-thread"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void publish();
          }}
        >
          <div className="forum-field">
            <label htmlFor={ids.title}>{t('newThread.titleLabel')}</label>
            <input
              id={ids.title}
              type="text"
              value={title}
              maxLength={300}
              dir="auto"
              disabled={!draft.ready}
              aria-invalid={problem === 'title'}
              aria-describedby={problem === 'title' ? ids.error : undefined}
              onChange={(event) => draft.setField('title', event.target.value)}
            />
          </div>
          <div className="forum-field-row">
            <div className="forum-field">
              <label htmlFor={ids.language}>{t('newThread.language')}</label>
              <select
                id={ids.language}
                value={language}
                disabled={!draft.ready}
                onChange={(event) => draft.setField('language', event.target.value)}
              >
                {choices.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, i18n.language)}
                  </option>
                ))}
              </select>
            </div>
            <div className="forum-field forum-field-grow">
              <label htmlFor={ids.tags}>{t('newThread.tags')}</label>
              <input
                id={ids.tags}
                type="text"
                value={tags}
                dir="auto"
                disabled={!draft.ready}
                aria-describedby={ids.tagsHelp}
                onChange={(event) => draft.setField('tags', event.target.value)}
              />
              <p id={ids.tagsHelp} className="help">
                {t('newThread.tagsHelp')}
              </p>
            </div>
          </div>
          <MarkdownEditor
            label={t('newThread.body')}
            value={body}
            disabled={!draft.ready}
            onChange={onBody}
            onSubmit={() => void publish()}
            assist={mention}
            {...(problem === 'body' ? { describedBy: ids.error } : {})}
          />
          {problem !== null ? (
            <p id={ids.error} className="field-error" role="alert">
              {t(`newThread.problem.${problem}`)}
            </p>
          ) : null}
          <p className="help" role="status">
            {draft.savedAt !== null
              ? t('composer.draftSaved', { when: formatDateTime(draft.savedAt, i18n.language) })
              : ''}
          </p>
          <div className="forum-actions">
            <button
              type="button"
              className="button-secondary"
              onClick={() => navigate({ name: 'category', categoryId })}
            >
              {t('newThread.cancel')}
            </button>
            <button type="submit" className="button-primary" disabled={!draft.ready || saving}>
              {t('newThread.publish')}
            </button>
          </div>
          <p className="help">{t('composer.offlineNote')}</p>
        </form>
      ) : null}
    </section>
  );
}
