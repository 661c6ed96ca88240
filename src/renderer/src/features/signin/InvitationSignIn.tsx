import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/result';
import { InvitationCodeSchema, PASSWORD_MIN_LENGTH } from '../../../../shared/wire/people';
import { useApi } from '../../app/api-context';
import { EmailField, PasswordField } from '../../ui/fields';

const KNOWN_ERRORS: readonly ErrorCode[] = [
  'wrong-credentials',
  'offline',
  'unavailable',
  'protocol-mismatch',
  'rate-limited',
];

/**
 * "I have an invitation": the invitee's first sign-in. Their email, the code
 * an admin gave them, and the password they choose (twice). The code and the
 * password go straight to main, and from there to the server; nothing keeps them.
 */
export function InvitationSignIn({
  serverUrl,
  initialCode,
  onBack,
}: {
  serverUrl: string;
  initialCode?: string;
  onBack: () => void;
}): React.JSX.Element {
  const { t } = useTranslation(['signin', 'shell']);
  const api = useApi();
  const ids = { code: useId(), error: useId() };
  const [email, setEmail] = useState('');
  const [code, setCode] = useState(initialCode ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<'short' | 'mismatch' | null>(null);

  const submit = async (event: React.SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!InvitationCodeSchema.safeParse(code).success) {
      setError(t('invitation.errors.code'));
      return;
    }
    // What is wrong with a password is said under its field.
    if (password.length < PASSWORD_MIN_LENGTH) {
      setError(null);
      setProblem('short');
      return;
    }
    if (password !== confirm) {
      setError(null);
      setProblem('mismatch');
      return;
    }
    setProblem(null);
    setBusy(true);
    setError(null);
    const result = await api.account.redeemInvitation({
      email: email.trim(),
      code,
      password,
      serverUrl: serverUrl.trim(),
    });
    setBusy(false);
    // On success main emits session.changed and the app replaces this screen.
    if (result.ok) return;
    setError(
      KNOWN_ERRORS.includes(result.error.code)
        ? t(`invitation.errors.${result.error.code}` as 'invitation.errors.other')
        : t('invitation.errors.other', { message: result.error.message }),
    );
  };

  return (
    <form
      className="signin-card"
      onSubmit={(event) => void submit(event)}
      aria-describedby={error !== null ? ids.error : undefined}
    >
      <div className="brand signin-brand">
        <span className="brand-mark" aria-hidden="true" />
        <div>
          <p className="brand-name">{t('shell:appName')}</p>
          <p className="brand-tagline">{t('shell:tagline')}</p>
        </div>
      </div>
      <h1 tabIndex={-1}>{t('invitation.title')}</h1>
      <p className="signin-intro">{t('invitation.intro')}</p>
      <EmailField label={t('email')} value={email} onChange={setEmail} />
      <label htmlFor={ids.code}>{t('invitation.code')}</label>
      <input
        id={ids.code}
        type="text"
        dir="ltr"
        autoComplete="one-time-code"
        spellCheck={false}
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <PasswordField
        label={t('invitation.password')}
        purpose="new"
        minLength={PASSWORD_MIN_LENGTH}
        value={password}
        onChange={setPassword}
        help={t('invitation.passwordHelp', { count: PASSWORD_MIN_LENGTH })}
        error={problem === 'short' ? t('invitation.errors.short', { count: PASSWORD_MIN_LENGTH }) : null}
      />
      <PasswordField
        label={t('invitation.confirm')}
        purpose="new"
        value={confirm}
        onChange={setConfirm}
        error={problem === 'mismatch' ? t('invitation.errors.mismatch') : null}
      />
      {error !== null ? (
        <p id={ids.error} className="signin-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="signin-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('invitation.submitting') : t('invitation.submit')}
        </button>
        <button type="button" className="link-button" onClick={onBack}>
          {t('invitation.back')}
        </button>
      </div>
    </form>
  );
}
