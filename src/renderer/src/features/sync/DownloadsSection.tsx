import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { useApi } from '../../app/api-context';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { FileStatusRow } from '../../data/db';
import { formatBytes } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { languageName } from '../library/names';
import { itemOf } from '../library/offline';
import { useFileNames, type FileName } from './file-names';

/** Download failures with words of their own; others show the message main gave. */
const EXPLAINED = new Set(['offline', 'unavailable', 'not-found', 'forbidden', 'hash-mismatch', 'disk-full']);

/**
 * What is downloading, waiting or failed, by document title (a file is known to main only by its hash):
 * progress in bytes, why a download stopped, and what can be done (cancel, retry, open the document).
 * Downloads left unfinished when the app closed continue by themselves at the next start.
 */
export function DownloadsSection({ languages }: { languages: readonly ContentLanguage[] }): React.JSX.Element {
  const { t } = useTranslation('sync');
  const db = useDb();
  const headingId = useId();
  const downloads = useLiveQuery(
    () => db.files.where('status').anyOf('queued', 'downloading', 'verifying', 'failed').toArray(),
    [db],
  );
  const names = useFileNames(downloads?.map((file) => file.sha256) ?? [], languages);
  return (
    <>
      <h2 id={headingId} className="sync-heading">
        {t('downloads')}
      </h2>
      {downloads === undefined ? null : downloads.length === 0 ? (
        <EmptyState title={t('noDownloads')} />
      ) : (
        <ul className="row-list" aria-labelledby={headingId}>
          {downloads.map((file) => (
            <DownloadRow key={file.sha256} file={file} name={names?.get(file.sha256)} />
          ))}
        </ul>
      )}
    </>
  );
}

function DownloadRow({ file, name }: { file: FileStatusRow; name: FileName | undefined }): React.JSX.Element {
  const { t, i18n } = useTranslation('sync');
  const locale = i18n.language;
  const api = useApi();
  const navigate = useUiStore((state) => state.navigate);
  const failed = file.status === 'failed';
  const title = name?.title ?? t('unnamedFile');
  const language = name === undefined ? undefined : languageName(name.variant.language, locale);
  const label = language === undefined ? title : t('fileLabel', { title, language });
  return (
    <li className="download-row">
      <div className="download-name">
        {name === undefined ? (
          <span className="download-title">{title}</span>
        ) : (
          <button
            type="button"
            className="link-button download-title"
            lang={name.titleLanguage}
            dir="auto"
            onClick={() => navigate({ name: 'document', documentId: name.documentId })}
          >
            {title}
          </button>
        )}
        {language === undefined ? null : <span className="meta"> · {language}</span>}
      </div>
      <progress
        max={file.totalBytes || 1}
        value={file.receivedBytes}
        aria-label={t('downloadProgressOf', { name: label })}
      />
      <span className="meta">
        {t(`fileStatus.${file.status}`)} ·{' '}
        {t('bytesOf', {
          received: formatBytes(file.receivedBytes, locale),
          total: formatBytes(file.totalBytes, locale),
        })}
      </span>
      {failed && file.error !== undefined ? (
        <p className="field-error download-error">
          {EXPLAINED.has(file.error.code)
            ? t(`downloadErrors.${file.error.code}`)
            : t('downloadErrors.other', { message: file.error.message })}
        </p>
      ) : null}
      <div className="button-row">
        {failed && name !== undefined ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => void api.files.download({ items: [itemOf(name.variant, `document:${name.documentId}`)] })}
          >
            {t('retryDownload')}
            <span className="visually-hidden"> {label}</span>
          </button>
        ) : null}
        <button
          type="button"
          className="button-secondary"
          onClick={() => void api.files.cancel({ sha256: file.sha256 })}
        >
          {failed ? t('dismissDownload') : t('cancel')}
          <span className="visually-hidden"> {label}</span>
        </button>
      </div>
    </li>
  );
}
