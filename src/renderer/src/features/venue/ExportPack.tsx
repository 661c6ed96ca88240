import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackSummary, VenueProgress } from '../../../../shared/venue/contract-types';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useCan } from '../../app/session-context';
import { formatBytes } from '../../ui/format';
import { EditionExportForm, type EditionChoice } from './EditionExportForm';
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
  const canCut = useCan('library.write');
  const [plan, setPlan] = useState<{ summary: PackSummary; directory: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);
  if (!canCut) return null;

  const planPack = async (choice: EditionChoice): Promise<void> => {
    setMessage(null);
    const result = await api.venue.planExport({
      collectionId: choice.collectionId,
      languages: choice.languages,
      tags: choice.tags,
      categoryIds: [],
    });
    if (result.ok) setPlan({ summary: result.value, directory: choice.directory });
    else setMessage({ kind: 'alert', text: errorText(t, result.error) });
  };
  const write = async (): Promise<void> => {
    if (plan === null) return;
    setBusy(true);
    const result = await api.venue.exportPack({ packId: plan.summary.packId, directory: plan.directory });
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
      <EditionExportForm
        settings={settings}
        chooseLanguages={false}
        disabled={busy}
        onChange={() => {
          if (!busy) setPlan(null);
        }}
        onPrepare={(choice) => void planPack(choice)}
      />
      {plan === null ? null : (
        <div className="venue-card">
          <p>
            {t('export.sizeOf', {
              size: formatBytes(plan.summary.bytes, i18n.language),
              items: t('facts.items', { count: plan.summary.changes }),
              files: t('facts.files', { count: plan.summary.files }),
            })}
          </p>
          <p className="meta">
            {t('export.target')} <bdi dir="ltr">{plan.directory}</bdi>
          </p>
          <div className="button-row">
            <button type="button" className="button-primary" disabled={busy} onClick={() => void write()}>
              {t('export.write')}
            </button>
            {busy ? (
              <button
                type="button"
                className="button-secondary"
                onClick={() => void api.venue.cancel({ packId: plan.summary.packId })}
              >
                {t('cancel')}
              </button>
            ) : null}
          </div>
          <ProgressLine progress={progress} packId={plan.summary.packId} />
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
