import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import { defaultTranslationLanguage } from '../../../../shared/translations';
import { useDb } from '../../data/data-context';
import type { CachedTranslation, Draft, OutboxItem } from '../../data/db';
import { draftKeys } from '../../data/drafts';
import { newId } from '../../data/ids';
import { enqueueWrites, type WriteRequest } from '../../data/outbox';
import { Markdown } from '../../ui/Markdown';
import { ConfirmDialog } from '../forum/ConfirmDialog';
import { languageName } from '../library/names';
import { MarkdownEditor } from '../forum/MarkdownEditor';
import { useDraft, type DraftFields } from '../forum/use-draft';
import { isOwnTranslation, type TranslationTarget } from './use-reader-translation';
import './translations.css';

type SaveState = 'idle' | 'saving' | 'empty-title' | 'empty-body' | 'failed' | 'conflict';

/** The draft field that remembers which refused translation the editor's text was loaded from. */
const REFUSED_FROM = 'refusedFrom';

function hasText(fields: DraftFields): boolean {
  return (fields['title'] ?? '').trim() !== '' || (fields['body'] ?? '').trim() !== '';
}

/** The editor's fields holding a refused translation's text, marked as loaded from it. */
function loadedFrom(refused: Draft): DraftFields {
  const fields: DraftFields = { body: refused.fields['body'] ?? '', [REFUSED_FROM]: refused.key };
  if (refused.fields['language'] !== undefined) fields['language'] = refused.fields['language'];
  if ((refused.fields['title'] ?? '') !== '') fields['title'] = refused.fields['title'] ?? '';
  return fields;
}

function sameText(a: DraftFields, b: DraftFields): boolean {
  return (a['body'] ?? '') === (b['body'] ?? '') && (a['title'] ?? '') === (b['title'] ?? '');
}

function languageOfOutboxItem(item: OutboxItem): unknown {
  return (item.before as Record<string, unknown> | undefined)?.['language'];
}

