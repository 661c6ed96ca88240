import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadState } from '../../../../shared/contract';
import type { AppErrorValue } from '../../../../shared/result';
import { MAX_UPLOAD_BYTES } from '../../../../shared/uploads';
import { useApi } from '../../app/api-context';
import { formatBytes } from '../../ui/format';
import { sendFile } from './send-file';
import { percentOf, uploadErrorText } from './upload-text';

interface Pending {
  readonly key: number;
  readonly file: File;
  readBytes: number;
  error?: AppErrorValue;
}

/**
 * "Attach files": a real file input (labelled, keyboard reachable, several
 * files at once). Each file is handed to the app in chunks with its progress
 * shown; once the app holds it, it becomes a staged material.
 */
export function AttachFiles({ onAttached }: { onAttached: (state: UploadState) => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('academy');
  const api = useApi();
  const id = useId();
  const [pending, setPending] = useState<readonly Pending[]>([]);
  const next = useRef(0);
  // Files go one after the other: a steady stream of chunks, not all of them at once.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const patch = (key: number, change: Partial<Pending> | null): void =>
    setPending((rows) =>
      change === null
        ? rows.filter((row) => row.key !== key)
        : rows.map((row) => (row.key === key ? { ...row, ...change } : row)),
    );

  const send = (row: Pending): void => {
    queue.current = queue.current.then(async () => {
      patch(row.key, { readBytes: 0, error: undefined });
      const result = await sendFile(api, row.file, (readBytes) => patch(row.key, { readBytes }));
      if (result.ok) {
        patch(row.key, null);
        onAttached(result.value);
      } else {
        patch(row.key, { error: result.error });
      }
    });
  };

  const pick = (files: FileList | null): void => {
    const rows = [...(files ?? [])].map((file) => {
      next.current += 1;
      return { key: next.current, file, readBytes: 0 };
    });
    setPending((current) => [...current, ...rows]);
    for (const row of rows) send(row);
  };

  return (
    <div className="attach-files">
      <label className="field">
        <span>{t('editor.attach.label')}</span>
        <input
          type="file"
          multiple
          aria-describedby={`${id}-help`}
          onChange={(event) => {
            pick(event.currentTarget.files);
            // The same file can be picked again (after removing it, say).
            event.currentTarget.value = '';
          }}
        />
      </label>
      <p id={`${id}-help`} className="help">
        {t('editor.attach.help', { max: formatBytes(MAX_UPLOAD_BYTES, i18n.language) })}
      </p>
      {pending.length === 0 ? null : (
        <ul className="attach-pending">
          {pending.map((row) => (
            <li key={row.key}>
              <bdi className="file-name" dir="auto">
                {row.file.name}
              </bdi>
              {row.error === undefined ? (
                <>
                  <progress
                    max={Math.max(row.file.size, 1)}
                    value={row.readBytes}
                    aria-label={t('editor.attach.readingLabel', { name: row.file.name })}
                  />
                  <span role="status">
                    {t('editor.attach.reading', { percent: percentOf(row.readBytes, row.file.size) })}
                  </span>
                </>
              ) : (
                <>
                  <p className="field-error" role="alert">
                    {t('editor.attach.failed', { reason: uploadErrorText(t, row.error, i18n.language) })}
                  </p>
                  <div className="button-row">
                    <button type="button" className="button-secondary" onClick={() => send(row)}>
                      {t('editor.attach.retry')}
                      <span className="visually-hidden"> {row.file.name}</span>
                    </button>
                    <button type="button" className="button-secondary" onClick={() => patch(row.key, null)}>
                      {t('editor.attach.dismiss')}
                      <span className="visually-hidden"> {row.file.name}</span>
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
