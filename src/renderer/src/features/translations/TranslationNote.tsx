import { Trans, useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { ISOLATE } from '../../ui/bidi';
import { languageName } from '../forum/language-name';
import type { ReaderTranslation } from './use-reader-translation';
import './translations.css';

/**
 * Says that the text shown is a reader's translation, from which language and
 * by whom, with a one-click switch to the original and back.
 */
export function TranslationNote({
  view,
  originalLanguage,
  locale,
}: {
  view: ReaderTranslation;
  originalLanguage: ContentLanguage;
  locale: string;
}): React.JSX.Element | null {
  const { t } = useTranslation('translations');
  const translation = view.preferred;
  if (translation === undefined) return null;
  const showing = view.shown !== undefined;
  const values = {
    language: languageName(originalLanguage, locale),
    translation: languageName(translation.language, locale),
    name: view.translatorName ?? t('unknownTranslator'),
  };
  return (
    <p className="translation-note" role="note">
      <span>
        {showing ? (
          <Trans t={t} i18nKey="note.translated" values={values} components={ISOLATE} />
        ) : (
          <Trans t={t} i18nKey="note.original" values={values} components={ISOLATE} />
        )}
        {translation.local === 'pending' ? <> {t('note.pending')}</> : null}
      </span>{' '}
      <button type="button" className="link-button" onClick={view.toggle}>
        {showing ? t('showOriginal') : t('showTranslation')}
      </button>
    </p>
  );
}

/** A translation the server refused: why, and the way back into the editor (its text is kept). */
export function RejectedTranslation({
  view,
  onEdit,
}: {
  view: ReaderTranslation;
  onEdit: () => void;
}): React.JSX.Element | null {
  const { t } = useTranslation('translations');
  const code = view.rejected?.rejection?.code;
  if (code === undefined) return null;
  return (
    <p className="translation-rejected field-error">
      <span>{t('rejected.notice', { reason: t(`rejection.${code}`) })}</span>{' '}
      <button type="button" className="link-button" onClick={onEdit}>
        {t('rejected.edit')}
      </button>
    </p>
  );
}
