import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/wire/roles';
import { InvitationRequestSchema, type Invitation } from '../../../../shared/wire/people';
import { useApi } from '../../app/api-context';
import { peopleError } from './people-errors';

/** Invites someone: their email, the name others will see, and their role. */
export function InviteForm({ onInvited }: { onInvited: (invitation: Invitation) => void }): React.JSX.Element {
  const { t } = useTranslation('people');
  const api = useApi();
  const ids = { email: useId(), name: useId(), role: useId(), error: useId() };
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('participant');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const request = InvitationRequestSchema.safeParse({ email: email.trim(), displayName, roles: [role] });
    if (!request.success) {
      setError(t('errors.invalid-arguments'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api.people.invite(request.data);
    setBusy(false);
    if (!result.ok) {
      setError(peopleError(t, result.error));
      return;
    }
    setEmail('');
    setDisplayName('');
    setRole('participant');
    onInvited(result.value);
  };

  return (
    <form
      className="field-group invite-form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="invite-title"
      aria-describedby={error !== null ? ids.error : undefined}
    >
      <h2 id="invite-title">{t('invite.title')}</h2>
      <p className="help">{t('invite.help')}</p>
      <div className="invite-fields">
        <div>
          <label htmlFor={ids.email}>{t('invite.email')}</label>
          <input
            id={ids.email}
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor={ids.name}>{t('invite.displayName')}</label>
          <input
            id={ids.name}
            type="text"
            required
            dir="auto"
            maxLength={120}
            autoComplete="off"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor={ids.role}>{t('invite.role')}</label>
          <select id={ids.role} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {t(`roles.${option}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error !== null ? (
        <p id={ids.error} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('invite.sending') : t('invite.submit')}
      </button>
    </form>
  );
}
