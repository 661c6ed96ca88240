import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useUiStore } from '../../app/ui-store';
import { useContentLanguages } from '../../app/use-content-languages';
import { useDb } from '../../data/data-context';
import type { Draft } from '../../data/db';
import { draftText } from '../../data/drafts';
import { formatRelative } from '../../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useQuery } from '../../ui/use-query';
import { ConfirmDialog } from '../forum/ConfirmDialog';
import { excerpt } from '../forum/queries';
import { languageName } from '../library/names';
import { draftEntries, type DraftEntry, type DraftSubject, type Named } from './draft-places';
import './drafts.css';

/**
 * Every draft on this computer: where it belongs, whether it is being written
 * or was refused (and why), each opening where it is edited. A draft nothing
 * here can show any more (its thread is gone) keeps its text in sight, to copy.
 */
export function DraftsScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('drafts');
  const db = useDb();
  const languages = useContentLanguages(settings);
  const entries = useQuery(() => draftEntries(db, languages), [db, languages]);
  const [discarding, setDiscarding] = useState<Draft | null>(null);

  return (
    <section className="screen" aria-labelledby="drafts-title">
      <h1 id="drafts-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="lead">{t('intro')}</p>
      {entries.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {entries.status === 'error' ? (
        <ErrorState title={t('error')}>
          <p className="help">{entries.message}</p>
        </ErrorState>
      ) : null}
      {entries.status === 'ready' && entries.value.length === 0 ? (
        <EmptyState title={t('empty')}>{t('emptyHint')}</EmptyState>
      ) : null}
      {entries.status === 'ready' && entries.value.length > 0 ? (
        <ul className="row-list drafts-list" aria-labelledby="drafts-title">
          {entries.value.map((entry) => (
            <DraftRow key={entry.draft.key} entry={entry} onDiscard={setDiscarding} />
          ))}
        </ul>
      ) : null}
      {discarding !== null ? (
        <ConfirmDialog
          title={t('discardTitle')}
          body={t('discardBody')}
          confirmLabel={t('discard')}
          cancelLabel={t('cancel')}
          onConfirm={() => {
            void db.drafts.delete(discarding.key);
            setDiscarding(null);
          }}
          onCancel={() => setDiscarding(null)}
        />
      ) : null}
    </section>
  );
}

function DraftRow({ entry, onDiscard }: { entry: DraftEntry; onDiscard: (draft: Draft) => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('drafts');
  const navigate = useUiStore((state) => state.navigate);
  const [copied, setCopied] = useState(false);
  const { draft, route } = entry;
  const text = draftText(draft);
  const rejection = draft.rejection;

  return (
    <li className="draft-row">
      <p className="draft-what">
        <span className={rejection !== undefined ? 'badge draft-refused' : 'badge'}>
          {rejection !== undefined ? t('state.refused') : t('state.writing')}
        </span>{' '}
        <Subject subject={entry.subject} />
      </p>
      <p className="meta">
        {rejection !== undefined
          ? t('refusedBecause', { reason: t(`forum:rejection.${rejection.code}`) })
          : t('savedWhen', { when: formatRelative(draft.updatedAt, i18n.language) })}
      </p>
      {text.trim() !== '' ? (
        <p className="draft-excerpt" dir="auto" lang={draft.fields['language']}>
          {route === undefined ? text : excerpt(text, 200)}
        </p>
      ) : null}
      {route === undefined ? <p className="help">{t('nowhere')}</p> : null}
      <div className="draft-actions">
        {route !== undefined ? (
          <button type="button" className="button-primary" onClick={() => navigate(route)}>
            {t('open')}
          </button>
        ) : null}
        {text.trim() !== '' ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              void navigator.clipboard.writeText(text).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {t('copy')}
          </button>
        ) : null}
        <button type="button" className="button-secondary" onClick={() => onDiscard(draft)}>
          {t('discard')}
        </button>
        <span className="help" role="status">
          {copied ? t('copied') : ''}
        </span>
      </div>
    </li>
  );
}

function NamedText({ named }: { named: Named | undefined }): React.JSX.Element {
  const { t } = useTranslation('drafts');
  return named === undefined ? <span>{t('unknownPlace')}</span> : <bdi lang={named.language}>{named.text}</bdi>;
}

/** What the draft is, and what it belongs to. */
function Subject({ subject }: { subject: DraftSubject }): React.JSX.Element {
  const { t, i18n } = useTranslation('drafts');
  const { t: ts } = useTranslation('sync');
  switch (subject.kind) {
    case 'reply':
      return (
        <>
          {t('subject.reply')} · <NamedText named={subject.thread} />
        </>
      );
    case 'edit':
      return (
        <>
          {t('subject.edit')} · <NamedText named={subject.thread} />
        </>
      );
    case 'new-thread':
      return (
        <>
          {t('subject.newThread')}
          {subject.title.trim() !== '' ? (
            <>
              {' '}
              <bdi>{t('quoted', { title: subject.title })}</bdi>
            </>
          ) : null}{' '}
          · <NamedText named={subject.category} />
        </>
      );
    case 'translation':
      return (
        <>
          {t(subject.of === 'news' ? 'subject.translationOfNews' : 'subject.translationOfPost', {
            language: languageName(subject.language, i18n.language),
          })}{' '}
          · <NamedText named={subject.title} />
        </>
      );
    case 'session':
      return (
        <>
          {t('subject.session')}
          {subject.title.trim() !== '' ? (
            <>
              {' '}
              <bdi>{t('quoted', { title: subject.title })}</bdi>
            </>
          ) : null}{' '}
          · <NamedText named={subject.collection} />
        </>
      );
    case 'news':
      return (
        <>
          {t(subject.edit ? 'subject.newsEdit' : 'subject.news')}
          {subject.title !== undefined ? (
            <>
              {' '}
              <bdi lang={subject.title.language}>{t('quoted', { title: subject.title.text })}</bdi>
            </>
          ) : null}
        </>
      );
    case 'write':
      return <>{ts(`mutation.${subject.mutation}`)}</>;
    case 'unknown':
      return <>{t('subject.unknown')}</>;
  }
}
