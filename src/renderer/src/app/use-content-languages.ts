import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../shared/languages';
import type { Settings } from '../../../shared/settings';
import { useDb } from '../data/data-context';
import { useReaderLanguages } from '../data/profile-languages';
import { useSession } from './session-context';

/**
 * The reader's ordered content languages: ONE list, the same on every screen
 * that chooses between languages of content (forum, library, Academy, news,
 * readers' translations, search ranking) and the one Settings shows and edits.
 * Signed in, it is the user's profile (their latest change first, from the
 * outbox, so a change applies everywhere at once, offline too), else this
 * computer's settings, else the interface language.
 */
export function useContentLanguages(
  settings: Pick<Settings, 'contentLanguages'> | undefined,
): readonly ContentLanguage[] {
  const session = useSession();
  const { i18n } = useTranslation();
  return useReaderLanguages(
    useDb(),
    session.user?.id,
    session.user?.contentLanguages,
    settings?.contentLanguages,
    i18n.language,
  );
}
