import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/contract';
import type { NavTarget } from '../../../../shared/desktop';
import type { ErrorCode } from '../../../../shared/result';
import { isInsecureServerUrl, type Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { EmailField, PasswordField } from '../../ui/fields';
import { InsecureConnectionOption } from '../settings/InsecureConnectionOption';
import { holdNavigation } from '../desktop/held-navigation';
import { HostBadge } from '../shell/HostBadge';
import { InsecureConnectionHint } from '../shell/InsecureConnectionHint';
import { InvitationSignIn } from './InvitationSignIn';
import './signin.css';

const KNOWN_ERRORS: readonly ErrorCode[] = [
  'wrong-credentials',
  'offline',
  'unavailable',
  'protocol-mismatch',
  'rate-limited',
  'invalid-arguments',
  'insecure-server',
];

type Failure = { code: ErrorCode; message: string };

export function SignInScreen({ info, settings }: { info: AppInfo; settings: Settings }): React.JSX.Element {
  const { t } = useTranslation(['signin', 'shell']);
  const api = useApi();
  const ids = { server: useId(), serverHelp: useId(), error: useId() };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [serverUrl, setServerUrl] = useState(settings.serverUrl);
  const [allowInsecure, setAllowInsecure] = useState(settings.allowInsecureHttp === true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  // Offered only where it matters: a plain http:// address of another computer (or one already allowed).
  const insecureAddress = isInsecureServerUrl(serverUrl.trim());
  const [invited, setInvited] = useState(false);
  const [invitationCode, setInvitationCode] = useState<string | undefined>(undefined);

  // An invitation link (collective-brain://invitation/<code>) that launched the app, or came while this
  // screen shows: it opens "I have an invitation" with the code filled in.
  useEffect(() => {
    let live = true;
    const open = (target: NavTarget | null): void => {
      if (!live || target?.screen !== 'invitation') return;
      setInvitationCode(target.code);
      setInvited(true);
    };
    void api.shell.takeNavigation().then((result) => {
      const target = result.ok ? result.value : null;
      // Anything else (a thread link that launched the app) opens once signed in.
      if (target !== null && target.screen !== 'invitation') holdNavigation(target);
      open(target);
    });
    const off = api.on('shell.navigate', (target) => {
      open(target);
      if (target.screen === 'invitation') void api.shell.takeNavigation();
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const submit = async (event: React.SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    if (insecureAddress && !allowInsecure) {
      setBusy(false);
      setFailure({ code: 'insecure-server', message: '' });
      return;
    }
    if (allowInsecure !== (settings.allowInsecureHttp === true)) {
      // The address and the choice together: each alone could be refused for the other.
      const saved = await api.settings.set({ allowInsecureHttp: allowInsecure, serverUrl: serverUrl.trim() });
      if (!saved.ok) {
        setBusy(false);
        setFailure(saved.error);
        return;
      }
    }
    const result = await api.session.login({ email: email.trim(), password, serverUrl: serverUrl.trim() });
    setBusy(false);
    // On success main emits session.changed and the app replaces this screen.
    if (!result.ok) setFailure(result.error);
  };

  const errorText =
    failure === null
      ? null
      : KNOWN_ERRORS.includes(failure.code)
        ? t(`errors.${failure.code}`)
        : t('errors.other', { message: failure.message });

  return (
    <div className="signin-page">
      <main id="main" className="signin-main">
        {invited ? (
          <InvitationSignIn
            key={invitationCode ?? ''}
            serverUrl={serverUrl}
            {...(invitationCode !== undefined ? { initialCode: invitationCode } : {})}
            onBack={() => setInvited(false)}
          />
        ) : (
          <form
            className="signin-card"
            onSubmit={(event) => void submit(event)}
            aria-describedby={errorText ? ids.error : undefined}
          >
            <div className="brand signin-brand">
              <span className="brand-mark" aria-hidden="true" />
              <div>
                <p className="brand-name">{t('shell:appName')}</p>
                <p className="brand-tagline">{t('shell:tagline')}</p>
              </div>
            </div>
            <h1 tabIndex={-1}>{t('title')}</h1>
            <p className="signin-intro">{t('intro')}</p>
            <InsecureConnectionHint serverUrl={settings.serverUrl} />
            <EmailField label={t('email')} value={email} onChange={setEmail} />
            <PasswordField label={t('password')} purpose="current" value={password} onChange={setPassword} />
            <label htmlFor={ids.server}>{t('server')}</label>
            <input
              id={ids.server}
              type="url"
              inputMode="url"
              spellCheck={false}
              required
              value={serverUrl}
              aria-describedby={ids.serverHelp}
              onChange={(event) => setServerUrl(event.target.value)}
            />
            <p id={ids.serverHelp} className="help">
              {t('serverHelp')}
            </p>
            {insecureAddress || allowInsecure ? (
              <InsecureConnectionOption checked={allowInsecure} onChange={setAllowInsecure} />
            ) : null}
            {errorText !== null ? (
              <p id={ids.error} className="signin-error" role="alert">
                {errorText}
              </p>
            ) : null}
            {/* Side by side, so the card still fits a 1024×640 window. */}
            <div className="signin-actions">
              <button type="submit" className="button-primary" disabled={busy}>
                {busy ? t('submitting') : t('submit')}
              </button>
              <button type="button" className="link-button" onClick={() => setInvited(true)}>
                {t('invitation.have')}
              </button>
            </div>
            <p className="help signin-demo">{t('demoHint')}</p>
          </form>
        )}
        <HostBadge info={info} />
      </main>
    </div>
  );
}
