import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatInvitationCode, invitationLink, type Invitation } from '../../../../shared/wire/people';
import { ISOLATE } from '../../ui/bidi';
import { formatDateTime } from '../../ui/format';

/**
 * A new invitation's code and link, shown once: the server keeps only its
 * hash, and nothing here stores it. Closing the panel or leaving the screen
 * forgets it; "New code" on the person's row makes another.
 */
export function InvitationPanel({
  invitation,
  onDone,
}: {
  invitation: Invitation;
  onDone: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('people');
  const [copied, setCopied] = useState<'code' | 'link' | 'failed' | null>(null);
  const code = formatInvitationCode(invitation.code);
  const link = invitationLink(invitation.code);

  const copy = async (what: 'code' | 'link', text: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section className="invitation-panel" aria-labelledby="invitation-title">
      <h2 id="invitation-title">{t('invitation.title')}</h2>
      <p>
        <Trans
          t={t}
          i18nKey="invitation.for"
          values={{ name: invitation.account.displayName, email: invitation.account.email }}
          components={ISOLATE}
        />
      </p>
      <p className="invitation-code" translate="no">
        <span className="visually-hidden">{t('invitation.codeLabel')} </span>
        <bdi dir="ltr">{code}</bdi>
      </p>
      <p className="invitation-link" translate="no">
        <bdi>{link}</bdi>
      </p>
      <div className="invitation-actions">
        <button type="button" className="button-primary" onClick={() => void copy('code', code)}>
          {t('invitation.copyCode')}
        </button>
        <button type="button" className="button-secondary" onClick={() => void copy('link', link)}>
          {t('invitation.copyLink')}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          {t('invitation.done')}
        </button>
      </div>
      <p className="save-state" role="status">
        {copied === 'failed' ? t('invitation.copyFailed') : copied !== null ? t(`invitation.copied.${copied}`) : ''}
      </p>
      <p className="help">{t('invitation.once', { date: formatDateTime(invitation.expiresAt, i18n.language) })}</p>
    </section>
  );
}
