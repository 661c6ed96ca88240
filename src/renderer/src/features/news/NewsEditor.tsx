import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import { languagesOf } from '../../../../shared/news';
import type { NewsVersions } from '../../../../shared/wire/entities';
import { useDb } from '../../data/data-context';
import type { CachedNews } from '../../data/db';
import { newId } from '../../data/ids';
import { draftKeys } from '../../data/drafts';
import { enqueueWrites } from '../../data/outbox';
import { formatDateTime } from '../../ui/format';
import { LoadingState } from '../../ui/states';
import { MarkdownEditor } from '../forum/MarkdownEditor';
import { useDraft } from '../forum/use-draft';
import { languageName } from '../library/names';
import { newsDraftFields, versionFieldsOf, type VersionField } from './news-draft';

type Problem = { kind: 'empty'; language: ContentLanguage } | { kind: 'failed' } | null;

function fieldsOf(item: CachedNews | undefined, first: ContentLanguage): VersionField[] {
  if (item === undefined) return [{ language: first, title: '', body: '' }];
  return languagesOf(item.versions).flatMap((language) => {
    const version = item.versions[language];
    return version === undefined ? [] : [{ language, title: version.title, body: version.body }];
  });
}

/** The versions as the wire carries them, trimmed; undefined names the first language left incomplete. */
function versionsOf(fields: readonly VersionField[]): NewsVersions | ContentLanguage {
  const versions: NewsVersions = {};
  for (const field of fields) {
    const title = field.title.trim();
    const body = field.body.trim();
    if (title === '' || body === '') return field.language;
    versions[field.language] = { title, body };
  }
  return versions;
}

/**
 * Writes a news item, or edits one, in one or more languages: each version has its own title and markdown body
 * (previewed through the sanitizing renderer). Saving queues the write, so it works offline like any other;
 * a new item is published at once (it can be unpublished from its page). What is being written is a draft
 * (`draftKeys.news`), saved while typing: it survives leaving the screen, a reload and a restart, and goes
 * only when published or explicitly discarded (closing the editor keeps it).
 */
