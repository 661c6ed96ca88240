import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_UI_LANGUAGE, UI_LANGUAGES, type UiLanguage } from '../../../shared/languages';
import enHome from '../locales/en/home.json';
import enSettings from '../locales/en/settings.json';
import enShell from '../locales/en/shell.json';
import frHome from '../locales/fr/home.json';
import frSettings from '../locales/fr/settings.json';
import frShell from '../locales/fr/shell.json';

export const resources = {
  en: { shell: enShell, home: enHome, settings: enSettings },
  fr: { shell: frShell, home: frHome, settings: frSettings },
} as const satisfies Record<UiLanguage, Record<string, unknown>>;

export const NAMESPACES = ['shell', 'home', 'settings'] as const;

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
