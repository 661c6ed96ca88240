import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_UI_LANGUAGE, UI_LANGUAGES, type UiLanguage } from '../../../shared/languages';
import enAcademy from '../locales/en/academy.json';
import enCommon from '../locales/en/common.json';
import enForum from '../locales/en/forum.json';
import enHome from '../locales/en/home.json';
import enLibrary from '../locales/en/library.json';
import enNews from '../locales/en/news.json';
import enSettings from '../locales/en/settings.json';
import enShell from '../locales/en/shell.json';
import enSignin from '../locales/en/signin.json';
import enSync from '../locales/en/sync.json';
import frAcademy from '../locales/fr/academy.json';
import frCommon from '../locales/fr/common.json';
import frForum from '../locales/fr/forum.json';
import frHome from '../locales/fr/home.json';
import frLibrary from '../locales/fr/library.json';
import frNews from '../locales/fr/news.json';
import frSettings from '../locales/fr/settings.json';
import frShell from '../locales/fr/shell.json';
import frSignin from '../locales/fr/signin.json';
import frSync from '../locales/fr/sync.json';

/** One namespace per feature (features/<name>/ uses its own); `common` for shared words. */
export const resources = {
  en: {
    common: enCommon,
    shell: enShell,
    home: enHome,
    settings: enSettings,
    signin: enSignin,
    forum: enForum,
    library: enLibrary,
    academy: enAcademy,
    news: enNews,
    sync: enSync,
  },
  fr: {
    common: frCommon,
    shell: frShell,
    home: frHome,
    settings: frSettings,
    signin: frSignin,
    forum: frForum,
    library: frLibrary,
    academy: frAcademy,
    news: frNews,
    sync: frSync,
  },
} as const satisfies Record<UiLanguage, Record<string, unknown>>;

export const NAMESPACES = Object.keys(resources.en) as (keyof (typeof resources)['en'])[];

/** One i18next instance per renderer; the language follows the settings. */
export async function createI18n(language: UiLanguage = DEFAULT_UI_LANGUAGE): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_UI_LANGUAGE,
    supportedLngs: [...UI_LANGUAGES],
    ns: [...NAMESPACES],
    defaultNS: 'shell',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
