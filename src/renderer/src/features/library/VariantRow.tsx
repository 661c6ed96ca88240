import { useTranslation } from 'react-i18next';
import type { DownloadState } from '../../../../shared/contract';
import type { DocumentVariant } from '../../../../shared/wire/entities';
import { formatBytes } from '../../ui/format';
import { languageName } from './names';

export interface VariantActions {
  download: () => void;
  cancel: () => void;
  remove: () => void;
  open: () => void;
  openWithSystem: () => void;
}

/** One language version of a document: its size, whether it is on this computer, and what can be done. */
export function VariantRow({
  variant,
  state,
  reachable,
  actions,
}: {
  variant: DocumentVariant;
  state: DownloadState | undefined;
  reachable: boolean | null;
  actions: VariantActions;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('library');
  const locale = i18n.language;
  const name = languageName(variant.language, locale);
  const status = state?.status;
  const busy = status === 'queued' || status === 'downloading' || status === 'verifying';
  return (
    <li className="variant-row">
      <div className="variant-head">
        <span className="variant-language" lang={variant.language}>
          {name}
        </span>
        <span className="variant-size">{formatBytes(variant.size, locale)}</span>
        <span className={`variant-state variant-state-${status ?? 'none'}`}>
          {t(`variant.state.${status ?? 'none'}`)}
        </span>
      </div>
      {status === 'downloading' ? (
        <div className="variant-progress">
          <progress
            max={state?.totalBytes || variant.size}
            value={state?.receivedBytes ?? 0}
            aria-label={t('variant.progressLabel', { language: name })}
          />
          <span>
            {t('variant.progress', {
              received: formatBytes(state?.receivedBytes ?? 0, locale),
              total: formatBytes(state?.totalBytes || variant.size, locale),
            })}
          </span>
        </div>
      ) : null}
      {status === 'queued' && reachable === false ? <p className="help">{t('variant.waitingForNetwork')}</p> : null}
      {status === 'failed' && state?.error !== undefined ? (
        <p className="field-error">{t('variant.failed', { message: state.error.message })}</p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button-primary" onClick={actions.open}>
          {t('variant.open')}
          <span className="visually-hidden"> {t('variant.languageSuffix', { language: name })}</span>
        </button>
        {status === 'done' ? (
          <>
            <button type="button" className="button-secondary" onClick={actions.openWithSystem}>
              {t('variant.openWithSystem')}
              <span className="visually-hidden"> {t('variant.languageSuffix', { language: name })}</span>
            </button>
            <button type="button" className="button-secondary" onClick={actions.remove}>
              {t('variant.remove')}
              <span className="visually-hidden"> {t('variant.languageSuffix', { language: name })}</span>
            </button>
          </>
        ) : busy ? (
          <button type="button" className="button-secondary" onClick={actions.cancel}>
            {t('variant.cancel')}
            <span className="visually-hidden"> {t('variant.languageSuffix', { language: name })}</span>
          </button>
        ) : (
          <button type="button" className="button-secondary" onClick={actions.download}>
            {t('variant.download')}
            <span className="visually-hidden"> {t('variant.languageSuffix', { language: name })}</span>
          </button>
        )}
      </div>
    </li>
  );
}
