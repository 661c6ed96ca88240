import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { CachedDocument } from '../../data/db';
import { languageName } from './names';

/** One search result: enough to recognise a document, one click (or Enter) to open it. */
export function DocumentCard({
  document,
  languages,
  onOpen,
}: {
  document: CachedDocument;
  languages: readonly ContentLanguage[];
  onOpen: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('library');
  const title = pickLocalized(document.title, languages);
  const summary = document.summary === null ? undefined : pickLocalized(document.summary, languages);
  return (
    <article className="document-card">
      <h2 className="document-card-title" lang={title?.language} dir="auto">
        <button type="button" className="title-button" onClick={onOpen}>
          {title?.value ?? t('untitled')}
        </button>
      </h2>
      <p className="document-meta">
        <span className="badge">{t(`types.${document.type}`, { defaultValue: document.type })}</span>
        {document.year === null ? null : <span>{document.year}</span>}
        {document.series === null ? null : <span dir="auto">{document.series}</span>}
      </p>
      {summary === undefined ? null : (
        <p className="document-card-summary" lang={summary.language} dir="auto">
          {summary.value}
        </p>
      )}
      <ul className="language-badges" aria-label={t('document.languagesAvailable')}>
        {document.languages.map((language) => (
          <li key={language} className="badge badge-muted" title={languageName(language, i18n.language)}>
            <span aria-hidden="true">{language.toUpperCase()}</span>
            <span className="visually-hidden">{languageName(language, i18n.language)}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}
