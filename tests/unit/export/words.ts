import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import type { ExportWords } from '../../../src/shared/export/export-words';

/**
 * The words of exported files as the renderer makes them (the `export` namespace through i18next, Intl
 * dates and language names), in plain Node: the formatters are pure, the strings are the real ones.
 */
export async function wordsIn(language: 'en' | 'fr' | 'ar' | 'ko'): Promise<ExportWords> {
  const resources = JSON.parse(
    readFileSync(join(process.cwd(), 'src/renderer/src/locales', language, 'export.json'), 'utf8'),
  ) as Record<string, unknown>;
  const instance = i18next.createInstance();
  await instance.init({
    resources: { [language]: { export: resources } },
    lng: language,
    ns: ['export'],
    defaultNS: 'export',
    interpolation: { escapeValue: false },
  });
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const languages = new Intl.DisplayNames([language], { type: 'language' });
  return {
    t: (key, values = {}) =>
      instance.t(key, typeof values['count'] === 'number' ? { ...values, formatted: String(values['count']) } : values),
    date: (iso) => dates.format(new Date(iso)),
    language: (code) => languages.of(code) ?? code,
    markdown: (body) => body,
  };
}
