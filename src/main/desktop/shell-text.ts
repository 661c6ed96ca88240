/// <reference types="vite/client" />
/**
 * The words of the desktop shell itself (menus, tray, dialogs, system
 * notifications), in the user's interface language. They live with every
 * other translation, as the `desktop` namespace under the renderer's locales,
 * so translators and the parity test see one tree; main reads those JSON
 * files as data at build time (no renderer code is imported).
 */
import i18next, { type i18n, type Resource, type ResourceKey, type TOptions } from 'i18next';
import { DEFAULT_UI_LANGUAGE, UI_LANGUAGES, type UiLanguage } from '../../shared/languages';

const files = import.meta.glob<ResourceKey>('../../renderer/src/locales/*/desktop.json', {
  eager: true,
  import: 'default',
});

function collect(): Resource {
  const resources: Resource = {};
  for (const [path, content] of Object.entries(files)) {
    const language = /\/locales\/([^/]+)\/desktop\.json$/u.exec(path)?.[1];
    if (language !== undefined && (UI_LANGUAGES as readonly string[]).includes(language)) {
      resources[language] = { desktop: content };
    }
  }
  return resources;
}

const resources = collect();

export interface ShellText {
  readonly language: UiLanguage;
  t(key: string, options?: TOptions): string;
  /** A count, written the way the language writes numbers. */
  count(value: number): string;
  percent(fraction: number): string;
}

/** A translator for one language; a new one is made when the user changes it. */
export function shellText(language: UiLanguage): ShellText {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_UI_LANGUAGE,
    ns: ['desktop'],
    defaultNS: 'desktop',
    interpolation: { escapeValue: false },
    returnNull: false,
    // The resources are in memory: initialise synchronously, so the first menu is translated.
    initAsync: false,
  });
  // Arabic with Latin digits, as the window writes it (see the renderer's intlLocale): one way on screen and in the tray.
  const locale = language === 'ar' ? 'ar-u-nu-latn' : language;
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return {
    language,
    t: (key, options) => instance.t(key, options ?? {}),
    count: (value) => numbers.format(value),
    percent: (fraction) => percents.format(Math.min(1, Math.max(0, fraction))),
  };
}
