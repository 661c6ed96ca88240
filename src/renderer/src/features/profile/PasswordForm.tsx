import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/wire/people';
import { useApi } from '../../app/api-context';
import { PasswordField } from '../../ui/fields';

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
  const ids = { help: useId() };
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [problem, setProblem] = useState<'short' | 'mismatch' | null>(null);

  const submit = async (event: React.SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    // What is wrong with a new password is said under its field.
    if (next.length < PASSWORD_MIN_LENGTH) {
      setState({ kind: 'idle' });
      setProblem('short');
      return;
    }
    if (next !== confirm) {
      setState({ kind: 'idle' });
      setProblem('mismatch');
      return;
    }
    setProblem(null);
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
      <PasswordField label={t('password.current')} purpose="current" value={current} onChange={setCurrent} />
      <PasswordField
        label={t('password.new')}
        purpose="new"
        minLength={PASSWORD_MIN_LENGTH}
        value={next}
        onChange={setNext}
        error={problem === 'short' ? t('password.tooShort', { count: PASSWORD_MIN_LENGTH }) : null}
      />
      <PasswordField
        label={t('password.confirm')}
        purpose="new"
        value={confirm}
        onChange={setConfirm}
        error={problem === 'mismatch' ? t('password.mismatch') : null}
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
