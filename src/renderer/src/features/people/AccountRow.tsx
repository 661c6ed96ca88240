import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/wire/roles';
import type { Account, AccountUpdateRequest, Invitation } from '../../../../shared/wire/people';
import { useApi } from '../../app/api-context';
import { formatDateTime } from '../../ui/format';
import { peopleError } from './people-errors';

type RowState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'saved'; what: string }
  | { kind: 'signed-out'; sessions: number }
  | { kind: 'failed'; message: string };

/** The role a person is shown with: their highest (roles are cumulative in practice). */
function mainRole(roles: readonly Role[]): Role {
  return [...ROLES].reverse().find((role) => roles.includes(role)) ?? 'participant';
}

/**
 * One account: name, email, state, role, and what an admin may do to it. Each
 * change is a direct call, and its outcome shows on this row.
 */
export function AccountRow({
  account,
  isSelf,
  onChanged,
  onInvitation,
}: {
  account: Account;
  isSelf: boolean;
  onChanged: (account: Account) => void;
  onInvitation: (invitation: Invitation) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('people');
  const api = useApi();
  const roleId = useId();
  const [state, setState] = useState<RowState>({ kind: 'idle' });
  const busy = state.kind === 'busy';

  const update = async (change: AccountUpdateRequest, what: string): Promise<void> => {
    setState({ kind: 'busy' });
    const result = await api.people.update({ userId: account.id, change });
    if (!result.ok) {
      setState({ kind: 'failed', message: peopleError(t, result.error) });
      return;
    }
    onChanged(result.value);
    setState({ kind: 'saved', what });
  };

  // The security work's admin revoke (POST /api/users/:id/sessions/revoke), through main.
  const signOutEverywhere = async (): Promise<void> => {
    setState({ kind: 'busy' });
    const result = await api.session.revokeAccountSessions({ userId: account.id });
    setState(
      result.ok
        ? { kind: 'signed-out', sessions: result.value.revoked }
        : { kind: 'failed', message: peopleError(t, result.error) },
    );
  };

  const reinvite = async (): Promise<void> => {
    setState({ kind: 'busy' });
    const result = await api.people.reinvite({ userId: account.id });
    if (!result.ok) {
      setState({ kind: 'failed', message: peopleError(t, result.error) });
      return;
    }
    onChanged(result.value.account);
    setState({ kind: 'idle' });
    onInvitation(result.value);
  };

  return (
    <li className="account-row" aria-busy={busy}>
      <div className="account-identity">
        <p className="account-name">
          <bdi>{account.displayName}</bdi>
          {isSelf ? <span className="meta"> {t('row.you')}</span> : null}
        </p>
        <p className="meta" translate="no">
          <bdi>{account.email}</bdi>
        </p>
        <p className="meta">
          <span className={`badge account-state-${account.state}`}>{t(`state.${account.state}`)}</span>{' '}
          {account.state === 'invited' && account.invitationExpiresAt !== undefined
            ? t('row.codeExpires', { date: formatDateTime(account.invitationExpiresAt, i18n.language) })
            : account.state === 'invited'
              ? t('row.codeExpired')
              : null}
        </p>
      </div>
      <div className="account-actions">
        <label htmlFor={roleId} className="visually-hidden">
          {t('row.roleOf', { name: account.displayName })}
        </label>
        <select
          id={roleId}
          value={mainRole(account.roles)}
          disabled={busy || isSelf}
          onChange={(event) => void update({ roles: [event.target.value as Role] }, 'role')}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
        {account.state === 'invited' ? (
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void reinvite()}>
            {t('row.newCode')}
          </button>
        ) : null}
        {account.state === 'active' ? (
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void signOutEverywhere()}>
            {t('row.signOut')}
          </button>
        ) : null}
        {account.state === 'disabled' ? (
          <button
            type="button"
            className="button-secondary"
            disabled={busy}
            onClick={() => void update({ disabled: false }, 'enabled')}
          >
            {t('row.enable')}
          </button>
        ) : (
          <button
            type="button"
            className="button-secondary"
            disabled={busy || isSelf}
            onClick={() => void update({ disabled: true }, 'disabled')}
          >
            {t('row.disable')}
          </button>
        )}
      </div>
      <p
        className={state.kind === 'failed' ? 'field-error account-outcome' : 'save-state account-outcome'}
        role="status"
      >
        {state.kind === 'busy'
          ? t('row.saving')
          : state.kind === 'signed-out'
            ? t('row.signedOut', { count: state.sessions })
            : state.kind === 'saved'
              ? t(`row.saved.${state.what}` as 'row.saved.role')
              : state.kind === 'failed'
                ? state.message
                : ''}
      </p>
    </li>
  );
}
