import { useTranslation } from 'react-i18next';
import type { UploadState } from '../../../../shared/contract';
import { percentOf, uploadErrorText } from './upload-text';

/** Where an attached file stands on its way to the server, with a retry when it failed. */
export function UploadStatus({
  state,
  name,
  reachable,
  onRetry,
}: {
  state: UploadState | undefined;
  name: string;
  reachable: boolean | null;
  onRetry: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('academy');
  if (state?.status === 'failed') {
    return (
      <div className="upload-status upload-failed">
        <p className="field-error" role="alert">
          {t('editor.upload.failed', { reason: uploadErrorText(t, state.error, i18n.language) })}
        </p>
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t('editor.upload.retry')}
          <span className="visually-hidden"> {name}</span>
        </button>
      </div>
    );
  }
  if (state?.status === 'uploading') {
    const percent = percentOf(state.sentBytes, state.size);
    return (
      <div className="upload-status">
        <progress
          max={Math.max(state.size, 1)}
          value={state.sentBytes}
          aria-label={t('editor.upload.progressLabel', { name })}
        />
        <span role="status">{t('editor.upload.uploading', { percent })}</span>
      </div>
    );
  }
  let text: string;
  if (state === undefined) text = t('editor.upload.stored');
  else if (state.status === 'uploaded') text = t('editor.upload.uploaded');
  else if (state.error?.code === 'signed-out' || state.error?.code === 'session-expired') {
    text = t('editor.upload.queuedSignIn');
  } else if (reachable === false || state.error?.code === 'offline') text = t('editor.upload.queuedOffline');
  else text = t('editor.upload.queued');
  return (
    <p className="upload-status help" role="status">
      {text}
    </p>
  );
}
