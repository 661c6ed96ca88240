import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { readerContentLanguages, type ContentLanguage } from '../../../shared/languages';
import type { Settings } from '../../../shared/settings';
import { useSession } from './session-context';

/**
 * The reader's ordered content languages, the same on every screen that
 * chooses between languages of content (forum, news, readers' translations):
 * the profile's when signed in and set, else this computer's settings, else
 * the interface language.
 */
export function useContentLanguages(
  settings: Pick<Settings, 'contentLanguages'> | undefined,
): readonly ContentLanguage[] {
  const session = useSession();
  const { i18n } = useTranslation();
  const profile = session.user?.contentLanguages;
  const local = settings?.contentLanguages;
  const ui = i18n.language;
  return useMemo(() => readerContentLanguages(profile, local, ui), [profile, local, ui]);
}