export function NewsEditor({
  item,
  languages,
  onDone,
  onCancel,
}: {
  /** The item being edited; none for a new one. */
  item?: CachedNews;
  /** The writer's content languages: the first version starts in the first of them. */
  languages: readonly ContentLanguage[];
  onDone: (newsId: string) => void;
  /** Closes the editor; its draft stays on this computer unless the user discarded it. */
  onCancel: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('news');
  const draftKey = draftKeys.news(item?.id);
  const draft = useDraft(draftKey, 'news', item?.id);
  if (!draft.ready) return <LoadingState label={t('loading')} />;
  return (
    <VersionsEditor
      key={draftKey}
      draftKey={draftKey}
      draft={draft}
      {...(item !== undefined ? { item } : {})}
      languages={languages}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}

function VersionsEditor({
  draftKey,
  draft,
  item,
  languages,
  onDone,
  onCancel,
}: {
  draftKey: string;
  draft: ReturnType<typeof useDraft>;
  item?: CachedNews;
  languages: readonly ContentLanguage[];
  onDone: (newsId: string) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('news');
  const db = useDb();
  const locale = i18n.language;
  const ids = { heading: useId(), status: useId(), add: useId(), kept: useId() };
  const stored = versionFieldsOf(draft.fields);
  const fields = stored ?? fieldsOf(item, languages[0] ?? 'en');
  const setFields = (next: VersionField[]): void => draft.replaceFields(newsDraftFields(next));
  const [problem, setProblem] = useState<Problem>(null);
  const [saving, setSaving] = useState(false);
  const titleRefs = useRef(new Map<ContentLanguage, HTMLInputElement>());
  const unused = [...languages, ...CONTENT_LANGUAGES].filter(
    (code, index, all) => all.indexOf(code) === index && !fields.some((field) => field.language === code),
  );
  const [adding, setAdding] = useState<ContentLanguage | ''>('');
  const nextLanguage = adding !== '' && unused.includes(adding) ? adding : unused[0];

  const change = (language: ContentLanguage, patch: Partial<VersionField>): void => {
    setProblem(null);
    setFields(fields.map((field) => (field.language === language ? { ...field, ...patch } : field)));
  };

  const save = async (): Promise<void> => {
    if (saving) return;
    const versions = versionsOf(fields);
    if (typeof versions === 'string') {
      setProblem({ kind: 'empty', language: versions });
      titleRefs.current.get(versions)?.focus();
      return;
    }
    setSaving(true);
    try {
      const id = item?.id ?? newId();
      // The write and the draft's end in one transaction: never both, never neither.
      draft.cancelPending();
      await enqueueWrites(
        db,
        [
          item === undefined
            ? { name: 'news.create', args: { id, versions } }
            : {
                name: 'news.update',
                args: { id, versions },
                ...(item.version > 0 ? { baseVersion: item.version } : {}),
              },
        ],
        { alsoDeleteDrafts: [draftKey] },
      );
      onDone(id);
    } catch {
      setProblem({ kind: 'failed' });
      setSaving(false);
    }
  };

  const message =
    problem?.kind === 'empty'
      ? t('editor.incomplete', { language: languageName(problem.language, locale) })
      : problem?.kind === 'failed'
        ? t('editor.saveFailed')
        : t('editor.offlineNote');

  return (
    <form
      className="news-editor"
      aria-labelledby={ids.heading}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id={ids.heading} className="news-editor-heading">
        {item === undefined ? t('editor.newTitle') : t('editor.editTitle')}
      </h2>
      {fields.map((field) => (
        <fieldset key={field.language} className="news-editor-version">
          <legend>{languageName(field.language, locale)}</legend>
          <label htmlFor={`${ids.heading}-title-${field.language}`}>{t('editor.titleLabel')}</label>
          <input
            id={`${ids.heading}-title-${field.language}`}
            ref={(element) => {
              if (element === null) titleRefs.current.delete(field.language);
              else titleRefs.current.set(field.language, element);
            }}
            type="text"
            lang={field.language}
            dir="auto"
            maxLength={300}
            value={field.title}
            aria-invalid={problem?.kind === 'empty' && problem.language === field.language}
            aria-describedby={ids.status}
            onChange={(event) => change(field.language, { title: event.target.value })}
          />
          <MarkdownEditor
            label={t('editor.bodyLabel')}
            value={field.body}
            lang={field.language}
            describedBy={ids.status}
            onChange={(body) => change(field.language, { body })}
            onSubmit={() => void save()}
          />
          {fields.length > 1 ? (
            <button
              type="button"
              className="button-quiet is-danger"
              onClick={() => setFields(fields.filter((other) => other.language !== field.language))}
            >
              {t('editor.removeLanguage', { language: languageName(field.language, locale) })}
            </button>
          ) : null}
        </fieldset>
      ))}
      {nextLanguage !== undefined ? (
        <div className="news-editor-add">
          <label htmlFor={ids.add}>{t('editor.addLanguageLabel')}</label>
          <select
            id={ids.add}
            value={nextLanguage}
            onChange={(event) => setAdding(event.target.value as ContentLanguage)}
          >
            {unused.map((code) => (
              <option key={code} value={code}>
                {languageName(code, locale)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setFields([...fields, { language: nextLanguage, title: '', body: '' }]);
              setAdding('');
              requestAnimationFrame(() => titleRefs.current.get(nextLanguage)?.focus());
            }}
          >
            {t('editor.addLanguage')}
          </button>
        </div>
      ) : null}
      <p id={ids.status} className={problem !== null ? 'field-error' : 'help'} role="status">
        {message}
      </p>
      <p id={ids.kept} className="help news-editor-kept">
        {draft.savedAt !== null
          ? t('editor.draftSaved', { when: formatDateTime(draft.savedAt, locale) })
          : stored !== undefined
            ? t('editor.draftRestored')
            : ''}
      </p>
      <div className="news-editor-actions">
        <button type="submit" className="button-primary" disabled={saving}>
          {item === undefined ? t('editor.publish') : t('editor.save')}
        </button>
        <button type="button" className="button-secondary" aria-describedby={ids.kept} onClick={onCancel}>
          {t('editor.close')}
        </button>
        {stored !== undefined ? (
          <button
            type="button"
            className="button-quiet is-danger"
            onClick={() => {
              void draft.discard().then(onCancel);
            }}
          >
            {t('editor.discard')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
