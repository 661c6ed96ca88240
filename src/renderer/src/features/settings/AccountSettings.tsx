import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { ISOLATE, isolateText } from '../../ui/bidi';
import { ConfirmDialog } from '../forum/ConfirmDialog';

/**
 * Who is signed in, to which server; signing out here, or everywhere (every
 * computer with a session of this account, a lost laptop included).
 */
export function AccountSettings(): React.JSX.Element | null {
  const { t } = useTranslation(['settings', 'shell']);
  const api = useApi();
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const user = session.user;
  if (user === undefined) return null;

  const signOutEverywhere = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    setFailure(null);
    const result = await api.session.signOutEverywhere();
    setBusy(false);
    // On success main emits session.changed and the sign-in screen replaces this one.
    if (!result.ok) setFailure(result.error.message);
  };

  return (
    <fieldset className="field-group">
      <legend>{t('account.legend')}</legend>
      <p>
        <Trans
          t={t}
          i18nKey="account.signedInAs"
          values={{ name: user.displayName, email: user.email }}
          components={ISOLATE}
        />
      </p>
      <p className="help">{t('account.server', { server: isolateText(session.serverUrl) })}</p>
      {!session.secretsEncrypted ? (
        <p className="notice notice-quiet" role="note">
          {t('shell:session.plainTextStorage')}
        </p>
      ) : null}
      <div className="choice-row">
        <button type="button" className="button-secondary" onClick={() => void api.session.logout()}>
          {t('account.signOut')}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => setConfirming(true)}>
          {t('account.signOutEverywhere')}
        </button>
      </div>
      <p className="help">{t('account.everywhereHelp')}</p>
      {failure !== null ? (
        <p className="field-error" role="alert">
          {t('account.everywhereFailed', { message: failure })}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('account.everywhereTitle')}
          body={t('account.everywhereBody', { email: isolateText(user.email) })}
          confirmLabel={t('account.everywhereConfirm')}
          cancelLabel={t('server.cancel')}
          onConfirm={() => void signOutEverywhere()}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </fieldset>
  );
}
