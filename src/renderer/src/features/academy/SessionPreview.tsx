import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { CachedDocument, CachedMaterial } from '../../data/db';
import { isolateText } from '../../ui/bidi';
import { excerpt } from '../../ui/excerpt';
import { formatDateTime } from '../../ui/format';
import { languageName } from '../library/names';
import { MaterialItem } from './MaterialItem';
import { previewOf, sessionChanges, type Published } from './session-preview';
import type { StagedMaterial, StagedSession } from './staging';

/**
 * Before a staged session goes out: what readers will see (drawn by the components of the edition screen)
 * and what changes against the published version. Publishing happens from here, once.
 */
export function SessionPreview({
  staged,
  published,
  documents,
  saving,
  onPublish,
  onBack,
}: {
  staged: StagedSession;
  published: Published;
  documents: readonly CachedDocument[];
  saving: boolean;
  onPublish: () => void;
  onBack: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('academy');
  const locale = i18n.language;
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const lang = staged.language;
  const readerLanguages: readonly ContentLanguage[] = [lang];
  const preview = previewOf(staged, staged.sessionId);
  const library = new Map(documents.map((document) => [document.id, document] as const));
  const documentOf = (id: string): CachedDocument | undefined => preview.documents.get(id) ?? library.get(id);
  const changes = sessionChanges(staged, published);

  const nameOfStaged = (material: StagedMaterial): string => {
    if (material.title.trim() !== '') return material.title.trim();
    const content = material.content;
    switch (content.kind) {
      case 'file':
        return content.title.trim() === '' ? content.fileName : content.title.trim();
      case 'document': {
        const document = documentOf(content.documentId);
        return document === undefined ? t('kinds.document') : (pickLocalized(document.title, [lang])?.value ?? '');
      }
      case 'link':
        return content.url.trim();
      case 'note':
        return excerpt(content.note, 60, lang) || t('kinds.note');
    }
  };
  const nameOfPublished = (material: CachedMaterial): string => {
    const title = material.title === null ? undefined : pickLocalized(material.title, [lang]);
    if (title !== undefined) return title.value;
    switch (material.kind) {
      case 'document': {
        const document = documentOf(material.documentId);
        return document === undefined ? t('kinds.document') : (pickLocalized(document.title, [lang])?.value ?? '');
      }
      case 'link':
        return material.url;
      case 'note':
        return excerpt(material.note, 60, lang) || t('kinds.note');
    }
  };
  const when = (local: string | null): string =>
    local === null ? t('preview.notSet') : formatDateTime(new Date(local).toISOString(), locale);

  return (
    <section className="session-preview" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('preview.title')}
      </h3>
      <h4>{t('preview.readers')}</h4>
      <p className="help">{t('preview.readersHelp', { language: languageName(lang, locale) })}</p>
      <div className="session-card preview-card">
        <div className="session-head">
          <h5 lang={lang} dir="auto">
            {staged.title.trim()}
          </h5>
          {staged.startsAt === '' ? null : (
            <time dateTime={new Date(staged.startsAt).toISOString()}>{when(staged.startsAt)}</time>
          )}
        </div>
        {preview.materials.length === 0 ? (
          <p className="help">{t('noMaterials')}</p>
        ) : (
          <ol className="material-list">
            {preview.materials.map((material) => (
              <li key={material.id}>
                <MaterialItem
                  material={material}
                  document={material.kind === 'document' ? documentOf(material.documentId) : undefined}
                  languages={readerLanguages}
                />
              </li>
            ))}
          </ol>
        )}
      </div>

      <h4>{t('preview.changes')}</h4>
      {changes.length === 0 ? (
        <p className="help">{t('preview.none')}</p>
      ) : (
        <ul className="preview-changes">
          {changes.map((change, index) => {
            const key = `${change.kind}-${String(index)}`;
            switch (change.kind) {
              case 'session-new':
                return <li key={key}>{t('preview.change.sessionNew')}</li>;
              case 'language':
                return (
                  <li key={key}>{t('preview.change.language', { language: languageName(change.language, locale) })}</li>
                );
              case 'title':
                return (
                  <li key={key}>
                    {change.before === null
                      ? t('preview.change.titleNew', { after: isolateText(change.after) })
                      : t('preview.change.title', {
                          before: isolateText(change.before),
                          after: isolateText(change.after),
                        })}
                  </li>
                );
              case 'starts':
                return (
                  <li key={key}>
                    {t('preview.change.starts', { before: when(change.before), after: when(change.after) })}
                  </li>
                );
              case 'added':
                return (
                  <li key={key}>{t('preview.change.added', { name: isolateText(nameOfStaged(change.material)) })}</li>
                );
              case 'removed':
                return (
                  <li key={key}>
                    {t('preview.change.removed', { name: isolateText(nameOfPublished(change.material)) })}
                  </li>
                );
              case 'changed':
                return (
                  <li key={key}>
                    {t(change.content ? 'preview.change.changed' : 'preview.change.retitled', {
                      name: isolateText(nameOfStaged(change.material)),
                    })}
                  </li>
                );
              case 'reordered':
                return <li key={key}>{t('preview.change.reordered')}</li>;
            }
          })}
        </ul>
      )}
      <div className="button-row">
        <button type="button" className="button-primary" disabled={saving || changes.length === 0} onClick={onPublish}>
          {t('preview.publish')}
        </button>
        <button type="button" className="button-secondary" onClick={onBack}>
          {t('preview.back')}
        </button>
      </div>
    </section>
  );
}
