import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useSession } from '../../app/session-context';
import { useDb } from '../../data/data-context';
import { useQuery } from '../../ui/use-query';
import { ErrorState, LoadingState } from '../../ui/states';
import { ContentLanguagesField, type SaveResult } from '../settings/ContentLanguagesField';
import { DisplayNameForm } from './DisplayNameForm';
import { PasswordForm } from './PasswordForm';
import './profile.css';

/** Everyone's own account: the name others see, content languages, and password. */
export function ProfileScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('profile');
  const session = useSession();
  const db = useDb();
  const user = session.user;
  const [languages, setLanguages] = useState<SaveResult | null>(null);
  // The cached profile carries this user's latest name (a write made here shows at once).
  const profile = useQuery(async () => (user === undefined ? undefined : db.users.get(user.id)), [db, user?.id]);

  return (
    <section className="screen profile-screen" aria-labelledby="profile-title">
      <h1 id="profile-title" tabIndex={-1}>
        {t('title')}
      </h1>
      {user === undefined ? (
        <ErrorState title={t('signedOut')} />
      ) : (
        <>
          <p className="lead">
            {t('lead')} <bdi>{user.email}</bdi>
          </p>
          {profile.status === 'loading' ? (
            <LoadingState label={t('loading')} />
          ) : (
            <DisplayNameForm
              userId={user.id}
              current={profile.status === 'ready' ? (profile.value?.displayName ?? user.displayName) : user.displayName}
            />
          )}
          <ContentLanguagesField settings={settings} onSaved={setLanguages} />
          <p className={languages?.ok === false ? 'field-error' : 'save-state'} role="status">
            {languages === null ? '' : languages.ok ? t('languagesSaved') : languages.message}
          </p>
          <PasswordForm />
        </>
      )}
    </section>
  );
}
