import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized, pickVariant } from '../../../../shared/localized';
import { useApi } from '../../app/api-context';
import { useUiStore } from '../../app/ui-store';
import type { CachedDocument, CachedMaterial } from '../../data/db';
import { isolateText } from '../../ui/bidi';
import { formatBytes } from '../../ui/format';
import { Markdown } from '../../ui/Markdown';

/** One material of a session: a library document, a link (opened outside, allow-listed) or a note. */
export function MaterialItem({
  material,
  document,
  languages,
}: {
  material: CachedMaterial;
  document: CachedDocument | undefined;
  languages: readonly ContentLanguage[];
}): React.JSX.Element {
  const { t, i18n } = useTranslation('academy');
  const api = useApi();
  const navigate = useUiStore((state) => state.navigate);
  const [refused, setRefused] = useState(false);
  const title = material.title === null ? undefined : pickLocalized(material.title, languages);
  switch (material.kind) {
    case 'document': {
      const documentTitle = document === undefined ? undefined : pickLocalized(document.title, languages);
      const variant = document === undefined ? undefined : pickVariant(document.variants, languages);
      return (
        <div className="material material-document">
          <span className="material-kind">{t('kinds.document')}</span>
          <button
            type="button"
            className="title-button"
            dir="auto"
            onClick={() => navigate({ name: 'document', documentId: material.documentId })}
          >
            {title?.value ?? documentTitle?.value ?? t('missingDocument')}
          </button>
          {variant === undefined ? null : (
            <span className="material-meta">
              <bdi>{variant.language.toUpperCase()}</bdi> · {formatBytes(variant.size, i18n.language)}
            </span>
          )}
        </div>
      );
    }
    case 'link': {
      let host = material.url;
      try {
        host = new URL(material.url).host;
      } catch {
        // Shown as given.
      }
      return (
        <div className="material material-link">
          <span className="material-kind">{t('kinds.link')}</span>
          <button
            type="button"
            className="title-button"
            dir="auto"
            onClick={() => void api.shell.openExternal({ url: material.url }).then((result) => setRefused(!result.ok))}
          >
            {title?.value ?? material.url}
          </button>
          <span className="material-meta">{t('opensOutside', { host: isolateText(host) })}</span>
          {refused ? (
            <p className="field-error" role="alert">
              {t('linkRefused')}
            </p>
          ) : null}
        </div>
      );
    }
    case 'note':
      return (
        <div className="material material-note">
          <span className="material-kind" dir="auto">
            {title?.value ?? t('kinds.note')}
          </span>
          <Markdown source={material.note} />
        </div>
      );
  }
}
