import { useTranslation } from 'react-i18next';
import type { UploadState } from '../../../../shared/contract';
import type { ContentLanguage } from '../../../../shared/languages';
import type { CachedDocument } from '../../data/db';
import { formatBytes } from '../../ui/format';
import { languageName } from '../library/names';
import type { StagedMaterial } from './staging';
import { UploadStatus } from './UploadStatus';

/** The fields of one material in the session editor: what it points to, its title, its language for a file. */
export function MaterialFields({
  material,
  index,
  documents,
  docTitle,
  language,
  languageOptions,
  upload,
  reachable,
  onRetryUpload,
  onChange,
}: {
  material: StagedMaterial;
  index: number;
  documents: readonly CachedDocument[];
  docTitle: (document: CachedDocument) => string;
  /** The session's language: titles and notes are written in it. */
  language: ContentLanguage;
  languageOptions: readonly ContentLanguage[];
  upload: UploadState | undefined;
  reachable: boolean | null;
  onRetryUpload: (sha256: string) => void;
  onChange: (material: StagedMaterial) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('academy');
  const content = material.content;
  return (
    <div className="material-fields">
      <p className="material-kind">
        {t('editor.position', { position: index + 1 })} · {t(`kinds.${content.kind}`)}
      </p>
      {content.kind === 'document' ? (
        <label className="field">
          <span>{t('editor.document')}</span>
          <select
            value={content.documentId}
            onChange={(event) =>
              onChange({ ...material, content: { kind: 'document', documentId: event.target.value } })
            }
          >
            {content.documentId === '' ? <option value="">{t('editor.chooseDocument')}</option> : null}
            {documents.map((document) => (
              <option key={document.id} value={document.id}>
                {docTitle(document)}
                {document.year === null ? '' : ` (${document.year})`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {content.kind === 'link' ? (
        <label className="field">
          <span>{t('editor.url')}</span>
          <input
            type="url"
            value={content.url}
            onChange={(event) => onChange({ ...material, content: { kind: 'link', url: event.target.value } })}
          />
        </label>
      ) : null}
      {content.kind === 'note' ? (
        <label className="field">
          <span>{t('editor.note')}</span>
          <textarea
            rows={4}
            lang={language}
            dir="auto"
            value={content.note}
            onChange={(event) => onChange({ ...material, content: { kind: 'note', note: event.target.value } })}
          />
        </label>
      ) : null}
      {content.kind === 'file' ? (
        <>
          <p className="attached-file">
            <bdi className="file-name" dir="auto">
              {content.fileName}
            </bdi>{' '}
            · {formatBytes(content.size, i18n.language)}
          </p>
          <UploadStatus
            state={upload}
            name={content.fileName}
            reachable={reachable}
            onRetry={() => onRetryUpload(content.sha256)}
          />
          <label className="field">
            <span>{t('editor.fileLanguage')}</span>
            <select
              value={content.language}
              onChange={(event) => {
                const chosen = event.target.value as ContentLanguage;
                onChange({ ...material, content: { ...content, language: chosen, titleLanguage: chosen } });
              }}
            >
              {languageOptions.map((code) => (
                <option key={code} value={code} lang={code}>
                  {languageName(code, i18n.language)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('editor.fileTitle', { language: languageName(content.titleLanguage, i18n.language) })}</span>
            <input
              type="text"
              lang={content.titleLanguage}
              dir="auto"
              value={content.title}
              required
              onChange={(event) => onChange({ ...material, content: { ...content, title: event.target.value } })}
            />
          </label>
        </>
      ) : (
        <label className="field">
          <span>{t('editor.materialTitle')}</span>
          <input
            type="text"
            lang={language}
            dir="auto"
            value={material.title}
            onChange={(event) => onChange({ ...material, title: event.target.value })}
          />
        </label>
      )}
    </div>
  );
}
