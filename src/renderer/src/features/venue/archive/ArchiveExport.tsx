import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuiltArchive } from '../../../../../shared/venue/archive/build';
import type { VenueProgress } from '../../../../../shared/venue/contract-types';
import type { Settings } from '../../../../../shared/settings';
import { useApi } from '../../../app/api-context';
import { useDb } from '../../../data/data-context';
import { formatBytes } from '../../../ui/format';
import { renderMarkdown } from '../../../ui/Markdown';
import { neutralizeHtml } from '../../forum/post-markdown';
import { EditionExportForm, type EditionChoice } from '../EditionExportForm';
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
  readonly directory: string;
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
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);
  const [archiveId, setArchiveId] = useState<string | null>(null);

  const prepare = async (choice: EditionChoice): Promise<void> => {
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
        { collectionId: choice.collectionId, languages: choice.languages, tags: choice.tags },
      );
      const built = prepareArchive(model);
      setPrepared({
        built,
        bytes: archiveBytes(built),
        sessions: model.sessions.length,
        documents: model.documents.length,
        threads: model.threads.length,
        name: `${slugOf(model.edition.title.text, 'edition')}-archive`,
        directory: choice.directory,
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
      const { path } = await writeArchive(
        api,
        prepared.built,
        { directory: prepared.directory, name: prepared.name },
        setArchiveId,
      );
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
  return (
    <section className="venue-section" aria-labelledby="venue-archive">
      <h2 id="venue-archive">{t('archive.heading')}</h2>
      <p className="help">{t('archive.help')}</p>
      <EditionExportForm
        settings={settings}
        chooseLanguages
        disabled={busy}
        onChange={() => {
          if (!busy) setPrepared(null);
        }}
        onPrepare={(choice) => void prepare(choice)}
      />
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
          <p className="meta">
            {t('export.target')} <bdi dir="ltr">{prepared.directory}</bdi>
          </p>
          <div className="button-row">
            <button type="button" className="button-primary" disabled={busy} onClick={() => void write()}>
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
