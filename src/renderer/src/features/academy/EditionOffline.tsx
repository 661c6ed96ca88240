import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { useApi } from '../../app/api-context';
import type { CachedDocument } from '../../data/db';
import { formatBytes } from '../../ui/format';
import { offlineItems, progressOf } from '../library/offline';
import { useFileStates } from '../library/use-files';

type Step = 'idle' | 'confirm' | 'started';

/**
 * "Download this edition": the size first, then progress in bytes and
 * files as main reports it; and removal of the offline copies.
 */
export function EditionOffline({
  collectionId,
  documents,
  languages,
  reachable,
  isEdition,
  metered = false,
}: {
  collectionId: string;
  documents: readonly CachedDocument[];
  languages: readonly ContentLanguage[];
  reachable: boolean | null;
  isEdition: boolean;
  /** On a metered connection the confirmation says so (the download is never automatic then). */
  metered?: boolean;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation('academy');
  const locale = i18n.language;
  const api = useApi();
  const { states, refresh } = useFileStates();
  const [step, setStep] = useState<Step>('idle');
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);
  const group = `edition:${collectionId}`;
  const { items, totalBytes } = offlineItems(documents, languages, group);
  const progress = progressOf(items, states);
  if (items.length === 0) return null;
  const size = formatBytes(totalBytes, locale);
  const allDone = progress.doneFiles === items.length;
  const showProgress = step === 'started' || progress.active || progress.doneBytes > 0;

  const start = async (): Promise<void> => {
    const result = await api.files.download({ items });
    if (result.ok) {
      setStep('started');
      setMessage(reachable === false ? { kind: 'status', text: t('offline.queuedOffline') } : null);
    } else {
      setStep('idle');
      setMessage({ kind: 'alert', text: t('offline.failed', { message: result.error.message }) });
    }
  };
  const remove = async (): Promise<void> => {
    const result = await api.files.remove({ group });
    setMessage(
      result.ok
        ? { kind: 'status', text: t('offline.removed', { size: formatBytes(result.value.freedBytes, locale) }) }
        : { kind: 'alert', text: t('offline.removeFailed', { message: result.error.message }) },
    );
    setStep('idle');
    await refresh();
  };

  return (
    <section className="edition-offline" aria-labelledby="edition-offline-heading">
      <h2 id="edition-offline-heading">{t('offline.heading')}</h2>
      <p className="help">{t('offline.summary', { count: items.length, size })}</p>
      {step === 'confirm' ? (
        <div className="offline-confirm" role="group" aria-label={t('offline.confirmLabel')}>
          <p>{t('offline.confirm', { count: items.length, size })}</p>
          {reachable === false ? <p className="offline-note">{t('offline.willQueue')}</p> : null}
          {metered ? <p className="offline-note">{t('offline.metered', { size })}</p> : null}
          <div className="button-row">
            <button type="button" className="button-primary" onClick={() => void start()}>
              {t('offline.start')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setStep('idle')}>
              {t('offline.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          {allDone ? null : (
            <button type="button" className="button-primary" onClick={() => setStep('confirm')}>
              {isEdition ? t('offline.downloadEdition') : t('offline.downloadCollection')}
            </button>
          )}
          {progress.doneBytes > 0 || progress.active ? (
            <button type="button" className="button-secondary" onClick={() => void remove()}>
              {t('offline.remove')}
            </button>
          ) : null}
        </div>
      )}
      {showProgress ? (
        <div className="edition-progress">
          <progress max={progress.totalBytes} value={progress.doneBytes} aria-label={t('offline.progressLabel')} />
          <p role="status">
            {allDone
              ? t('offline.done', { size })
              : t('offline.progress', {
                  done: formatBytes(progress.doneBytes, locale),
                  total: size,
                  files: progress.doneFiles,
                  count: items.length,
                })}
            {progress.failed > 0 ? ` ${t('offline.someFailed', { count: progress.failed })}` : ''}
          </p>
        </div>
      ) : null}
      {message === null ? null : (
        <p className={message.kind === 'alert' ? 'field-error' : 'offline-note'} role={message.kind}>
          {message.text}
        </p>
      )}
    </section>
  );
}
