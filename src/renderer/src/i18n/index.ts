import i18next, { type i18n, type Resource, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_UI_LANGUAGE, UI_LANGUAGES, type UiLanguage } from '../../../shared/languages';

/**
 * Every locales/<language>/<namespace>.json, bundled at build time. One
 * namespace per feature (features/<name>/ uses its own); `common` for shared
 * words. A new language or namespace is a new file: tests/unit/i18n-parity
 * checks that every UI language has exactly English's keys and plural forms.
 */
const files = import.meta.glob<ResourceKey>('../locales/*/*.json', { eager: true, import: 'default' });

function collect(): Resource {
  const collected: Resource = {};
  for (const [path, content] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/u.exec(path);
    const language = match?.[1];
    const namespace = match?.[2];
    if (language === undefined || namespace === undefined) continue;
    if (!(UI_LANGUAGES as readonly string[]).includes(language)) continue;
    collected[language] = { ...collected[language], [namespace]: content };
  }
  return collected;
}

export const resources: Resource = collect();

export const NAMESPACES: readonly string[] = Object.keys(resources[DEFAULT_UI_LANGUAGE] ?? {}).sort();

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
