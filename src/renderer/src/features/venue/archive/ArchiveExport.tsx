import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../../shared/languages';
import { pickLocalized } from '../../../../../shared/localized';
import type { BuiltArchive } from '../../../../../shared/venue/archive/build';
import type { VenueProgress } from '../../../../../shared/venue/contract-types';
import type { Settings } from '../../../../../shared/settings';
import { useApi } from '../../../app/api-context';
import { useDb } from '../../../data/data-context';
import { displayNames, formatBytes } from '../../../ui/format';
import { renderMarkdown } from '../../../ui/Markdown';
import { neutralizeHtml } from '../../forum/post-markdown';
import { errorText, ProgressLine } from '../VenueScreen';
import { gatherArchive, slugOf } from './gather-archive';
import { archiveBytes, prepareArchive, writeArchive } from './write-archive';

interface Prepared {
  readonly built: BuiltArchive;
  readonly bytes: number;
  readonly sessions: number;
  readonly documents: number;
  readonly threads: number;
  readonly name: string;
}

/**
 * The alumni archive: an edition as a static website (index.html and plain files)
 * that opens in any browser, from a folder or a drive, with no app and no server.
 */
export function ArchiveExport({
  settings,
  progress,
}: {
  settings: Settings;
  progress: VenueProgress | null;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('venue');
  const api = useApi();
  const db = useDb();
  const editionId = useId();
  const tagsId = useId();
  const dirId = useId();
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
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);
  const [archiveId, setArchiveId] = useState<string | null>(null);

  useEffect(() => {
    void api.venue
      .defaults()
      .then((result) => result.ok && setDirectory((current) => current || result.value.exportDirectory));
  }, [api]);

  const prepare = async (): Promise<void> => {
    setMessage(null);
    setPrepared(null);
    try {
      const model = await gatherArchive(
        {
          db,
          t,
          uiLanguage: i18n.language,
          markdown: (source, kind) => renderMarkdown(kind === 'post' ? neutralizeHtml(source) : source),
          pluralTemplates: (key) => {
            const templates: Record<string, string> = {};
            for (const category of new Intl.PluralRules(i18n.language).resolvedOptions().pluralCategories) {
              const raw = i18n.getResource(i18n.language, 'venue', `${key}_${category}`) as unknown;
              const fallback = i18n.getResource('en', 'venue', `${key}_other`) as unknown;
              templates[category] = typeof raw === 'string' ? raw : typeof fallback === 'string' ? fallback : '';
            }
            return templates;
          },
        },
        {
          collectionId,
          languages,
          tags: tags
            .split(',')
            .map((tag) => tag.trim())
            .filter((tag) => tag !== ''),
        },
      );
      const built = prepareArchive(model);
      setPrepared({
        built,
        bytes: archiveBytes(built),
        sessions: model.sessions.length,
        documents: model.documents.length,
        threads: model.threads.length,
        name: `${slugOf(model.edition.title.text, 'edition')}-archive`,
      });
    } catch (error) {
      setMessage({ kind: 'alert', text: errorText(t, { code: 'internal', message: (error as Error).message }) });
    }
  };
  const write = async (): Promise<void> => {
    if (prepared === null) return;
    setBusy(true);
    setMessage(null);
    try {
      const { path } = await writeArchive(api, prepared.built, { directory, name: prepared.name }, setArchiveId);
      setPrepared(null);
      setMessage({ kind: 'status', text: t('archive.done', { path }) });
    } catch (error) {
      const value = error as { code?: string; message?: string };
      setMessage({
        kind: 'alert',
        text: errorText(t, { code: value.code ?? 'internal', message: value.message ?? '' }),
      });
    } finally {
      setArchiveId(null);
      setBusy(false);
    }
  };
  const toggleLanguage = (language: ContentLanguage, on: boolean): void => {
    setPrepared(null);
    setLanguages((current) =>
      on
        ? settings.contentLanguages.filter((l) => l === language || current.includes(l))
        : current.filter((l) => l !== language),
    );
  };

  return (
    <section className="venue-section" aria-labelledby="venue-archive">
      <h2 id="venue-archive">{t('archive.heading')}</h2>
      <p className="help">{t('archive.help')}</p>
      <form
        className="venue-row"
        onSubmit={(event) => {
          event.preventDefault();
          void prepare();
        }}
      >
        <label htmlFor={editionId}>{t('export.edition')}</label>
        <select
          id={editionId}
          value={collectionId}
          onChange={(event) => {
            const id = event.target.value;
            setCollectionId(id);
            setPrepared(null);
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
        <input id={tagsId} type="text" dir="auto" value={tags} onChange={(event) => setTags(event.target.value)} />
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
        <button type="submit" className="button-secondary" disabled={collectionId === '' || languages.length === 0}>
          {t('export.plan')}
        </button>
      </form>
      {prepared === null ? null : (
        <div className="venue-card">
          <p>
            {t('archive.size', {
              size: formatBytes(prepared.bytes, i18n.language),
              sessions: t('archive.countSessions', { count: prepared.sessions }),
              documents: t('archive.countDocuments', { count: prepared.documents }),
              threads: t('archive.countThreads', { count: prepared.threads }),
            })}
          </p>
          <div className="venue-row">
            <label htmlFor={dirId}>{t('export.directory')}</label>
            <input
              id={dirId}
              type="text"
              dir="ltr"
              value={directory}
              onChange={(event) => setDirectory(event.target.value)}
            />
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button-primary"
              disabled={busy || directory.trim() === ''}
              onClick={() => void write()}
            >
              {t('archive.write')}
            </button>
            {busy ? (
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  if (archiveId !== null) void api.venue.archiveAbort({ archiveId });
                }}
              >
                {t('cancel')}
              </button>
            ) : null}
          </div>
          {archiveId === null ? null : <ProgressLine progress={progress} packId={archiveId} />}
        </div>
      )}
      {message === null ? null : (
        <p className={message.kind === 'alert' ? 'field-error' : 'offline-note'} role={message.kind}>
          {message.text}
        </p>
      )}
    </section>
  );
}
