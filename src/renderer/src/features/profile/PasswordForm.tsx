import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/wire/people';
import { useApi } from '../../app/api-context';

type State =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'changed'; signedOut: number } | { kind: 'failed'; message: string };

const KNOWN = ['wrong-credentials', 'offline', 'unavailable', 'rate-limited', 'session-expired', 'invalid-arguments'];

/**
 * Changing one's password: a direct call through main to the server (never the
 * outbox), so it needs a connection. It signs out this account's other
 * sessions; this computer stays signed in. The fields are cleared either way.
 */
export function PasswordForm(): React.JSX.Element {
  const { t } = useTranslation('profile');
  const api = useApi();
  const ids = { current: useId(), next: useId(), confirm: useId(), help: useId() };
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });

  const submit = async (event: React.SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (next.length < PASSWORD_MIN_LENGTH) {
      setState({ kind: 'failed', message: t('password.tooShort', { count: PASSWORD_MIN_LENGTH }) });
      return;
    }
    if (next !== confirm) {
      setState({ kind: 'failed', message: t('password.mismatch') });
      return;
    }
    setState({ kind: 'busy' });
    const result = await api.account.changePassword({ currentPassword: current, newPassword: next });
    setCurrent('');
    setNext('');
    setConfirm('');
    if (result.ok) {
      setState({ kind: 'changed', signedOut: result.value.signedOut });
      return;
    }
    const { code, message } = result.error;
    setState({
      kind: 'failed',
      message: KNOWN.includes(code)
        ? t(`password.errors.${code}` as 'password.errors.other')
        : t('password.errors.other', { message }),
    });
  };

  return (
    <form className="field-group" onSubmit={(event) => void submit(event)} aria-labelledby="profile-password-title">
      <h2 id="profile-password-title">{t('password.title')}</h2>
      <p id={ids.help} className="help">
        {t('password.help')}
      </p>
      <label htmlFor={ids.current}>{t('password.current')}</label>
      <input
        id={ids.current}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
      />
      <label htmlFor={ids.next}>{t('password.new')}</label>
      <input
        id={ids.next}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        value={next}
        onChange={(event) => setNext(event.target.value)}
      />
      <label htmlFor={ids.confirm}>{t('password.confirm')}</label>
      <input
        id={ids.confirm}
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(event) => setConfirm(event.target.value)}
      />
      <p className={state.kind === 'failed' ? 'field-error' : 'save-state'} role="status">
        {state.kind === 'busy'
          ? t('password.changing')
          : state.kind === 'changed'
            ? t('password.changed', { count: state.signedOut })
            : state.kind === 'failed'
              ? state.message
              : ''}
      </p>
      <button type="submit" className="button-primary" disabled={state.kind === 'busy'}>
        {t('password.submit')}
      </button>
    </form>
  );
}
