import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../../shared/localized';
import type { PackSummary, VenueProgress } from '../../../../shared/venue/contract-types';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useCan } from '../../app/session-context';
import { useDb } from '../../data/data-context';
import { formatBytes } from '../../ui/format';
import { errorText, ProgressLine } from './VenueScreen';

/** A facilitator cuts a pack of an edition (the server signs it) and writes it to a folder or drive. */
export function ExportPack({
  settings,
  progress,
}: {
  settings: Settings;
  progress: VenueProgress | null;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation('venue');
  const api = useApi();
  const db = useDb();
  const canCut = useCan('library.write');
  const editionId = useId();
  const tagsId = useId();
  const dirId = useId();
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
  const [directory, setDirectory] = useState('');
  const [plan, setPlan] = useState<PackSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);

  useEffect(() => {
    void api.venue
      .defaults()
      .then((result) => result.ok && setDirectory((current) => current || result.value.exportDirectory));
  }, [api]);
  if (!canCut) return null;

  const planPack = async (): Promise<void> => {
    setMessage(null);
    const result = await api.venue.planExport({
      collectionId,
      languages: settings.contentLanguages,
      tags: tags
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
      categoryIds: [],
    });
    if (result.ok) setPlan(result.value);
    else setMessage({ kind: 'alert', text: errorText(t, result.error) });
  };
  const write = async (): Promise<void> => {
    if (plan === null) return;
    setBusy(true);
    const result = await api.venue.exportPack({ packId: plan.packId, directory });
    setBusy(false);
    if (result.ok) {
      setPlan(null);
      setMessage({ kind: 'status', text: t('export.done', { path: result.value.path }) });
    } else setMessage({ kind: 'alert', text: errorText(t, result.error) });
  };

  return (
    <section className="venue-section" aria-labelledby="venue-export">
      <h2 id="venue-export">{t('export.heading')}</h2>
      <p className="help">{t('export.help')}</p>
      <form
        className="venue-row"
        onSubmit={(event) => {
          event.preventDefault();
          void planPack();
        }}
      >
        <label htmlFor={editionId}>{t('export.edition')}</label>
        <select
          id={editionId}
          value={collectionId}
          onChange={(event) => {
            const id = event.target.value;
            setCollectionId(id);
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
        <input id={tagsId} type="text" dir="auto" value={tags} onChange={(event) => setTags(event.target.value)} />
        <button type="submit" className="button-secondary" disabled={collectionId === ''}>
          {t('export.plan')}
        </button>
      </form>
      {plan === null ? null : (
        <div className="venue-card">
          <p>
            {t('export.sizeOf', {
              size: formatBytes(plan.bytes, i18n.language),
              items: t('facts.items', { count: plan.changes }),
              files: t('facts.files', { count: plan.files }),
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
              {t('export.write')}
            </button>
            {busy ? (
              <button
                type="button"
                className="button-secondary"
                onClick={() => void api.venue.cancel({ packId: plan.packId })}
              >
                {t('cancel')}
              </button>
            ) : null}
          </div>
          <ProgressLine progress={progress} packId={plan.packId} />
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
