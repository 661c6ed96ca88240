import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import type { CachedTranslation } from '../../data/db';
import { ISOLATE } from '../../ui/bidi';
import { languageName } from '../library/names';
import type { ReaderTranslation } from './use-reader-translation';
import './translations.css';

/** "ko" → "한국어", "fr" → "Français": a language by its own name, as readers of it look for it. */
export function languageAutonym(code: string): string {
  const name = languageName(code, code);
  try {
    return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    return name;
  }
}

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
  const translation = view.shown ?? view.preferred;
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

/**
 * "Also in: Français, 한국어": the other translations of the text, each
 * language by its own name and marked with its `lang`, one click away.
 * Two translations into one language are told apart by their translators.
 */
export function TranslationSwitcher({
  view,
  languages,
  locale,
}: {
  view: ReaderTranslation;
  /** The reader's content languages: their languages come first. */
  languages: readonly ContentLanguage[];
  locale: string;
}): React.JSX.Element | null {
  const { t } = useTranslation('translations');
  const labelId = useId();
  const others = sortForReader(
    view.translations.filter((translation) => translation.id !== view.shown?.id),
    languages,
  );
  if (others.length === 0) return null;
  const perLanguage = new Map<string, number>();
  for (const translation of view.translations) {
    perLanguage.set(translation.language, (perLanguage.get(translation.language) ?? 0) + 1);
  }
  return (
    <div className="translation-switcher" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="translation-switcher-label">
        {t('switcher.label')}
      </span>
      <ul className="translation-switcher-list">
        {others.map((translation) => {
          const name = view.nameOf(translation) ?? t('unknownTranslator');
          const language = languageName(translation.language, locale);
          const autonym = languageAutonym(translation.language);
          return (
            <li key={translation.id}>
              <button
                type="button"
                className="link-button"
                title={t('switcher.describe', { language, name })}
                onClick={() => view.show(translation.id)}
              >
                {(perLanguage.get(translation.language) ?? 0) > 1 ? (
                  <Trans
                    t={t}
                    i18nKey="switcher.byTranslator"
                    values={{ language: autonym, name }}
                    components={{ lang: <span lang={translation.language} />, bdi: <bdi /> }}
                  />
                ) : (
                  <span lang={translation.language}>{autonym}</span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The reader's languages first, in their order, then the rest in catalogue order; the oldest first within one. */
function sortForReader(
  translations: readonly CachedTranslation[],
  languages: readonly ContentLanguage[],
): CachedTranslation[] {
  const order = [...languages, ...CONTENT_LANGUAGES.filter((code) => !languages.includes(code))];
  return [...translations].sort(
    (a, b) =>
      order.indexOf(a.language) - order.indexOf(b.language) ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
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
