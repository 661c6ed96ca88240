import { Trans, useTranslation } from 'react-i18next';
import { ISOLATE } from '../../ui/bidi';
import type { SaveState } from './use-save';

/** Where a save stands, where it was asked for: a status line, or an alert when it failed. */
export function SaveStatus({ state, working }: { state: SaveState; working: string }): React.JSX.Element {
  const { t } = useTranslation('export');
  const failed = state.kind === 'failed';
  return (
    // Always in the page, so a screen reader hears each change of the live region.
    <p className={failed ? 'field-error export-status' : 'help export-status'} role={failed ? 'alert' : 'status'}>
      {state.kind === 'working' ? working : null}
      {state.kind === 'saved' ? (
        <Trans t={t} i18nKey="save.saved" values={{ path: state.path }} components={ISOLATE} />
      ) : null}
      {state.kind === 'downloaded' ? (
        <Trans t={t} i18nKey="save.downloaded" values={{ fileName: state.fileName }} components={ISOLATE} />
      ) : null}
      {state.kind === 'cancelled' ? t('save.cancelled') : null}
      {state.kind === 'failed' ? t('save.failed', { message: state.error.message }) : null}
    </p>
  );
}
