import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ISOLATE } from '../../ui/bidi';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';

/**
 * An expired session does not lock anyone out of what is cached: the banner
 * asks for the password again, in place, while sync waits and the outbox is kept.
 */
export function SessionBanner(): React.JSX.Element | null {
  const { t } = useTranslation('shell');
  const session = useSession();
  const api = useApi();
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const passwordId = useId();

  if (session.state === 'expired' && session.user !== undefined) {
    const email = session.user.email;
    const submit = async (event: React.SyntheticEvent<HTMLFormElement>): Promise<void> => {
      event.preventDefault();
      const result = await api.session.login({ email, password });
      setFailed(!result.ok);
      if (result.ok) setPassword('');
    };
    return (
      <form className="notice session-expired" role="alert" onSubmit={(event) => void submit(event)}>
        <p>
          <Trans t={t} i18nKey="session.expired" values={{ email }} components={ISOLATE} />
        </p>
        <label htmlFor={passwordId} className="visually-hidden">
          {t('session.password')}
        </label>
        <input
          id={passwordId}
          type="password"
          autoComplete="current-password"
          value={password}
          placeholder={t('session.password')}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={failed}
        />
        <button type="submit" className="button-primary">
          {t('session.signInAgain')}
        </button>
      </form>
    );
  }
  return null;
}