function isContentLanguage(value: string | undefined): value is ContentLanguage {
  return value !== undefined && (CONTENT_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Writing a translation of a post or news item, with the original beside it.
 * The text is a draft saved while typing; saving puts a `translation.create`
 * (or `translation.update` of one's own translation into that language) in
 * the outbox, so it works offline like every other write.
 */
export function TranslationEditor({
  target,
  original,
  translations,
  refused = [],
  conflicts = [],
  languages,
  writtenIn,
  readerId,
  locale,
  onClose,
}: {
  target: TranslationTarget;
  /** The original's markdown (made safe for display by the caller) and, for news, its title. */
  original: { title?: string; markdown: string };
  translations: readonly CachedTranslation[];
  /** Translations of this original the server refused (`ReaderTranslation.refused`). */
  refused?: readonly Draft[];
  /** The reader's writes of these translations that met someone else's change. */
  conflicts?: readonly OutboxItem[];
  languages: readonly ContentLanguage[];
  /** Every language the original is written in (a news item's versions); by default, `target.language`. */
  writtenIn?: readonly ContentLanguage[];
  readerId: string | undefined;
  locale: string;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('translations');
  const db = useDb();
  const key = draftKeys.translation(target.type, target.id);
  const draft = useDraft(key, 'translation', target.id);
  const [state, setState] = useState<SaveState>('idle');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmLoad, setConfirmLoad] = useState<Draft | null>(null);
  const ids = { language: useId(), title: useId(), original: useId(), heading: useId(), status: useId() };
  const languageRef = useRef<HTMLSelectElement>(null);
  const hasTitle = target.type === 'news';

  // Give focus back (to the Translate button) on closing; focus the first field once the draft is read.
  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => returnTo?.focus();
  }, []);
  useEffect(() => {
    if (draft.ready) languageRef.current?.focus();
  }, [draft.ready]);

  // A news item written in several languages is translated into none of them.
  const written: readonly ContentLanguage[] = writtenIn ?? [target.language];
  const stored = draft.fields['language'];
  const language =
    isContentLanguage(stored) && !written.includes(stored)
      ? stored
      : defaultTranslationLanguage(target.language, languages, written);
  // One's own translation into this language is edited, not duplicated (the server refuses a second one).
  const own = translations.find(
    (translation) => translation.language === language && isOwnTranslation(translation, readerId),
  );
  const title = draft.fields['title'] ?? own?.title ?? '';
  const body = draft.fields['body'] ?? own?.body ?? '';
  // The refused translation the text came from (the legacy single draft held it under the editor's own key).
  const source = refused.find((item) => item.key === draft.fields[REFUSED_FROM] || item.key === key);
  const notLoaded = refused.filter((item) => item !== source);
  // An edit of a translation in conflict waits until the reader has chosen a version.
  const inConflict = conflicts.some((item) => item.entityId === own?.id || languageOfOutboxItem(item) === language);

  // With nothing unsaved in the editor, a refused translation comes back into it; unsaved text is never replaced.
  const empty = draft.ready && !hasText(draft.fields);
  const firstRefused = notLoaded[0];
  const { replaceFields } = draft;
  const autoLoaded = useRef(false);
  useEffect(() => {
    if (!empty || firstRefused === undefined || autoLoaded.current) return;
    autoLoaded.current = true;
    replaceFields(loadedFrom(firstRefused));
  }, [empty, firstRefused, replaceFields]);

  const load = (item: Draft): void => {
    setConfirmLoad(null);
    setState('idle');
    draft.replaceFields(loadedFrom(item));
  };
  const askToLoad = (item: Draft): void => {
    if (hasText(draft.fields) && !sameText(draft.fields, item.fields)) setConfirmLoad(item);
    else load(item);
  };
  const settledDrafts = [key, ...(source !== undefined && source.key !== key ? [source.key] : [])];
  const choices = [...languages, ...CONTENT_LANGUAGES.filter((code) => !languages.includes(code))].filter(
    (code) => !written.includes(code),
  );

  const save = async (): Promise<void> => {
    if (hasTitle && title.trim() === '') {
      setState('empty-title');
      return;
    }
    if (body.trim() === '') {
      setState('empty-body');
      return;
    }
    if (inConflict) {
      setState('conflict');
      return;
    }
    setState('saving');
    draft.cancelPending();
    // Based on the version the reader saw: if a moderator (or the translator elsewhere) changed it
    // meanwhile, the server answers with a conflict and both versions are kept for the reader to choose.
    const write: WriteRequest =
      own !== undefined
        ? {
            name: 'translation.update',
            args: { id: own.id, body, ...(hasTitle ? { title } : {}) },
            ...(own.version > 0 ? { baseVersion: own.version } : {}),
          }
        : {
            name: 'translation.create',
            args: {
              id: newId(),
              targetType: target.type,
              targetId: target.id,
              language,
              body,
              ...(hasTitle ? { title } : {}),
            },
          };
    try {
      // Saved here; the sync engine sends it at once if the server can be reached (else it waits in the outbox).
      await enqueueWrites(db, [write], { alsoDeleteDrafts: settledDrafts });
      await draft.discard();
      onClose();
    } catch {
      draft.replaceFields(draft.fields);
      setState('failed');
    }
  };

  const remove = async (): Promise<void> => {
    setConfirmDelete(false);
    if (own === undefined) return;
    try {
      await enqueueWrites(
        db,
        [
          {
            name: 'translation.delete',
            args: { id: own.id },
            ...(own.version > 0 ? { baseVersion: own.version } : {}),
          },
        ],
        { alsoDeleteDrafts: settledDrafts },
      );
      await draft.discard();
      onClose();
    } catch {
      setState('failed');
    }
  };

  const problem =
    state === 'empty-title'
      ? t('editor.emptyTitle')
      : state === 'empty-body'
        ? t('editor.emptyBody')
        : state === 'failed'
          ? t('editor.saveFailed')
          : state === 'conflict'
            ? t('editor.inConflict')
            : null;

  return (
    <form
      className="translation-editor"
      aria-labelledby={ids.heading}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !confirmDelete && confirmLoad === null) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <h3 id={ids.heading} className="translation-editor-title">
        {own !== undefined ? t('editor.editTitle') : t('editor.title')}
      </h3>
      {source?.rejection !== undefined ? (
        <p className="field-error" role="alert">
          {t('rejected.notice', { reason: t(`rejection.${source.rejection.code}`) })}
        </p>
      ) : null}
      {draft.ready
        ? notLoaded.map((item) => (
            <div key={item.key} className="translation-refused field-error" role="alert">
              <p>
                {t('refused.notice', {
                  language: languageName(item.fields['language'] ?? '', locale),
                  reason: t(`rejection.${item.rejection?.code ?? 'invalid'}`),
                })}
              </p>
              <button type="button" className="button-secondary" onClick={() => askToLoad(item)}>
                {t('refused.load')}
              </button>
            </div>
          ))
        : null}
      {inConflict ? <p className="help">{t('editor.inConflict')}</p> : null}
      <div className="translation-editor-field">
        <label htmlFor={ids.language}>{t('editor.language')}</label>
        <select
          id={ids.language}
          ref={languageRef}
          value={language}
          disabled={!draft.ready}
          onChange={(event) => {
            setState('idle');
            draft.setField('language', event.target.value);
          }}
        >
          {choices.map((code) => (
            <option key={code} value={code}>
              {languageName(code, locale)}
            </option>
          ))}
        </select>
      </div>
      {own !== undefined ? (
        <p className="help">{t('editor.editing', { language: languageName(language, locale) })}</p>
      ) : null}
      <div className="translation-editor-columns">
        <section className="translation-original" aria-labelledby={ids.original} tabIndex={0}>
          <h4 id={ids.original} className="translation-original-heading">
            {t('editor.original', { language: languageName(target.language, locale) })}
          </h4>
          <div lang={target.language} dir="auto">
            {original.title !== undefined ? <p className="translation-original-title">{original.title}</p> : null}
            <Markdown source={original.markdown} className="markdown translation-original-body" />
          </div>
        </section>
        <div className="translation-editor-fields">
          {hasTitle ? (
            <div className="translation-editor-field">
              <label htmlFor={ids.title}>{t('editor.titleLabel')}</label>
              <input
                id={ids.title}
                type="text"
                lang={language}
                dir="auto"
                maxLength={300}
                value={title}
                disabled={!draft.ready}
                aria-invalid={state === 'empty-title'}
                aria-describedby={ids.status}
                onChange={(event) => {
                  setState('idle');
                  draft.setField('title', event.target.value);
                }}
              />
            </div>
          ) : null}
          <MarkdownEditor
            label={t('editor.body')}
            value={body}
            lang={language}
            disabled={!draft.ready}
            describedBy={ids.status}
            onChange={(value) => {
              setState('idle');
              draft.setField('body', value);
            }}
            onSubmit={() => void save()}
          />
        </div>
      </div>
      <p id={ids.status} className={problem !== null ? 'field-error' : 'help'} role="status">
        {problem ?? t('editor.offlineNote')}
      </p>
      <div className="translation-editor-actions">
        {own !== undefined ? (
          <button
            type="button"
            className="button-secondary is-danger"
            disabled={inConflict}
            onClick={() => setConfirmDelete(true)}
          >
            {t('editor.delete')}
          </button>
        ) : null}
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            // Giving up the text also gives up the refused translation it was loaded from.
            const loaded = settledDrafts.filter((other) => other !== key);
            void draft
              .discard()
              .then(() => db.drafts.bulkDelete(loaded))
              .then(onClose);
          }}
        >
          {t('editor.cancel')}
        </button>
        <button type="submit" className="button-primary" disabled={!draft.ready || state === 'saving' || inConflict}>
          {own !== undefined ? t('editor.update') : t('editor.save')}
        </button>
      </div>
      {confirmLoad !== null ? (
        <ConfirmDialog
          title={t('refused.confirmTitle')}
          body={t('refused.confirmBody')}
          confirmLabel={t('refused.confirm')}
          cancelLabel={t('confirmDelete.cancel')}
          onConfirm={() => load(confirmLoad)}
          onCancel={() => setConfirmLoad(null)}
        />
      ) : null}
      {confirmDelete ? (
        <ConfirmDialog
          title={t('confirmDelete.title')}
          body={t('confirmDelete.body')}
          confirmLabel={t('confirmDelete.confirm')}
          cancelLabel={t('confirmDelete.cancel')}
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        />
      ) : null}
    </form>
  );
}
