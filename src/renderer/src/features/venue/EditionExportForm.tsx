import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useDb } from '../../data/data-context';
import { displayNames } from '../../ui/format';
import { errorText } from './VenueScreen';

/** What an edition export needs: the edition, its linked forum tags, the languages and the folder. */
export interface EditionChoice {
  readonly collectionId: string;
  readonly tags: string[];
  readonly languages: ContentLanguage[];
  /** Checked by main: absolute and writable. */
  readonly directory: string;
}

/**
 * The form both edition exports (a pack for a drive, the alumni archive) start
 * from: the edition, the forum tags linked to it, optionally the languages of
 * the documents, and the destination folder (the system's folder dialog where
 * the host has one, a path field main checks everywhere).
 */
export function EditionExportForm({
  settings,
  chooseLanguages,
  disabled,
  onChange,
  onPrepare,
}: {
  settings: Settings;
  /** The archive lets the user narrow the languages; a pack takes the reader's content languages. */
  chooseLanguages: boolean;
  disabled: boolean;
  /** Any change makes what was prepared stale. */
  onChange: () => void;
  onPrepare: (choice: EditionChoice) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('venue');
  const api = useApi();
  const db = useDb();
  const editionId = useId();
  const tagsId = useId();
  const languagesId = useId();
  const editions = useLiveQuery(
    () =>
      db.collections
        .orderBy('position')
        .filter((c) => c.edition !== null)
        .toArray(),
    [db],
  );
  const [collectionId, setCollectionId] = useState('');
  const [tags, setTags] = useState('');
  const [languages, setLanguages] = useState<ContentLanguage[]>(settings.contentLanguages);
  const [directory, setDirectory] = useState('');
  const [folderError, setFolderError] = useState<string | null>(null);

  const changed = (): void => {
    onChange();
  };
  const toggleLanguage = (language: ContentLanguage, on: boolean): void => {
    changed();
    setLanguages((current) =>
      on
        ? settings.contentLanguages.filter((l) => l === language || current.includes(l))
        : current.filter((l) => l !== language),
    );
  };
  const submit = async (): Promise<void> => {
    const checked = await api.venue.checkFolder({ path: directory });
    if (!checked.ok) {
      setFolderError(errorText(t, checked.error));
      return;
    }
    setFolderError(null);
    setDirectory(checked.value.path);
    onPrepare({
      collectionId,
      tags: tags
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
      languages: chooseLanguages ? languages : settings.contentLanguages,
      directory: checked.value.path,
    });
  };

  return (
    <form
      className="venue-row"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={editionId}>{t('export.edition')}</label>
      <select
        id={editionId}
        value={collectionId}
        onChange={(event) => {
          const id = event.target.value;
          setCollectionId(id);
          changed();
          // The threads linked to an edition are found by its city and country, unless the facilitator says otherwise.
          const edition = editions?.find((candidate) => candidate.id === id)?.edition;
          if (edition) setTags(`${edition.city}, ${edition.country}`);
        }}
        required
      >
        <option value="">{t('export.choose')}</option>
        {(editions ?? []).map((edition) => {
          // An edition's title is content, in its own language.
          const title = pickLocalized(edition.title, settings.contentLanguages);
          return (
            <option key={edition.id} value={edition.id} lang={title?.language} dir="auto">
              {title?.value ?? edition.id}
            </option>
          );
        })}
      </select>
      <label htmlFor={tagsId}>{t('export.tags')}</label>
      <input
        id={tagsId}
        type="text"
        dir="auto"
        value={tags}
        onChange={(event) => {
          setTags(event.target.value);
          changed();
        }}
      />
      {chooseLanguages ? (
        <fieldset className="venue-languages" aria-describedby={languagesId}>
          <legend>{t('archive.languages')}</legend>
          {settings.contentLanguages.map((language) => (
            <label key={language} className="checkbox-label">
              <input
                type="checkbox"
                checked={languages.includes(language)}
                onChange={(event) => toggleLanguage(language, event.target.checked)}
              />{' '}
              {displayNames(i18n.language, 'language').of(language) ?? language}
            </label>
          ))}
          <p className="help" id={languagesId}>
            {t('archive.languagesHelp')}
          </p>
        </fieldset>
      ) : null}
      <FolderField
        value={directory}
        error={folderError}
        onChange={(path) => {
          setDirectory(path);
          setFolderError(null);
          changed();
        }}
      />
      <button
        type="submit"
        className="button-secondary"
        disabled={disabled || collectionId === '' || directory.trim() === '' || languages.length === 0}
      >
        {t('export.plan')}
      </button>
    </form>
  );
}

/** The destination: the exports folder by default, a folder dialog where the host has one. */
function FolderField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | null;
  onChange: (path: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation('venue');
  const api = useApi();
  const fieldId = useId();
  const helpId = useId();
  const errorId = useId();
  const [canPick, setCanPick] = useState(false);

  useEffect(() => {
    void api.venue.defaults().then((result) => {
      if (!result.ok) return;
      setCanPick(result.value.canPickFolder);
      if (value === '') onChange(result.value.exportDirectory);
    });
    // The default is read once, when the form appears; the user's own choice is never replaced.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const pick = async (): Promise<void> => {
    const result = await api.venue.pickFolder(value.trim() === '' ? {} : { defaultPath: value });
    if (result.ok && result.value !== null) onChange(result.value);
  };

  return (
    <>
      <label htmlFor={fieldId}>{t('export.directory')}</label>
      <div className="venue-folder">
        <input
          id={fieldId}
          type="text"
          dir="ltr"
          spellCheck={false}
          autoComplete="off"
          value={value}
          aria-invalid={error !== null}
          aria-describedby={error === null ? helpId : `${errorId} ${helpId}`}
          onChange={(event) => onChange(event.target.value)}
        />
        {canPick ? (
          <button type="button" className="button-secondary" onClick={() => void pick()}>
            {t('export.browse')}
          </button>
        ) : null}
      </div>
      <p className="help venue-folder-help" id={helpId}>
        {canPick ? t('export.folderHelpDialog') : t('export.folderHelp')}
      </p>
      {error === null ? null : (
        <p className="field-error venue-folder-help" id={errorId} role="alert">
          {error}
        </p>
      )}
    </>
  );
}
